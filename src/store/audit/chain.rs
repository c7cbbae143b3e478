//! Reading and checking the audit trail's hash chain (the rule is `domain::audit_chain`).
use crate::domain::audit_chain::{ChainBreak, ChainWalker, ChainedFields, GENESIS, chain_hash};
use crate::store::db::{Connection, OptionalExtension, params};
use crate::store::{Result, Store};

pub(super) const HEAD_SQL: &str = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";

/// The newest record's id and hash, if there is any record.
pub(super) fn head(conn: &Connection) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row(HEAD_SQL, (), |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// What `audit verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub rows: u64,
    /// The newest record's id and hash.
    pub head: Option<(i64, String)>,
    pub first_break: Option<ChainBreak>,
}

impl ChainReport {
    pub fn whole(&self) -> bool {
        self.first_break.is_none()
    }
}

/// The chained fields from the texts of `at, actor, os_user, action, entity, entity_id,
/// summary`, in that order.
fn fields(id: i64, t: &[String]) -> ChainedFields<'_> {
    ChainedFields {
        id,
        at: &t[0],
        actor: &t[1],
        os_user: &t[2],
        action: &t[3],
        entity: &t[4],
        entity_id: &t[5],
        summary: &t[6],
    }
}

const SELECT_ALL: &str = "SELECT id, at, actor, os_user, action, entity, entity_id, summary, hash \
     FROM audit ORDER BY id";

/// Runs `each` over every record oldest first, with the fields the chain covers and the
/// stored hash; one row in memory at a time.
fn for_each_record(
    conn: &Connection,
    mut each: impl FnMut(&ChainedFields, &str) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(SELECT_ALL)?;
    let mut rows = stmt.query(())?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let texts: Vec<String> = (1..9)
            .map(|i| r.get::<_, String>(i))
            .collect::<crate::store::db::Result<_>>()?;
        each(&fields(id, &texts), &texts[7])?;
    }
    Ok(())
}

/// The upgrade to the chained trail (schema version 6): the records already kept are
/// renumbered from 1 without gaps and hashed in order, so they become the chain's start.
/// Runs inside the migration's transaction; the append-only triggers are lifted for it and
/// put back exactly as version 1 created them.
pub fn chain_existing_records(tx: &Connection) -> Result<()> {
    tx.execute_batch("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;")?;
    let mut records: Vec<(i64, Vec<String>)> = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT id, at, actor, os_user, action, entity, entity_id, summary FROM audit \
             ORDER BY id",
        )?;
        let mut rows = stmt.query(())?;
        while let Some(r) = rows.next()? {
            let texts = (1..8)
                .map(|i| r.get::<_, String>(i))
                .collect::<crate::store::db::Result<Vec<_>>>()?;
            records.push((r.get(0)?, texts));
        }
    }
    let mut prev = GENESIS.to_string();
    for (new_id, (old_id, t)) in (1_i64..).zip(records) {
        let hash = chain_hash(&prev, &fields(new_id, &t));
        tx.execute(
            "UPDATE audit SET id = ?1, hash = ?2 WHERE id = ?3",
            params![new_id, hash, old_id],
        )?;
        prev = hash;
    }
    tx.execute_batch(
        "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n\
         BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;\n\
         CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n\
         BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;",
    )?;
    Ok(())
}

impl Store {
    /// The newest audit record's id and hash: what a backup's checksum file records.
    pub fn audit_head(&self) -> Result<Option<(i64, String)>> {
        head(self.conn())
    }

    /// The stored hash of audit record `id`, if there is such a record.
    pub fn audit_hash_of(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT hash FROM audit WHERE id = ?1", [id], |r| r.get(0))
            .optional()?)
    }

    /// Walks the whole audit trail and checks every link of the chain.
    pub fn verify_audit_chain(&self) -> Result<ChainReport> {
        let mut walker = ChainWalker::default();
        for_each_record(self.conn(), |f, stored| {
            walker.push(f, stored);
            Ok(())
        })?;
        Ok(ChainReport {
            rows: walker.rows,
            head: walker.head().map(|(id, h)| (id, h.to_string())),
            first_break: walker.first_break,
        })
    }
}
