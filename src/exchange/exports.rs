//! The ledgers as tables for `export`: people (花名册), walk-ins (来访登记簿), petitions
//! (信访台账), the checklist and the audit trail. ID numbers and phones are masked unless
//! the caller has been allowed to export them in full.
mod audit;
mod audit_visit;

use super::table::{Cell, Table};
use crate::domain::category::display_list;
use crate::domain::family::{Basis, Kinship};
use crate::domain::mask::{mask_id, mask_phone};
use crate::domain::petition::open_window;
use crate::domain::visit::{Outcome, purpose_name};
use crate::i18n::{Lang, t};
use crate::store::petitions::LedgerFilter;
use crate::store::{Result, Store};
use crate::work::{Stage, Unwatched, Watcher};
use chrono::NaiveDate;

/// Which ledger to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ledger {
    People,
    Visits,
    Petitions,
    Checklist,
    Audit,
}

impl Ledger {
    pub fn parse(text: &str) -> Option<Ledger> {
        Some(match text {
            "people" => Ledger::People,
            "visits" => Ledger::Visits,
            "petitions" => Ledger::Petitions,
            "checklist" => Ledger::Checklist,
            "audit" => Ledger::Audit,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Ledger::People => "people",
            Ledger::Visits => "visits",
            Ledger::Petitions => "petitions",
            Ledger::Checklist => "checklist",
            Ledger::Audit => "audit",
        }
    }
}

/// What to export.
#[derive(Debug, Clone, Copy)]
pub struct ExportRequest {
    pub ledger: Ledger,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Full ID numbers and phones (administrators only; audited by the caller).
    pub unmasked: bool,
    pub lang: Lang,
    pub today: NaiveDate,
}

/// The requested dates, an open end reaching far enough for any station's records (the
/// stored dates are `YYYY-MM-DD` text, so the bounds must be four-digit years too).
fn open_range(req: &ExportRequest) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
    let last = NaiveDate::from_ymd_opt(2999, 12, 31).unwrap_or_default();
    (req.from.unwrap_or(first), req.to.unwrap_or(last).min(last))
}

fn headers(lang: Lang, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| t(lang, k)).collect()
}

fn id_cell(id: &str, unmasked: bool) -> Cell {
    Cell::Text(if unmasked {
        id.to_string()
    } else {
        mask_id(id)
    })
}

fn phone_cell(phone: &str, unmasked: bool) -> Cell {
    Cell::Text(if unmasked {
        phone.to_string()
    } else {
        mask_phone(phone)
    })
}

/// Builds the table of a ledger from the store.
pub fn build_table(store: &Store, req: &ExportRequest) -> Result<Table> {
    build_table_watched(store, req, &mut Unwatched)
}

/// [`build_table`], telling `watcher` of the records read (each person of the people's
/// ledger, the largest by far; the others at their end) and stopping when it asks
/// ([`crate::store::StoreError::Cancelled`]).
pub fn build_table_watched(
    store: &Store,
    req: &ExportRequest,
    watcher: &mut dyn Watcher,
) -> Result<Table> {
    watcher.at(Stage::Collect, 0, None)?;
    let parts = match req.ledger {
        Ledger::People => people(store, req, watcher)?,
        Ledger::Visits => visits(store, req)?,
        Ledger::Petitions => {
            let filter = LedgerFilter {
                from: req.from,
                to: req.to,
                ..LedgerFilter::default()
            };
            petitions(store, &filter, req)?
        }
        Ledger::Checklist => checklist(store, req)?,
        Ledger::Audit => audit::audit(store, req.lang, req.from, req.to)?,
    };
    let read = parts.2.len() as u64;
    watcher.at(Stage::Collect, read, Some(read))?;
    Ok(assemble(parts, req.lang))
}

/// The petition ledger narrowed as the ledger screen narrows it (status, risk, overdue,
/// text and dates); `req.from` and `req.to` are not read, the filter has its own.
pub fn build_petition_table(
    store: &Store,
    filter: &LedgerFilter,
    req: &ExportRequest,
) -> Result<Table> {
    Ok(assemble(petitions(store, filter, req)?, req.lang))
}

fn assemble((title, heads, rows): Parts, lang: Lang) -> Table {
    Table {
        title: t(lang, title),
        headers: headers(lang, heads),
        rows,
    }
}

