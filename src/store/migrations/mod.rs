//! Numbered schema migrations, applied in order on `PRAGMA user_version`.
//!
//! A migration is never edited once released; a change is a new file with the next number.

/// `(version, sql)`: applying `sql` to a database at `version - 1` brings it to `version`.
///
/// Numbers need not be consecutive: the runner applies, in list order, every migration
/// above the database's version. Version 2 (walk-ins) is developed alongside; petitions
/// (3) depend only on version 1, so a database at 1 goes to 3 with or without 2 listed.
pub const MIGRATIONS: &[(u32, &str)] = &[
    (1, include_str!("001_init.sql")),
    (3, include_str!("003_petitions.sql")),
];

/// The schema version this build writes.
pub fn latest() -> u32 {
    MIGRATIONS.last().map(|(v, _)| *v).unwrap_or(0)
}
