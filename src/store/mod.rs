//! The only place with SQL. Takes and returns domain types; no rusqlite type leaks out.
//!
//! One SQLite file in WAL mode with `synchronous=FULL`, so a save the screen reports is on
//! disk; foreign keys on; every write takes the write lock first (`BEGIN IMMEDIATE`) and
//! waits its turn behind other desks as long as it takes ([`busy`]).
pub mod audit;
pub mod backup;
pub mod busy;
pub mod calendar;
pub mod categories;
pub mod changes;
pub mod checklist;
pub mod db;
pub mod drafts;
pub mod error;
pub mod family;
pub mod family_import;
pub mod index;
pub mod lockout;
pub mod migrations;
pub mod notices;
pub mod officers;
pub mod open;
pub mod people;
pub mod people_delete;
pub mod petition_intake;
pub mod petition_ledger;
mod petition_save;
pub mod petition_steps;
pub mod petition_voids;
pub mod petitions;
pub mod pg;
pub mod report_data;
pub mod reports;
mod server_open;
pub mod settings;
pub mod visit_corrections;
pub mod visits;

pub use changes::{Change, ChangeFeed};
pub use error::{Result, StoreError};
pub use open::OpenMode;

use crate::clock::{SharedClock, SystemClock};
use crate::store::db::Connection;
use rusqlite::OpenFlags;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The application id stamped in the SQLite header, so a restore can tell our files apart.
pub const APPLICATION_ID: i32 = 0x5344_4b31; // "SDK1"

/// An open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    clock: SharedClock,
    actor: String,
    /// The database's incarnation when it was opened (`None` while opening): a write finds
    /// out when a restore has replaced the file since.
    incarnation: Option<String>,
    notes: Vec<crate::i18n::Msg>,
}

