//! One query layer that speaks both databases: the embedded SQLite file and the county's
//! PostgreSQL server. The store's code is written once, in SQLite's words (`?1` parameters,
//! its functions); on the server the parameters are renumbered (`$1`) and the few SQLite
//! functions the store uses exist as server functions ([`compat`]), so no query is written
//! twice and the domain never learns which database it talks to.
//!
//! The API follows rusqlite's (statements, rows, transactions), which the store was first
//! written against; on SQLite it is a thin wrapper over it.
pub mod compat;
mod pg;
mod row;
mod stmt;
mod value;

pub use pg::{PgConn, WRITE_LOCK};
pub use row::{Row, RowIndex};
pub use stmt::{MappedRows, Rows, Stmt};
pub use value::{
    FromSql, Params, ParamsFromIter, SqlArg, ToSql, Value, ValueRef, params_from_iter,
};

/// Binds a list of values: `params![name, id]`.
#[macro_export]
macro_rules! db_params {
    () => {
        &[] as &[&dyn $crate::store::db::ToSql]
    };
    ($($p:expr),+ $(,)?) => {
        &[$(&$p as &dyn $crate::store::db::ToSql),+] as &[&dyn $crate::store::db::ToSql]
    };
}
pub use db_params as params;

/// Why a statement failed.
#[derive(Debug)]
pub enum Error {
    Sqlite(rusqlite::Error),
    Pg(postgres::Error),
    /// The query returned no row where one was expected.
    NoRows,
    /// A column could not be read as the type asked for.
    Conversion(String),
    /// No column of that name.
    NoColumn(String),
    /// The server cannot be reached; nothing of the statement was written.
    Offline,
    /// The wait for the writer's turn was given up.
    GaveUp,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Sqlite(e) => e.fmt(f),
            Error::Pg(e) => match e.as_db_error() {
                Some(db) => write!(f, "{}", db.message()),
                None => e.fmt(f),
            },
            Error::NoRows => f.write_str("query returned no rows"),
            Error::Conversion(what) => write!(f, "cannot read column: {what}"),
            Error::NoColumn(name) => write!(f, "no column {name}"),
            Error::Offline => f.write_str("the server cannot be reached"),
            Error::GaveUp => f.write_str("gave up waiting for another desk's write"),
        }
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Error::NoRows,
            other => Error::Sqlite(other),
        }
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        Error::Pg(e)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `.optional()` on a query for one row, as in rusqlite.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

static SERVER_AWAY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether the county server did not answer this process's last statement (a desk keeps
/// its form and tries the save again once it answers).
pub fn server_away() -> bool {
    SERVER_AWAY.load(std::sync::atomic::Ordering::Relaxed)
}

pub(crate) fn set_server_away(away: bool) {
    SERVER_AWAY.store(away, std::sync::atomic::Ordering::Relaxed);
}

/// An open database: a SQLite connection or a server connection.
pub struct Conn {
    kind: Kind,
}

enum Kind {
    Lite(rusqlite::Connection),
    Pg(Box<PgConn>),
}

impl Conn {
    pub fn sqlite(conn: rusqlite::Connection) -> Conn {
        Conn {
            kind: Kind::Lite(conn),
        }
    }

    /// Opens a SQLite file as it is (no settings, no schema); for tests and tools.
    pub fn open(path: impl AsRef<std::path::Path>) -> Result<Conn> {
        Ok(Conn::sqlite(rusqlite::Connection::open(path)?))
    }

    pub fn server(conn: PgConn) -> Conn {
        Conn {
            kind: Kind::Pg(Box::new(conn)),
        }
    }

    /// The SQLite connection, for what only a file has (pragmas, the backup API).
    pub fn as_sqlite(&self) -> Option<&rusqlite::Connection> {
        match &self.kind {
            Kind::Lite(c) => Some(c),
            Kind::Pg(_) => None,
        }
    }

    pub fn as_sqlite_mut(&mut self) -> Option<&mut rusqlite::Connection> {
        match &mut self.kind {
            Kind::Lite(c) => Some(c),
            Kind::Pg(_) => None,
        }
    }

    pub fn as_server(&self) -> Option<&PgConn> {
        match &self.kind {
            Kind::Pg(c) => Some(c),
            Kind::Lite(_) => None,
        }
    }

    /// Remembers the audit record the open transaction wrote (see [`Tx::commit`]).
    pub fn note_audit(&self, id: i64, hash: &str) {
        if let Kind::Pg(c) = &self.kind {
            c.note_audit(id, hash);
        }
    }

