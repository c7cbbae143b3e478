//! `backup` on a server database writes a SQLite file that `restore` accepts, holding what
//! the server holds.
use crate::common::pg::fresh_db;
use crate::pg_migrate::{bin, demo, server_counts};

#[test]
fn a_server_backup_restores_with_the_same_records() {
    if crate::common::pg::on_server() {
        return; // the server tests ran in the SQLite pass
    }
    let Some(db) = fresh_db("server_backup") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path(), 300);
    assert!(
        bin(&["migrate", "--from", &file, "--to", &db.url])
            .status
            .success()
    );
    let copy = dir.path().join("from-server.db").display().to_string();
    let out = bin(&["--db", &db.url, "backup", &copy]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sums = std::fs::read_to_string(format!("{copy}.sha256")).unwrap();
    assert!(sums.contains("# people: 300"), "{sums}");
    // The server's audit trail says the copy was taken, and the day's checklist item about
    // the backup is met by it.
    let mut server = db.client();
    let noted: i64 = server
        .query_one(
            "SELECT count(*) FROM audit WHERE action = 'backup' AND entity_id = $1",
            &[&copy],
        )
        .unwrap()
        .get(0);
    assert_eq!(noted, 1);
    let last: String = server
        .query_one(
            "SELECT value FROM settings WHERE key = 'last_backup_at'",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(
        last.starts_with(&chrono::Local::now().format("%Y-%m-%d").to_string()),
        "{last}"
    );

    // The copy holds every row the server holds.
    let conn = rusqlite::Connection::open(&copy).unwrap();
    for (table, n) in server_counts(&db) {
        let mine: i64 = conn
            .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
                r.get(0)
            })
            .unwrap();
        match table.as_str() {
            // Taken after the copy: the server's record of the copy itself, and the
            // setting it may have added.
            "audit" => assert_eq!(mine, n - 1, "{table}"),
            "settings" => assert!(mine == n || mine == n - 1, "{table}"),
            _ => assert_eq!(mine, n, "{table}"),
        }
    }
    drop(conn);
    // A second backup to the same name is refused without --force.
    let again = bin(&["--db", &db.url, "backup", &copy]);
    assert_eq!(again.status.code(), Some(1));

    let restored = dir.path().join("restored.db").display().to_string();
    let out = bin(&["--db", &restored, "restore", &copy]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let conn = rusqlite::Connection::open(&restored).unwrap();
    let original = rusqlite::Connection::open(&file).unwrap();
    for table in [
        "people",
        "visits",
        "petitions",
        "petition_steps",
        "calendar_days",
        "settings",
    ] {
        let count = |c: &rusqlite::Connection| -> i64 {
            c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap()
        };
        // The restore writes its own setting (the incarnation) beside the station's.
        if table == "settings" {
            assert!(count(&conn) >= count(&original));
        } else {
            assert_eq!(count(&conn), count(&original), "{table}");
        }
    }
    let verify = bin(&["--db", &restored, "audit", "verify"]);
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}
