//! The change feed from the server: a trigger on `changes` notifies every new row's
//! sequence number on one channel, and a desk that LISTENs on it wakes as soon as another
//! desk's transaction commits (PostgreSQL delivers notifications at commit, never for a
//! rolled-back write), then reads the rows after the last one it applied, with the same
//! statements as on a file (`store::changes`).
use super::PgError;
use super::ddl::CHANGES_CHANNEL;
use crate::store::changes::{self, Change, ChangeFeed};
use crate::store::db::{Connection, PgConn};
use crate::store::{Result, StoreError};
use postgres::fallible_iterator::FallibleIterator;
use std::cell::Cell;
use std::time::Duration;

/// A desk's view of the server's change log: one connection that listens.
pub struct PgChangeFeed {
    conn: Connection,
    /// The connection LISTEN was said on (see [`PgConn::connections`]).
    listening_on: Cell<u64>,
}

impl PgChangeFeed {
    /// Connects to `url` and starts listening.
    pub fn connect(url: &str) -> std::result::Result<PgChangeFeed, PgError> {
        let feed = PgChangeFeed {
            conn: Connection::server(PgConn::connect(url)?),
            listening_on: Cell::new(0),
        };
        feed.listen()
            .map_err(|e| PgError::Server(e.msg().render(crate::i18n::Lang::En)))?;
        Ok(feed)
    }

    fn server(&self) -> &PgConn {
        self.conn.as_server().expect("a server connection")
    }

    /// Says LISTEN on the current connection, unless already said there: a connection
    /// made again has forgotten it.
    fn listen(&self) -> Result<()> {
        let server = self.server();
        server.raw(|_| Ok(()))?;
        if self.listening_on.get() != server.connections() {
            self.conn
                .execute_batch(&format!("LISTEN {CHANGES_CHANNEL}"))?;
            self.listening_on.set(server.connections());
        }
        Ok(())
    }

    /// Waits up to `timeout` for another desk's change; returns the newest sequence number
    /// notified, `None` when nothing came. Notifications that arrived meanwhile are all
    /// taken, so one wake-up reads everything new with [`ChangeFeed::changes_since`].
    pub fn wait(&self, timeout: Duration) -> Result<Option<i64>> {
        self.listen()?;
        let newest = self.server().raw(|client| {
            let mut notes = client.notifications();
            let Some(first) = notes.timeout_iter(timeout).next()? else {
                return Ok(None);
            };
            let mut newest = first.payload().parse::<i64>().ok();
            let mut pending = notes.iter();
            while let Some(n) = pending.next()? {
                newest = newest.max(n.payload().parse::<i64>().ok());
            }
            Ok(Some(newest.unwrap_or(0)))
        });
        newest.map_err(StoreError::from)
    }
}

impl ChangeFeed for PgChangeFeed {
    fn change_seq(&self) -> Result<i64> {
        changes::change_seq(&self.conn)
    }

    fn changes_since(&self, seq: i64, limit: usize) -> Result<Vec<Change>> {
        changes::changes_since(&self.conn, seq, limit)
    }

    fn oldest_seq(&self) -> Result<i64> {
        changes::oldest_seq(&self.conn)
    }
}
