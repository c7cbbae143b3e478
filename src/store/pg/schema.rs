//! The server's schema, read from the SQLite schema of the same version so the two never
//! drift: an in-memory SQLite store runs every migration, and its tables, columns, keys,
//! indexes, checks and append-only triggers are read back (PRAGMA and `sqlite_master`) and
//! spoken again as PostgreSQL.
use super::PgError;
use super::sqlite_text::{checks_of, index_where, is_append_only_trigger};
use crate::store::Store;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// A column's type on the server, from the SQLite declared type by SQLite's affinity rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    Int,
    Text,
    Real,
    Blob,
}

impl ColType {
    fn from_declared(decl: &str) -> Option<ColType> {
        let d = decl.to_ascii_uppercase();
        if d.contains("INT") {
            Some(ColType::Int)
        } else if d.contains("CHAR") || d.contains("CLOB") || d.contains("TEXT") {
            Some(ColType::Text)
        } else if d.is_empty() || d.contains("BLOB") {
            Some(ColType::Blob)
        } else if d.contains("REAL") || d.contains("FLOA") || d.contains("DOUB") {
            Some(ColType::Real)
        } else {
            None
        }
    }

    pub fn sql(self) -> &'static str {
        match self {
            ColType::Int => "BIGINT",
            ColType::Text => "TEXT",
            ColType::Real => "DOUBLE PRECISION",
            ColType::Blob => "BYTEA",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub ty: ColType,
    pub not_null: bool,
    /// The default as SQL text, when a literal both databases read alike.
    pub default: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    pub columns: Vec<String>,
    pub parent: String,
    pub parent_columns: Vec<String>,
    pub on_delete: String,
    pub on_update: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    pub name: String,
    pub unique: bool,
    pub columns: Vec<String>,
    pub where_clause: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    pub primary_key: Vec<String>,
    /// The one `INTEGER PRIMARY KEY` column (SQLite's row id): an identity on the server.
    pub identity: Option<String>,
    pub uniques: Vec<Vec<String>>,
    pub checks: Vec<String>,
    pub foreign_keys: Vec<ForeignKey>,
    pub indexes: Vec<Index>,
    /// Rows may be added, never changed or removed.
    pub append_only: bool,
}

impl Table {
    pub fn column_names(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.name.as_str()).collect()
    }
}

/// Every table of one schema version, parents before the tables that refer to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schema {
    pub version: u32,
    pub tables: Vec<Table>,
}

impl Schema {
    /// The schema this build creates.
    pub fn current() -> Result<Schema, PgError> {
        let store = Store::open_in_memory(std::sync::Arc::new(crate::clock::SystemClock))
            .map_err(PgError::Local)?;
        let version = store.schema_version().map_err(PgError::Local)?;
        Schema::read(store.file_conn().map_err(PgError::Local)?, version)
    }

    /// The schema of an open SQLite database.
    pub fn read(conn: &Connection, version: u32) -> Result<Schema, PgError> {
        let names: Vec<(String, String)> = query(
            conn,
            "SELECT name, sql FROM main.sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let triggers: Vec<(String, String)> = query(
            conn,
            "SELECT tbl_name, sql FROM main.sqlite_master WHERE type = 'trigger'",
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut tables = Vec::new();
        for (name, sql) in names {
            let mut table = read_table(conn, &name, &sql)?;
            table.append_only = triggers
                .iter()
                .any(|(t, sql)| *t == name && is_append_only_trigger(sql));
            tables.push(table);
        }
        Ok(Schema {
            version,
            tables: in_dependency_order(tables),
        })
    }

    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }
}

