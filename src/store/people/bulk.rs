//! Many people at once: written in one transaction, watched (a demo of a million people is
//! kept whole or not at all, and a stop asked for halfway leaves the database as it was),
//! or read one at a time (an export of a million people shows each one read).
use super::super::audit::append;
use super::super::error::or_stopped;
use super::super::{Result, Store};
use super::{COLUMNS, UpsertCounts, duplicate_as_id, from_row, write};
use crate::domain::person::Person;
use crate::store::db::{OptionalExtension, params};
use crate::work::{Stage, Watcher};
use chrono::NaiveDate;

/// People created between two dates (inclusive; either end open).
const CREATED_BETWEEN: &str = "FROM people WHERE (?1 IS NULL OR created_at >= ?1) \
     AND (?2 IS NULL OR created_at < date(?2, '+1 day'))";

fn day(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

impl Store {
    /// Inserts or updates (matched by ID number) `people`, `total` of them, in one
    /// transaction, reporting each to `watcher` and stopping when it asks: a stop rolls
    /// everything back and answers [`crate::store::StoreError::Cancelled`]. One audit record
    /// sums the whole write up.
    pub fn upsert_people_watched(
        &mut self,
        people: impl IntoIterator<Item = Person>,
        total: u64,
        source: &str,
        watcher: &mut dyn Watcher,
    ) -> Result<UpsertCounts> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        // Shown before the write lock is asked for: a wait for another desk shows on it.
        watcher.at(Stage::WritePeople, 0, Some(total))?;
        let tx = self.write_tx().map_err(|e| or_stopped(e, watcher))?;
        let mut counts = UpsertCounts::default();
        {
            let mut find = tx.prepare_cached("SELECT id FROM people WHERE id_number = ?1")?;
            for (done, mut person) in people.into_iter().enumerate() {
                // Dropping the transaction on the way out rolls back every row so far.
                watcher.at(Stage::WritePeople, done as u64, Some(total))?;
                let existing: Option<i64> = if person.id_number.is_empty() {
                    None
                } else {
                    find.query_row([&person.id_number], |r| r.get(0))
                        .optional()?
                };
                person.id = existing;
                write(&tx, &person, &now).map_err(|e| duplicate_as_id(e, &person.id_number))?;
                if existing.is_some() {
                    counts.updated += 1;
                } else {
                    counts.inserted += 1;
                }
            }
        }
        watcher.at(Stage::WritePeople, total, Some(total))?;
        append(
            &tx,
            &now,
            &actor,
            "import",
            "person",
            "",
            &format!(
                "{source}: {} new, {} updated",
                counts.inserted, counts.updated
            ),
        )?;
        watcher.at(Stage::Commit, 0, None)?;
        tx.commit()?;
        Ok(counts)
    }

    /// Hands the people created between two dates (inclusive; either end open) to `f`, one
    /// at a time, oldest first; an error from `f` ends the reading.
    pub fn each_person_created_between(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        mut f: impl FnMut(Person) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {COLUMNS} {CREATED_BETWEEN} ORDER BY id"))?;
        let mut rows = stmt.query(params![day(from), day(to)])?;
        while let Some(row) = rows.next()? {
            f(from_row(&row)?)?;
        }
        Ok(())
    }

    /// How many people were created between two dates (inclusive; either end open).
    pub fn count_people_created_between(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<u64> {
        let n: i64 = self.conn().query_row(
            &format!("SELECT count(*) {CREATED_BETWEEN}"),
            params![day(from), day(to)],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
