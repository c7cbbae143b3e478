//! `stationdesk migrate`: a station's SQLite file onto the server, in one server
//! transaction, checked against its source before it commits. Stopped or failed, the
//! transaction is rolled back and the server is as it was (its schema included: PostgreSQL
//! creates tables inside transactions too).
use super::copy::{advance_identity, copy_table, from_server, local_count, server_count};
use super::ddl::{ensure, ident};
use super::record::MigrationNote;
use super::schema::{Schema, Table};
use super::verify::{Checked, check};
use super::{PgError, connect};
use crate::store::Store;
use crate::work::{Stage, Watcher};
use postgres::{GenericClient, IsolationLevel};
use rusqlite::types::Value;
use std::collections::HashSet;

/// Taken for the length of a migration, so two migrations into one server wait in turn.
/// The writers' lock of the desks: they wait while a station is moved in.
const MIGRATE_LOCK: i64 = crate::store::db::WRITE_LOCK;

#[derive(Debug, Clone, Copy, Default)]
pub struct MigrateOptions {
    /// Accept a server that already holds records (another station's), as long as no
    /// record is on file on both sides.
    pub merge: bool,
    /// The source is a new, empty station made for an empty server (a desk's first run
    /// on it): nothing was moved, so no migration is recorded in its audit trail.
    pub new_station: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrateReport {
    /// The server had no schema and this migration made it.
    pub created_schema: bool,
    /// Rows the server held before, when merging.
    pub rows_before: i64,
    pub checked: Checked,
    /// The number of the server's audit record of this migration.
    pub audit_record: i64,
}

/// Copies every table of `source` to the server at `url` and checks the copy.
pub fn migrate(
    source: &Store,
    url: &str,
    opts: MigrateOptions,
    watcher: &mut dyn Watcher,
) -> Result<MigrateReport, PgError> {
    let schema = Schema::current()?;
    // One read transaction on the file for the whole copy: desks writing meanwhile (WAL)
    // change nothing the copy or its check reads. Dropped, it ends without writing.
    let snapshot = rusqlite::Transaction::new_unchecked(
        source.file_conn().map_err(PgError::Local)?,
        rusqlite::TransactionBehavior::Deferred,
    )
    .map_err(|e| PgError::Local(e.into()))?;
    let local: &rusqlite::Connection = &snapshot;
    let mut client = connect(url)?;
    let mut tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::Serializable)
        .start()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATE_LOCK])?;
    // The copied change log says what happened; the copy itself is not a change.
    tx.batch_execute("SET LOCAL stationdesk.copying = 'on'")?;
    let created_schema = ensure(&mut tx, &schema)?;
    let mut before = Vec::new();
    for t in &schema.tables {
        let n = server_count(&mut tx, &t.name)?;
        if n > 0 {
            before.push((t.name.clone(), n));
        }
    }
    if !before.is_empty() {
        if !opts.merge {
            return Err(PgError::NotEmpty(before));
        }
        refuse_conflicts(local, &mut tx, &schema)?;
    }
    let mut total = 0u64;
    for t in &schema.tables {
        total += local_count(local, &t.name)? as u64;
    }
    let mut done = 0u64;
    watcher.at(Stage::WriteRows, 0, Some(total))?;
    for t in &schema.tables {
        copy_table(local, &mut tx, t, watcher, &mut done, total)?;
        advance_identity(&mut tx, t)?;
    }
    watcher.at(Stage::Verify, 0, None)?;
    let rows_before: i64 = before.iter().map(|b| b.1).sum();
    let checked = if before.is_empty() {
        check(local, &mut tx, &schema)?
    } else {
        check_merged(local, &mut tx, &schema, &before)?
    };
    let from = source.path().display().to_string();
    let at = source.now_text();
    let note = MigrationNote {
        at: &at,
        actor: source.actor(),
        from: &from,
    };
    let audit_record = if opts.new_station {
        0
    } else {
        super::record::append(&mut tx, &note)?
    };
    // The last safe point: once the commit is sent, the copy is whole on the server.
    watcher.check()?;
    tx.commit()?;
    Ok(MigrateReport {
        created_schema,
        rows_before,
        checked,
        audit_record,
    })
}

