//! The server's audit trail records the migration itself, chained onto the migrated
//! records exactly as the store appends on SQLite (`store::audit::append`), inside the
//! migration's transaction: the trail says who moved which file here, and when.
use super::PgError;
use crate::domain::audit_chain::{ChainedFields, GENESIS, chain_hash};
use postgres::Transaction;

/// What the migration's audit record says.
pub struct MigrationNote<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    /// The station file moved, as given.
    pub from: &'a str,
}

/// Appends the record; the migration's transaction holds the advisory lock, so nobody
/// chains onto the same head meanwhile.
/// Returns the record's number.
pub fn append(tx: &mut Transaction<'_>, note: &MigrationNote<'_>) -> Result<i64, PgError> {
    let head = tx.query_opt("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", &[])?;
    let (prev_id, prev_hash): (i64, String) = match head {
        Some(r) => (r.get(0), r.get(1)),
        None => (0, GENESIS.to_string()),
    };
    let id = prev_id + 1;
    let os_user = crate::store::audit::os_user();
    let summary: String = note.from.chars().take(500).collect();
    let fields = ChainedFields {
        id,
        at: note.at,
        actor: note.actor,
        os_user,
        action: "migrate",
        entity: "database",
        entity_id: "",
        summary: &summary,
    };
    let hash = chain_hash(&prev_hash, &fields);
    tx.execute(
        "INSERT INTO audit (id, at, actor, os_user, action, entity, entity_id, summary, hash) \
         VALUES ($1, $2, $3, $4, 'migrate', 'database', '', $5, $6)",
        &[&id, &note.at, &note.actor, &os_user, &summary, &hash],
    )?;
    tx.execute(
        "SELECT setval(pg_get_serial_sequence('audit', 'id'), $1::bigint + 1, false)",
        &[&id],
    )?;
    Ok(id)
}
