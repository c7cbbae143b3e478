//! The change log: every write of a record the desks show leaves one row in `changes`, in
//! the same transaction, so a desk that follows the log sees every other desk's work.
//!
//! The rows are written by TEMP triggers that each connection of this program installs when
//! it opens the database ([`install`]): a trigger cannot be forgotten by a new write path
//! the way a call could. Who and when come from `temp.change_context`, which every write
//! transaction fills first ([`stamp`]), so the log says the same actor and time as the
//! audit record.
use super::{Result, Store};
use crate::store::db::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// Which table a change is about, as `changes.entity` names it.
pub const PERSON: &str = "person";
pub const VISIT: &str = "visit";
pub const PETITION: &str = "petition";
pub const PETITION_STEP: &str = "petition_step";
pub const CHECKLIST_DAY: &str = "checklist_day";
pub const CHECKLIST_ITEM: &str = "checklist_item";
pub const CHECKLIST_RULE: &str = "checklist_rule";
pub const FAMILY_LINK: &str = "family_link";
pub const OFFICER: &str = "officer";
/// Not a table: a follower that finds the log pruned past where it had read says so with
/// this, and everything it shows is read again ([`everything`]).
pub const EVERYTHING: &str = "everything";

/// Changes kept in the log: a desk that falls further behind (asleep, suspended) reloads
/// everything instead of reading them. Far more than an import of 100,000 people writes.
pub const KEEP_CHANGES: i64 = 200_000;

/// `(table, entity, the row's id as the trigger reads it from NEW/OLD)`.
pub(crate) const FOLLOWED: &[(&str, &str, &str)] = &[
    ("people", PERSON, "id"),
    ("visits", VISIT, "id"),
    ("petitions", PETITION, "id"),
    ("petitioners", PETITION, "petition_id"),
    ("petition_steps", PETITION_STEP, "id"),
    ("petition_deliveries", PETITION_STEP, "step_id"),
    ("checklist_days", CHECKLIST_DAY, "rowid"),
    ("checklist_items", CHECKLIST_ITEM, "rowid"),
    ("checklist_rules", CHECKLIST_RULE, "id"),
    ("family_links", FAMILY_LINK, "person_id"),
    ("officers", OFFICER, "id"),
];

/// What happened to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Insert,
    Update,
    Delete,
}

impl Op {
    fn parse(text: &str) -> Op {
        match text {
            "insert" => Op::Insert,
            "delete" => Op::Delete,
            _ => Op::Update,
        }
    }
}

/// One row of the change log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub seq: i64,
    /// `YYYY-MM-DD HH:MM:SS`, the writer's clock.
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_id: i64,
    pub op: Op,
}

impl Change {
    pub fn is(&self, entity: &str) -> bool {
        self.entity == entity
    }
}

/// Where a desk reads what other desks changed: the SQLite file today, a server's
/// notifications (PostgreSQL LISTEN/NOTIFY) later. Both answer the same two questions.
pub trait ChangeFeed {
    /// The newest sequence number, 0 when nothing was ever logged; cheap enough to ask
    /// several times a second.
    fn change_seq(&self) -> Result<i64>;
    /// Up to `limit` changes after `seq`, oldest first.
    fn changes_since(&self, seq: i64, limit: usize) -> Result<Vec<Change>>;
    /// The oldest sequence number still logged, 0 when none: a follower that has read less
    /// than the one before it lost changes to pruning.
    fn oldest_seq(&self) -> Result<i64>;
}

/// What a follower hands on when the log was pruned past where it had read: one change of
/// every kind, record 0, so that every screen reads its records again.
pub fn everything(seq: i64) -> Vec<Change> {
    let entities = FOLLOWED.iter().map(|f| f.1).chain([EVERYTHING]);
    let mut out: Vec<Change> = entities
        .map(|entity| Change {
            seq,
            at: String::new(),
            actor: String::new(),
            entity: entity.to_string(),
            entity_id: 0,
            op: Op::Update,
        })
        .collect();
    out.dedup_by(|a, b| a.entity == b.entity);
    out
}

