//! Numbered schema migrations, applied in order on `PRAGMA user_version`.
//!
//! A migration is never edited once released; a change is a new file with the next number.

/// `(version, sql)`: applying `sql` to a database at `version - 1` brings it to `version`.
pub const MIGRATIONS: &[(u32, &str)] = &[
    (1, include_str!("001_init.sql")),
    (2, include_str!("002_visits.sql")),
    (3, include_str!("003_petitions.sql")),
    (4, include_str!("004_checklist.sql")),
];

/// The schema version this build writes.
pub fn latest() -> u32 {
    MIGRATIONS.last().map(|(v, _)| *v).unwrap_or(0)
}