/// After a merge the server holds both stations: its counts are the sums, and the chain
/// of the audit trail is checked whole.
fn check_merged(
    local: &rusqlite::Connection,
    server: &mut impl GenericClient,
    schema: &Schema,
    before: &[(String, i64)],
) -> Result<Checked, PgError> {
    let mut counts = Vec::new();
    for t in &schema.tables {
        let had = before.iter().find(|b| b.0 == t.name).map_or(0, |b| b.1);
        let (l, s) = (local_count(local, &t.name)?, server_count(server, &t.name)?);
        if had + l != s {
            return Err(PgError::Verify(format!("{}: {had} + {l} ≠ {s}", t.name)));
        }
        counts.push((t.name.clone(), l));
    }
    let walker = super::verify::chain_on_server(server)?;
    if let Some(b) = &walker.first_break {
        return Err(PgError::Verify(format!("audit: {b:?}")));
    }
    Ok(Checked {
        counts,
        audit_rows: walker.rows,
        audit_head: walker.head().map(|(id, h)| (id, h.to_string())),
        sampled: 0,
    })
}

/// `--merge`: every record on file on both sides is reported and nothing is written.
/// People are matched by ID number (the same veteran at two stations); every other table
/// by its primary key and unique columns, which this version does not renumber.
fn refuse_conflicts(
    local: &rusqlite::Connection,
    server: &mut impl GenericClient,
    schema: &Schema,
) -> Result<(), PgError> {
    let mine: Vec<String> = local_values(local, "people", &["id_number".into()])?
        .into_iter()
        .filter_map(|v| match v.into_iter().next() {
            Some(Value::Text(t)) if !t.is_empty() => Some(t),
            _ => None,
        })
        .collect();
    let mut id_numbers: Vec<String> = server
        .query(
            "SELECT id_number FROM people WHERE id_number = ANY($1) ORDER BY id_number",
            &[&mine],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    id_numbers.dedup();
    let mut keys = Vec::new();
    for t in &schema.tables {
        let mut clashes = 0i64;
        for key in key_sets(t) {
            // Values are not hashable (reals); their debug text is, and says the same.
            let theirs: HashSet<String> = server_values(server, t, &key)?
                .iter()
                .map(|k| format!("{k:?}"))
                .collect();
            if theirs.is_empty() {
                continue;
            }
            let n = local_values(local, &t.name, &key)?
                .iter()
                .filter(|k| theirs.contains(&format!("{k:?}")))
                .count() as i64;
            clashes = clashes.max(n);
        }
        if clashes > 0 {
            keys.push((t.name.clone(), clashes));
        }
    }
    if id_numbers.is_empty() && keys.is_empty() {
        Ok(())
    } else {
        Err(PgError::Conflicts { id_numbers, keys })
    }
}

fn key_sets(t: &Table) -> Vec<Vec<String>> {
    let mut sets: Vec<Vec<String>> = t.uniques.clone();
    if !t.primary_key.is_empty() {
        sets.insert(0, t.primary_key.clone());
    }
    sets
}

fn local_values(
    conn: &rusqlite::Connection,
    table: &str,
    cols: &[String],
) -> Result<Vec<Vec<Value>>, PgError> {
    let local = |e: rusqlite::Error| PgError::Local(e.into());
    let list: Vec<String> = cols.iter().map(|c| ident(c)).collect();
    let mut stmt = conn
        .prepare(&format!("SELECT {} FROM {}", list.join(", "), ident(table)))
        .map_err(local)?;
    let rows = stmt
        .query_map([], |r| {
            (0..cols.len()).map(|i| r.get::<_, Value>(i)).collect()
        })
        .map_err(local)?;
    rows.collect::<rusqlite::Result<Vec<Vec<Value>>>>()
        .map_err(local)
}

fn server_values(
    server: &mut impl GenericClient,
    t: &Table,
    cols: &[String],
) -> Result<Vec<Vec<Value>>, PgError> {
    let list: Vec<String> = cols.iter().map(|c| ident(c)).collect();
    let rows = server.query(
        &format!("SELECT {} FROM {}", list.join(", "), ident(&t.name)),
        &[],
    )?;
    let types: Vec<_> = cols
        .iter()
        .map(|c| t.columns.iter().find(|x| x.name == *c).map(|x| x.ty))
        .collect();
    rows.iter()
        .map(|r| {
            types
                .iter()
                .enumerate()
                .map(|(i, ty)| {
                    let ty = ty.ok_or_else(|| PgError::Verify(t.name.clone()))?;
                    from_server(r, i, ty)
                })
                .collect()
        })
        .collect()
}