/// Makes the context table and the triggers on this connection (they live as long as it).
/// Called once the schema is current, so the followed tables exist.
pub(crate) fn install(conn: &Connection) -> Result<()> {
    // The server writes its change log with triggers of its own schema (`pg::ddl`).
    if conn.is_server() {
        return Ok(());
    }
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS change_context (actor TEXT NOT NULL, at TEXT NOT NULL);
         DELETE FROM temp.change_context;
         INSERT INTO temp.change_context VALUES ('', '');",
    )?;
    let mut sql = String::new();
    let mut exists =
        conn.prepare("SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND name = ?1")?;
    for (table, entity, key) in FOLLOWED {
        // A file whose schema lacks a table (an old test stand-in) has nothing to follow.
        if exists.query_row([table], |r| r.get::<_, i64>(0))? == 0 {
            continue;
        }
        for (event, op, row) in [
            ("INSERT", "insert", "NEW"),
            ("UPDATE", "update", "NEW"),
            ("DELETE", "delete", "OLD"),
        ] {
            let name = format!("{table}_{op}_logged");
            sql.push_str(&format!(
                "CREATE TEMP TRIGGER IF NOT EXISTS {name} AFTER {event} ON main.{table} BEGIN \
                 INSERT INTO changes(at, actor, entity, entity_id, op) \
                 SELECT at, actor, '{entity}', {row}.{key}, '{op}' FROM temp.change_context; END;"
            ));
        }
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Says who writes and when, for the change rows of the transaction about to be written
/// (on the server the write transaction's first round trip says it: `db::Tx::begin_write`).
pub(crate) fn stamp(conn: &Connection, actor: &str, at: &str) -> Result<()> {
    // Before `install` (while the schema is upgraded) there is nothing to stamp.
    let _ = conn.execute(
        "UPDATE temp.change_context SET actor = ?1, at = ?2",
        params![actor, at],
    );
    Ok(())
}

/// The newest change to one record, for "changed by whom and when".
pub(crate) fn last_change(conn: &Connection, entity: &str, id: i64) -> Result<Option<Change>> {
    Ok(conn
        .query_row(
            "SELECT seq, at, actor, entity, entity_id, op FROM changes \
             WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq DESC LIMIT 1",
            params![entity, id],
            from_row,
        )
        .optional()?)
}

fn from_row(r: &crate::store::db::Row) -> crate::store::db::Result<Change> {
    Ok(Change {
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        entity: r.get(3)?,
        entity_id: r.get(4)?,
        op: Op::parse(&r.get::<_, String>(5)?),
    })
}

/// [`ChangeFeed`] on any connection: the file's, or the server's that a desk listens on.
pub(crate) fn change_seq(conn: &Connection) -> Result<i64> {
    // max() of the primary key is one step down the table's b-tree.
    Ok(
        conn.query_row("SELECT coalesce(max(seq), 0) FROM changes", (), |r| {
            r.get(0)
        })?,
    )
}

pub(crate) fn changes_since(conn: &Connection, seq: i64, limit: usize) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, at, actor, entity, entity_id, op FROM changes \
         WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![seq, limit as i64], from_row)?;
    Ok(rows.collect::<crate::store::db::Result<Vec<_>>>()?)
}

pub(crate) fn oldest_seq(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(min(seq), 0) FROM changes", (), |r| {
            r.get(0)
        })?,
    )
}

impl ChangeFeed for Store {
    fn change_seq(&self) -> Result<i64> {
        change_seq(self.conn())
    }

    fn changes_since(&self, seq: i64, limit: usize) -> Result<Vec<Change>> {
        changes_since(self.conn(), seq, limit)
    }

    fn oldest_seq(&self) -> Result<i64> {
        oldest_seq(self.conn())
    }
}

impl Store {
    /// Drops all but the newest `keep` changes; the newest one always stays, so sequence
    /// numbers are never handed out twice. Returns how many went.
    pub fn prune_changes(&self, keep: i64) -> Result<usize> {
        self.write_one(
            "DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - max(?1, 1)",
            params![keep],
        )
    }

    /// The newest change to one record (`entity` is one of this module's names).
    pub fn last_change(&self, entity: &str, id: i64) -> Result<Option<Change>> {
        last_change(self.conn(), entity, id)
    }
}

#[cfg(test)]
#[path = "changes_tests.rs"]
mod tests;
