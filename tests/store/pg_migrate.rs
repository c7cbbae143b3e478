//! `stationdesk migrate`: a demo station onto the server, checked on both sides; a server
//! that holds records is refused; a stopped migration leaves nothing on the server.
use crate::common::pg::{PgDb, fresh_db};
use stationdesk::domain::audit_chain::{ChainWalker, ChainedFields};
use stationdesk::store::Store;
use stationdesk::store::pg::schema::Schema;
use stationdesk::store::pg::{MigrateOptions, PgError, migrate};
use stationdesk::work::{Progress, Stage, Watcher};
use std::path::Path;
use std::process::{Command, Output};

pub fn bin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stationdesk"))
        .arg("--lang")
        .arg("en")
        .args(args)
        .env(
            "STATIONDESK_CONFIG_DIR",
            std::env::temp_dir().join("stationdesk-pg-tests-config"),
        )
        .env_remove("STATIONDESK_DB")
        .output()
        .unwrap()
}

pub fn demo(dir: &Path, people: u32) -> String {
    let file = dir.join("station.db").display().to_string();
    let out = bin(&["--db", &file, "demo", "--people", &people.to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    file
}

/// Rows of every table on the server.
pub fn server_counts(db: &PgDb) -> Vec<(String, i64)> {
    let mut client = db.client();
    Schema::current()
        .unwrap()
        .tables
        .iter()
        .map(|t| {
            let n: i64 = client
                .query_one(&format!("SELECT count(*) FROM \"{}\"", t.name), &[])
                .unwrap()
                .get(0);
            (t.name.clone(), n)
        })
        .collect()
}

fn server_tables(db: &PgDb) -> i64 {
    db.client()
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
            &[],
        )
        .unwrap()
        .get(0)
}

#[test]
fn a_demo_station_arrives_whole_on_the_server() {
    if crate::common::pg::on_server() {
        return; // the server tests ran in the SQLite pass
    }
    let Some(db) = fresh_db("migrate_demo") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path(), 2000);
    let out = bin(&["migrate", "--from", &file, "--to", &db.url]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("people: 2000 rows"), "{stdout}");
    assert!(stdout.contains("hash chain"), "{stdout}");

    // Counts, table by table, as the file has them (the audit trail one more: the
    // server's record of the migration).
    let local = rusqlite::Connection::open(&file).unwrap();
    for (table, n) in server_counts(&db) {
        let mine: i64 = local
            .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
                r.get(0)
            })
            .unwrap();
        let added = i64::from(table == "audit");
        assert_eq!(mine + added, n, "{table}");
    }
    // The audit chain, recomputed from the server's rows.
    let mut client = db.client();
    let mut walker = ChainWalker::default();
    for r in client
        .query(
            "SELECT id, at, actor, os_user, action, entity, entity_id, summary, hash FROM audit ORDER BY id",
            &[],
        )
        .unwrap()
    {
        let t: Vec<String> = (1..9).map(|i| r.get(i)).collect();
        let f = ChainedFields {
            id: r.get(0),
            at: &t[0],
            actor: &t[1],
            os_user: &t[2],
            action: &t[3],
            entity: &t[4],
            entity_id: &t[5],
            summary: &t[6],
        };
        walker.push(&f, &t[7]);
    }
    assert!(walker.rows > 0);
    assert_eq!(walker.first_break, None);
    let local_head: (i64, String) = local
        .query_row(
            "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    // The file's records, then one: the migration itself, chained on.
    let at_local_head: String = client
        .query_one("SELECT hash FROM audit WHERE id = $1", &[&local_head.0])
        .unwrap()
        .get(0);
    assert_eq!(at_local_head, local_head.1);
    assert_eq!(walker.head().map(|(i, _)| i), Some(local_head.0 + 1));
    let last = client
        .query_one(
            "SELECT action, summary FROM audit ORDER BY id DESC LIMIT 1",
            &[],
        )
        .unwrap();
    let (action, summary): (String, String) = (last.get(0), last.get(1));
    assert_eq!(action, "migrate");
    assert_eq!(summary, file);
    // A sample of people, every field.
    let cols = "id, name, gender, id_number, phone, town, village, categories, disability_grade, \
                disability_nature, py_full, py_initials, created_at, updated_at, version";
    for id in [1i64, 2, 777, 1500, 2000] {
        let mine: Vec<Option<String>> = local
            .query_row(
                &format!("SELECT {cols} FROM people WHERE id = ?1"),
                [id],
                |r| {
                    (0..15)
                        .map(|i| {
                            r.get::<_, rusqlite::types::Value>(i).map(|v| match v {
                                rusqlite::types::Value::Null => None,
                                rusqlite::types::Value::Integer(i) => Some(i.to_string()),
                                rusqlite::types::Value::Text(t) => Some(t),
                                other => Some(format!("{other:?}")),
                            })
                        })
                        .collect()
                },
            )
            .unwrap();
        let row = client
            .query_one(
                &format!(
                    "SELECT {} FROM people WHERE id = $1",
                    cols.split(", ")
                        .map(|c| format!("{}::text", c.trim()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                &[&id],
            )
            .unwrap();
        let theirs: Vec<Option<String>> = (0..15).map(|i| row.get(i)).collect();
        assert_eq!(mine, theirs, "person {id}");
    }
    // New rows are numbered after the migrated ones.
    let next: i64 = client
        .query_one(
            "INSERT INTO people (name, categories, created_at, updated_at) VALUES ('新', '退役士兵', '', '') RETURNING id",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(next, 2001);
}

#[test]
fn a_server_holding_records_is_refused_and_merge_reports_the_same_people() {
    if crate::common::pg::on_server() {
        return; // the server tests ran in the SQLite pass
    }
    let Some(db) = fresh_db("migrate_refused") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path(), 50);
    assert!(
        bin(&["migrate", "--from", &file, "--to", &db.url])
            .status
            .success()
    );
    let before = server_counts(&db);

    let again = bin(&["migrate", "--from", &file, "--to", &db.url]);
    assert_eq!(again.status.code(), Some(1));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.contains("already holds records") && err.contains("--merge"),
        "{err}"
    );

    let merge = bin(&["migrate", "--from", &file, "--to", &db.url, "--merge"]);
    assert_eq!(merge.status.code(), Some(1));
    let err = String::from_utf8_lossy(&merge.stderr);
    let some_id: String = rusqlite::Connection::open(&file)
        .unwrap()
        .query_row(
            "SELECT id_number FROM people WHERE id_number <> '' ORDER BY id_number LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        err.contains("ID numbers on file in both: 50") && err.contains(&some_id),
        "{err}"
    );
    assert_eq!(server_counts(&db), before, "nothing was written");
}

/// Asks for a stop once `after` rows have been copied.
struct StopAfter {
    after: u64,
    seen: u64,
}

impl Watcher for StopAfter {
    fn progress(&mut self, p: Progress) {
        if p.stage == Stage::WriteRows {
            self.seen = p.done;
        }
    }
    fn stop_requested(&self) -> bool {
        self.seen >= self.after
    }
}

#[test]
fn a_stopped_migration_leaves_the_server_empty() {
    if crate::common::pg::on_server() {
        return; // the server tests ran in the SQLite pass
    }
    let Some(db) = fresh_db("migrate_stopped") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path(), 3000);
    let store = Store::open_existing(Path::new(&file)).unwrap();
    let mut stop = StopAfter {
        after: 2000,
        seen: 0,
    };
    let r = migrate(&store, &db.url, MigrateOptions::default(), &mut stop);
    assert_eq!(r.err(), Some(PgError::Cancelled));
    assert!(
        stop.seen >= 2000,
        "stopped in the middle of the copy: {}",
        stop.seen
    );
    assert_eq!(server_tables(&db), 0, "not even the schema is left");
    // And the same station migrates whole afterwards.
    let mut never = StopAfter {
        after: u64::MAX,
        seen: 0,
    };
    let report = migrate(&store, &db.url, MigrateOptions::default(), &mut never).unwrap();
    assert!(report.created_schema);
    assert!(
        report
            .checked
            .counts
            .contains(&("people".to_string(), 3000))
    );
}
