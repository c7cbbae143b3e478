//! The append-only audit trail (查阅留痕): who did what to which record, and when.
mod chain;

pub use chain::{ChainReport, chain_existing_records};

/// The newest audit record's id and hash in an open database, if any.
pub(crate) fn head_of(conn: &Connection) -> Result<Option<(i64, String)>> {
    chain::head(conn)
}

/// [`head_of`] for a SQLite file opened on its own (a backup copy, a file being restored).
pub(crate) fn head_of_file(conn: &rusqlite::Connection) -> Result<Option<(i64, String)>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(chain::HEAD_SQL, [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

use super::{Result, Store};
use crate::domain::audit_chain::{ChainedFields, GENESIS, chain_hash};
use crate::store::db::{Connection, params};
use std::sync::OnceLock;

/// One audit record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub summary: String,
    /// The operating-system account that ran the program.
    pub os_user: String,
}

/// Appends a record inside the caller's write transaction, so the change and its trace
/// commit together or not at all, and no other desk appends between the read of the
/// chain's head and this record. Writes that take `&self` get their transaction from
/// `Store::write_shared`, which also checks the database was not replaced.
pub(crate) fn append(
    conn: &Connection,
    at: &str,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    summary: &str,
) -> Result<()> {
    if conn.is_autocommit() {
        // Outside a transaction two desks could chain onto the same head: a fork nobody
        // would see until `audit verify`. A programming error, made loud.
        return Err(super::StoreError::Other(
            "audit record written outside a write transaction".into(),
        ));
    }
    // Summaries are short by design: enough to know what changed, not a copy of the record.
    let summary: String = summary.chars().take(500).collect();
    let (prev_id, prev_hash) = chain::head(conn)?.unwrap_or((0, GENESIS.to_string()));
    let id = prev_id + 1;
    let os_user = os_user();
    let hash = chain_hash(
        &prev_hash,
        &ChainedFields {
            id,
            at,
            actor,
            os_user,
            action,
            entity,
            entity_id,
            summary: &summary,
        },
    );
    conn.execute(
        "INSERT INTO audit(id, at, actor, os_user, action, entity, entity_id, summary, hash) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id, at, actor, os_user, action, entity, entity_id, summary, hash
        ],
    )?;
    // The mark this transaction leaves: a commit whose answer was lost looks for it.
    conn.note_audit(id, &hash);
    Ok(())
}

/// The operating-system account running this process, from its user id (not from `$USER`,
/// which anyone can set): recorded beside the officer in every audit record.
pub fn os_user() -> &'static str {
    static NAME: OnceLock<String> = OnceLock::new();
    NAME.get_or_init(|| {
        let uid = nix::unistd::getuid();
        match nix::unistd::User::from_uid(uid) {
            Ok(Some(user)) => user.name,
            _ => format!("uid{uid}"),
        }
    })
}

impl Store {
    /// Records an action that changes nothing else (a login, a profile opened, an export).
    /// Its own write transaction, which checks first that the database was not replaced
    /// by a restore since it was opened.
    pub fn audit(&self, action: &str, entity: &str, entity_id: &str, summary: &str) -> Result<()> {
        let at = self.now_text();
        self.write_shared(|conn| {
            append(conn, &at, self.actor(), action, entity, entity_id, summary)
        })
    }

    /// Audit records between two dates (inclusive, `YYYY-MM-DD`), oldest first.
    pub fn audit_entries(&self, from: Option<&str>, to: Option<&str>) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, at, actor, action, entity, entity_id, summary, os_user FROM audit
             WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at < date(?2, '+1 day'))
             ORDER BY id",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                summary: r.get(6)?,
                os_user: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SystemClock;
    use std::sync::Arc;

    #[test]
    fn the_trail_refuses_update_and_delete() {
        let store = Store::open_in_memory(Arc::new(SystemClock)).unwrap();
        store.audit("login", "officer", "1", "").unwrap();
        assert!(
            store
                .conn()
                .execute("UPDATE audit SET actor = 'x'", ())
                .is_err()
        );
        assert!(store.conn().execute("DELETE FROM audit", ()).is_err());
        assert_eq!(store.audit_entries(None, None).unwrap().len(), 1);
    }
}
