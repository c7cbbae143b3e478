//! Errors of the store, free of any rusqlite type, each with a message for the user.
use crate::i18n::Msg;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open {path}: {detail}")]
    Open { path: String, detail: String },
    #[error("database schema {found} is newer than this program's {supported}")]
    NewerSchema { found: u32, supported: u32 },
    #[error("{path} is not a stationdesk database")]
    NotOurs { path: String },
    #[error("{path} does not exist")]
    Missing { path: String },
    #[error("{path} is not a regular file")]
    NotAFile { path: String },
    #[error("gave up waiting for another desk's write")]
    GaveUp,
    #[error("the database is busy")]
    Busy,
    #[error("the disk is full")]
    DiskFull,
    #[error("the database is read-only")]
    ReadOnly,
    #[error("duplicate: {0}")]
    Duplicate(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("refused: {0}")]
    Refused(String),
    #[error("database error: {0}")]
    Other(String),
    #[error("the database was replaced by a restore; restart the program")]
    Replaced,
    /// Another desk saved the record after this one read it.
    #[error("changed by {actor} at {at} since it was opened")]
    ChangedMeanwhile { actor: String, at: String },
    /// The officer may not do this; the message says who may and why.
    #[error("not allowed: {}", .0.key)]
    NotAllowed(crate::i18n::Msg),
    /// Stopped on request at a safe point; the transaction was rolled back.
    #[error("stopped on request; nothing was written")]
    Cancelled,
    /// The county server could not be opened: the message says why (no connection, another
    /// schema version), in the user's words.
    #[error("cannot open the server: {}", .0.key)]
    Server(crate::i18n::Msg),
    /// The county server cannot be reached; nothing was written.
    #[error("the server cannot be reached; nothing was written")]
    Offline,
}

/// A wait for another desk given up because a stop was asked for is the stop itself.
pub(crate) fn or_stopped(e: StoreError, watcher: &dyn crate::work::Watcher) -> StoreError {
    match e {
        StoreError::GaveUp if watcher.stop_requested() => StoreError::Cancelled,
        other => other,
    }
}

impl From<crate::work::Cancelled> for StoreError {
    fn from(_: crate::work::Cancelled) -> Self {
        StoreError::Cancelled
    }
}

impl StoreError {
    /// The error in words for the user.
    pub fn msg(&self) -> Msg {
        match self {
            StoreError::Open { path, detail } => Msg::new("store.open")
                .arg("path", path)
                .arg("detail", detail),
            StoreError::NewerSchema { found, supported } => Msg::new("store.newer")
                .arg("found", found)
                .arg("supported", supported),
            StoreError::NotOurs { path } => Msg::new("store.not_ours").arg("path", path),
            StoreError::Missing { path } => Msg::new("store_open.missing").arg("path", path),
            StoreError::NotAFile { path } => Msg::new("store_open.not_a_file").arg("path", path),
            StoreError::GaveUp => Msg::new("store_open.gave_up"),
            StoreError::Busy => Msg::new("store.busy"),
            StoreError::DiskFull => Msg::new("store.disk_full"),
            StoreError::ReadOnly => Msg::new("store.read_only"),
            StoreError::Duplicate(what) => Msg::new("store.duplicate").arg("what", what),
            StoreError::NotFound(what) => Msg::new("store.not_found").arg("what", what),
            StoreError::Refused(why) => Msg::new("store.refused").arg("why", why),
            StoreError::Other(detail) => Msg::new("store.other").arg("detail", detail),
            StoreError::Replaced => Msg::new("record_backup.replaced"),
            StoreError::ChangedMeanwhile { actor, at } => Msg::new("desks.changed_meanwhile")
                .arg("actor", actor)
                .arg("at", at),
            StoreError::Cancelled => Msg::new("record_progress.cancelled"),
            StoreError::Offline => Msg::new("server.offline"),
            StoreError::NotAllowed(why) => why.clone(),
            StoreError::Server(why) => why.clone(),
        }
    }

