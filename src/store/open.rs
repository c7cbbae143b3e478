//! Looking at a database file before opening it: nothing is written to a file, and no
//! `-wal`, `-shm` or `-journal` is made beside it, until its header says it is ours (or it
//! is new and empty). Setting WAL mode writes the header, so it must come after this.
use super::{APPLICATION_ID, Result, StoreError};
use crate::i18n::Msg;
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Whether a missing file may be created: only by the desk's first run, `init` and `demo`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    Existing,
    CreateIfMissing,
}

/// What the header (the first 108 bytes) says about a file.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    /// Stamped with our application id.
    Ours,
    /// A new database: no bytes yet, or SQLite's empty database with no version or id.
    Empty,
    /// Another program's SQLite database, or not a database at all.
    Foreign,
    /// Empty in the main file, but in WAL mode with a `-wal` beside it: the truth may be in
    /// the WAL (a desk creating the database right now), so SQLite must be asked, read-only.
    AskSqlite,
}

/// Checks `path` and gets it ready for SQLite: refuses what is not ours, creates a missing
/// file when `mode` allows, and tightens loose file modes. Returns notes for the user.
pub(super) fn prepare(path: &Path, mode: OpenMode) -> Result<Vec<Msg>> {
    let shown = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return match mode {
                OpenMode::Existing => Err(StoreError::Missing { path: shown }),
                OpenMode::CreateIfMissing => create(path).map(|()| Vec::new()),
            };
        }
        Err(e) => return Err(open_error(path, &e)),
    };
    // A directory, a device such as /dev/null or a pipe: SQLite would make a `-journal`
    // beside it (or block reading a pipe), so it is never handed over.
    if !meta.is_file() {
        return Err(StoreError::NotAFile { path: shown });
    }
    let verdict = match read_header(path) {
        Ok(v) => v,
        Err(e) => return Err(open_error(path, &e)),
    };
    let ours = match verdict {
        Verdict::Ours | Verdict::Empty => true,
        Verdict::Foreign => false,
        Verdict::AskSqlite => ask_sqlite(path)?,
    };
    if !ours {
        return Err(StoreError::NotOurs { path: shown });
    }
    Ok(tighten_modes(path).into_iter().collect())
}

fn open_error(path: &Path, e: &std::io::Error) -> StoreError {
    if e.kind() == std::io::ErrorKind::StorageFull {
        return StoreError::DiskFull;
    }
    StoreError::Open {
        path: path.display().to_string(),
        detail: e.to_string(),
    }
}

/// The folders (0700, only those made now) and an empty 0600 file.
fn create(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(dir).map_err(|e| open_error(dir, &e))?;
    }
    // Another desk may create it at the same moment: that is fine, it is a file.
    match super::create_private_file(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(open_error(path, &e)),
    }
}

fn read_header(path: &Path) -> std::io::Result<Verdict> {
    let mut head = Vec::with_capacity(108);
    std::fs::File::open(path)?
        .take(108)
        .read_to_end(&mut head)?;
    Ok(judge(
        &head,
        &sidecar(path, "-wal"),
        &sidecar(path, "-journal"),
    ))
}

/// The verdict on the first bytes of a file, given the paths its `-wal` and `-journal`
/// would have.
fn judge(head: &[u8], wal: &Path, journal: &Path) -> Verdict {
    if head.is_empty() {
        return Verdict::Empty;
    }
    if head.len() < 108 || !head.starts_with(b"SQLite format 3\0") {
        return Verdict::Foreign;
    }
    let be32 = |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let app_id = be32(68);
    if app_id == APPLICATION_ID as u32 {
        return Verdict::Ours;
    }
    let user_version = be32(60);
    // Page 1 holds the schema: a leaf table page (0x0D) with no cells is an empty schema.
    let empty_schema = head[100] == 0x0D && head[103] == 0 && head[104] == 0;
    if app_id != 0 || user_version != 0 || !empty_schema {
        return Verdict::Foreign;
    }
    let wal_mode = head[18] == 2;
    let non_empty = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.len() > 0);
    if wal_mode && non_empty(wal) {
        Verdict::AskSqlite
    } else if !wal_mode && non_empty(journal) {
        // A hot journal: opening would roll somebody's interrupted transaction back.
        Verdict::Foreign
    } else {
        Verdict::Empty
    }
}

