//! Loading the lookup index from the stored search keys.
//!
//! Reading a million rows out of SQLite and building the index each take about half of
//! the time, so they overlap: this thread steps through the rows and hands them over in
//! batches to a builder thread, which prepares each batch while the next is read.
use super::{Result, Store};
use crate::search::{Index, IndexBuilder, RowBatch};
use crate::store::db::types::ValueRef;
use std::sync::mpsc;

/// Rows handed over at a time: large enough that handing over costs nothing, small enough
/// that the builder starts at once.
const BATCH_ROWS: usize = 4096;

/// Batches in flight; the reader waits when the builder is this far behind.
const BATCHES_IN_FLIGHT: usize = 4;

impl Store {
    /// Builds the in-memory lookup index from every person's stored keys.
    pub fn load_index(&self) -> Result<Index> {
        let count = usize::try_from(self.count_people()?).unwrap_or(0);
        std::thread::scope(|s| {
            let (full_tx, full_rx) = mpsc::sync_channel::<RowBatch>(BATCHES_IN_FLIGHT);
            let (empty_tx, empty_rx) = mpsc::channel::<RowBatch>();
            let builder = s.spawn(move || {
                let mut builder = IndexBuilder::with_capacity(count);
                for batch in full_rx {
                    builder.push_batch(&batch);
                    // The reader may be gone after an error; the batch is then dropped.
                    let _ = empty_tx.send(batch);
                }
                builder.build()
            });
            let read = self.read_index_rows(|batch| {
                let mut empty = empty_rx.try_recv().unwrap_or_default();
                empty.clear();
                let full = std::mem::replace(batch, empty);
                // The builder only stops early by panicking, which `join` reports below.
                let _ = full_tx.send(full);
            });
            drop(full_tx);
            let index = builder
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            read.map(|()| index)
        })
    }

    /// Reads the columns the index needs, with one statement, into batches of
    /// [`BATCH_ROWS`] rows handed to `hand_over` (which leaves an empty batch behind).
    fn read_index_rows(&self, mut hand_over: impl FnMut(&mut RowBatch)) -> Result<()> {
        let mut batch = RowBatch::default();
        self.conn().for_each_row(
            "SELECT id, last_contact, name, py_full, py_initials, id_number, phone_digits \
             FROM people",
            &mut |r| {
                // A NULL (an unknown ID number) or a value of another type counts as empty.
                let text = |i: usize| -> crate::store::db::Result<&[u8]> {
                    Ok(match r.get_ref(i)? {
                        ValueRef::Text(t) => t,
                        _ => &[],
                    })
                };
                let fields = [text(2)?, text(3)?, text(4)?, text(5)?, text(6)?];
                batch.push(r.get(0)?, r.get(1)?, fields);
                if batch.len() == BATCH_ROWS {
                    hand_over(&mut batch);
                }
                Ok(())
            },
        )?;
        if batch.len() > 0 {
            hand_over(&mut batch);
        }
        Ok(())
    }
}

impl Store {
    /// The index rows of the people `ids` still on file (a deleted person has none), for
    /// updating a desk's index after a change.
    pub fn index_rows_of(&self, ids: &[i64]) -> Result<Vec<crate::search::PersonKeys>> {
        let mut out = Vec::with_capacity(ids.len());
        // A few hundred at a time: one round trip each on the server.
        for chunk in ids.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let mut stmt = self.conn().prepare(&format!(
                "SELECT id, last_contact, name, py_full, py_initials, coalesce(id_number, ''), \
                 phone_digits FROM people WHERE id IN ({marks})"
            ))?;
            let mut rows = stmt.query(crate::store::db::params_from_iter(chunk.iter()))?;
            while let Some(r) = rows.next()? {
                let text = |i: usize| -> Result<String> {
                    Ok(match r.get_ref(i)? {
                        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                        _ => String::new(),
                    })
                };
                out.push(crate::search::PersonKeys {
                    id: r.get(0)?,
                    last_contact: r.get(1)?,
                    name: text(2)?,
                    py_full: text(3)?,
                    py_initials: text(4)?,
                    id_number: text(5)?,
                    phone_digits: text(6)?,
                });
            }
        }
        Ok(out)
    }
}

impl Store {
    /// The highest ID number on file that begins with `region` (six digits), for the desks
    /// benchmark to number its new people after those of an earlier run.
    pub fn highest_id_number_in(&self, region: &str) -> Result<Option<String>> {
        // A range over the unique index, not a scan of every person.
        let next = region
            .parse::<u64>()
            .map_or_else(|_| region.to_string(), |r| (r + 1).to_string());
        Ok(self.conn().query_row(
            "SELECT max(id_number) FROM people WHERE id_number >= ?1 AND id_number < ?2",
            crate::store::db::params![region, next],
            |r| r.get(0),
        )?)
    }
}
