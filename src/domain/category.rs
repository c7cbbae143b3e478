//! Person categories (人员类别) as data: the shipped list of DOMAIN.md with its synonyms
//! (`categories.toml`), and the local categories an administrator adds, which the store
//! keeps. A person holds several; the first is the main one.
use crate::i18n::{Lang, Msg};
use serde::Deserialize;
use std::sync::OnceLock;

/// One shipped category.
#[derive(Debug, Clone, Deserialize)]
pub struct Shipped {
    pub zh: String,
    pub en: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// Carries a nature and a grade of disability.
    #[serde(default)]
    pub disability: bool,
    /// The categories this old combined name stands for, one of which is meant.
    #[serde(default)]
    pub either_of: Vec<String>,
}

#[derive(Deserialize)]
struct ShippedFile {
    category: Vec<Shipped>,
}

/// The shipped categories, in the order of the national collection form.
pub fn shipped() -> &'static [Shipped] {
    static LIST: OnceLock<Vec<Shipped>> = OnceLock::new();
    LIST.get_or_init(|| {
        // Embedded and checked by the tests below: a broken file is a build defect, and an
        // empty list then refuses every category loudly rather than crash a desk.
        toml::from_str::<ShippedFile>(include_str!("categories.toml"))
            .map(|f| f.category)
            .unwrap_or_default()
    })
}

/// The shipped category of a stored name.
pub fn shipped_named(name: &str) -> Option<&'static Shipped> {
    shipped().iter().find(|c| c.zh == name)
}

/// Whether a category carries a nature and a grade of disability.
pub fn is_disability(name: &str) -> bool {
    shipped_named(name).is_some_and(|c| c.disability)
}

/// The category's display name in a language (a local category is shown as added).
pub fn display_name(name: &str, lang: Lang) -> &str {
    match (shipped_named(name), lang) {
        (Some(c), Lang::En) => &c.en,
        _ => name,
    }
}

/// Several categories for display, main first.
pub fn display_list(names: &[String], lang: Lang) -> String {
    let sep = match lang {
        Lang::Zh => "、",
        Lang::En => "; ",
    };
    names
        .iter()
        .map(|n| display_name(n, lang))
        .collect::<Vec<_>>()
        .join(sep)
}

/// The parts of a cell that holds several categories: separated by 、 , ， ; ； or spaces.
pub fn split_cell(text: &str) -> Vec<&str> {
    text.split(|c: char| is_separator(c) || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect()
}

fn is_separator(c: char) -> bool {
    matches!(c, '、' | ',' | '，' | ';' | '；')
}

/// How a written name was understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The stored name.
    pub name: String,
    /// The synonym written, when it was one.
    pub synonym: Option<String>,
}

/// Why a category cell could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum CellProblem {
    Empty,
    Unknown(Msg),
}

/// The categories a station accepts: the shipped ones and its local ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryList {
    local: Vec<String>,
    /// Any other well-formed name is taken as a local category, to be checked against the
    /// station's list where the database is at hand (a form, before its save).
    open: bool,
}

impl CategoryList {
    /// The shipped categories only.
    pub fn shipped() -> CategoryList {
        CategoryList::default()
    }

    /// The shipped categories and a station's local ones.
    pub fn with_local(local: Vec<String>) -> CategoryList {
        CategoryList { local, open: false }
    }

    /// The shipped categories, and any other well-formed name as a local one.
    pub fn open_local() -> CategoryList {
        CategoryList {
            local: Vec::new(),
            open: true,
        }
    }

    pub fn local(&self) -> &[String] {
        &self.local
    }

    /// Every accepted name, shipped first, in order.
    pub fn names(&self) -> Vec<String> {
        shipped()
            .iter()
            .map(|c| c.zh.clone())
            .chain(self.local.iter().cloned())
            .collect()
    }

