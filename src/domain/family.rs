//! Family links between people on file: who a relative is to a person (配偶, 父亲, …),
//! seen from either side, and whether the link is the one a survivor (遗属) or a
//! serviceman's family member (军属) is entitled through.
//!
//! A link is stored once, as "the relative is the person's `relation`", and read from the
//! other side through [`Relation::inverse`]: when A's 父亲 is B, B's profile shows A as 子女.
//! DOMAIN.md keeps survivors and dependants on file, so both ends are always people on file.
use crate::domain::id_number::Gender;
use serde::{Deserialize, Serialize};

/// Who the relative is to the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Relation {
    Spouse,
    Father,
    Mother,
    /// 父亲或母亲: the inverse of 子女 when the parent's gender is not on file.
    Parent,
    Child,
    Sibling,
    Other,
}

/// The relations an officer chooses from (父母 only arises as an inverse).
pub const CHOICES: [Relation; 6] = [
    Relation::Spouse,
    Relation::Father,
    Relation::Mother,
    Relation::Child,
    Relation::Sibling,
    Relation::Other,
];

impl Relation {
    /// The word stored in the database and written in rosters and exports.
    pub fn word(self) -> &'static str {
        match self {
            Relation::Spouse => "配偶",
            Relation::Father => "父亲",
            Relation::Mother => "母亲",
            Relation::Parent => "父母",
            Relation::Child => "子女",
            Relation::Sibling => "兄弟姐妹",
            Relation::Other => "其他",
        }
    }

    /// The catalog key of the relation's name on screen.
    pub fn key(self) -> &'static str {
        match self {
            Relation::Spouse => "family.relation.spouse",
            Relation::Father => "family.relation.father",
            Relation::Mother => "family.relation.mother",
            Relation::Parent => "family.relation.parent",
            Relation::Child => "family.relation.child",
            Relation::Sibling => "family.relation.sibling",
            Relation::Other => "family.relation.other",
        }
    }

    /// Reads a relation as rosters write it: the six words, their English names and the
    /// everyday words for them (妻子, 儿子, 姐姐, …).
    pub fn parse(text: &str) -> Option<Relation> {
        let t = text.trim().to_lowercase();
        Some(match t.as_str() {
            "配偶" | "夫妻" | "丈夫" | "妻子" | "夫" | "妻" | "爱人" | "spouse" | "husband"
            | "wife" => Relation::Spouse,
            "父亲" | "父" | "爸爸" | "father" => Relation::Father,
            "母亲" | "母" | "妈妈" | "mother" => Relation::Mother,
            "父母" | "parent" => Relation::Parent,
            "子女" | "儿子" | "女儿" | "子" | "女" | "child" | "son" | "daughter" => {
                Relation::Child
            }
            "兄弟姐妹" | "兄弟" | "姐妹" | "哥哥" | "弟弟" | "姐姐" | "妹妹" | "兄" | "弟"
            | "姐" | "妹" | "sibling" | "brother" | "sister" => Relation::Sibling,
            "其他" | "其它" | "other" => Relation::Other,
            _ => return None,
        })
    }

    /// The relation seen from the other side: the relative is the person's `self`, so the
    /// person is the relative's `inverse(person's gender)`. Only 子女 needs the gender
    /// (父亲 or 母亲); without it the answer is 父母.
    pub fn inverse(self, person_gender: Option<Gender>) -> Relation {
        match self {
            Relation::Spouse => Relation::Spouse,
            Relation::Father | Relation::Mother | Relation::Parent => Relation::Child,
            Relation::Child => match person_gender {
                Some(Gender::Male) => Relation::Father,
                Some(Gender::Female) => Relation::Mother,
                None => Relation::Parent,
            },
            Relation::Sibling => Relation::Sibling,
            Relation::Other => Relation::Other,
        }
    }

    /// Whether a relative of this gender can be this relation (a father is not a woman).
    pub fn fits(self, relative_gender: Option<Gender>) -> bool {
        !matches!(
            (self, relative_gender),
            (Relation::Father, Some(Gender::Female)) | (Relation::Mother, Some(Gender::Male))
        )
    }
}

