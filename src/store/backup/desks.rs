//! Which desks have the database open: each running desk holds a shared lock on a file
//! beside the database (`NAME.db.desks`) for its lifetime, and a restore takes the
//! exclusive lock, which it cannot while any desk runs.
//!
//! The lock is on a separate file, never on the database itself: closing any descriptor of
//! the database file would drop SQLite's own POSIX locks held in this process. `flock`
//! locks belong to the open file, so a killed desk's lock goes with it.
use crate::durable::folder_of;
use std::ffi::OsString;
use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// `NAME.db.desks` beside the database.
pub fn desks_lock_path(db: &Path) -> PathBuf {
    let mut name = db
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| OsString::from("stationdesk.db"));
    name.push(".desks");
    db.with_file_name(name)
}

fn open_lock_file(db: &Path) -> io::Result<File> {
    if !folder_of(db).is_dir() {
        return Err(io::Error::from(io::ErrorKind::NotFound));
    }
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(desks_lock_path(db))
}

/// A running desk's presence; dropping it (or the process ending) withdraws it.
#[derive(Debug)]
pub struct DeskPresence {
    _file: File,
}

impl DeskPresence {
    /// Marks a desk as open on `db`, waiting for a restore under way to finish. `None` for
    /// an in-memory database, or when the lock file cannot be made (a read-only folder,
    /// where a restore cannot happen either).
    pub fn join(db: &Path) -> Option<DeskPresence> {
        if db == Path::new(":memory:") {
            return None;
        }
        let file = open_lock_file(db).ok()?;
        file.lock_shared().ok()?;
        Some(DeskPresence { _file: file })
    }
}

/// The lock a restore holds while it replaces the database.
#[derive(Debug)]
pub(super) struct RestoreLock {
    _file: File,
}

/// Takes the exclusive lock: `Ok(None)` when a desk holds the shared one.
pub(super) fn lock_out_desks(db: &Path) -> io::Result<Option<RestoreLock>> {
    let file = open_lock_file(db)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(RestoreLock { _file: file })),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_desk_keeps_a_restore_out_until_it_leaves() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.db");
        let desk = DeskPresence::join(&db).unwrap();
        assert!(lock_out_desks(&db).unwrap().is_none());
        let second = DeskPresence::join(&db).unwrap();
        drop(desk);
        assert!(lock_out_desks(&db).unwrap().is_none(), "one desk is left");
        drop(second);
        let restore = lock_out_desks(&db).unwrap();
        assert!(restore.is_some());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(desks_lock_path(&db))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
