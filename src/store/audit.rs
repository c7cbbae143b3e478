//! The append-only audit trail (查阅留痕): who did what to which record, and when.
use super::{Result, Store};
use rusqlite::{Connection, params};

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
}

/// Appends a record inside the caller's transaction, so the change and its trace commit
/// together or not at all.
pub(crate) fn append(
    conn: &Connection,
    at: &str,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    summary: &str,
) -> Result<()> {
    // Summaries are short by design: enough to know what changed, not a copy of the record.
    let summary: String = summary.chars().take(500).collect();
    conn.execute(
        "INSERT INTO audit(at, actor, action, entity, entity_id, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![at, actor, action, entity, entity_id, summary],
    )?;
    Ok(())
}

impl Store {
    /// Records an action that changes nothing else (a login, a profile opened, an export).
    pub fn audit(&self, action: &str, entity: &str, entity_id: &str, summary: &str) -> Result<()> {
        let at = self.now_text();
        self.write_shared(|conn| {
            append(conn, &at, self.actor(), action, entity, entity_id, summary)
        })
    }

    /// Audit records between two dates (inclusive, `YYYY-MM-DD`), oldest first.
    pub fn audit_entries(&self, from: Option<&str>, to: Option<&str>) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, at, actor, action, entity, entity_id, summary FROM audit
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
                .execute("UPDATE audit SET actor = 'x'", [])
                .is_err()
        );
        assert!(store.conn().execute("DELETE FROM audit", []).is_err());
        assert_eq!(store.audit_entries(None, None).unwrap().len(), 1);
    }
}
