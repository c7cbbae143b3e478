//! The database's incarnation: a random value a restore stamps in the settings, so that a
//! desk which opened the database before the restore finds its file replaced at its next
//! write, and stops instead of writing into a record it never read.
use crate::store::db::{Connection, OptionalExtension};
use crate::store::{Result, StoreError};

const KEY: &str = "incarnation";

/// The incarnation of the open database (empty when none was ever stamped).
pub(crate) fn read(conn: &Connection) -> Result<String> {
    let value: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([KEY], |r| r.get(0))
        .optional()?;
    Ok(value.unwrap_or_default())
}

/// Checks, inside a write transaction, that the database is still the one `expected` was
/// read from; `None` (not read yet: the store is opening) checks nothing.
pub(crate) fn check(conn: &Connection, expected: Option<&str>) -> Result<()> {
    match expected {
        Some(expected) if read(conn)? != expected => Err(StoreError::Replaced),
        _ => Ok(()),
    }
}

/// Stamps a new incarnation and returns it.
pub(super) fn stamp(conn: &Connection) -> Result<String> {
    let value = format!("{:032x}", rand::random::<u128>());
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [KEY, value.as_str()],
    )?;
    Ok(value)
}
