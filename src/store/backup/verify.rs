//! Checking a database file before it may replace the live one: SQLite header,
//! application id and version, `integrity_check`, the whole schema against what this
//! program creates at that version, and every text value readable as UTF-8.
use super::checksum::{recorded_sum, sha256_file};
use super::schema::{differences, expected_at, tables};
use super::{BackupInfo, RestoreRefusal};
use crate::store::{APPLICATION_ID, migrations};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Checks a backup file where it lies: its checksum when `FILE.sha256` is beside it, then
/// everything [`check_database`] checks. Nothing is written to the file.
pub fn verify_backup(file: &Path) -> Result<BackupInfo, RestoreRefusal> {
    if !file.is_file() {
        return Err(RestoreRefusal::Missing);
    }
    if let Some(sum) = recorded_sum(file)? {
        let found = sha256_file(file).map_err(|e| RestoreRefusal::Corrupt(e.to_string()))?;
        if found != sum {
            return Err(RestoreRefusal::ChecksumMismatch);
        }
    }
    check_database(file, true, None)
}

fn corrupt(e: impl ToString) -> RestoreRefusal {
    RestoreRefusal::Corrupt(e.to_string())
}

/// The checks of a database file, opened read-only (`read_only`) or read-write (a private
/// copy in WAL mode, which a read-only connection may be unable to open). No statement of
/// the file's own schema runs: schema-defined functions are not trusted and the
/// connection only reads. Once `stop` is set the checks are broken off, failing with a
/// refusal that the caller, knowing of the stop, does not report.
pub(super) fn check_database(
    path: &Path,
    read_only: bool,
    stop: Option<&AtomicBool>,
) -> Result<BackupInfo, RestoreRefusal> {
    let mut header = [0u8; 16];
    let ok_header = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
        .is_ok();
    if !ok_header || &header != b"SQLite format 3\0" {
        return Err(RestoreRefusal::NotSqlite);
    }
    let mode = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
    };
    let conn = Connection::open_with_flags(path, mode | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(corrupt)?;
    interruptible(&conn, stop, || check_open_database(&conn))
}

/// Runs `work` on `conn`, breaking off its statement once `stop` is set (looked at every
/// few tens of milliseconds from another thread).
fn interruptible<T>(conn: &Connection, stop: Option<&AtomicBool>, work: impl FnOnce() -> T) -> T {
    let Some(stop) = stop else {
        return work();
    };
    let handle = conn.get_interrupt_handle();
    let done = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                if stop.load(Ordering::Relaxed) {
                    handle.interrupt();
                    return;
                }
                std::thread::sleep(Duration::from_millis(40));
            }
        });
        let out = work();
        done.store(true, Ordering::Relaxed);
        out
    })
}

fn check_open_database(conn: &Connection) -> Result<BackupInfo, RestoreRefusal> {
    conn.execute_batch("PRAGMA trusted_schema = OFF; PRAGMA query_only = ON;")
        .map_err(corrupt)?;
    let pragma = |name: &str| -> Result<i64, RestoreRefusal> {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .map_err(corrupt)
    };
    let app_id = pragma("application_id")?;
    let version = u32::try_from(pragma("user_version")?).unwrap_or(u32::MAX);
    if app_id != i64::from(APPLICATION_ID) || version == 0 {
        return Err(RestoreRefusal::NotOurs);
    }
    if version > migrations::latest() {
        return Err(RestoreRefusal::Newer {
            found: version,
            supported: migrations::latest(),
        });
    }
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(corrupt)?;
    if check != "ok" {
        return Err(RestoreRefusal::Corrupt(check));
    }
    let expected = expected_at(version).map_err(corrupt)?;
    let diffs = differences(conn, &expected).map_err(corrupt)?;
    if !diffs.is_empty() {
        return Err(RestoreRefusal::Schema { version, diffs });
    }
    for table in tables(&expected).map_err(corrupt)? {
        scan_text(conn, &table)?;
    }
    let people: i64 = conn
        .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .map_err(corrupt)?;
    Ok(BackupInfo {
        schema_version: version,
        people: u64::try_from(people).unwrap_or(0),
    })
}

/// Reads every row of `table` once: a text value that is not UTF-8 (a flipped byte inside
/// a page passes `integrity_check`) is named, with its row, before it can make an export
/// or a screen fail after the restore.
fn scan_text(conn: &Connection, table: &str) -> Result<(), RestoreRefusal> {
    let quoted = table.replace('"', "\"\"");
    let mut stmt = conn
        .prepare(&format!("SELECT rowid, * FROM \"{quoted}\""))
        .map_err(corrupt)?;
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let mut rows = stmt.query([]).map_err(corrupt)?;
    while let Some(row) = rows.next().map_err(corrupt)? {
        for (i, column) in names.iter().enumerate().skip(1) {
            if let ValueRef::Text(bytes) = row.get_ref(i).map_err(corrupt)?
                && std::str::from_utf8(bytes).is_err()
            {
                return Err(RestoreRefusal::BadText {
                    table: table.to_string(),
                    row: row.get(0).map_err(corrupt)?,
                    column: column.clone(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_long_statement_is_broken_off_once_the_stop_is_set() {
        let conn = Connection::open_in_memory().unwrap();
        let stop = AtomicBool::new(false);
        let started = Instant::now();
        let result: rusqlite::Result<i64> = std::thread::scope(|s| {
            s.spawn(|| {
                std::thread::sleep(Duration::from_millis(100));
                stop.store(true, Ordering::Relaxed);
            });
            interruptible(&conn, Some(&stop), || {
                // Minutes of counting, were it not broken off.
                conn.query_row(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n \
                     WHERE i < 10000000000) SELECT count(*) FROM n",
                    [],
                    |r| r.get(0),
                )
            })
        });
        let err = result.unwrap_err();
        assert_eq!(
            err.sqlite_error_code(),
            Some(rusqlite::ErrorCode::OperationInterrupted)
        );
        assert!(started.elapsed() < Duration::from_secs(5));
        // Without a stop the same connection works on as before.
        let one: i64 =
            interruptible(&conn, None, || conn.query_row("SELECT 1", [], |r| r.get(0))).unwrap();
        assert_eq!(one, 1);
    }
}
