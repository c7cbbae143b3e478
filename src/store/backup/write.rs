//! Writing a backup: an online copy through SQLite's backup API into a temporary beside
//! the target, synced, checksummed, and renamed into place in the transaction that records
//! it. The live database and its companion files are never a target.
use super::BackupError;
use super::checksum::sha256_of;
use super::checksum::write_checksum;
use super::copy::{WatchedRead, copy_all, was_cancelled};
use super::publish::{AuditNote, PublishError, Replace};
use crate::durable::{PendingFile, folder_of, remove_stale_temps};
use crate::store::error::or_stopped;
use crate::store::{Result, Store, StoreError};
use crate::work::{Stage, Unwatched, Watcher};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::ffi::OsString;
use std::fs;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Copies the database into the empty file at `dest` as a self-contained file (not a WAL
/// database) and returns the notes of its checksum file.
fn copy_database(
    src: &Connection,
    dest: &Path,
    watcher: &mut dyn Watcher,
) -> Result<Vec<(String, String)>> {
    let mut conn = Connection::open(dest)?;
    copy_all(src, &mut conn, Stage::CopyPages, watcher)?;
    conn.query_row("PRAGMA journal_mode=DELETE", [], |_| Ok(()))?;
    backup_notes(&conn)
}

/// The SHA-256 of the file at `path`, read under `watcher`.
fn checksum_watched(path: &Path, watcher: &mut dyn Watcher) -> std::io::Result<String> {
    let file = fs::File::open(path)?;
    let total = file.metadata()?.len();
    sha256_of(WatchedRead {
        inner: file,
        stage: Stage::Checksum,
        total,
        read: 0,
        watcher,
    })
}

/// The `# key: value` lines of a backup's checksum file: what the copy holds.
fn backup_notes(copy: &Connection) -> Result<Vec<(String, String)>> {
    let schema: u32 = copy.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let people: i64 = copy.query_row("SELECT count(*) FROM people", [], |r| r.get(0))?;
    let mut notes = vec![
        ("schema".into(), schema.to_string()),
        ("people".into(), people.to_string()),
    ];
    // The chain head: a later restore of this file, or a trail cut back after it, shows
    // against this line.
    if let Some((id, hash)) = crate::store::audit::head_of_file(copy)? {
        notes.push(("audit-head".into(), format!("#{id} {hash}")));
    }
    Ok(notes)
}

/// `path` with `suffix` appended to its file name (`desk.db` → `desk.db-wal`).
pub(super) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// The absolute path `path` names, links resolved, whether or not the file exists.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = fs::canonicalize(path) {
        return Some(p);
    }
    let name = path.file_name()?;
    fs::canonicalize(folder_of(path))
        .ok()
        .map(|dir| dir.join(name))
}

/// Whether `path` is the database at `db` or one of its companion files: by resolved path,
/// or by device and inode (a hard link).
pub(super) fn is_live_file(path: &Path, db: &Path) -> bool {
    let target = resolved(path);
    let target_id = fs::metadata(path).ok().map(|m| (m.dev(), m.ino()));
    ["", "-wal", "-shm", "-journal"].iter().any(|suffix| {
        let live = with_suffix(db, suffix);
        let same_path = target.is_some() && resolved(&live) == target;
        let same_inode = target_id.is_some()
            && fs::metadata(&live).ok().map(|m| (m.dev(), m.ino())) == target_id;
        same_path || same_inode
    })
}

