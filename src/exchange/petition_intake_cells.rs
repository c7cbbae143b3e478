//! The petition export's intake columns: source and the body it came from, the assigner's
//! deadline, type, anonymity, and the channel a refused petitioner was told to use.
use crate::domain::petition::StepKind;
use crate::exchange::table::Cell;
use crate::i18n::{Lang, t};
use crate::store::{Result, Store};

/// The headers of [`cells`], as catalog keys, in order.
pub const HEADS: &[&str] = &[
    "export.source",
    "export.assigner",
    "export.assigner_due",
    "export.kind",
    "export.anonymous",
    "export.redirect",
];

/// The intake cells of case `id`; empty cells when the case is gone meanwhile.
pub fn cells(store: &Store, id: i64, lang: Lang) -> Result<Vec<Cell>> {
    let Some(case) = store.petition(id)? else {
        return Ok(vec![Cell::Empty; HEADS.len()]);
    };
    let p = &case.petition;
    let redirect = store
        .steps(id)?
        .iter()
        .rev()
        .find(|s| s.kind == StepKind::NotAccepted)
        .and_then(|s| s.redirect.as_ref())
        .map(|r| r.text(|k| t(lang, k)))
        .unwrap_or_default();
    Ok(vec![
        Cell::text(t(lang, p.source.label_key())),
        Cell::text(&p.assigner),
        p.assigner_due.map(Cell::Date).unwrap_or(Cell::Empty),
        Cell::text(p.kind.map(|k| t(lang, k.label_key())).unwrap_or_default()),
        Cell::text(if p.anonymous {
            t(lang, "petition.flag.anonymous")
        } else {
            String::new()
        }),
        Cell::text(redirect),
    ])
}
