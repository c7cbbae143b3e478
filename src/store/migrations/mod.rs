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
    (6, include_str!("006_audit_chain.sql")),
    (7, include_str!("007_calendar.sql")),
    (8, include_str!("008_changes.sql")),
    (9, include_str!("009_visit_corrections.sql")),
    (10, include_str!("010_steps.sql")),
    (11, include_str!("011_intake.sql")),
    (12, include_str!("012_categories.sql")),
    (13, include_str!("013_visit_id_version.sql")),
];

/// Data steps that SQL alone cannot do, run inside the migration's transaction right after
/// the script of `version`. They change rows, never the schema, so the schema a version
/// creates is still exactly its scripts'.
pub(crate) fn after(version: u32, tx: &crate::store::db::Connection) -> crate::store::Result<()> {
    if version == 6 {
        crate::store::audit::chain_existing_records(tx)?;
    }
    if version == 7 {
        crate::store::calendar::seed_published(tx)?;
        crate::store::petition_steps::judge_earlier_steps(tx)?;
    }
    Ok(())
}

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
            // A database as version 4 left it.
            let c = crate::store::db::Connection::open(&path).expect("open");
            for (v, sql) in super::MIGRATIONS.iter().filter(|(v, _)| *v <= 4) {
                c.execute_batch(sql).expect("old schema");
                c.execute_batch(&format!("PRAGMA user_version = {v}"))
                    .expect("version");
            }
            c.execute_batch(&format!(
                "PRAGMA application_id = {};",
                crate::store::APPLICATION_ID
            ))
            .expect("id");
            c.execute_batch(
                "INSERT INTO people (name, id_number, category, py_full, py_initials, \
                 created_at, updated_at) VALUES ('吕一', '', 0, 'lüyi', 'ly', '', '');",
            )
            .expect("old row");
        }
        let s = Store::open(&path).expect("upgrade");
        let key: String = s
            .conn()
            .query_row(
                "SELECT py_full FROM people WHERE name = '吕一'",
                (),
                |r| r.get(0),
            )
            .expect("row");
        assert_eq!(key, "lvyi");
    }
}

#[cfg(test)]
#[path = "categories_tests.rs"]
mod categories_tests;