type Parts = (&'static str, &'static [&'static str], Vec<Vec<Cell>>);

fn people(store: &Store, req: &ExportRequest, watcher: &mut dyn Watcher) -> Result<Parts> {
    const HEADS: &[&str] = &[
        "field.name",
        "field.gender",
        "field.birth_date",
        "field.id_number",
        "field.ethnicity",
        "field.phone",
        "field.category",
        "field.town",
        "field.village",
        "field.address",
        "field.political_status",
        "field.enlist_date",
        "field.discharge_date",
        "field.hukou",
        "field.branch",
        "field.unit",
        "field.rank",
        "field.disability_grade",
        "categories.field_nature",
        "field.awards",
        "field.employment",
        "field.hardship",
        "field.key_person",
        "field.notes",
        "family.col.id_numbers",
        "family.col.relations",
        "family.col.bases",
    ];
    let family = store.family_for_export()?;
    let yes_no = |b: bool| {
        Cell::text(if b {
            t(req.lang, "export.yes")
        } else {
            String::new()
        })
    };
    let total = store.count_people_created_between(req.from, req.to)?;
    let mut rows = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    store.each_person_created_between(req.from, req.to, |p| {
        watcher.at(Stage::Collect, rows.len() as u64, Some(total))?;
        rows.push(vec![
            Cell::text(&p.name),
            Cell::text(p.gender.map(|g| t(req.lang, g.key())).unwrap_or_default()),
            p.birth_date.map(Cell::Date).unwrap_or(Cell::Empty),
            id_cell(&p.id_number, req.unmasked),
            Cell::text(&p.ethnicity),
            phone_cell(&p.phone, req.unmasked),
            Cell::text(display_list(&p.categories, req.lang)),
            Cell::text(&p.town),
            Cell::text(&p.village),
            Cell::text(&p.address),
            Cell::text(&p.political_status),
            Cell::text(&p.enlist_date),
            Cell::text(&p.discharge_date),
            Cell::text(&p.hukou),
            Cell::text(&p.branch),
            Cell::text(&p.unit),
            Cell::text(&p.rank),
            p.disability_grade
                .map(|g| Cell::Int(i64::from(g)))
                .unwrap_or(Cell::Empty),
            Cell::text(
                p.disability_nature
                    .map(|n| n.name(req.lang))
                    .unwrap_or_default(),
            ),
            Cell::text(&p.awards),
            Cell::text(&p.employment),
            yes_no(p.hardship),
            yes_no(p.key_person),
            Cell::text(&p.notes),
        ]);
        if let Some(row) = rows.last_mut() {
            row.extend(family_cells(
                p.id.and_then(|id| family.get(&id)),
                req.unmasked,
            ));
        }
        Ok(())
    })?;
    Ok(("export.title_people", HEADS, rows))
}

/// A person's links as the roster's family columns write them (`；` between relatives), so
/// an unmasked export imports again; the relatives' ID numbers masked like the person's.
fn family_cells(links: Option<&Vec<(Kinship, String)>>, unmasked: bool) -> [Cell; 3] {
    let links = links.map(Vec::as_slice).unwrap_or_default();
    let join = |f: &dyn Fn(&(Kinship, String)) -> String| {
        Cell::text(links.iter().map(f).collect::<Vec<_>>().join("；"))
    };
    let any_basis = links.iter().any(|(k, _)| k.basis != Basis::None);
    [
        join(&|(_, id)| {
            if unmasked { id.clone() } else { mask_id(id) }
        }),
        join(&|(k, _)| k.relation.word().to_string()),
        if any_basis {
            join(&|(k, _)| {
                let w = k.basis.word();
                if w.is_empty() {
                    "无".to_string()
                } else {
                    w.to_string()
                }
            })
        } else {
            Cell::Empty
        },
    ]
}

fn visits(store: &Store, req: &ExportRequest) -> Result<Parts> {
    const HEADS: &[&str] = &[
        "export.date",
        "export.time",
        "field.name",
        "field.id_number",
        "field.phone",
        "export.purpose",
        "export.summary",
        "export.outcome",
        "export.follow_up",
        "rostermsg.follow_up_done",
        "export.handler",
    ];
    let (from, to) = open_range(req);
    let visits = store.visits_between(from, to)?;
    let mut rows = Vec::with_capacity(visits.len());
    for v in visits {
        let person = match v.person_id {
            Some(id) => store.person(id)?,
            None => None,
        };
        // The record's ID number, else the one a visitor not on file gave.
        let (id_number, record_phone) = person
            .map(|p| (p.id_number, p.phone))
            .unwrap_or_else(|| (v.visitor_id_number.clone(), String::new()));
        // The phone given at the visit, else the one on the person's record.
        let phone = if v.visitor_phone.is_empty() {
            record_phone
        } else {
            v.visitor_phone.clone()
        };
        let outcome = match &v.outcome {
            Outcome::Referred { to } => format!("{}: {to}", t(req.lang, v.outcome.label_key())),
            other => t(req.lang, other.label_key()),
        };
        let (due, done) = match &v.outcome {
            Outcome::FollowUp { due } => (
                Cell::Date(*due),
                v.follow_up_done_at.map_or(Cell::Empty, Cell::DateTime),
            ),
            _ => (Cell::Empty, Cell::Empty),
        };
        rows.push(vec![
            Cell::Date(v.arrived_at.date()),
            Cell::text(v.arrived_at.format("%H:%M").to_string()),
            Cell::text(&v.visitor_name),
            id_cell(&id_number, req.unmasked),
            phone_cell(&phone, req.unmasked),
            Cell::text(purpose_name(v.purpose, req.lang)),
            Cell::text(&v.summary),
            Cell::text(outcome),
            due,
            done,
            Cell::text(&v.handler),
        ]);
    }
    Ok(("export.title_visits", HEADS, rows))
}

fn petitions(store: &Store, filter: &LedgerFilter, req: &ExportRequest) -> Result<Parts> {
    const HEADS: &[&str] = &[
        "export.case_no",
        "export.received",
        "export.channel",
        "export.petitioner",
        "export.subject",
        "export.flags",
        "export.risk",
        "export.status",
        "export.next_deadline",
        "export.deadline_date",
        "export.handler",
        "export.closed",
        "export.late",
        // The intake columns, as `petition_intake_cells::HEADS` names them.
        "export.source",
        "export.assigner",
        "export.assigner_due",
        "export.kind",
        "export.anonymous",
        "export.redirect",
    ];
    let cal = store.calendar()?;
    let mut rows = Vec::new();
    for r in store.ledger(filter, req.today)? {
        // The station's own deadline, else the petitioner's window the case screen shows.
        let next_due = match r.next_due {
            Some(due) => Some(due),
            None => store
                .petition(r.id)?
                .and_then(|case| open_window(&case.state, &cal, req.today)),
        };
        rows.push({
            let flags: Vec<String> = r
                .flags
                .label_keys()
                .iter()
                .map(|k| t(req.lang, k))
                .collect();
            vec![
                Cell::text(&r.case_no),
                Cell::DateTime(r.received_at),
                Cell::text(t(req.lang, r.channel.label_key())),
                Cell::text(&r.first_petitioner),
                Cell::text(&r.subject),
                Cell::text(flags.join(", ")),
                Cell::text(t(req.lang, r.risk.label_key())),
                Cell::text(t(req.lang, r.status.label_key())),
                Cell::text(
                    next_due
                        .map(|(k, _)| t(req.lang, k.label_key()))
                        .unwrap_or_default(),
                ),
                next_due.map(|(_, d)| Cell::Date(d)).unwrap_or(Cell::Empty),
                Cell::text(&r.handler),
                r.closed_at.map(Cell::DateTime).unwrap_or(Cell::Empty),
                Cell::text(late_text(&r.late, req.lang)),
            ]
        });
        if let Some(row) = rows.last_mut() {
            row.extend(super::petition_intake_cells::cells(store, r.id, req.lang)?);
        }
    }
    Ok(("export.title_petitions", HEADS, rows))
}

/// The station's late steps in words: `受理逾期20天；答复逾期3天`.
fn late_text(late: &[(crate::domain::petition::StepKind, u32)], lang: Lang) -> String {
    let items: Vec<String> = late
        .iter()
        .map(|(kind, days)| {
            crate::i18n::tf(
                lang,
                "petition.late.export_item",
                &[("step", &t(lang, kind.label_key())), ("days", days)],
            )
        })
        .collect();
    items.join(&t(lang, "petition.late.separator"))
}

fn checklist(store: &Store, req: &ExportRequest) -> Result<Parts> {
    const HEADS: &[&str] = &[
        "export.date",
        "export.rule",
        "export.result",
        "export.note",
        "export.officer",
        "export.signed_by",
        "export.signed_at",
    ];
    let (from, to) = open_range(req);
    let rows = store
        .checklist_rows(from, to)?
        .into_iter()
        .map(|r| {
            let title = if req.lang == Lang::En && !r.title_en.is_empty() {
                &r.title_en
            } else {
                &r.title_zh
            };
            vec![
                Cell::Date(r.date),
                Cell::text(title),
                Cell::text(t(req.lang, r.result.label_key())),
                Cell::text(&r.note),
                Cell::text(r.officer.unwrap_or_default()),
                Cell::text(r.signed_by.unwrap_or_default()),
                r.signed_at.map(Cell::DateTime).unwrap_or(Cell::Empty),
            ]
        })
        .collect();
    Ok(("export.title_checklist", HEADS, rows))
}
