//! The server's schema is the SQLite schema's, and the server keeps the audit trail
//! append-only whoever asks.
use crate::common::pg::{fresh_db, url_with_db};
use stationdesk::store::Store;
use stationdesk::store::pg::ddl::{ensure, revoke_statements};
use stationdesk::store::pg::schema::Schema;
use std::collections::BTreeSet;

#[test]
fn a_url_gets_another_database() {
    if crate::common::pg::on_server() {
        return; // the server tests ran in the SQLite pass
    }
    assert_eq!(
        url_with_db("postgres://u@%2Ftmp%2Fx/postgres", "t1"),
        "postgres://u@%2Ftmp%2Fx/t1"
    );
    assert_eq!(
        url_with_db("postgres://u@h:5433/postgres?sslmode=disable", "t1"),
        "postgres://u@h:5433/t1?sslmode=disable"
    );
    assert_eq!(url_with_db("postgres://u@h", "t1"), "postgres://u@h/t1");
}

/// `(table, column)` of every column of the SQLite schema this build creates.
fn sqlite_columns() -> BTreeSet<(String, String, bool)> {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s.db")).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("s.db")).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT m.name, p.name, p.\"notnull\" OR p.pk > 0 FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn the_derived_schema_has_every_table_and_column() {
    if crate::common::pg::on_server() {
        return; // the server tests ran in the SQLite pass
    }
    let schema = Schema::current().unwrap();
    let derived: BTreeSet<(String, String, bool)> = schema
        .tables
        .iter()
        .flat_map(|t| {
            t.columns.iter().map(|c| {
                let key = t.primary_key.contains(&c.name);
                (t.name.clone(), c.name.clone(), c.not_null || key)
            })
        })
        .collect();
    let sqlite = sqlite_columns();
    assert!(sqlite.len() > 100, "a real schema: {}", sqlite.len());
    assert_eq!(derived, sqlite);
    let Some(db) = fresh_db("derived_schema") else {
        return;
    };
    let mut client = db.client();
    assert!(
        ensure(&mut client, &schema).unwrap(),
        "made on an empty server"
    );
    assert!(!ensure(&mut client, &schema).unwrap(), "made once");
    let on_server: BTreeSet<(String, String, bool)> = client
        .query(
            "SELECT table_name::text, column_name::text, is_nullable = 'NO' FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name <> 'stationdesk_schema'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    assert_eq!(on_server, sqlite);
    let version: i64 = client
        .query_one("SELECT version FROM stationdesk_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(version, i64::from(stationdesk::store::migrations::latest()));
    // Keys, unique columns, checks and partial indexes came along.
    let mut count = |sql: &str| -> i64 { client.query_one(sql, &[]).unwrap().get(0) };
    let tables = schema.tables.len() as i64;
    assert_eq!(
        count(
            "SELECT count(*) FROM information_schema.table_constraints WHERE constraint_type = 'PRIMARY KEY' AND table_schema = 'public'"
        ),
        tables
    );
    assert!(
        count(
            "SELECT count(*) FROM pg_indexes WHERE indexname = 'people_id_number' AND indexdef LIKE '%UNIQUE%WHERE%'"
        ) == 1
    );
    let bad_role = client.execute(
        "INSERT INTO officers (username, display_name, role, password_hash, created_at, updated_at) \
         VALUES ('x', 'x', 'emperor', '', '', '')",
        &[],
    );
    assert!(
        bad_role.is_err(),
        "the CHECK on officers.role holds on the server"
    );
}

#[test]
fn the_server_refuses_to_change_or_delete_audit_records() {
    if crate::common::pg::on_server() {
        return; // the server tests ran in the SQLite pass
    }
    let Some(db) = fresh_db("audit_append_only") else {
        return;
    };
    let schema = Schema::current().unwrap();
    let mut client = db.client();
    ensure(&mut client, &schema).unwrap();
    client
        .execute(
            "INSERT INTO audit (at, actor, action, entity, entity_id, summary, os_user, hash) \
             VALUES ('2026-11-25 09:00:00', 'a', 'x', 'person', '1', 's', 'u', 'h')",
            &[],
        )
        .unwrap();
    // Even the superuser that made the schema is stopped by the trigger.
    for sql in [
        "UPDATE audit SET summary = 'changed'",
        "DELETE FROM audit",
        "TRUNCATE audit",
        "UPDATE petition_steps SET note = 'x'",
    ] {
        let e = client
            .batch_execute(sql)
            .err()
            .unwrap_or_else(|| panic!("{sql} allowed"));
        let message = e.as_db_error().map(|d| d.message().to_string());
        assert!(
            message.is_some_and(|m| m.contains("append-only")),
            "{sql}: {e:?}"
        );
    }
    // The program's role is not even granted UPDATE or DELETE on them.
    let role = format!("{}_desk", db.name);
    client
        .batch_execute(&format!(
            "CREATE ROLE {role}; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};"
        ))
        .unwrap();
    for sql in revoke_statements(&schema, &role) {
        client.batch_execute(&sql).unwrap();
    }
    client.batch_execute(&format!("SET ROLE {role}")).unwrap();
    let e = client
        .batch_execute("DELETE FROM audit WHERE id = 1")
        .err()
        .unwrap();
    let message = e.as_db_error().map(|d| d.message().to_string());
    assert!(
        message.is_some_and(|m| m.contains("permission denied")),
        "{e:?}"
    );
    let n: i64 = client
        .query_one("SELECT count(*) FROM audit", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
    client
        .batch_execute(&format!(
            "RESET ROLE; DROP OWNED BY {role}; DROP ROLE {role};"
        ))
        .unwrap();
}
