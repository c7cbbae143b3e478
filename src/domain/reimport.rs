//! What a roster row does to a record already on file.
//!
//! A roster is often a partial list (only name, ID number and category, say) or has empty
//! cells where the officer did not know the answer. Neither may erase what the record holds:
//! a field is taken from the row only when the row gives it (its column is in the file and
//! its cell is not empty, or the officer asked for empty cells to clear). A different name,
//! gender or birth date for the same ID number is more likely a mistake in the file than a
//! correction, so such changes are singled out for the officer to confirm.
use super::person::{Field, Person};

/// Every person field, in the order of the roster template.
pub const ALL_FIELDS: [Field; 24] = [
    Field::Name,
    Field::IdNumber,
    Field::Gender,
    Field::BirthDate,
    Field::Ethnicity,
    Field::Phone,
    Field::Category,
    Field::EnlistDate,
    Field::DischargeDate,
    Field::Town,
    Field::Village,
    Field::Address,
    Field::PoliticalStatus,
    Field::Notes,
    Field::Hukou,
    Field::Branch,
    Field::Unit,
    Field::Rank,
    Field::DisabilityGrade,
    Field::DisabilityNature,
    Field::Awards,
    Field::Employment,
    Field::Hardship,
    Field::KeyPerson,
];

/// A set of person fields.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct FieldSet(u32);

impl FieldSet {
    pub const EMPTY: FieldSet = FieldSet(0);

    pub const fn of(fields: &[Field]) -> FieldSet {
        let mut bits = 0;
        let mut i = 0;
        while i < fields.len() {
            bits |= 1 << fields[i] as u32;
            i += 1;
        }
        FieldSet(bits)
    }

    pub fn insert(&mut self, field: Field) {
        self.0 |= 1 << field as u32;
    }

    pub fn contains(self, field: Field) -> bool {
        self.0 & (1 << field as u32) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn intersection(self, other: FieldSet) -> FieldSet {
        FieldSet(self.0 & other.0)
    }

    /// The fields of the set, in template order.
    pub fn iter(self) -> impl Iterator<Item = Field> {
        ALL_FIELDS.into_iter().filter(move |f| self.contains(*f))
    }
}

/// The fields that say who a person is; a change to one of them needs the officer's word.
pub const IDENTITY: FieldSet = FieldSet::of(&[Field::Name, Field::Gender, Field::BirthDate]);

/// Whether two records differ in one field.
pub fn differs(a: &Person, b: &Person, field: Field) -> bool {
    match field {
        Field::Name => a.name != b.name,
        Field::IdNumber => a.id_number != b.id_number,
        Field::Gender => a.gender != b.gender,
        Field::BirthDate => a.birth_date != b.birth_date,
        Field::Ethnicity => a.ethnicity != b.ethnicity,
        Field::Phone => a.phone != b.phone,
        Field::Category => a.categories != b.categories,
        Field::EnlistDate => a.enlist_date != b.enlist_date,
        Field::DischargeDate => a.discharge_date != b.discharge_date,
        Field::Hukou => a.hukou != b.hukou,
        Field::Town => a.town != b.town,
        Field::Village => a.village != b.village,
        Field::Address => a.address != b.address,
        Field::PoliticalStatus => a.political_status != b.political_status,
        Field::Branch => a.branch != b.branch,
        Field::Unit => a.unit != b.unit,
        Field::Rank => a.rank != b.rank,
        Field::DisabilityGrade => a.disability_grade != b.disability_grade,
        Field::DisabilityNature => a.disability_nature != b.disability_nature,
        Field::Awards => a.awards != b.awards,
        Field::Employment => a.employment != b.employment,
        Field::Hardship => a.hardship != b.hardship,
        Field::KeyPerson => a.key_person != b.key_person,
        Field::Notes => a.notes != b.notes,
    }
}

/// Copies one field from `src` into `dst`.
pub fn copy_field(dst: &mut Person, src: &Person, field: Field) {
    match field {
        Field::Name => dst.name.clone_from(&src.name),
        Field::IdNumber => dst.id_number.clone_from(&src.id_number),
        Field::Gender => dst.gender = src.gender,
        Field::BirthDate => dst.birth_date = src.birth_date,
        Field::Ethnicity => dst.ethnicity.clone_from(&src.ethnicity),
        Field::Phone => dst.phone.clone_from(&src.phone),
        Field::Category => dst.categories.clone_from(&src.categories),
        Field::EnlistDate => dst.enlist_date.clone_from(&src.enlist_date),
        Field::DischargeDate => dst.discharge_date.clone_from(&src.discharge_date),
        Field::Hukou => dst.hukou.clone_from(&src.hukou),
        Field::Town => dst.town.clone_from(&src.town),
        Field::Village => dst.village.clone_from(&src.village),
        Field::Address => dst.address.clone_from(&src.address),
        Field::PoliticalStatus => dst.political_status.clone_from(&src.political_status),
        Field::Branch => dst.branch.clone_from(&src.branch),
        Field::Unit => dst.unit.clone_from(&src.unit),
        Field::Rank => dst.rank.clone_from(&src.rank),
        Field::DisabilityGrade => dst.disability_grade = src.disability_grade,
        Field::DisabilityNature => dst.disability_nature = src.disability_nature,
        Field::Awards => dst.awards.clone_from(&src.awards),
        Field::Employment => dst.employment.clone_from(&src.employment),
        Field::Hardship => dst.hardship = src.hardship,
        Field::KeyPerson => dst.key_person = src.key_person,
        Field::Notes => dst.notes.clone_from(&src.notes),
    }
}

/// An identity field as an officer reads it: the name, 男/女, or the date.
pub fn identity_text(p: &Person, field: Field) -> String {
    match field {
        Field::Name => p.name.clone(),
        Field::Gender => p.gender.map(|g| g.zh().to_string()).unwrap_or_default(),
        Field::BirthDate => p
            .birth_date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// What importing one row does.
#[derive(Debug, Clone, PartialEq)]
pub enum RowPlan {
    /// No record has this ID number: the row becomes a new record as it is.
    New,
    /// The record already holds everything the row gives.
    Unchanged,
    /// The record with the given fields taken from the row, and which of them change.
    Update {
        person: Box<Person>,
        changed: FieldSet,
    },
}

/// Plans one row. `given` is the set of fields the row gives: those whose column is in the
/// file and whose cell is not empty (or every column of the file, when empty cells clear).
/// Every other field keeps what the record holds.
pub fn plan_row(existing: Option<&Person>, row: &Person, given: FieldSet) -> RowPlan {
    let Some(old) = existing else {
        return RowPlan::New;
    };
    let mut person = old.clone();
    let mut changed = FieldSet::EMPTY;
    for field in given.iter() {
        if differs(old, row, field) {
            copy_field(&mut person, row, field);
            changed.insert(field);
        }
    }
    if changed.is_empty() {
        RowPlan::Unchanged
    } else {
        RowPlan::Update {
            person: Box::new(person),
            changed,
        }
    }
}

/// A change of name, gender or birth date for an ID number already on file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityChange {
    /// The row of the roster, counted as a spreadsheet counts.
    pub row: usize,
    pub id_number: String,
    pub field: Field,
    pub old: String,
    pub new: String,
}

/// What an import does, or would do, to the people on file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// How many records change in each field, indexed as [`ALL_FIELDS`].
    pub per_field: [usize; ALL_FIELDS.len()],
    /// Changes that need the officer's word, in file order.
    pub identity: Vec<IdentityChange>,
}

impl ImportSummary {
    /// Counts one planned row. `old` is the record on file for an update.
    pub fn add(&mut self, row: usize, plan: &RowPlan, old: Option<&Person>) {
        match plan {
            RowPlan::New => self.new += 1,
            RowPlan::Unchanged => self.unchanged += 1,
            RowPlan::Update { person, changed } => {
                self.updated += 1;
                for (i, field) in ALL_FIELDS.iter().enumerate() {
                    if changed.contains(*field) {
                        self.per_field[i] += 1;
                    }
                }
                let Some(old) = old else { return };
                for field in changed.intersection(IDENTITY).iter() {
                    self.identity.push(IdentityChange {
                        row,
                        id_number: person.id_number.clone(),
                        field,
                        old: identity_text(old, field),
                        new: identity_text(person, field),
                    });
                }
            }
        }
    }

