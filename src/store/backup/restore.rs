//! Replacing the live database with a backup, trusting nothing in the backup.
//!
//! The file is copied first, and everything is checked on the copy, so that what is
//! checked is what goes in: the checksum, the header and application id, integrity, the
//! whole schema and every text value; the copy is then migrated by the program itself and
//! checked again, stamped with a new incarnation and the audit record of the restore, and
//! only then copied over the live database through SQLite, with the old one kept aside.
use super::checksum::{recorded_sum, sha256_of};
use super::copy::{WatchedRead, copy_all, was_cancelled};
use super::desks::lock_out_desks;
use super::verify::check_database;
use super::write::{create_private_dirs, is_live_file, with_suffix};
use super::{BackupError, BackupInfo, RestoreError, RestoreRefusal, incarnation};
use crate::durable::{PendingFile, remove_stale_temps};
use crate::store::audit::append;
use crate::store::error::or_stopped;
use crate::store::{Store, StoreError, create_private_file};
use crate::work::{Stage, Unwatched, Watcher};
use rusqlite::Connection;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How a restore goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreOptions {
    /// Goes on while desks have the database open (they stop writing at their next save).
    pub force: bool,
    /// Names the copy of the old database: `DB.before-restore-STAMP.db`.
    pub stamp: String,
    /// The administrator the restore is recorded against (default: the command line's
    /// operating-system account).
    pub actor: Option<String>,
}

/// Whether the backup's checksum was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChecksumCheck {
    Matched,
    /// No `FILE.sha256` beside the file: only the checks of its contents vouch for it.
    Absent,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub info: BackupInfo,
    pub checksum: ChecksumCheck,
    /// Where the database as it was before the restore was kept (none when there was no
    /// database yet).
    pub kept_aside: Option<PathBuf>,
    /// Forced past open desks, which stop writing at their next save.
    pub desks_were_open: bool,
    /// The audit trail goes back: the live database's newest record and the backup's
    /// (the records between are in the copy kept aside, and named in the restore's record).
    pub audit_rolled_back: Option<(i64, i64)>,
}

fn refused(why: RestoreRefusal) -> RestoreError {
    RestoreError::Refused(why)
}

fn store_err(e: impl Into<StoreError>) -> RestoreError {
    RestoreError::Store(e.into())
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> RestoreError + '_ {
    move |e| RestoreError::Store(StoreError::Other(format!("{}: {e}", path.display())))
}

/// Replaces the database at `db` with the backup `file`.
pub fn restore(db: &Path, file: &Path, opts: &RestoreOptions) -> Result<Restored, RestoreError> {
    restore_watched(db, file, opts, &mut Unwatched)
}

/// [`restore`], telling `watcher` how far it has got. A stop asked for before the live
/// database begins to be replaced leaves it as it was and answers
/// [`RestoreError::Cancelled`]; once the replacing has begun, it goes to its end.
pub fn restore_watched(
    db: &Path,
    file: &Path,
    opts: &RestoreOptions,
    watcher: &mut dyn Watcher,
) -> Result<Restored, RestoreError> {
    if !file.is_file() {
        return Err(refused(RestoreRefusal::Missing));
    }
    if is_live_file(file, db) {
        return Err(refused(RestoreRefusal::LiveFile));
    }
    let wal = with_suffix(file, "-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(refused(RestoreRefusal::HasWal));
    }
    let (_lock, desks_were_open) = match lock_out_desks(db) {
        Ok(Some(lock)) => (Some(lock), false),
        Ok(None) if !opts.force => return Err(refused(RestoreRefusal::DesksOpen)),
        Ok(None) => (None, true),
        // A folder where no desk could have left its mark either.
        Err(_) => (None, false),
    };
    let db_name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = crate::durable::folder_of(db);
    create_private_dirs(&folder).map_err(io_err(&folder))?;
    remove_stale_temps(&folder, |t| t == db_name);
    let copy = PendingFile::create(db).map_err(io_err(db))?;
    let checksum = copy_and_check_sum(file, &copy, watcher)?;
    let result = check_migrate_and_swap(db, (file, copy.temp_path()), opts, watcher);
    for suffix in ["-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(with_suffix(copy.temp_path(), suffix));
    }
    drop(copy);
    // A wait for another desk's write, given up because of the stop, is the stop.
    let (info, kept_aside, audit_rolled_back) = result.map_err(|e| match e {
        RestoreError::Store(e) => match or_stopped(e, watcher) {
            StoreError::Cancelled => RestoreError::Cancelled,
            e => RestoreError::Store(e),
        },
        other => other,
    })?;
    Ok(Restored {
        info,
        checksum,
        kept_aside,
        desks_were_open,
        audit_rolled_back,
    })
}

/// Copies `file` into the temporary, hashing what was copied, and compares the hash with
/// `FILE.sha256` when there is one.
fn copy_and_check_sum(
    file: &Path,
    copy: &PendingFile,
    watcher: &mut dyn Watcher,
) -> Result<ChecksumCheck, RestoreError> {
    let recorded = recorded_sum(file).map_err(refused)?;
    let source = std::fs::File::open(file).map_err(io_err(file))?;
    let total = source.metadata().map_err(io_err(file))?.len();
    let tee = Tee {
        source,
        copy: copy.file(),
    };
    let watched = WatchedRead {
        inner: tee,
        stage: Stage::CopyFile,
        total,
        read: 0,
        watcher,
    };
    let found = sha256_of(watched).map_err(|e| {
        if was_cancelled(&e) {
            RestoreError::Cancelled
        } else {
            io_err(copy.temp_path())(e)
        }
    })?;
    copy.sync().map_err(io_err(copy.temp_path()))?;
    match recorded {
        Some(sum) if sum != found => Err(refused(RestoreRefusal::ChecksumMismatch)),
        Some(_) => Ok(ChecksumCheck::Matched),
        None => Ok(ChecksumCheck::Absent),
    }
}