fn query<T>(
    conn: &Connection,
    sql: &str,
    f: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>, PgError> {
    let local = |e: rusqlite::Error| PgError::Local(e.into());
    let mut stmt = conn.prepare(sql).map_err(local)?;
    let rows = stmt.query_map([], f).map_err(local)?;
    rows.collect::<rusqlite::Result<Vec<T>>>().map_err(local)
}

fn quote_name(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

fn read_table(conn: &Connection, name: &str, sql: &str) -> Result<Table, PgError> {
    type Info = (String, String, bool, Option<String>, i64, i64);
    let info: Vec<Info> = query(
        conn,
        &format!(
            "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo({})",
            quote_name(name)
        ),
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        },
    )?;
    let mut columns = Vec::new();
    let mut pk: Vec<(i64, String)> = Vec::new();
    for (col, decl, not_null, default, pk_pos, hidden) in &info {
        let unsupported = || PgError::Unsupported {
            table: name.to_string(),
            column: col.clone(),
            what: decl.clone(),
        };
        if *hidden != 0 {
            return Err(unsupported());
        }
        let ty = ColType::from_declared(decl).ok_or_else(unsupported)?;
        if *pk_pos > 0 {
            pk.push((*pk_pos, col.clone()));
        }
        columns.push(Column {
            name: col.clone(),
            ty,
            not_null: *not_null,
            default: default.clone().filter(|d| is_literal(d)),
        });
    }
    pk.sort();
    let primary_key: Vec<String> = pk.into_iter().map(|p| p.1).collect();
    let identity = match primary_key.as_slice() {
        [one]
            if columns
                .iter()
                .any(|c| c.name == *one && c.ty == ColType::Int) =>
        {
            Some(one.clone())
        }
        _ => None,
    };
    let mut uniques = Vec::new();
    let mut indexes = Vec::new();
    let list: Vec<(String, bool, String, bool)> = query(
        conn,
        &format!(
            "SELECT name, \"unique\", origin, partial FROM pragma_index_list({})",
            quote_name(name)
        ),
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    for (index, unique, origin, partial) in list {
        let cols: Vec<(i64, Option<String>)> = query(
            conn,
            &format!(
                "SELECT seqno, name FROM pragma_index_info({}) ORDER BY seqno",
                quote_name(&index)
            ),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let cols: Option<Vec<String>> = cols.into_iter().map(|c| c.1).collect();
        let cols = cols.ok_or_else(|| PgError::Unsupported {
            table: name.to_string(),
            column: index.clone(),
            what: "expression index".into(),
        })?;
        match origin.as_str() {
            "pk" => {}
            "u" => uniques.push(cols),
            _ => {
                let where_clause = if partial {
                    let sql: String = conn
                        .query_row(
                            "SELECT sql FROM main.sqlite_master WHERE type = 'index' AND name = ?1",
                            [&index],
                            |r| r.get(0),
                        )
                        .map_err(|e| PgError::Local(e.into()))?;
                    index_where(&sql)
                } else {
                    None
                };
                indexes.push(Index {
                    name: index,
                    unique,
                    columns: cols,
                    where_clause,
                });
            }
        }
    }
    indexes.sort_by(|a, b| a.name.cmp(&b.name));
    let foreign_keys = read_foreign_keys(conn, name, &primary_key)?;
    Ok(Table {
        name: name.to_string(),
        columns,
        primary_key,
        identity,
        uniques,
        checks: checks_of(sql),
        foreign_keys,
        indexes,
        append_only: false,
    })
}

fn read_foreign_keys(
    conn: &Connection,
    table: &str,
    _pk: &[String],
) -> Result<Vec<ForeignKey>, PgError> {
    type Fk = (i64, String, String, Option<String>, String, String);
    let rows: Vec<Fk> = query(
        conn,
        &format!(
            "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete \
             FROM pragma_foreign_key_list({}) ORDER BY id, seq",
            quote_name(table)
        ),
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        },
    )?;
    let mut by_id: BTreeMap<i64, ForeignKey> = BTreeMap::new();
    for (id, parent, from, to, on_update, on_delete) in rows {
        let fk = by_id.entry(id).or_insert_with(|| ForeignKey {
            columns: Vec::new(),
            parent: parent.clone(),
            parent_columns: Vec::new(),
            on_delete,
            on_update,
        });
        fk.columns.push(from);
        // A reference that names no column refers to the parent's primary key.
        let to = match to {
            Some(to) => to,
            None => parent_key(conn, &parent)?
                .get(fk.parent_columns.len())
                .cloned()
                .unwrap_or_default(),
        };
        fk.parent_columns.push(to);
    }
    Ok(by_id.into_values().collect())
}

fn parent_key(conn: &Connection, table: &str) -> Result<Vec<String>, PgError> {
    let mut pk: Vec<(i64, String)> = query(
        conn,
        &format!(
            "SELECT pk, name FROM pragma_table_info({}) WHERE pk > 0",
            quote_name(table)
        ),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    pk.sort();
    Ok(pk.into_iter().map(|p| p.1).collect())
}

/// A number or a quoted string: the defaults both databases read alike.
fn is_literal(text: &str) -> bool {
    let t = text.trim();
    t.parse::<f64>().is_ok()
        || (t.len() >= 2
            && t.starts_with('\'')
            && t.ends_with('\'')
            && !t[1..t.len() - 1].replace("''", "").contains('\''))
}

/// Parents first; tables that refer to nothing keep their order by name.
fn in_dependency_order(mut rest: Vec<Table>) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::with_capacity(rest.len());
    while !rest.is_empty() {
        let ready = rest.iter().position(|t| {
            t.foreign_keys
                .iter()
                .all(|fk| fk.parent == t.name || out.iter().any(|o| o.name == fk.parent))
        });
        // A cycle (none today) would be copied in name order; the copy then fails loudly.
        out.push(rest.remove(ready.unwrap_or(0)));
    }
    out
}
