//! Rows between the two databases, value by value, by each column's server type.
use super::PgError;
use super::ddl::ident;
use super::schema::{ColType, Table};
use crate::work::{Stage, Watcher};
use postgres::Transaction;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};
use rusqlite::types::Value;

/// Rows between two safe points of a copy.
pub const BATCH: u64 = 1000;

fn pg_type(ty: ColType) -> Type {
    match ty {
        ColType::Int => Type::INT8,
        ColType::Text => Type::TEXT,
        ColType::Real => Type::FLOAT8,
        ColType::Blob => Type::BYTEA,
    }
}

/// `ORDER BY` the primary key (or every column), in the same order on both sides: the
/// server compares text byte by byte (`COLLATE "C"`), as SQLite does.
pub fn order_by(table: &Table, server: bool) -> String {
    let keys: Vec<&str> = if table.primary_key.is_empty() {
        table.column_names()
    } else {
        table.primary_key.iter().map(String::as_str).collect()
    };
    keys.iter()
        .map(|k| {
            let text = table
                .columns
                .iter()
                .any(|c| c.name == *k && c.ty == ColType::Text);
            if server && text {
                format!("{} COLLATE \"C\"", ident(k))
            } else {
                ident(k)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn select_all(table: &Table, server: bool) -> String {
    let cols: Vec<String> = table.columns.iter().map(|c| ident(&c.name)).collect();
    format!(
        "SELECT {} FROM {} ORDER BY {}",
        cols.join(", "),
        ident(&table.name),
        order_by(table, server)
    )
}

/// One SQLite value as the server's column takes it; SQLite's affinity already made the
/// values of a typed column that type, so anything else is refused, not guessed.
fn to_server(v: Value, ty: ColType) -> Option<Box<dyn ToSql + Sync>> {
    Some(match (v, ty) {
        (Value::Null, ColType::Int) => Box::new(None::<i64>),
        (Value::Null, ColType::Text) => Box::new(None::<String>),
        (Value::Null, ColType::Real) => Box::new(None::<f64>),
        (Value::Null, ColType::Blob) => Box::new(None::<Vec<u8>>),
        (Value::Integer(i), ColType::Int) => Box::new(i),
        (Value::Integer(i), ColType::Real) => Box::new(i as f64),
        (Value::Real(f), ColType::Real) => Box::new(f),
        (Value::Text(t), ColType::Text) => Box::new(t),
        (Value::Blob(b), ColType::Blob) => Box::new(b),
        _ => return None,
    })
}

/// One server value as SQLite stores it.
pub fn from_server(row: &postgres::Row, i: usize, ty: ColType) -> Result<Value, PgError> {
    Ok(match ty {
        ColType::Int => row.try_get::<_, Option<i64>>(i)?.map(Value::Integer),
        ColType::Text => row.try_get::<_, Option<String>>(i)?.map(Value::Text),
        ColType::Real => row.try_get::<_, Option<f64>>(i)?.map(Value::Real),
        ColType::Blob => row.try_get::<_, Option<Vec<u8>>>(i)?.map(Value::Blob),
    }
    .unwrap_or(Value::Null))
}

/// Copies every row of `table` from SQLite into the server with COPY, telling `watcher`
/// the rows done across the whole migration (`done`, of `total`).
pub fn copy_table(
    src: &rusqlite::Connection,
    tx: &mut Transaction<'_>,
    table: &Table,
    watcher: &mut dyn Watcher,
    done: &mut u64,
    total: u64,
) -> Result<u64, PgError> {
    let local = |e: rusqlite::Error| PgError::Local(e.into());
    let types: Vec<Type> = table.columns.iter().map(|c| pg_type(c.ty)).collect();
    let cols: Vec<String> = table.columns.iter().map(|c| ident(&c.name)).collect();
    let sink = tx.copy_in(&format!(
        "COPY {} ({}) FROM STDIN BINARY",
        ident(&table.name),
        cols.join(", ")
    ))?;
    let mut writer = BinaryCopyInWriter::new(sink, &types);
    let mut stmt = src.prepare(&select_all(table, false)).map_err(local)?;
    let mut rows = stmt.query([]).map_err(local)?;
    let mut n = 0u64;
    while let Some(r) = rows.next().map_err(local)? {
        let mut values: Vec<Box<dyn ToSql + Sync>> = Vec::with_capacity(table.columns.len());
        for (i, c) in table.columns.iter().enumerate() {
            let v: Value = r.get(i).map_err(local)?;
            values.push(to_server(v, c.ty).ok_or_else(|| PgError::BadValue {
                table: table.name.clone(),
                column: c.name.clone(),
                row: n as i64 + 1,
            })?);
        }
        let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|b| b.as_ref()).collect();
        writer.write(&refs)?;
        n += 1;
        *done += 1;
        if n.is_multiple_of(BATCH) {
            watcher.at(Stage::WriteRows, *done, Some(total))?;
        }
    }
    writer.finish()?;
    watcher.at(Stage::WriteRows, *done, Some(total))?;
    Ok(n)
}

/// Sets the identity of `table` past its largest id, so the server numbers new rows on.
pub fn advance_identity(tx: &mut Transaction<'_>, table: &Table) -> Result<(), PgError> {
    if let Some(id) = &table.identity {
        tx.execute(
            &format!(
                "SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max({c}), 0) + 1, false) FROM {t}",
                c = ident(id),
                t = ident(&table.name)
            ),
            &[&ident(&table.name), &id],
        )?;
    }
    Ok(())
}

/// The number of rows of `table` on the server.
pub fn server_count(tx: &mut impl postgres::GenericClient, table: &str) -> Result<i64, PgError> {
    Ok(tx
        .query_one(&format!("SELECT count(*) FROM {}", ident(table)), &[])?
        .get(0))
}

/// The number of rows of `table` in SQLite.
pub fn local_count(conn: &rusqlite::Connection, table: &str) -> Result<i64, PgError> {
    conn.query_row(&format!("SELECT count(*) FROM {}", ident(table)), [], |r| {
        r.get(0)
    })
    .map_err(|e| PgError::Local(e.into()))
}