    /// The fields that change, with how many records change in each, in template order.
    pub fn field_counts(&self) -> Vec<(Field, usize)> {
        ALL_FIELDS
            .iter()
            .zip(self.per_field)
            .filter(|(_, n)| *n > 0)
            .map(|(f, n)| (*f, n))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::person::{IdRule, PersonInput};

    fn on_file() -> Person {
        let mut p = PersonInput {
            name: "单雄信".into(),
            id_number: "11010519491231002X".into(),
            category: "退役士兵".into(),
            phone: "13800001234".into(),
            ethnicity: "汉族".into(),
            town: "城关镇".into(),
            village: "东门社区".into(),
            address: "东门路 1 号".into(),
            political_status: "中共党员".into(),
            enlist_date: "1968-03".into(),
            discharge_date: "1972-12".into(),
            ..Default::default()
        }
        .validate(IdRule::Required)
        .unwrap();
        p.id = Some(7);
        p
    }

    fn partial(name: &str) -> Person {
        PersonInput {
            name: name.into(),
            id_number: "11010519491231002X".into(),
            category: "退役士兵".into(),
            ..Default::default()
        }
        .validate(IdRule::Required)
        .unwrap()
    }

    const THREE: FieldSet = FieldSet::of(&[Field::Name, Field::IdNumber, Field::Category]);

    #[test]
    fn a_partial_row_leaves_every_other_field_alone() {
        let old = on_file();
        assert_eq!(
            plan_row(Some(&old), &partial("单雄信"), THREE),
            RowPlan::Unchanged
        );
    }

    #[test]
    fn only_given_fields_change_and_names_are_flagged() {
        let old = on_file();
        let plan = plan_row(Some(&old), &partial("单雄义"), THREE);
        let RowPlan::Update { person, changed } = &plan else {
            panic!("{plan:?}")
        };
        assert_eq!(changed.iter().collect::<Vec<_>>(), vec![Field::Name]);
        assert_eq!(person.name, "单雄义");
        assert_eq!(person.phone, "13800001234");
        assert_eq!(person.id, Some(7));
        let mut summary = ImportSummary::default();
        summary.add(5, &plan, Some(&old));
        assert_eq!(summary.updated, 1);
        assert_eq!(summary.field_counts(), vec![(Field::Name, 1)]);
        assert_eq!(summary.identity[0].row, 5);
        assert_eq!(summary.identity[0].old, "单雄信");
        assert_eq!(summary.identity[0].new, "单雄义");
    }

    #[test]
    fn clearing_takes_the_empty_value_of_a_given_field() {
        let old = on_file();
        let given = FieldSet::of(&[Field::Name, Field::Phone, Field::Category]);
        let RowPlan::Update { person, changed } = plan_row(Some(&old), &partial("单雄信"), given)
        else {
            panic!()
        };
        assert_eq!(changed.iter().collect::<Vec<_>>(), vec![Field::Phone]);
        assert_eq!(person.phone, "");
        assert_eq!(person.town, "城关镇");
    }

    #[test]
    fn a_new_id_number_is_a_new_record() {
        assert_eq!(plan_row(None, &partial("甲"), THREE), RowPlan::New);
    }
}
