//! Backups, and restores that trust nothing in the file they are given.
//!
//! A backup is an online, consistent copy through SQLite's backup API, written beside its
//! target, synced, and renamed into place only in the transaction that records it, with a
//! `FILE.sha256` checksum file beside it. A restore checks a private copy of the file
//! (checksum, header, application id, integrity, the whole schema against what this
//! program creates, every text value), migrates and checks it again, and only then copies
//! it over the live database, keeping the old one aside first.
mod checksum;
mod copy;
mod desks;
pub(crate) mod incarnation;
mod publish;
mod restore;
mod schema;
mod verify;
mod write;

pub use checksum::{checksum_path, sha256_file, write_checksum};
pub use desks::{DeskPresence, desks_lock_path};
pub use publish::{AuditNote, PublishError, Replace};
pub use restore::{ChecksumCheck, RestoreOptions, Restored, restore, restore_watched};
pub use schema::SchemaDiff;
pub use verify::verify_backup;

use super::StoreError;
use crate::i18n::{Lang, Msg};
use std::path::Path;

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
    Newer {
        found: u32,
        supported: u32,
    },
    /// The file is the live database itself, or one of its companion files.
    LiveFile,
    /// The file's bytes do not match the sum in `FILE.sha256`.
    ChecksumMismatch,
    /// `FILE.sha256` exists but holds no sum.
    ChecksumUnreadable,
    /// A write-ahead log beside the file holds changes a copy of the file would lose.
    HasWal,
    /// The schema is not the one this program creates at the file's version.
    Schema {
        version: u32,
        diffs: Vec<SchemaDiff>,
    },
    /// A text value that is not valid UTF-8.
    BadText {
        table: String,
        row: i64,
        column: String,
    },
    /// A desk has the database open.
    DesksOpen,
}

/// At most this many schema differences are named; the rest are counted.
const DIFFS_SHOWN: usize = 8;

impl RestoreRefusal {
    /// The refusal in words, naming `file`.
    pub fn render(&self, file: &Path, lang: Lang) -> String {
        let f = file.display().to_string();
        let msg = match self {
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
            RestoreRefusal::LiveFile => Msg::new("record_backup.restore_live").arg("file", f),
            RestoreRefusal::ChecksumMismatch => Msg::new("record_backup.checksum_mismatch")
                .arg("file", f)
                .arg("sums", checksum_path(file).display()),
            RestoreRefusal::ChecksumUnreadable => Msg::new("record_backup.checksum_unreadable")
                .arg("file", f)
                .arg("sums", checksum_path(file).display()),
            RestoreRefusal::HasWal => Msg::new("record_backup.has_wal").arg("file", f),
            RestoreRefusal::Schema { version, diffs } => Msg::new("record_backup.schema")
                .arg("file", f)
                .arg("version", version)
                .arg("diffs", SchemaDiff::list(diffs, DIFFS_SHOWN, lang)),
            RestoreRefusal::BadText { table, row, column } => Msg::new("record_backup.bad_text")
                .arg("file", f)
                .arg("table", table)
                .arg("row", row)
                .arg("column", column),
            RestoreRefusal::DesksOpen => Msg::new("record_backup.desks_open"),
        };
        msg.render(lang)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreError {
    Refused(RestoreRefusal),
    /// The current database could not be kept aside; nothing was changed.
    KeepAside(BackupError),
    Store(StoreError),
    /// Stopped on request before the live database began to be replaced: it is as it was.
    Cancelled,
}

/// Why a backup was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    /// The target is the live database or one of its companion files.
    LiveFile {
        file: String,
    },
    /// The target exists and `--force` was not given.
    Exists {
        file: String,
    },
    /// The target could not be written.
    Io {
        file: String,
        detail: String,
    },
    /// The copy was whole but its record could not be committed, so it was not kept.
    NotRecorded {
        file: String,
        error: StoreError,
    },
    Store(StoreError),
    /// Stopped on request before the file was published: nothing was left.
    Cancelled,
}

impl BackupError {
    /// The error in words.
    pub fn render(&self, lang: Lang) -> String {
        let msg = match self {
            BackupError::LiveFile { file } => {
                Msg::new("record_backup.backup_live").arg("file", file)
            }
            BackupError::Exists { file } => {
                Msg::new("record_backup.backup_exists").arg("file", file)
            }
            BackupError::Io { file, detail } => Msg::new("record_backup.backup_io")
                .arg("file", file)
                .arg("detail", detail),
            BackupError::NotRecorded { file, error } => {
                Msg::new("record_backup.backup_not_recorded")
                    .arg("file", file)
                    .arg("detail", error.msg().render(lang))
            }
            BackupError::Store(e) => e.msg(),
            BackupError::Cancelled => Msg::new("record_progress.cancelled"),
        };
        msg.render(lang)
    }
}

impl From<StoreError> for BackupError {
    fn from(e: StoreError) -> Self {
        BackupError::Store(e)
    }
}