/// Reads the id, version and schema through a read-only connection (a WAL-mode file
/// already has its `-wal` and `-shm`, so nothing new is made beside it).
fn ask_sqlite(path: &Path) -> Result<bool> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)?;
    super::busy::install(&mut conn)?;
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app_id == APPLICATION_ID {
        return Ok(true);
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    Ok(app_id == 0 && version == 0 && tables == 0)
}

pub(super) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Makes the database and its `-wal` and `-shm` private (0600): the file holds personal
/// information, and a stale read-only `-shm` would make SQLite open the database read-only
/// even after its own mode was fixed. Returns a note naming what was changed.
#[cfg(unix)]
fn tighten_modes(path: &Path) -> Option<Msg> {
    use std::os::unix::fs::PermissionsExt;
    let mut changed = Vec::new();
    for (file, follow) in [
        (path.to_path_buf(), true),
        (sidecar(path, "-wal"), false),
        (sidecar(path, "-shm"), false),
    ] {
        // The database may be a link the officer made; its -wal and -shm are never links
        // of ours, and a link there is not followed.
        let meta = if follow {
            std::fs::metadata(&file)
        } else {
            std::fs::symlink_metadata(&file)
        };
        let Ok(meta) = meta else { continue };
        let mode = meta.permissions().mode() & 0o777;
        let loose = mode & 0o077 != 0;
        // The database keeps its owner's choice of read-only; a -wal or -shm must be
        // writable by its owner, or SQLite treats the whole database as read-only.
        let wanted = if follow { mode & 0o600 } else { 0o600 };
        if !meta.is_file() || mode == wanted {
            continue;
        }
        let done = std::fs::set_permissions(&file, std::fs::Permissions::from_mode(wanted));
        if done.is_ok() && loose {
            changed.push(format!("{} ({mode:o} → {wanted:o})", file.display()));
        }
    }
    if changed.is_empty() {
        return None;
    }
    Some(Msg::new("store_open.modes_tightened").arg("files", changed.join(", ")))
}

#[cfg(not(unix))]
fn tighten_modes(_path: &Path) -> Option<Msg> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(app_id: u32, version: u32, wal: bool, cells: u8) -> Vec<u8> {
        let mut h = vec![0u8; 108];
        h[..16].copy_from_slice(b"SQLite format 3\0");
        h[18] = if wal { 2 } else { 1 };
        h[60..64].copy_from_slice(&version.to_be_bytes());
        h[68..72].copy_from_slice(&app_id.to_be_bytes());
        h[100] = 0x0D;
        h[104] = cells;
        h
    }

    #[test]
    fn the_header_tells_ours_from_theirs() {
        let none = Path::new("/nonexistent/x");
        let ours = APPLICATION_ID as u32;
        assert_eq!(judge(&header(ours, 9, true, 5), none, none), Verdict::Ours);
        assert_eq!(judge(&[], none, none), Verdict::Empty);
        assert_eq!(judge(&header(0, 0, false, 0), none, none), Verdict::Empty);
        assert_eq!(judge(&header(0, 0, false, 2), none, none), Verdict::Foreign);
        assert_eq!(judge(&header(0, 3, false, 0), none, none), Verdict::Foreign);
        assert_eq!(judge(&header(7, 0, true, 0), none, none), Verdict::Foreign);
        assert_eq!(judge(b"hello", none, none), Verdict::Foreign);
    }

    #[test]
    fn an_empty_file_with_a_wal_or_hot_journal_is_looked_at_closer() {
        let dir = tempfile::tempdir().unwrap();
        let side = dir.path().join("side");
        std::fs::write(&side, b"x").unwrap();
        let none = Path::new("/nonexistent/x");
        assert_eq!(
            judge(&header(0, 0, true, 0), &side, none),
            Verdict::AskSqlite
        );
        assert_eq!(
            judge(&header(0, 0, false, 0), none, &side),
            Verdict::Foreign
        );
    }
}