/// Creates the missing folders of `dir` private (0700).
pub(super) fn create_private_dirs(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

impl Store {
    /// Writes a consistent copy of the database to `dest` (mode 0600) and `dest.sha256`
    /// beside it; refuses an existing `dest`. See [`Store::backup_with`].
    pub fn backup_to(&self, dest: &Path) -> std::result::Result<(), BackupError> {
        self.backup_with(dest, false)
    }

    /// Writes a backup to `dest`, replacing an existing file only when `force`. The file
    /// appears under its name whole, synced, with its checksum file, and only once the
    /// `backup` audit record and the `last_backup_at` setting are committed; a failure
    /// leaves no file. Leftovers of killed backups in the folder are removed first.
    pub fn backup_with(&self, dest: &Path, force: bool) -> std::result::Result<(), BackupError> {
        self.backup_watched(dest, force, &mut Unwatched)
    }

    /// [`Store::backup_with`], telling `watcher` how far the copy and its checksum have
    /// got; a stop asked for before the file is published leaves no file, no record, and
    /// answers [`BackupError::Cancelled`].
    pub fn backup_watched(
        &self,
        dest: &Path,
        force: bool,
        watcher: &mut dyn Watcher,
    ) -> std::result::Result<(), BackupError> {
        let shown = dest.display().to_string();
        let io_err = |e: std::io::Error| BackupError::Io {
            file: shown.clone(),
            detail: e.to_string(),
        };
        if is_live_file(dest, self.path()) {
            return Err(BackupError::LiveFile { file: shown });
        }
        if !force && fs::symlink_metadata(dest).is_ok() {
            return Err(BackupError::Exists { file: shown });
        }
        let dir = folder_of(dest);
        create_private_dirs(&dir).map_err(io_err)?;
        remove_stale_temps(&dir, |_| true);
        let copy = PendingFile::create(dest).map_err(io_err)?;
        let notes = copy_database(
            self.file_conn().map_err(BackupError::Store)?,
            copy.temp_path(),
            watcher,
        )
        .map_err(|e| match e {
            StoreError::Cancelled => BackupError::Cancelled,
            other => BackupError::Store(other),
        })?;
        copy.sync().map_err(io_err)?;
        let digest = checksum_watched(copy.temp_path(), watcher).map_err(|e| {
            if was_cancelled(&e) {
                BackupError::Cancelled
            } else {
                io_err(e)
            }
        })?;
        let sums = write_checksum(dest, &digest, &notes).map_err(io_err)?;
        // The last safe point: the copy is whole but nobody sees it yet. Recording it may
        // wait for another desk's write, and shows so.
        watcher
            .at(Stage::Commit, 0, None)
            .map_err(|_| BackupError::Cancelled)?;
        let replace = if force {
            Replace::Allowed
        } else {
            Replace::Never
        };
        let note = AuditNote {
            action: "backup",
            entity: "database",
            entity_id: "",
            summary: &shown,
        };
        let now = self.now_text();
        let settings = [("last_backup_at", now.as_str())];
        self.publish_audited(
            vec![(copy, replace), (sums, Replace::Allowed)],
            &note,
            &settings,
        )
        .map_err(|e| match e {
            PublishError::File { error, .. }
                if error.kind() == std::io::ErrorKind::AlreadyExists =>
            {
                BackupError::Exists {
                    file: shown.clone(),
                }
            }
            PublishError::File { path, error } => BackupError::Io {
                file: path.display().to_string(),
                detail: error.to_string(),
            },
            PublishError::Store(error) => match or_stopped(error, watcher) {
                StoreError::Cancelled => BackupError::Cancelled,
                error => BackupError::NotRecorded {
                    file: shown.clone(),
                    error,
                },
            },
        })?;
        Ok(())
    }

    /// The automatic backup of the day: at the first start of each day, into `backups/`
    /// (0700) beside the database, keeping the newest `keep`. Returns the file written, if
    /// any.
    pub fn daily_backup(
        &self,
        today: NaiveDate,
        keep: usize,
    ) -> std::result::Result<Option<PathBuf>, BackupError> {
        self.daily_backup_watched(today, keep, &mut Unwatched)
    }

    /// The file today's automatic backup goes to (`None` for an in-memory database).
    pub fn daily_backup_file(&self, today: NaiveDate) -> Option<PathBuf> {
        if self.path() == Path::new(":memory:") {
            return None;
        }
        let dir = self.path().parent().map(|p| p.join("backups"))?;
        let stem = self
            .path()
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_else(|| "stationdesk".into());
        Some(dir.join(format!("{stem}-{}.db", today.format("%Y-%m-%d"))))
    }

    /// [`Store::daily_backup`], telling `watcher` how far the copy has got; a stop leaves
    /// no file and no temporary file ([`BackupError::Cancelled`]).
    pub fn daily_backup_watched(
        &self,
        today: NaiveDate,
        keep: usize,
        watcher: &mut dyn Watcher,
    ) -> std::result::Result<Option<PathBuf>, BackupError> {
        let Some(file) = self.daily_backup_file(today) else {
            return Ok(None);
        };
        let dir = folder_of(&file);
        let stem = self
            .path()
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_else(|| "stationdesk".into());
        if file.exists() {
            return Ok(None);
        }
        create_private_dirs(&dir).map_err(|e| BackupError::Io {
            file: dir.display().to_string(),
            detail: e.to_string(),
        })?;
        tighten_folder(&dir);
        match self.backup_watched(&file, false, watcher) {
            // Another desk made today's at the same moment.
            Err(BackupError::Exists { .. }) => return Ok(None),
            other => other?,
        }
        prune_backups(&dir, &stem, keep);
        Ok(Some(file))
    }
}

/// The backups folder holds everyone's records: nobody but its owner reads it.
fn tighten_folder(dir: &Path) {
    if let Ok(meta) = fs::metadata(dir)
        && meta.permissions().mode() & 0o077 != 0
    {
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
    }
}

/// Deletes all but the newest `keep` daily backups (their names sort by date), with their
/// checksum files.
fn prune_backups(dir: &Path, stem: &str, keep: usize) {
    let prefix = format!("{stem}-");
    let Ok(entries) = fs::read_dir(dir) else {
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
        let mut sums = OsString::from(old.as_os_str());
        sums.push(".sha256");
        let _ = fs::remove_file(&old);
        let _ = fs::remove_file(PathBuf::from(sums));
    }
}