/// Whether one side of a link is a martyr or serviceman whom the other side is entitled
/// through, said from the person's side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Basis {
    /// A plain family link.
    #[default]
    None,
    /// The person is a survivor (遗属) of the relative, a martyr or a serviceman who died.
    SurvivorOf,
    /// The person is a family member (军属) of the relative, a serviceman.
    FamilyOf,
    /// The relative is the person's survivor: the person is the martyr.
    SurvivorIs,
    /// The relative is the person's family member: the person is the serviceman.
    FamilyIs,
}

/// The bases an officer chooses from, in the order the form cycles them.
pub const BASES: [Basis; 5] = [
    Basis::None,
    Basis::SurvivorOf,
    Basis::FamilyOf,
    Basis::SurvivorIs,
    Basis::FamilyIs,
];

impl Basis {
    /// The same fact said from the relative's side.
    pub fn flipped(self) -> Basis {
        match self {
            Basis::None => Basis::None,
            Basis::SurvivorOf => Basis::SurvivorIs,
            Basis::FamilyOf => Basis::FamilyIs,
            Basis::SurvivorIs => Basis::SurvivorOf,
            Basis::FamilyIs => Basis::FamilyOf,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Basis::None => "",
            Basis::SurvivorOf => "survivor_of",
            Basis::FamilyOf => "family_of",
            Basis::SurvivorIs => "survivor_is",
            Basis::FamilyIs => "family_is",
        }
    }

    /// The catalog key of the basis on screen (said of the person whose profile it is).
    pub fn key(self) -> &'static str {
        match self {
            Basis::None => "family.basis.none",
            Basis::SurvivorOf => "family.basis.survivor_of",
            Basis::FamilyOf => "family.basis.family_of",
            Basis::SurvivorIs => "family.basis.survivor_is",
            Basis::FamilyIs => "family.basis.family_is",
        }
    }

    /// Reads a roster's basis cell: 遗属 and 军属 say the row's person is the survivor or
    /// the family member of the relative named beside; 烈士 and 军人 that the row's person
    /// is the martyr or serviceman (the relative their survivor or family member).
    pub fn parse(text: &str) -> Option<Basis> {
        BASES
            .iter()
            .copied()
            .find(|b| b.word() == text.trim())
            .or(match text.trim() {
                "-" | "无" => Some(Basis::None),
                "烈士遗属" | "survivor" => Some(Basis::SurvivorOf),
                "军人家属" | "家属" | "family" => Some(Basis::FamilyOf),
                _ => None,
            })
    }

    /// The word a roster and an export write for the basis ([`Basis::parse`] reads it).
    pub fn word(self) -> &'static str {
        match self {
            Basis::None => "",
            Basis::SurvivorOf => "遗属",
            Basis::FamilyOf => "军属",
            Basis::SurvivorIs => "烈士",
            Basis::FamilyIs => "军人",
        }
    }
}

/// What a link says, from one side: the relative is the person's `relation`, on `basis`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Kinship {
    pub relation: Relation,
    pub basis: Basis,
}

impl Kinship {
    pub fn new(relation: Relation, basis: Basis) -> Kinship {
        Kinship { relation, basis }
    }

    /// The same link said from the relative's side (`person_gender` is the gender of the
    /// person this kinship was said from).
    pub fn inverse(self, person_gender: Option<Gender>) -> Kinship {
        Kinship {
            relation: self.relation.inverse(person_gender),
            basis: self.basis.flipped(),
        }
    }

    /// The text kept in `family_links.relation`: the relation's word, then `|` and the
    /// basis when there is one (`父亲|survivor_of`). One column holds both, so links need
    /// no new column and earlier rows (a bare word) still read.
    pub fn encode(self) -> String {
        match self.basis {
            Basis::None => self.relation.word().to_string(),
            b => format!("{}|{}", self.relation.word(), b.code()),
        }
    }

    /// Reads [`Kinship::encode`]'s text; a word this program does not know reads as 其他.
    pub fn decode(text: &str) -> Kinship {
        let (word, code) = text.split_once('|').unwrap_or((text, ""));
        let basis = BASES
            .iter()
            .copied()
            .find(|b| b.code() == code)
            .unwrap_or_default();
        Kinship {
            relation: Relation::parse(word).unwrap_or(Relation::Other),
            basis,
        }
    }

