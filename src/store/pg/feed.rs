//! The change feed from the server: a trigger on `changes` notifies every new row's
//! sequence number on one channel, and a desk that LISTENs on it wakes as soon as another
//! desk's transaction commits (PostgreSQL delivers notifications at commit, never for a
//! rolled-back write), then reads the rows after the last one it applied.
use super::ddl::CHANGES_CHANNEL;
use super::{PgError, connect};
use crate::store::changes::{Change, ChangeFeed, Op};
use crate::store::{Result, StoreError};
use postgres::Client;
use postgres::fallible_iterator::FallibleIterator;
use std::cell::RefCell;
use std::time::Duration;

/// A desk's view of the server's change log: one connection that listens.
pub struct PgChangeFeed {
    client: RefCell<Client>,
}

fn store_err(e: PgError) -> StoreError {
    StoreError::Other(e.msg().render(crate::i18n::Lang::En))
}

fn server_err(e: postgres::Error) -> StoreError {
    store_err(e.into())
}

impl PgChangeFeed {
    /// Connects to `url` and starts listening.
    pub fn connect(url: &str) -> std::result::Result<PgChangeFeed, PgError> {
        let mut client = connect(url)?;
        client.batch_execute(&format!("LISTEN {CHANGES_CHANNEL}"))?;
        Ok(PgChangeFeed {
            client: RefCell::new(client),
        })
    }

    /// Waits up to `timeout` for another desk's change; returns the newest sequence number
    /// notified, `None` when nothing came. Notifications that arrived meanwhile are all
    /// taken, so one wake-up reads everything new with [`ChangeFeed::changes_since`].
    pub fn wait(&self, timeout: Duration) -> Result<Option<i64>> {
        let mut client = self.client.borrow_mut();
        let mut notes = client.notifications();
        let first = notes.timeout_iter(timeout).next().map_err(server_err)?;
        let Some(first) = first else {
            return Ok(None);
        };
        let mut newest = first.payload().parse::<i64>().ok();
        let mut pending = notes.iter();
        while let Some(n) = pending.next().map_err(server_err)? {
            newest = newest.max(n.payload().parse::<i64>().ok());
        }
        Ok(newest.or(Some(0)))
    }

    fn one_number(&self, sql: &str) -> Result<i64> {
        let row = self
            .client
            .borrow_mut()
            .query_one(sql, &[])
            .map_err(server_err)?;
        Ok(row.get(0))
    }
}

impl ChangeFeed for PgChangeFeed {
    fn change_seq(&self) -> Result<i64> {
        self.one_number("SELECT coalesce(max(seq), 0) FROM changes")
    }

    fn changes_since(&self, seq: i64, limit: usize) -> Result<Vec<Change>> {
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT seq, at, actor, entity, entity_id, op FROM changes \
                 WHERE seq > $1 ORDER BY seq LIMIT $2",
                &[&seq, &(limit as i64)],
            )
            .map_err(server_err)?;
        Ok(rows
            .iter()
            .map(|r| Change {
                seq: r.get(0),
                at: r.get(1),
                actor: r.get(2),
                entity: r.get(3),
                entity_id: r.get(4),
                op: match r.get::<_, &str>(5) {
                    "insert" => Op::Insert,
                    "delete" => Op::Delete,
                    _ => Op::Update,
                },
            })
            .collect())
    }

    fn oldest_seq(&self) -> Result<i64> {
        self.one_number("SELECT coalesce(min(seq), 0) FROM changes")
    }
}