    /// The error in words for the command line, where nothing typed is kept for later (the
    /// screens' messages say that it is).
    pub fn cli_msg(&self) -> Msg {
        for_command_line(self.msg())
    }
}

/// A store message in the command line's words: the ones written for a form on a screen
/// ("what you typed is kept") have a wording of their own there. Other messages pass as
/// they are, so errors that wrap a store error can be put through it too.
pub fn for_command_line(m: Msg) -> Msg {
    let key = match m.key {
        "store.busy" => "store_cli.busy",
        "store.disk_full" => "store_cli.disk_full",
        "store.read_only" => "store_cli.read_only",
        "store_open.gave_up" => "store_cli.gave_up",
        "server.offline" => "server_cli.offline",
        _ => return m,
    };
    Msg { key, ..m }
}

/// A disk-full error that SQLite reports as a plain I/O error: growing the `-shm` or
/// syncing on a full disk fails with ENOSPC, but SQLite says "disk I/O error". The
/// operating system's last error on this thread still tells why.
fn io_error_is_disk_full() -> bool {
    matches!(
        std::io::Error::last_os_error().kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        if let rusqlite::Error::SqliteFailure(f, ref text) = e {
            return match f.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                    if super::busy::take_gave_up() {
                        StoreError::GaveUp
                    } else {
                        StoreError::Busy
                    }
                }
                ErrorCode::DiskFull => StoreError::DiskFull,
                ErrorCode::SystemIoFailure | ErrorCode::CannotOpen if io_error_is_disk_full() => {
                    StoreError::DiskFull
                }
                ErrorCode::ReadOnly => StoreError::ReadOnly,
                // Only a stop asked for interrupts a statement (see `store::interruptible`).
                ErrorCode::OperationInterrupted => StoreError::Cancelled,
                ErrorCode::ConstraintViolation => {
                    StoreError::Duplicate(text.clone().unwrap_or_else(|| "constraint".into()))
                }
                ErrorCode::NotADatabase => StoreError::NotOurs {
                    path: String::new(),
                },
                _ => StoreError::Other(e.to_string()),
            };
        }
        StoreError::Other(e.to_string())
    }
}

impl From<super::db::Error> for StoreError {
    fn from(e: super::db::Error) -> Self {
        use super::db::Error;
        match e {
            Error::Sqlite(e) => e.into(),
            Error::Pg(e) => from_server(e),
            Error::Offline => StoreError::Offline,
            Error::GaveUp => StoreError::GaveUp,
            other => StoreError::Other(other.to_string()),
        }
    }
}

/// The server's errors in the same words as the file's: its SQLSTATE says which.
fn from_server(e: postgres::Error) -> StoreError {
    use postgres::error::SqlState;
    let Some(db) = e.as_db_error() else {
        // No answer from the server: the connection is gone or never came.
        return StoreError::Offline;
    };
    let code = db.code();
    let text = db.message().to_string();
    if *code == SqlState::UNIQUE_VIOLATION
        || *code == SqlState::FOREIGN_KEY_VIOLATION
        || *code == SqlState::CHECK_VIOLATION
        || *code == SqlState::NOT_NULL_VIOLATION
        || *code == SqlState::RAISE_EXCEPTION
    {
        StoreError::Duplicate(text)
    } else if *code == SqlState::DISK_FULL {
        StoreError::DiskFull
    } else if *code == SqlState::READ_ONLY_SQL_TRANSACTION {
        StoreError::ReadOnly
    } else if *code == SqlState::QUERY_CANCELED {
        StoreError::Cancelled
    } else if *code == SqlState::T_R_SERIALIZATION_FAILURE
        || *code == SqlState::T_R_DEADLOCK_DETECTED
    {
        StoreError::Busy
    } else if *code == SqlState::ADMIN_SHUTDOWN
        || *code == SqlState::CRASH_SHUTDOWN
        || *code == SqlState::CANNOT_CONNECT_NOW
    {
        StoreError::Offline
    } else {
        StoreError::Other(text)
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;
