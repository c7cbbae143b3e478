//! The family link columns of a roster: 亲属身份证号 (the relatives' ID numbers), 亲属关系
//! (who each is to the row's person) and, optionally, 亲属依据 (遗属 / 军属: the row's person
//! is the relative's survivor or family member). A row may name several relatives, the
//! cells separated by `;`, `；`, `、` or `,`, paired in order.
//!
//! The links are only read here; they are written after every person of the file, so a row
//! may point at a person further down (see [`crate::store::family_import`]).
use super::RowProblem;
use super::grid::GridRow;
use super::headers::{FamilyColumn, Layout};
use crate::domain::family::{Basis, Kinship, Relation};
use crate::domain::id_number::IdNumber;
use crate::i18n::Msg;

/// A link a roster row asks for: the relative with this ID number is the row's person's
/// `kinship`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterLink {
    pub relative_id_number: String,
    pub kinship: Kinship,
    /// Whether the file has a basis column: without one, a link on file keeps its basis.
    pub basis_given: bool,
}

fn split(text: &str) -> Vec<String> {
    text.split([';', '；', '、', ',', '，', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The links of row `r`, or what is wrong with its family cells as `(column, problem)`.
pub(crate) fn links_of(
    r: &GridRow,
    layout: &Layout,
    headers: &[String],
) -> (Vec<RosterLink>, Vec<(usize, RowProblem)>) {
    let cell = |kind: FamilyColumn| -> Option<(usize, String, Vec<String>)> {
        let (col, _) = layout.family.iter().find(|(_, k)| *k == kind)?;
        let header = headers[*col].trim().to_string();
        Some((*col, header, split(&r.cell(*col).display())))
    };
    let mut problems = Vec::new();
    let Some((id_col, id_header, ids)) = cell(FamilyColumn::IdNumbers) else {
        return (Vec::new(), problems);
    };
    let (rel_col, rel_header, relations) =
        cell(FamilyColumn::Relations).unwrap_or((id_col, id_header.clone(), Vec::new()));
    let bases = cell(FamilyColumn::Bases);
    if ids.len() != relations.len() {
        let msg = Msg::new("family.roster.count")
            .arg("ids", ids.len())
            .arg("relations", relations.len());
        problems.push((
            rel_col,
            RowProblem {
                column: rel_header.clone(),
                msg,
            },
        ));
        return (Vec::new(), problems);
    }
    let mut links = Vec::new();
    for (i, (id, relation)) in ids.iter().zip(&relations).enumerate() {
        let id = match IdNumber::parse(id) {
            Ok(id) => id.as_str().to_string(),
            Err(msg) => {
                let column = id_header.clone();
                problems.push((id_col, RowProblem { column, msg }));
                continue;
            }
        };
        let Some(relation) = Relation::parse(relation) else {
            let msg = Msg::new("family.roster.relation").arg("value", relation);
            let column = rel_header.clone();
            problems.push((rel_col, RowProblem { column, msg }));
            continue;
        };
        let basis = match &bases {
            Some((col, header, texts)) => match texts.get(i).map(|t| Basis::parse(t)) {
                Some(Some(b)) => b,
                None => Basis::None,
                Some(None) => {
                    let msg = Msg::new("family.roster.basis")
                        .arg("value", texts.get(i).map_or("", String::as_str));
                    let column = header.clone();
                    problems.push((*col, RowProblem { column, msg }));
                    continue;
                }
            },
            None => Basis::None,
        };
        links.push(RosterLink {
            relative_id_number: id,
            kinship: Kinship::new(relation, basis),
            basis_given: bases.is_some(),
        });
    }
    (links, problems)
}
