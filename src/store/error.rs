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
            StoreError::Busy => Msg::new("store.busy"),
            StoreError::DiskFull => Msg::new("store.disk_full"),
            StoreError::ReadOnly => Msg::new("store.read_only"),
            StoreError::Duplicate(what) => Msg::new("store.duplicate").arg("what", what),
            StoreError::NotFound(what) => Msg::new("store.not_found").arg("what", what),
            StoreError::Refused(why) => Msg::new("store.refused").arg("why", why),
            StoreError::Other(detail) => Msg::new("store.other").arg("detail", detail),
            StoreError::Replaced => Msg::new("record_backup.replaced"),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        if let rusqlite::Error::SqliteFailure(f, ref text) = e {
            return match f.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Busy,
                ErrorCode::DiskFull => StoreError::DiskFull,
                ErrorCode::ReadOnly => StoreError::ReadOnly,
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

pub type Result<T> = std::result::Result<T, StoreError>;
