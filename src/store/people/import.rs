//! Importing a roster into the people on file, without erasing what the roster does not say.
//!
//! Every row is planned against the record it matches (by ID number) with
//! [`crate::domain::reimport::plan_row`]; the plan decides what is written. A dry run plans
//! without the write lock; a real import plans again inside its own transaction so that a
//! desk's edit made in between is merged with, not overwritten.
use super::super::audit::append;
use super::super::error::or_stopped;
use super::super::{Result, Store};
use super::{COLUMNS, duplicate_as_id, from_row, write};
use crate::domain::mask::mask_id;
use crate::domain::person::Person;
use crate::domain::reimport::{
    FieldSet, IDENTITY, ImportSummary, RowPlan, identity_text, plan_row,
};
use crate::store::db::{Connection, OptionalExtension, Transaction};
use crate::work::{Stage, Unwatched, Watcher};

/// One valid roster row to import.
#[derive(Debug, Clone, Copy)]
pub struct ImportRow<'a> {
    /// The row of the roster, counted as a spreadsheet counts.
    pub row: usize,
    pub person: &'a Person,
    /// The fields this row gives (see [`plan_row`]).
    pub given: FieldSet,
}

/// An import written but not yet committed: the caller looks at the summary, then commits
/// or drops it (which rolls everything back).
pub struct PendingImport<'a> {
    tx: Transaction<'a>,
    summary: ImportSummary,
    /// When and by whom, for the audit records of what is written after the people.
    now: String,
    actor: String,
}

impl PendingImport<'_> {
    pub fn summary(&self) -> &ImportSummary {
        &self.summary
    }

    /// The open transaction with the time and actor of the import, for what is written
    /// after the people (their family links).
    pub(crate) fn parts(&self) -> (&Transaction<'_>, &str, &str) {
        (&self.tx, &self.now, &self.actor)
    }

    pub fn commit(self) -> Result<()> {
        self.tx.commit()?;
        Ok(())
    }
}

/// Plans every row against the records on file, handing each plan and the record it
/// changes to `apply`.
fn plan_rows(
    conn: &Connection,
    rows: &[ImportRow],
    (stage, watcher): (Stage, &mut dyn Watcher),
    mut apply: impl FnMut(&ImportRow, &RowPlan, Option<&Person>) -> Result<()>,
) -> Result<ImportSummary> {
    let total = Some(rows.len() as u64);
    let mut find = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM people WHERE id_number = ?1"
    ))?;
    let mut summary = ImportSummary::default();
    for (done, r) in rows.iter().enumerate() {
        watcher.at(stage, done as u64, total)?;
        let existing = if r.person.id_number.is_empty() {
            None
        } else {
            find.query_row([&r.person.id_number], from_row).optional()?
        };
        let plan = plan_row(existing.as_ref(), r.person, r.given);
        apply(r, &plan, existing.as_ref())?;
        summary.add(r.row, &plan, existing.as_ref());
    }
    watcher.at(stage, rows.len() as u64, total)?;
    Ok(summary)
}

/// What changed in a record, for the audit trail: old and new values of the identity fields
/// (the reason the record gets its own audit row), the names of the others.
fn audit_text(changed: FieldSet, old: &Person, new: &Person) -> String {
    changed
        .iter()
        .map(|f| {
            if IDENTITY.contains(f) {
                format!(
                    "{}: {} -> {}",
                    f.code(),
                    identity_text(old, f),
                    identity_text(new, f)
                )
            } else {
                f.code().to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl Store {
    /// What importing these rows would do. Nothing is written and no lock is taken.
    pub fn plan_import(&self, rows: &[ImportRow]) -> Result<ImportSummary> {
        self.plan_import_watched(rows, &mut Unwatched)
    }

    /// [`Store::plan_import`], telling `watcher` of each row and stopping when it asks.
    pub fn plan_import_watched(
        &self,
        rows: &[ImportRow],
        watcher: &mut dyn Watcher,
    ) -> Result<ImportSummary> {
        plan_rows(
            self.conn(),
            rows,
            (Stage::PlanImport, watcher),
            |_, _, _| Ok(()),
        )
    }

    /// Imports the rows in one transaction, left open: new records are inserted, records on
    /// file are updated in the fields their row gives, unchanged records are not touched.
    /// The import is audited (one record for the import, one per record whose name, gender
    /// or birth date changes); nothing is kept unless [`PendingImport::commit`] is called.
    pub fn begin_import(&mut self, rows: &[ImportRow], source: &str) -> Result<PendingImport<'_>> {
        self.begin_import_watched(rows, source, &mut Unwatched)
    }

    /// [`Store::begin_import`], telling `watcher` of each row written; a stop asked for
    /// rolls back what was written and answers [`crate::store::StoreError::Cancelled`].
    pub fn begin_import_watched(
        &mut self,
        rows: &[ImportRow],
        source: &str,
        watcher: &mut dyn Watcher,
    ) -> Result<PendingImport<'_>> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        // Shown before the write lock is asked for: a wait for another desk shows on it.
        watcher.at(Stage::WriteImport, 0, Some(rows.len() as u64))?;
        let tx = self.write_tx().map_err(|e| or_stopped(e, watcher))?;
        let summary = plan_rows(&tx, rows, (Stage::WriteImport, watcher), |r, plan, old| {
            match plan {
                RowPlan::Unchanged => {}
                RowPlan::New => {
                    let mut person = r.person.clone();
                    person.id = None;
                    write(&tx, &person, &now).map_err(|e| duplicate_as_id(e, &person.id_number))?;
                }
                RowPlan::Update { person, changed } => {
                    let id = write(&tx, person, &now)
                        .map_err(|e| duplicate_as_id(e, &person.id_number))?;
                    if let Some(old) = old
                        && !changed.intersection(IDENTITY).is_empty()
                    {
                        let text = format!(
                            "{} ({source}, row {}): {}",
                            mask_id(&person.id_number),
                            r.row,
                            audit_text(*changed, old, person)
                        );
                        append(
                            &tx,
                            &now,
                            &actor,
                            "update",
                            "person",
                            &id.to_string(),
                            &text,
                        )?;
                    }
                }
            }
            Ok(())
        })?;
        let fields: Vec<String> = summary
            .field_counts()
            .iter()
            .map(|(f, n)| format!("{} {n}", f.code()))
            .collect();
        let mut text = format!(
            "{source}: {} new, {} updated, {} unchanged",
            summary.new, summary.updated, summary.unchanged
        );
        if !fields.is_empty() {
            text.push_str(&format!(" ({})", fields.join(", ")));
        }
        append(&tx, &now, &actor, "import", "person", "", &text)?;
        Ok(PendingImport {
            tx,
            summary,
            now,
            actor,
        })
    }
}
