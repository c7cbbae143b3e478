//! Numbered schema migrations, applied in order on `PRAGMA user_version`.
//!
//! A migration is never edited once released; a change is a new file with the next number.

/// `(version, sql)`: applying `sql` to a database at `version - 1` brings it to `version`.
pub const MIGRATIONS: &[(u32, &str)] = &[
    (1, include_str!("001_init.sql")),
    (2, include_str!("002_visits.sql")),
    (3, include_str!("003_petitions.sql")),
    (4, include_str!("004_checklist.sql")),
    (5, include_str!("005_pinyin_v.sql")),
];

/// The schema version this build writes.
pub fn latest() -> u32 {
    MIGRATIONS.last().map(|(v, _)| *v).unwrap_or(0)
}

#[cfg(test)]
mod pinyin_v_tests {
    use crate::store::Store;

    /// A key written with ü before version 5 reads as v after the upgrade.
    #[test]
    fn keys_with_u_umlaut_are_rewritten_with_v() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("old.db");
        {
            let s = Store::open(&path).expect("open");
            s.conn()
                .execute_batch(
                    "INSERT INTO people (name, id_number, category, py_full, py_initials, \
                     created_at, updated_at) VALUES ('吕一', '', 0, 'lüyi', 'ly', '', ''); \
                     PRAGMA user_version = 4;",
                )
                .expect("old row");
        }
        let s = Store::open(&path).expect("upgrade");
        let key: String = s
            .conn()
            .query_row(
                "SELECT py_full FROM people WHERE name = '吕一'",
                [],
                |r| r.get(0),
            )
            .expect("row");
        assert_eq!(key, "lvyi");
    }
}
