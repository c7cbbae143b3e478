//! Copying a database or a file, watched: a few megabytes at a time, telling the watcher
//! how far the copy has got and stopping between two steps when it asks.
use crate::store::{Result, StoreError};
use crate::work::{Cancelled, Stage, Watcher};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::io::{self, Read};
use std::time::Duration;

/// Pages copied in one step: 4 MB of 4 KB pages, a fraction of a second on any disk.
const PAGES_PER_STEP: i32 = 1024;

/// Steps in a row that may find the source or the copy locked (5 ms apart) before the
/// copy gives up: ten seconds, as long as a desk waits for another's write.
const BUSY_STEPS: u32 = 2000;

/// Copies every page of `src` into `dest`, telling `watcher` of the bytes copied under
/// `stage`.
///
/// The copy is one consistent snapshot even while other connections write: the source is
/// held in one read transaction for the whole copy, so every step reads the same state
/// (writers in WAL mode go on meanwhile). The copy's own write transaction stays open
/// until the last page: a stop asked for between two steps rolls it back, leaving `dest`
/// as it was, and answers [`StoreError::Cancelled`].
pub(super) fn copy_all(
    src: &Connection,
    dest: &mut Connection,
    stage: Stage,
    watcher: &mut dyn Watcher,
) -> Result<()> {
    let snapshot = Transaction::new_unchecked(src, TransactionBehavior::Deferred)?;
    // The read transaction begins with the first read.
    let page_size: i64 = snapshot.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    snapshot.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
    let page_size = u64::try_from(page_size).unwrap_or(4096);
    let backup = Backup::new(&snapshot, dest)?;
    let mut busy = 0;
    loop {
        let step = backup.step(PAGES_PER_STEP)?;
        let p = backup.progress();
        let total = u64::try_from(p.pagecount).unwrap_or(0);
        let done = total.saturating_sub(u64::try_from(p.remaining).unwrap_or(0));
        // Dropping the unfinished backup rolls the copy's transaction back.
        watcher.at(stage, done * page_size, Some(total * page_size))?;
        match step {
            StepResult::Done => return Ok(()),
            StepResult::More => busy = 0,
            _ if busy >= BUSY_STEPS => return Err(StoreError::Busy),
            _ => {
                busy += 1;
                std::thread::sleep(Duration::from_millis(5));
            }
        }
    }
}

/// A reader that tells `watcher` of the bytes read so far, of `total`, and fails with an
/// error wrapping [`Cancelled`] when it asks to stop (see [`was_cancelled`]).
pub(super) struct WatchedRead<'w, R> {
    pub inner: R,
    pub stage: Stage,
    pub total: u64,
    pub read: u64,
    pub watcher: &'w mut dyn Watcher,
}

impl<R: Read> Read for WatchedRead<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.watcher
            .at(self.stage, self.read, Some(self.total.max(self.read)))
            .map_err(io::Error::other)?;
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// Whether an input/output error is a stop asked for by the watcher of a [`WatchedRead`].
pub(super) fn was_cancelled(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<Cancelled>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::work::{Progress, Unwatched};

    /// Stops after `after` reports.
    struct StopAfter {
        after: usize,
        seen: Vec<Progress>,
    }

    impl Watcher for StopAfter {
        fn progress(&mut self, p: Progress) {
            self.seen.push(p);
        }
        fn stop_requested(&self) -> bool {
            self.seen.len() > self.after
        }
    }

    fn database_of(rows: usize) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t(x TEXT)").unwrap();
        let text = "x".repeat(1000);
        for _ in 0..rows {
            conn.execute("INSERT INTO t VALUES (?1)", [&text]).unwrap();
        }
        conn
    }

    fn rows_in(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap_or(-1)
    }

    #[test]
    fn a_copy_reports_its_bytes_and_ends_whole() {
        let src = database_of(20_000);
        let mut dest = Connection::open_in_memory().unwrap();
        let mut w = StopAfter {
            after: usize::MAX,
            seen: Vec::new(),
        };
        copy_all(&src, &mut dest, Stage::CopyPages, &mut w).unwrap();
        assert_eq!(rows_in(&dest), 20_000);
        assert!(w.seen.len() > 2, "{} reports", w.seen.len());
        let last = w.seen.last().unwrap();
        assert_eq!(Some(last.done), last.total);
    }

    #[test]
    fn a_stopped_copy_leaves_the_destination_as_it_was() {
        let src = database_of(20_000);
        let mut dest = database_of(3);
        let mut w = StopAfter {
            after: 1,
            seen: Vec::new(),
        };
        let err = copy_all(&src, &mut dest, Stage::CopyPages, &mut w).unwrap_err();
        assert_eq!(err, StoreError::Cancelled);
        assert_eq!(rows_in(&dest), 3);
        // And the source is free again: the snapshot was let go.
        copy_all(&src, &mut dest, Stage::CopyPages, &mut Unwatched).unwrap();
        assert_eq!(rows_in(&dest), 20_000);
    }

    #[test]
    fn a_watched_read_stops_on_request() {
        let data = vec![7u8; 1 << 20];
        let mut w = StopAfter {
            after: 3,
            seen: Vec::new(),
        };
        let mut reader = WatchedRead {
            inner: &data[..],
            stage: Stage::CopyFile,
            total: data.len() as u64,
            read: 0,
            watcher: &mut w,
        };
        let mut buf = [0u8; 1024];
        let err = loop {
            if let Err(e) = reader.read(&mut buf) {
                break e;
            }
        };
        assert!(was_cancelled(&err));
        assert_eq!(reader.read, 3 * 1024);
    }
}