    /// The stored name meant by one written name: a name on the list (Chinese, or English
    /// in any case), or a shipped synonym.
    pub fn resolve(&self, text: &str) -> Option<Resolved> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        let exact = |name: String| Resolved {
            name,
            synonym: None,
        };
        if let Some(c) = shipped()
            .iter()
            .find(|c| c.zh == t || c.en.eq_ignore_ascii_case(t))
        {
            return Some(exact(c.zh.clone()));
        }
        if let Some(l) = self.local.iter().find(|l| l.as_str() == t) {
            return Some(exact(l.clone()));
        }
        let synonym = shipped()
            .iter()
            .find(|c| c.synonyms.iter().any(|s| s == t))
            .map(|c| Resolved {
                name: c.zh.clone(),
                synonym: Some(t.to_string()),
            });
        if synonym.is_none() && self.open && well_formed(t).is_ok() {
            return Some(exact(t.to_string()));
        }
        synonym
    }

    /// The names among `names` this list does not accept, each with why.
    pub fn refused(&self, names: &[String]) -> Vec<Msg> {
        names
            .iter()
            .filter(|n| self.resolve(n).is_none())
            .map(|n| self.problem(n))
            .collect()
    }

    /// A cell of one or more names: the stored names, main first, each once, and the
    /// synonyms used; or every name not understood.
    pub fn parse_cell(&self, text: &str) -> Result<Vec<Resolved>, Vec<CellProblem>> {
        if split_cell(text).is_empty() {
            return Err(vec![CellProblem::Empty]);
        }
        let mut found: Vec<Resolved> = Vec::new();
        let mut problems = Vec::new();
        // A part between punctuation is one name when it reads as one (English names hold
        // spaces); otherwise its space-separated words are names.
        for part in text
            .split(is_separator)
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let words = match self.resolve(part) {
                Some(r) => vec![Ok(r)],
                None => split_cell(part)
                    .into_iter()
                    .map(|w| self.resolve(w).ok_or(w))
                    .collect(),
            };
            for word in words {
                match word {
                    Ok(r) if found.iter().any(|f| f.name == r.name) => {}
                    Ok(r) => found.push(r),
                    Err(w) => problems.push(CellProblem::Unknown(self.problem(w))),
                }
            }
        }
        if problems.is_empty() {
            Ok(found)
        } else {
            Err(problems)
        }
    }

    /// The accepted name most likely meant by `text`, which is on no list: a name containing
    /// it or contained in it, then the name fewest characters away (less than half of the
    /// longer of the two changed).
    pub fn closest(&self, text: &str) -> Option<String> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        if let Some(r) = self.resolve(t) {
            return Some(r.name);
        }
        let lower = t.to_lowercase();
        let spellings: Vec<(String, String)> = shipped()
            .iter()
            .flat_map(|c| {
                std::iter::once(c.zh.as_str())
                    .chain(std::iter::once(c.en.as_str()))
                    .chain(c.synonyms.iter().map(String::as_str))
                    .map(|s| (c.zh.clone(), s.to_lowercase()))
            })
            .chain(self.local.iter().map(|l| (l.clone(), l.to_lowercase())))
            .collect();
        if let Some((name, _)) = spellings
            .iter()
            .find(|(_, s)| s.contains(&lower) || lower.contains(s.as_str()))
        {
            return Some(name.clone());
        }
        spellings
            .iter()
            .map(|(name, s)| {
                let longer = s.chars().count().max(lower.chars().count());
                (strsim::levenshtein(s, &lower), longer, name)
            })
            .filter(|(distance, longer, _)| distance * 2 < *longer)
            .min_by_key(|(distance, _, _)| *distance)
            .map(|(_, _, name)| name.clone())
    }

    /// Why `text` is not a category: the accepted names, and the closest of them when one
    /// is close enough to be meant. The names are the Chinese ones in either language: they
    /// are what a roster's category column holds.
    pub fn problem(&self, text: &str) -> Msg {
        let value = text.trim();
        let base = match self.closest(value) {
            Some(name) => Msg::new("rostermsg.category_closest").arg("closest", name),
            None => Msg::new("person.category_invalid"),
        };
        base.arg("value", value)
            .arg("list", self.names().join("、"))
    }
}

impl CategoryList {
    /// A name an administrator wants to add as a local category: trimmed, 1–20 characters,
    /// none of the separators a roster cell uses, and not already a name or synonym.
    pub fn check_new_local(&self, text: &str) -> Result<String, Msg> {
        let name = well_formed(text)?;
        if let Some(r) = self.resolve(&name) {
            return Err(Msg::new("categories.local_exists")
                .arg("value", &name)
                .arg("name", r.name));
        }
        Ok(name)
    }
}

/// A name that may be a local category: trimmed, 1–20 characters, none of the separators
/// a roster cell uses.
fn well_formed(text: &str) -> Result<String, Msg> {
    let name = super::text::clean_line(text);
    let len = name.chars().count();
    if len == 0 || len > 20 {
        return Err(Msg::new("categories.local_length").arg("value", &name));
    }
    if split_cell(&name).len() != 1 {
        return Err(Msg::new("categories.local_separator").arg("value", &name));
    }
    Ok(name)
}

/// The nature of a disability (伤残性质).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DisabilityNature {
    /// 因战
    War,
    /// 因公
    Duty,
    /// 因病
    Illness,
}

impl DisabilityNature {
    pub const ALL: [DisabilityNature; 3] = [Self::War, Self::Duty, Self::Illness];

    /// The stored and exported name.
    pub fn zh(self) -> &'static str {
        match self {
            Self::War => "因战",
            Self::Duty => "因公",
            Self::Illness => "因病",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Self::War => "in war",
            Self::Duty => "on duty",
            Self::Illness => "by illness",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }

    /// 因战 / 因公 / 因病, the same with 致残 after it, or the English words.
    pub fn parse(text: &str) -> Option<DisabilityNature> {
        let t = text.trim().trim_end_matches("致残").trim();
        Self::ALL
            .into_iter()
            .find(|n| n.zh() == t || n.en().eq_ignore_ascii_case(t) || n.code() == t)
    }

    /// The English code (`war`, `duty`, `illness`).
    pub fn code(self) -> &'static str {
        match self {
            Self::War => "war",
            Self::Duty => "duty",
            Self::Illness => "illness",
        }
    }
}

#[cfg(test)]
#[path = "category_tests.rs"]
mod tests;