    /// Whether no transaction is open.
    pub fn is_autocommit(&self) -> bool {
        match &self.kind {
            Kind::Lite(c) => c.is_autocommit(),
            Kind::Pg(c) => !c.in_transaction(),
        }
    }

    pub fn is_server(&self) -> bool {
        matches!(self.kind, Kind::Pg(_))
    }

    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    /// Runs an INSERT and returns the new row's `id`: SQLite's last insert rowid on a file
    /// (a RETURNING clause costs SQLite a little on every row of a bulk import), the
    /// statement with `RETURNING id` on the server.
    pub fn insert_id<P: Params>(&self, sql: &str, params: P) -> Result<i64> {
        match &self.kind {
            Kind::Lite(c) => {
                self.prepare_cached(sql)?.execute(params)?;
                Ok(c.last_insert_rowid())
            }
            Kind::Pg(_) => self
                .prepare_cached(&format!("{sql} RETURNING id"))?
                .query_row(params, |r| r.get(0)),
        }
    }

    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.kind {
            Kind::Lite(c) => Ok(c.execute_batch(sql)?),
            Kind::Pg(c) => c.batch(sql),
        }
    }

    pub fn query_row<P, T, F>(&self, sql: &str, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    pub fn prepare(&self, sql: &str) -> Result<Stmt<'_>> {
        match &self.kind {
            Kind::Lite(c) => Ok(Stmt::lite(c.prepare(sql)?)),
            Kind::Pg(c) => Ok(Stmt::pg(c, sql)),
        }
    }

    pub fn prepare_cached(&self, sql: &str) -> Result<Stmt<'_>> {
        match &self.kind {
            Kind::Lite(c) => Ok(Stmt::lite_cached(c.prepare_cached(sql)?)),
            Kind::Pg(c) => Ok(Stmt::pg(c, sql)),
        }
    }

    /// Reads every row of `sql` (no parameters) with `f`, one at a time; on the server from
    /// a cursor, a few thousand rows a round trip.
    pub fn for_each_row(&self, sql: &str, f: &mut dyn FnMut(&Row<'_>) -> Result<()>) -> Result<()> {
        match &self.kind {
            Kind::Lite(c) => {
                let mut stmt = c.prepare(sql)?;
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    f(&Row::lite(r))?;
                }
                Ok(())
            }
            Kind::Pg(c) => c.for_each_row(sql, 4096, f),
        }
    }

    fn end(&self, commit: bool) -> Result<()> {
        match &self.kind {
            Kind::Lite(c) => Ok(c.execute_batch(if commit { "COMMIT" } else { "ROLLBACK" })?),
            Kind::Pg(c) if commit => c.commit_checked(),
            Kind::Pg(c) => c.end(false),
        }
    }
}

/// A transaction; rolled back when dropped without [`Tx::commit`].
pub struct Tx<'c> {
    conn: &'c Conn,
    open: bool,
}

impl<'c> Tx<'c> {
    /// Begins a write transaction: the writer's turn taken and, on the server, who and when
    /// for the change log set in the same round trip, whose incarnation is returned then
    /// (`None` on a file: the caller reads and stamps as usual).
    pub fn begin_write(conn: &'c Conn, actor: &str, at: &str) -> Result<(Tx<'c>, Option<String>)> {
        match &conn.kind {
            Kind::Pg(c) => {
                let incarnation = c.begin_write(actor, at)?;
                Ok((Tx { conn, open: true }, Some(incarnation)))
            }
            // The file's write lock at once: a transaction that read first and upgraded
            // later could fail with "busy" where this one waits its turn.
            Kind::Lite(c) => {
                c.execute_batch("BEGIN IMMEDIATE")?;
                Ok((Tx { conn, open: true }, None))
            }
        }
    }

    pub fn commit(mut self) -> Result<()> {
        self.open = false;
        let out = self.conn.end(true);
        if out.is_err() {
            // A failed COMMIT on SQLite leaves the transaction open; end it.
            let _ = self.conn.end(false);
        }
        out
    }

    pub fn rollback(mut self) -> Result<()> {
        self.open = false;
        self.conn.end(false)
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.conn.end(false);
        }
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        self.conn
    }
}

/// The names the store's code was first written with (rusqlite's).
pub type Connection = Conn;
pub type Transaction<'c> = Tx<'c>;

/// As `rusqlite::types`.
pub mod types {
    pub use super::{Value, ValueRef};
}
