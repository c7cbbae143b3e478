//! A copy is checked against its source before it is kept: rows per table, the audit
//! trail's hash chain recomputed on the copy, and a sample of records value by value.
use super::PgError;
use super::copy::{from_server, local_count, order_by, server_count};
use super::ddl::ident;
use super::schema::{Schema, Table};
use crate::domain::audit_chain::{ChainWalker, ChainedFields};
use postgres::GenericClient;
use rusqlite::types::Value;

/// Records compared per table, spread evenly over it (the first and the last included).
pub const SAMPLE: i64 = 25;

/// What the check found equal on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// `(table, rows)`, in copy order.
    pub counts: Vec<(String, i64)>,
    pub audit_rows: u64,
    /// The newest audit record's id and hash, the same on both sides.
    pub audit_head: Option<(i64, String)>,
    pub sampled: u64,
}

/// Checks the server's rows against SQLite's; `Err(Verify)` names the first difference.
pub fn check(
    local: &rusqlite::Connection,
    server: &mut impl GenericClient,
    schema: &Schema,
) -> Result<Checked, PgError> {
    let mut counts = Vec::new();
    let mut sampled = 0;
    for t in &schema.tables {
        let (l, s) = (local_count(local, &t.name)?, server_count(server, &t.name)?);
        if l != s {
            return Err(PgError::Verify(format!("{}: {l} ≠ {s}", t.name)));
        }
        counts.push((t.name.clone(), l));
        sampled += sample(local, server, t, l)?;
    }
    let walker = chain_on_server(server)?;
    if let Some(b) = &walker.first_break {
        return Err(PgError::Verify(format!("audit: {b:?}")));
    }
    let head = walker.head().map(|(id, h)| (id, h.to_string()));
    let local_head = crate::store::audit::head_of_file(local).map_err(PgError::Local)?;
    if head != local_head {
        return Err(PgError::Verify(format!(
            "audit head: {local_head:?} ≠ {head:?}"
        )));
    }
    Ok(Checked {
        counts,
        audit_rows: walker.rows,
        audit_head: head,
        sampled,
    })
}

/// Walks the audit trail on the server, oldest first, recomputing every hash.
pub fn chain_on_server(server: &mut impl GenericClient) -> Result<ChainWalker, PgError> {
    let mut walker = ChainWalker::default();
    let rows = server.query(
        "SELECT id, at, actor, os_user, action, entity, entity_id, summary, hash \
         FROM audit ORDER BY id",
        &[],
    )?;
    for r in rows {
        let t: Vec<String> = (1..9).map(|i| r.get::<_, String>(i)).collect();
        let f = ChainedFields {
            id: r.get(0),
            at: &t[0],
            actor: &t[1],
            os_user: &t[2],
            action: &t[3],
            entity: &t[4],
            entity_id: &t[5],
            summary: &t[6],
        };
        walker.push(&f, &t[7]);
    }
    Ok(walker)
}

fn sample(
    local: &rusqlite::Connection,
    server: &mut impl GenericClient,
    t: &Table,
    rows: i64,
) -> Result<u64, PgError> {
    if rows == 0 {
        return Ok(0);
    }
    let cols: Vec<String> = t.columns.iter().map(|c| ident(&c.name)).collect();
    let cols = cols.join(", ");
    let mut offsets: Vec<i64> = (0..SAMPLE)
        .map(|k| k * (rows - 1) / (SAMPLE - 1).max(1))
        .collect();
    offsets.dedup();
    let local_sql = format!(
        "SELECT {cols} FROM {} ORDER BY {} LIMIT 1 OFFSET ?1",
        ident(&t.name),
        order_by(t, false)
    );
    let server_sql = format!(
        "SELECT {cols} FROM {} ORDER BY {} LIMIT 1 OFFSET $1",
        ident(&t.name),
        order_by(t, true)
    );
    let mut stmt = local
        .prepare(&local_sql)
        .map_err(|e| PgError::Local(e.into()))?;
    for offset in &offsets {
        let mine: Vec<Value> = stmt
            .query_row([offset], |r| {
                (0..t.columns.len()).map(|i| r.get::<_, Value>(i)).collect()
            })
            .map_err(|e| PgError::Local(e.into()))?;
        let row = server.query_one(&server_sql, &[offset])?;
        let theirs: Vec<Value> = t
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| from_server(&row, i, c.ty))
            .collect::<Result<_, _>>()?;
        if mine != theirs {
            return Err(PgError::Verify(format!("{} #{}", t.name, offset + 1)));
        }
    }
    Ok(offsets.len() as u64)
}