    /// `父亲` or `父亲（遗属）`-like text for audit summaries and exports, in Chinese as the
    /// record is kept.
    pub fn summary(self) -> String {
        match self.basis {
            Basis::None => self.relation.word().to_string(),
            b => format!("{}/{}", self.relation.word(), b.code()),
        }
    }
}

/// Why a link cannot be made as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRefusal {
    /// A person cannot be their own relative.
    SelfLink,
    /// The two are already linked (change that link instead).
    Exists,
    /// The relative's gender on file contradicts the relation (a woman as 父亲).
    GenderMismatch,
    /// The link to change or remove is no longer what the screen showed (another desk
    /// changed it).
    Stale,
}

impl LinkRefusal {
    /// The catalog key of the reason.
    pub fn key(self) -> &'static str {
        match self {
            LinkRefusal::SelfLink => "family.refused.self",
            LinkRefusal::Exists => "family.refused.exists",
            LinkRefusal::GenderMismatch => "family.refused.gender",
            LinkRefusal::Stale => "family.refused.stale",
        }
    }
}

/// Checks a new or changed link before it is written.
pub fn check(
    person_id: i64,
    relative_id: i64,
    relation: Relation,
    relative_gender: Option<Gender>,
) -> Result<(), LinkRefusal> {
    if person_id == relative_id {
        return Err(LinkRefusal::SelfLink);
    }
    if !relation.fits(relative_gender) {
        return Err(LinkRefusal::GenderMismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parent_seen_from_the_child_and_back_is_gender_aware() {
        // B is A's 父亲 ⇒ A is B's 子女.
        assert_eq!(
            Relation::Father.inverse(Some(Gender::Male)),
            Relation::Child
        );
        assert_eq!(
            Relation::Mother.inverse(Some(Gender::Female)),
            Relation::Child
        );
        // B is A's 子女 ⇒ A is B's 父亲 or 母亲, by A's gender.
        assert_eq!(
            Relation::Child.inverse(Some(Gender::Male)),
            Relation::Father
        );
        assert_eq!(
            Relation::Child.inverse(Some(Gender::Female)),
            Relation::Mother
        );
        assert_eq!(Relation::Child.inverse(None), Relation::Parent);
        assert_eq!(Relation::Spouse.inverse(None), Relation::Spouse);
        assert_eq!(Relation::Sibling.inverse(None), Relation::Sibling);
    }

    #[test]
    fn kinship_round_trips_through_its_stored_text_and_flips_its_basis() {
        for relation in CHOICES {
            for basis in BASES {
                let k = Kinship::new(relation, basis);
                assert_eq!(Kinship::decode(&k.encode()), k);
            }
        }
        assert_eq!(
            Kinship::decode("配偶"),
            Kinship::new(Relation::Spouse, Basis::None)
        );
        let widow = Kinship::new(Relation::Spouse, Basis::SurvivorOf);
        assert_eq!(widow.inverse(Some(Gender::Female)).basis, Basis::SurvivorIs);
    }

    #[test]
    fn rosters_everyday_words_are_read() {
        assert_eq!(Relation::parse("妻子"), Some(Relation::Spouse));
        assert_eq!(Relation::parse(" 儿子 "), Some(Relation::Child));
        assert_eq!(Relation::parse("姐姐"), Some(Relation::Sibling));
        assert_eq!(Relation::parse("邻居"), None);
        assert_eq!(Basis::parse("遗属"), Some(Basis::SurvivorOf));
    }

    #[test]
    fn a_woman_is_not_a_father_and_nobody_is_their_own_relative() {
        assert_eq!(
            check(1, 2, Relation::Father, Some(Gender::Female)),
            Err(LinkRefusal::GenderMismatch)
        );
        assert_eq!(
            check(1, 1, Relation::Spouse, None),
            Err(LinkRefusal::SelfLink)
        );
        assert_eq!(check(1, 2, Relation::Mother, None), Ok(()));
    }
}