impl Store {
    /// Opens the database at `path`, creating it (and its folders) if missing, and brings
    /// its schema up to date. Only the desk's first run, `init` and `demo` may create a
    /// database; everything else uses [`Store::open_existing`].
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with_clock(path, Arc::new(SystemClock))
    }

    /// [`Store::open`] with a clock.
    pub fn open_with_clock(path: &Path, clock: SharedClock) -> Result<Store> {
        Self::open_as(path, clock, OpenMode::CreateIfMissing)
    }

    /// Opens an existing database; a missing file is [`StoreError::Missing`], and nothing
    /// is created.
    pub fn open_existing(path: &Path) -> Result<Store> {
        Self::open_existing_with_clock(path, Arc::new(SystemClock))
    }

    /// [`Store::open_existing`] with a clock.
    pub fn open_existing_with_clock(path: &Path, clock: SharedClock) -> Result<Store> {
        Self::open_as(path, clock, OpenMode::Existing)
    }

    /// Looks at the file first (see [`open`]): a file that is not ours is refused before
    /// anything is written to it.
    pub fn open_as(path: &Path, clock: SharedClock, mode: OpenMode) -> Result<Store> {
        if let Some(url) = path.to_str().filter(|p| pg::is_server_url(p)) {
            return Self::open_server(url, clock, mode);
        }
        let notes = open::prepare(path, mode)?;
        // The file exists now (made by `prepare` if it may be): SQLite never makes one.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            rusqlite::Connection::open_with_flags(path, flags).map_err(
                |e| match StoreError::from(e) {
                    StoreError::Other(detail) => StoreError::Open {
                        path: path.display().to_string(),
                        detail,
                    },
                    other => other,
                },
            )?;
        let mut store = Store::assemble(Connection::sqlite(conn), path.to_path_buf(), clock, notes);
        store.configure().map_err(|e| match e {
            StoreError::NotOurs { .. } => StoreError::NotOurs {
                path: path.display().to_string(),
            },
            other => other,
        })?;
        store.migrate()?;
        changes::install(&store.conn)?;
        store.incarnation = Some(backup::incarnation::read(&store.conn)?);
        Ok(store)
    }

    /// What opening did that the user should know (file modes tightened), to be shown once.
    pub fn open_notes(&self) -> &[crate::i18n::Msg] {
        &self.notes
    }

    /// A private in-memory database; for tests.
    pub fn open_in_memory(clock: SharedClock) -> Result<Store> {
        let conn = rusqlite::Connection::open_in_memory()?;
        let mut store = Store::assemble(
            Connection::sqlite(conn),
            PathBuf::from(":memory:"),
            clock,
            Vec::new(),
        );
        store.configure()?;
        store.migrate()?;
        changes::install(&store.conn)?;
        store.incarnation = Some(backup::incarnation::read(&store.conn)?);
        Ok(store)
    }

    fn configure(&mut self) -> Result<()> {
        busy::install(self.conn.as_sqlite_mut().expect("a file"))?;
        // journal_mode returns a row; WAL lets a reader (another desk, a backup) go on while
        // one desk writes.
        let _mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", (), |r| r.get(0))?;
        self.conn.execute_batch(
            "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;",
        )?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let version: u32 = self
            .conn
            .query_row("PRAGMA user_version", (), |r| r.get(0))?;
        let latest = migrations::latest();
        if version > latest {
            return Err(StoreError::NewerSchema {
                found: version,
                supported: latest,
            });
        }
        let app_id: i32 = self
            .conn
            .query_row("PRAGMA application_id", (), |r| r.get(0))?;
        if version > 0 && app_id != APPLICATION_ID {
            return Err(StoreError::NotOurs {
                path: self.path.display().to_string(),
            });
        }
        if version == 0 {
            // A file with tables but no version is somebody else's database.
            let tables: i64 =
                self.conn
                    .query_row("SELECT count(*) FROM sqlite_master", (), |r| r.get(0))?;
            if tables > 0 {
                return Err(StoreError::NotOurs {
                    path: self.path.display().to_string(),
                });
            }
        }
        if version == latest {
            return Ok(());
        }
        // Two desks may open an old database at the same moment: the write lock is taken
        // first and the version read again under it, so only one of them upgrades.
        let tx = self.write_tx()?;
        let version: u32 = tx.query_row("PRAGMA user_version", (), |r| r.get(0))?;
        for (v, sql) in migrations::MIGRATIONS.iter().filter(|(v, _)| *v > version) {
            tx.execute_batch(sql)?;
            migrations::after(*v, &tx)?;
            tx.execute_batch(&format!(
                "PRAGMA user_version = {v}; PRAGMA application_id = {APPLICATION_ID};"
            ))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32> {
        if let Some(server) = self.conn.as_server() {
            let version = server.raw(|client| Ok(pg::ddl::server_version(client)))?;
            return version
                .map(|v| v.unwrap_or(0))
                .map_err(|e| StoreError::Other(e.msg().render(crate::i18n::Lang::En)));
        }
        Ok(self
            .conn
            .query_row("PRAGMA user_version", (), |r| r.get(0))?)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn clock(&self) -> &SharedClock {
        &self.clock
    }

    /// Who the writes are attributed to: an officer's username, or `cli:<os user>`.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn set_actor(&mut self, actor: &str) {
        self.actor = actor.to_string();
    }

    /// `PRAGMA integrity_check` says "ok".
    pub fn integrity_ok(&self) -> Result<bool> {
        // The server checks its own pages; a query that reads answers for it.
        if self.conn.is_server() {
            return Ok(self
                .conn
                .query_row("SELECT 1", (), |r| r.get::<_, i64>(0))?
                == 1);
        }
        let text: String = self
            .conn
            .query_row("PRAGMA integrity_check", (), |r| r.get(0))?;
        Ok(text == "ok")
    }

    /// Caps the database at `pages` pages, as a full disk would; for the reliability tests.
    #[doc(hidden)]
    pub fn set_page_limit_for_tests(&self, pages: i64) {
        let _ = self
            .conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), (), |_| Ok(()));
    }

    /// Opens an existing database read-only, as a file without write permission behaves;
    /// for the reliability tests (root ignores file modes, so a chmod cannot simulate it).
    #[doc(hidden)]
    pub fn open_read_only_for_tests(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = rusqlite::Connection::open_with_flags(path, flags)?;
        busy::install(&mut conn)?;
        let conn = Connection::sqlite(conn);
        let mut store =
            Store::assemble(conn, path.to_path_buf(), Arc::new(SystemClock), Vec::new());
        store.incarnation = Some(backup::incarnation::read(&store.conn)?);
        Ok(store)
    }

    /// A store on `conn` as opening leaves it: written as the command line's actor, its
    /// incarnation not read yet.
    fn assemble(
        conn: Connection,
        path: PathBuf,
        clock: SharedClock,
        notes: Vec<crate::i18n::Msg>,
    ) -> Store {
        Store {
            conn,
            path,
            clock,
            actor: default_actor(),
            incarnation: None,
            notes,
        }
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The SQLite connection, for what only a file has (the backup API, pragmas), or an
    /// error saying that only a station's file can do this.
    pub(crate) fn file_conn(&self) -> Result<&rusqlite::Connection> {
        self.conn.as_sqlite().ok_or_else(|| {
            StoreError::Other(
                "this works on a station's database file, not on the county server".into(),
            )
        })
    }

    /// Where this desk's own files go (exports, notices) as if beside the database: the
    /// database file itself, or for the county server a name in a folder of this account's
    /// own for that server (`~/.local/share/stationdesk/server-HOST-DB/`), never a folder
    /// made from the URL.
    pub fn files_anchor(&self) -> PathBuf {
        if !self.on_server() {
            return self.path.clone();
        }
        let shown = self.path.to_string_lossy();
        let after_at = shown.rsplit('@').next().unwrap_or(&shown);
        let name: String = after_at
            .split('?')
            .next()
            .unwrap_or(after_at)
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        let base = directories::ProjectDirs::from("", "", "stationdesk")
            .map(|d| d.data_dir().to_path_buf())
            .unwrap_or_else(|| PathBuf::from(".stationdesk"));
        base.join(format!("server-{name}")).join("server.db")
    }

    /// Whether this store is on the county server rather than a file.
    pub fn on_server(&self) -> bool {
        self.conn.is_server()
    }

    /// A write transaction that takes the write lock at once (`BEGIN IMMEDIATE`): a
    /// transaction that reads first and upgrades later could fail with "busy" when another
    /// desk wrote in between, while this one waits on the busy timeout instead. It fails
    /// with [`StoreError::Replaced`] when a restore has replaced the database since it was
    /// opened: nothing is written into a record this desk never read.
    pub(crate) fn write_tx(&mut self) -> Result<crate::store::db::Transaction<'_>> {
        self.begin_write()
    }

    pub(crate) fn begin_write(&self) -> Result<crate::store::db::Transaction<'_>> {
        let now = self.now_text();
        let (tx, server_incarnation) =
            crate::store::db::Transaction::begin_write(&self.conn, &self.actor, &now)?;
        match server_incarnation {
            // The server said it with the turn (see `Tx::begin_write`).
            Some(found) => {
                if self
                    .incarnation
                    .as_deref()
                    .is_some_and(|expected| expected != found)
                {
                    return Err(StoreError::Replaced);
                }
            }
            None => {
                backup::incarnation::check(&tx, self.incarnation.as_deref())?;
                changes::stamp(&tx, &self.actor, &now)?;
            }
        }
        Ok(tx)
    }

    /// One write statement in its own `BEGIN IMMEDIATE` transaction, for the writers that
    /// hold the store shared (`&self`); like [`Store::write_tx`], it waits its turn.
    pub(crate) fn write_one(
        &self,
        sql: &str,
        params: impl crate::store::db::Params,
    ) -> Result<usize> {
        self.write_shared(|conn| Ok(conn.execute(sql, params)?))
    }

    /// `work` in one `BEGIN IMMEDIATE` transaction, committed when it returns `Ok`.
    pub(crate) fn write_shared<T>(&self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        // The same checks as `write_tx`: nothing goes into a database a restore replaced.
        let tx = self.begin_write()?;
        let out = work(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    pub(crate) fn now_text(&self) -> String {
        self.clock.now().format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// `cli:<os user>`: the actor of command-line writes made without an officer's login. The
/// account comes from the process's user id, not from `$USER`, which anyone can set.
pub fn default_actor() -> String {
    format!("cli:{}", audit::os_user())
}

/// Creates an empty file readable and writable by its owner only (0600): the database holds
/// personal information.
pub fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;

    fn clock() -> SharedClock {
        Arc::new(FixedClock::new(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        ))
    }

    #[test]
    fn a_new_database_is_private_and_current() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/t.db");
        let store = Store::open_with_clock(&path, clock()).unwrap();
        assert_eq!(store.schema_version().unwrap(), migrations::latest());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let mode: String = store
            .conn()
            .query_row("PRAGMA journal_mode", (), |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = store
            .conn()
            .query_row("PRAGMA synchronous", (), |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
        assert!(store.integrity_ok().unwrap());
    }

    #[test]
    fn a_newer_database_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(Store::open_with_clock(&path, clock()).unwrap());
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch("PRAGMA user_version = 999").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open_with_clock(&path, clock()).err().unwrap();
        assert_eq!(
            err,
            StoreError::NewerSchema {
                found: 999,
                supported: migrations::latest()
            }
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_foreign_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE TABLE x(a)")
            .unwrap();
        assert!(matches!(
            Store::open_with_clock(&path, clock()),
            Err(StoreError::NotOurs { .. })
        ));
        let junk = dir.path().join("junk.db");
        std::fs::write(
            &junk,
            b"this is not a database at all, just some text to fill a page",
        )
        .unwrap();
        assert!(Store::open_with_clock(&junk, clock()).is_err());
    }
}
