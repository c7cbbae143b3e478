//! Online backups and verified restores through SQLite's backup API.
//!
//! A backup copies a consistent snapshot while other desks keep writing; a restore checks
//! the file first, keeps the current database aside, and only then replaces it.
use super::{APPLICATION_ID, Result, Store, StoreError, create_private_file, migrations};
use chrono::NaiveDate;
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a verified backup file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    pub schema_version: u32,
    pub people: u64,
}

/// Why a file cannot be restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreRefusal {
    Missing,
    NotSqlite,
    Corrupt(String),
    NotOurs,
    Newer { found: u32, supported: u32 },
}

impl RestoreRefusal {
    pub fn msg(&self, file: &Path) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        let f = file.display().to_string();
        match self {
            RestoreRefusal::Missing => Msg::new("backup.missing").arg("file", f),
            RestoreRefusal::NotSqlite => Msg::new("backup.not_sqlite").arg("file", f),
            RestoreRefusal::Corrupt(detail) => Msg::new("backup.corrupt")
                .arg("file", f)
                .arg("detail", detail),
            RestoreRefusal::NotOurs => Msg::new("backup.not_ours").arg("file", f),
            RestoreRefusal::Newer { found, supported } => Msg::new("backup.newer")
                .arg("file", f)
                .arg("found", found)
                .arg("supported", supported),
        }
    }
}

/// Copies every page in one step: the copy is one consistent snapshot even while other
/// connections write (a writer in WAL mode goes on; a lock only makes us wait and retry).
fn copy_all(src: &Connection, dest: &mut Connection) -> Result<()> {
    use rusqlite::backup::StepResult;
    let backup = Backup::new(src, dest)?;
    for _ in 0..2000 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More | StepResult::Busy | StepResult::Locked => {
                std::thread::sleep(Duration::from_millis(5))
            }
            _ => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    Err(StoreError::Busy)
}

fn copy_database(src: &Connection, dest_path: &Path) -> Result<()> {
    let mut dest = Connection::open(dest_path)?;
    copy_all(src, &mut dest)?;
    // A backup is a single self-contained file, not a WAL database.
    dest.query_row("PRAGMA journal_mode=DELETE", [], |_| Ok(()))?;
    Ok(())
}

/// A temporary path beside `target`, so the final rename stays on one filesystem.
fn temp_beside(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "backup".into());
    target.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

impl Store {
    /// Writes a consistent copy of the database to `dest` (mode 0600), atomically: a failed
    /// backup leaves no half-written file. Records the time in the `last_backup_at` setting.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Other(e.to_string()))?;
        }
        let tmp = temp_beside(dest);
        let _ = std::fs::remove_file(&tmp);
        create_private_file(&tmp)
            .map_err(|e| StoreError::Other(format!("{}: {e}", tmp.display())))?;
        let result = copy_database(self.conn(), &tmp).and_then(|()| {
            std::fs::rename(&tmp, dest)
                .map_err(|e| StoreError::Other(format!("{}: {e}", dest.display())))
        });
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result?;
        self.set_setting("last_backup_at", &self.now_text())?;
        self.audit("backup", "database", "", &dest.display().to_string())?;
        Ok(())
    }

    /// The automatic backup of the day: at the first start of each day, into `backups/`
    /// beside the database, keeping the newest `keep`. Returns the file written, if any.
    pub fn daily_backup(&self, today: NaiveDate, keep: usize) -> Result<Option<PathBuf>> {
        let Some(dir) = self.path().parent().map(|p| p.join("backups")) else {
            return Ok(None);
        };
        if self.path() == Path::new(":memory:") {
            return Ok(None);
        }
        let stem = self
            .path()
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_else(|| "stationdesk".into());
        let file = dir.join(format!("{stem}-{}.db", today.format("%Y-%m-%d")));
        if file.exists() {
            return Ok(None);
        }
        self.backup_to(&file)?;
        prune_backups(&dir, &stem, keep);
        Ok(Some(file))
    }
}

/// Deletes all but the newest `keep` daily backups (their names sort by date).
fn prune_backups(dir: &Path, stem: &str, keep: usize) {
    let prefix = format!("{stem}-");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().to_string())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".db"))
        })
        .collect();
    files.sort();
    let excess = files.len().saturating_sub(keep);
    for old in files.into_iter().take(excess) {
        let _ = std::fs::remove_file(old);
    }
}

/// Checks a file before a restore: readable SQLite, intact, ours, not from a newer version.
pub fn verify_backup(file: &Path) -> std::result::Result<BackupInfo, RestoreRefusal> {
    if !file.is_file() {
        return Err(RestoreRefusal::Missing);
    }
    let mut header = [0u8; 16];
    let ok_header = std::fs::File::open(file)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
        .is_ok();
    if !ok_header || &header != b"SQLite format 3\0" {
        return Err(RestoreRefusal::NotSqlite);
    }
    let conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| RestoreRefusal::Corrupt(e.to_string()))?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| RestoreRefusal::Corrupt(e.to_string()))?;
    if check != "ok" {
        return Err(RestoreRefusal::Corrupt(check));
    }
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| RestoreRefusal::Corrupt(e.to_string()))?;
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| RestoreRefusal::Corrupt(e.to_string()))?;
    if app_id != APPLICATION_ID || version == 0 {
        return Err(RestoreRefusal::NotOurs);
    }
    if version > migrations::latest() {
        return Err(RestoreRefusal::Newer {
            found: version,
            supported: migrations::latest(),
        });
    }
    let people: i64 = conn
        .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .map_err(|_| RestoreRefusal::NotOurs)?;
    Ok(BackupInfo {
        schema_version: version,
        people: u64::try_from(people).unwrap_or(0),
    })
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub info: BackupInfo,
    /// Where the database as it was before the restore was kept.
    pub kept_aside: PathBuf,
}

/// Replaces the database at `db` with the verified `file`. The current database is first
/// copied aside (`DB.before-restore-STAMP.db`); then the backup's pages are copied in
/// through SQLite, so other connections see either the old or the new database, never a mix.
pub fn restore(db: &Path, file: &Path, stamp: &str) -> std::result::Result<Restored, RestoreError> {
    let info = verify_backup(file).map_err(RestoreError::Refused)?;
    let store = Store::open(db).map_err(RestoreError::Store)?;
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "stationdesk".into());
    let aside = db.with_file_name(format!("{stem}.before-restore-{stamp}.db"));
    store.backup_to(&aside).map_err(RestoreError::Store)?;
    store
        .audit("restore", "database", "", &file.display().to_string())
        .map_err(RestoreError::Store)?;
    drop(store);
    let src = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| RestoreError::Store(e.into()))?;
    let mut dest = Connection::open(db).map_err(|e| RestoreError::Store(e.into()))?;
    dest.busy_timeout(Duration::from_secs(10))
        .map_err(|e| RestoreError::Store(e.into()))?;
    copy_all(&src, &mut dest).map_err(RestoreError::Store)?;
    drop(dest);
    // Reopening brings an older backup's schema up to date.
    let store = Store::open(db).map_err(RestoreError::Store)?;
    store
        .audit("restored", "database", "", &file.display().to_string())
        .map_err(RestoreError::Store)?;
    Ok(Restored {
        info,
        kept_aside: aside,
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreError {
    Refused(RestoreRefusal),
    Store(StoreError),
}
