//! The county server: PostgreSQL beside the embedded SQLite.
//!
//! This version speaks to the server for three things: `migrate` (a station's SQLite file
//! onto the server), `backup` (the server's records into a SQLite file that `restore`
//! accepts), and the change feed (LISTEN/NOTIFY). The server's schema is not written by
//! hand: it is read from the SQLite schema of the same version ([`schema`]), so the two
//! cannot drift. The desks themselves still run on SQLite.
pub mod backup;
mod copy;
pub mod ddl;
pub mod feed;
pub mod migrate;
mod record;
pub mod schema;
mod sqlite_text;
pub mod tls;
mod verify;

pub use feed::PgChangeFeed;
pub use migrate::{MigrateOptions, MigrateReport, migrate};

use crate::i18n::Msg;
use crate::store::StoreError;
use postgres::Client;

/// Whether a `--db` value names a server rather than a file.
pub fn is_server_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// Connects to `url`: `postgres://USER@HOST[:PORT]/DB`, the host a name, an address, or a
/// socket folder (`%2Frun%2Fpostgresql`, or `?host=/run/postgresql`).
pub fn connect(url: &str) -> Result<Client, PgError> {
    let tls = tls::connector().map_err(|detail| PgError::Connect {
        server: redacted(url),
        detail,
    })?;
    Client::connect(url, tls).map_err(|e| PgError::Connect {
        server: redacted(url),
        detail: detail(&e),
    })
}

/// The URL without its password, for messages.
pub fn redacted(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let user = &url[scheme + 3..at];
            match user.split_once(':') {
                Some((name, _)) => format!("{}{name}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

fn detail(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_string(),
        // A connection error says what failed in its source (refused, no such host).
        None => match std::error::Error::source(e) {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        },
    }
}

/// Why work against the server did not happen; nothing was written when it is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PgError {
    Connect {
        server: String,
        detail: String,
    },
    Server(String),
    /// The SQLite side failed.
    Local(StoreError),
    /// The server holds the schema of another version.
    OtherVersion {
        found: u32,
        ours: u32,
    },
    /// The server holds no stationdesk schema.
    NoSchema,
    /// The server already holds records and `--merge` was not given: `(table, rows)`.
    NotEmpty(Vec<(String, i64)>),
    /// `--merge`: records on file on both sides. ID numbers first, then keys per table.
    Conflicts {
        id_numbers: Vec<String>,
        keys: Vec<(String, i64)>,
    },
    /// A value the server's column cannot take.
    BadValue {
        table: String,
        column: String,
        row: i64,
    },
    Unsupported {
        table: String,
        column: String,
        what: String,
    },
    /// The copy is not equal to its source; it was rolled back.
    Verify(String),
    /// The backup file exists and `--force` was not given.
    Exists {
        file: String,
    },
    Io {
        file: String,
        detail: String,
    },
    Cancelled,
}

impl From<postgres::Error> for PgError {
    fn from(e: postgres::Error) -> Self {
        PgError::Server(detail(&e))
    }
}

impl From<StoreError> for PgError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Cancelled => PgError::Cancelled,
            other => PgError::Local(other),
        }
    }
}

impl From<crate::work::Cancelled> for PgError {
    fn from(_: crate::work::Cancelled) -> Self {
        PgError::Cancelled
    }
}

/// At most this many ID numbers or tables are named in a message.
const SHOWN: usize = 10;

fn named(items: &[String]) -> String {
    let mut text = items
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        text.push_str(&format!(" … (+{})", items.len() - SHOWN));
    }
    text
}

impl PgError {
    pub fn msg(&self) -> Msg {
        let tables = |t: &[(String, i64)]| {
            named(
                &t.iter()
                    .map(|(t, n)| format!("{t} {n}"))
                    .collect::<Vec<_>>(),
            )
        };
        match self {
            // A certificate nobody here vouches for is not a wrong address: say what to do.
            PgError::Connect { server, detail }
                if detail.contains("certificate") || detail.contains("PGSSLROOTCERT") =>
            {
                Msg::new("server.certificate")
                    .arg("server", server)
                    .arg("detail", detail)
            }
            PgError::Connect { server, detail } => Msg::new("record_pg.connect")
                .arg("server", server)
                .arg("detail", detail),
            PgError::Server(detail) => Msg::new("record_pg.server").arg("detail", detail),
            PgError::Local(e) => e.msg(),
            PgError::OtherVersion { found, ours } => Msg::new("record_pg.other_version")
                .arg("found", found)
                .arg("ours", ours),
            PgError::NoSchema => Msg::new("record_pg.no_schema"),
            PgError::NotEmpty(t) => Msg::new("record_pg.not_empty").arg("tables", tables(t)),
            PgError::Conflicts { id_numbers, keys } => Msg::new("record_pg.conflicts")
                .arg("count", id_numbers.len())
                .arg("id_numbers", named(id_numbers))
                .arg("tables", tables(keys)),
            PgError::BadValue { table, column, row } => Msg::new("record_pg.bad_value")
                .arg("table", table)
                .arg("column", column)
                .arg("row", row),
            PgError::Unsupported {
                table,
                column,
                what,
            } => Msg::new("record_pg.unsupported")
                .arg("table", table)
                .arg("column", column)
                .arg("what", what),
            PgError::Verify(what) => Msg::new("record_pg.verify").arg("what", what),
            PgError::Exists { file } => Msg::new("record_backup.backup_exists").arg("file", file),
            PgError::Io { file, detail } => Msg::new("record_backup.backup_io")
                .arg("file", file)
                .arg("detail", detail),
            PgError::Cancelled => Msg::new("record_pg.cancelled"),
        }
    }
}
