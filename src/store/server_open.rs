//! Opening the county server as a store: the same `Store` every screen and command uses,
//! its statements run by the server (see [`super::db`]).
use super::db::{Connection, PgConn};
use super::pg::{self, PgError};
use super::{OpenMode, Result, Store, StoreError, backup, changes};
use crate::clock::SharedClock;
use std::path::PathBuf;

impl Store {
    /// Opens the server at `url`. An empty server gets the schema and the first records
    /// of a new station when `mode` allows creating (the desk's first run, `init`, `demo`);
    /// a server of another schema version is refused, and nothing is written to it.
    pub fn open_server(url: &str, clock: SharedClock, mode: OpenMode) -> Result<Store> {
        let shown = pg::redacted(url);
        let open_err = |e: PgError| match e {
            PgError::Local(e) => e,
            other => StoreError::Server(other.msg()),
        };
        let conn = PgConn::connect(url).map_err(&open_err)?;
        let version = conn
            .raw(|client| Ok(pg::ddl::server_version(client)))
            .map_err(StoreError::from)?
            .map_err(&open_err)?;
        let latest = super::migrations::latest();
        match version {
            Some(v) if v > latest => {
                return Err(StoreError::NewerSchema {
                    found: v,
                    supported: latest,
                });
            }
            Some(v) if v < latest => {
                return Err(open_err(PgError::OtherVersion {
                    found: v,
                    ours: latest,
                }));
            }
            Some(_) => {}
            None if mode == OpenMode::Existing => {
                return Err(StoreError::Missing { path: shown });
            }
            None => initialise(url, &clock).map_err(&open_err)?,
        }
        let mut store = Store::assemble(
            Connection::server(conn),
            PathBuf::from(&shown),
            clock,
            Vec::new(),
        );
        store.incarnation = Some(backup::incarnation::read(&store.conn)?);
        changes::install(&store.conn)?;
        Ok(store)
    }
}

impl Store {
    /// Records on the server that a station copy was taken (`backup` on a server): the
    /// audit record, and the `last_backup_at` that the checklist's backup item reads, in
    /// one transaction, as a file's backup records itself.
    pub fn note_station_copy(&self, file: &std::path::Path, people: i64) -> Result<()> {
        let at = self.now_text();
        self.write_shared(|conn| {
            conn.execute(
                "INSERT INTO settings(key, value) VALUES ('last_backup_at', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [at.as_str()],
            )?;
            super::audit::append(
                conn,
                &at,
                self.actor(),
                "backup",
                "database",
                &file.display().to_string(),
                &format!("people={people}"),
            )
        })
    }
}

/// Makes a new station on an empty server: the schema, and the records every new
/// database starts with (the duty rules, the calendar, the settings), moved in from a
/// new empty database exactly as `migrate` moves a station, checks included.
fn initialise(url: &str, clock: &SharedClock) -> std::result::Result<(), PgError> {
    let fresh = Store::open_in_memory(clock.clone()).map_err(PgError::Local)?;
    match pg::migrate(
        &fresh,
        url,
        pg::MigrateOptions {
            merge: false,
            new_station: true,
        },
        &mut crate::work::Unwatched,
    ) {
        Ok(_) => Ok(()),
        // Another desk made it in the meantime.
        Err(PgError::NotEmpty(_)) => Ok(()),
        Err(e) => Err(e),
    }
}