/// A reader that writes what it reads to `copy` as well.
struct Tee<'a> {
    source: std::fs::File,
    copy: &'a std::fs::File,
}

impl Read for Tee<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.source.read(buf)?;
        self.copy.write_all(&buf[..n])?;
        Ok(n)
    }
}

/// What the swap found: the restored file's figures, where the old database was kept, and
/// how far the audit trail went back.
type Swapped = (BackupInfo, Option<PathBuf>, Option<(i64, i64)>);

fn check_migrate_and_swap(
    db: &Path,
    (file, copy): (&Path, &Path),
    opts: &RestoreOptions,
    watcher: &mut dyn Watcher,
) -> Result<Swapped, RestoreError> {
    let stop = |_| RestoreError::Cancelled;
    // A check broken off by the stop fails; the stop, not the failure, is the answer.
    let checked = |watcher: &dyn Watcher| {
        check_database(copy, false, watcher.stop_flag()).map_err(|why| {
            if watcher.stop_requested() {
                RestoreError::Cancelled
            } else {
                refused(why)
            }
        })
    };
    watcher.at(Stage::Verify, 0, None).map_err(stop)?;
    let info = checked(watcher)?;
    watcher.check().map_err(stop)?;
    let live_head = live_audit_head(db);
    // The program's own migrations bring an older backup up to date; the new incarnation
    // and the record of the restore go in with it.
    let backup_head;
    {
        let mut store = Store::open(copy).map_err(store_err)?;
        let actor = opts
            .actor
            .clone()
            .unwrap_or_else(|| store.actor().to_string());
        let now = store.now_text();
        let tx = store.write_tx().map_err(store_err)?;
        incarnation::stamp(&tx).map_err(store_err)?;
        backup_head = crate::store::audit::head_of(&tx).map_err(store_err)?;
        // Restoring an older backup cuts the audit trail back to the backup's head: say so
        // in the record, with both heads, so that it is visible in the trail itself.
        let show = |h: &Option<(i64, String)>| match h {
            Some((id, hash)) => format!("#{id} {}", hash.get(..16).unwrap_or(hash)),
            None => "-".to_string(),
        };
        let summary = format!(
            "{} ({} people); audit before: {}; backup's audit head: {}",
            file.display(),
            info.people,
            show(&live_head),
            show(&backup_head)
        );
        append(&tx, &now, &actor, "restored", "database", "", &summary).map_err(store_err)?;
        tx.commit().map_err(store_err)?;
    }
    watcher.check().map_err(stop)?;
    let migrated = checked(watcher)?;
    watcher.check().map_err(stop)?;
    // The last safe point is inside: once the copy of the live database is kept aside (and
    // recorded in it), the live database is replaced to the end.
    let kept_aside = keep_aside(db, &opts.stamp, watcher)?;
    if !db.exists() {
        create_private_file(db).map_err(io_err(db))?;
    }
    // Read-write: a WAL database may not open read-only without its `-shm`.
    let src = Connection::open(copy).map_err(store_err)?;
    src.execute_batch("PRAGMA query_only = ON")
        .map_err(store_err)?;
    let mut dest = Connection::open(db).map_err(store_err)?;
    dest.busy_timeout(Duration::from_secs(10))
        .map_err(store_err)?;
    copy_all(&src, &mut dest, Stage::Replace, watcher).map_err(RestoreError::Store)?;
    drop((src, dest));
    let store = Store::open(db).map_err(store_err)?;
    if !store.integrity_ok().map_err(store_err)? {
        return Err(store_err(StoreError::Other(format!(
            "{}: integrity_check",
            db.display()
        ))));
    }
    Ok((
        BackupInfo {
            schema_version: migrated.schema_version,
            people: info.people,
        },
        kept_aside,
        rolled_back(live_head.as_ref(), backup_head.as_ref()),
    ))
}

/// The live database's newest audit record, read without writing anything; `None` when
/// there is no database or it cannot be read (a lost or broken one being restored over).
fn live_audit_head(db: &Path) -> Option<(i64, String)> {
    let conn = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    crate::store::audit::head_of_file(&conn).ok().flatten()
}

/// `(live head, backup head)` when the restore takes the audit trail back: the live
/// database holds records the backup does not.
fn rolled_back(live: Option<&(i64, String)>, backup: Option<&(i64, String)>) -> Option<(i64, i64)> {
    let (live_id, live_hash) = live?;
    match backup {
        Some((id, hash)) if id == live_id && hash == live_hash => None,
        Some((id, _)) => Some((*live_id, *id)),
        None => Some((*live_id, 0)),
    }
}

/// Backs the current database up to `DB.before-restore-STAMP.db` (a further `-N` when
/// that name is taken). Nothing is kept when there is no database yet.
fn keep_aside(
    db: &Path,
    stamp: &str,
    watcher: &mut dyn Watcher,
) -> Result<Option<PathBuf>, RestoreError> {
    if !db.exists() {
        return Ok(None);
    }
    let store = Store::open(db).map_err(store_err)?;
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "stationdesk".into());
    for n in 1..=99 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let aside = db.with_file_name(format!("{stem}.before-restore-{stamp}{suffix}.db"));
        match store.backup_watched(&aside, false, watcher) {
            Ok(()) => return Ok(Some(aside)),
            Err(BackupError::Exists { .. }) => continue,
            Err(BackupError::Cancelled) => return Err(RestoreError::Cancelled),
            Err(e) => return Err(RestoreError::KeepAside(e)),
        }
    }
    Err(RestoreError::KeepAside(BackupError::Exists {
        file: db.display().to_string(),
    }))
}
