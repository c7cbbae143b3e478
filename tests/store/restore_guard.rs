//! `restore` trusts nothing in the file it is given: a foreign schema, a damaged value, the
//! live file itself and open desks are refused, each named, and nothing changes.
#![allow(clippy::unwrap_used)]
use stationdesk::domain::visit::VisitInput;
use stationdesk::store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stationdesk"));
    c.env(
        "STATIONDESK_CONFIG_DIR",
        std::env::temp_dir().join("stationdesk-test-no-config"),
    );
    c
}

fn walk_in(store: &mut Store, name: &str) -> stationdesk::store::Result<i64> {
    let v = VisitInput {
        visitor_name: name.into(),
        purpose: Some(0),
        outcome: "done".into(),
        handler: "t".into(),
        ..Default::default()
    }
    .validate(chrono::Local::now().naive_local())
    .unwrap();
    store.save_visit(&v)
}

fn count(path: &Path, table: &str) -> i64 {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// A station with a person and two walk-ins, and a good backup of it without its checksum
/// file (so that the checks of the contents are the ones tested).
fn station(dir: &Path) -> (PathBuf, PathBuf) {
    let db = dir.join("desk.db");
    let backup = dir.join("b.db");
    {
        let mut s = Store::open(&crate::common::pg::db(&db)).unwrap();
        tamper(
            &db,
            "INSERT INTO people (name, id_number, categories, created_at, updated_at) \
             VALUES ('张三', NULL, '退役士兵', '', '')",
        );
        walk_in(&mut s, "甲").unwrap();
        walk_in(&mut s, "乙").unwrap();
        s.backup_to(&backup).unwrap();
    }
    let _ = std::fs::remove_file(dir.join("b.db.sha256"));
    checkpoint(&db);
    (db, backup)
}

/// Folds the WAL into the file so that its bytes are stable for comparisons.
fn checkpoint(db: &Path) {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
}

fn restore(db: &Path, file: &Path, extra: &[&str]) -> Output {
    bin()
        .arg("--db")
        .arg(db)
        .args(["--lang", "en", "restore"])
        .arg(file)
        .args(extra)
        .output()
        .unwrap()
}

/// Runs a restore that must be refused, and returns what it said.
fn refused(db: &Path, file: &Path) -> String {
    let before = std::fs::read(db).unwrap();
    let out = restore(db, file, &[]);
    let said = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert_eq!(std::fs::read(db).unwrap(), before, "the database changed");
    said
}

fn tamper(file: &Path, sql: &str) {
    rusqlite::Connection::open(file)
        .unwrap()
        .execute_batch(sql)
        .unwrap();
}

#[test]
fn a_file_with_an_extra_trigger_is_refused_and_named() {
    if crate::common::pg::file_only("a_file_with_an_extra_trigger_is_refused_and_named") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, backup) = station(dir.path());
    tamper(
        &backup,
        "CREATE TRIGGER promote AFTER INSERT ON audit \
         BEGIN UPDATE officers SET role = 'admin'; END;",
    );
    let said = refused(&db, &backup);
    assert!(said.contains("extra trigger promote"), "{said}");
}

#[test]
fn a_file_with_a_view_for_the_people_table_is_refused() {
    if crate::common::pg::file_only("a_file_with_a_view_for_the_people_table_is_refused") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, backup) = station(dir.path());
    tamper(
        &backup,
        "DROP TABLE people; CREATE VIEW people AS SELECT 1 AS id WHERE 0;",
    );
    let said = refused(&db, &backup);
    assert!(said.contains("people is a view, not a table"), "{said}");
}

#[test]
fn a_file_whose_people_lack_a_column_is_refused() {
    if crate::common::pg::file_only("a_file_whose_people_lack_a_column_is_refused") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, backup) = station(dir.path());
    tamper(&backup, "ALTER TABLE people DROP COLUMN phone;");
    let said = refused(&db, &backup);
    assert!(said.contains("missing column people.phone"), "{said}");
    // Every command still works on the database that was kept.
    assert_eq!(count(&db, "people"), 1);
    assert!(
        Store::open(&crate::common::pg::db(&db))
            .unwrap()
            .integrity_ok()
            .unwrap()
    );
}

#[test]
fn a_value_that_is_not_text_is_found_before_the_restore() {
    if crate::common::pg::file_only("a_value_that_is_not_text_is_found_before_the_restore") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, backup) = station(dir.path());
    tamper(
        &backup,
        "UPDATE people SET name = CAST(x'e5bcff' AS TEXT) WHERE id = 1;",
    );
    let said = refused(&db, &backup);
    assert!(said.contains("row 1 of table people"), "{said}");
    assert!(said.contains("name"), "{said}");
}

#[test]
fn a_flipped_byte_is_caught_by_the_checksum_file() {
    if crate::common::pg::file_only("a_flipped_byte_is_caught_by_the_checksum_file") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = station(dir.path());
    let file = dir.path().join("sums.db");
    let out = bin()
        .arg("--db")
        .arg(&db)
        .arg("backup")
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let sums = dir.path().join("sums.db.sha256");
    let text = std::fs::read_to_string(&sums).expect("a checksum file beside the backup");
    assert!(
        text.contains("# schema: ") && text.contains("# people: 1"),
        "{text}"
    );
    // `sha256sum -c` checks it by hand.
    if let Ok(check) = Command::new("sha256sum")
        .arg("-c")
        .arg(&sums)
        .current_dir(dir.path())
        .output()
    {
        assert!(check.status.success(), "{check:?}");
    }
    let mut bytes = std::fs::read(&file).unwrap();
    // Inside the last page, among the rows: structure intact, a value changed.
    let at = bytes.len() - 200;
    bytes[at] ^= 0x01;
    std::fs::write(&file, &bytes).unwrap();
    let said = refused(&db, &file);
    assert!(said.contains("does not match its checksum file"), "{said}");
    assert!(said.contains("sums.db.sha256"), "{said}");
}

#[test]
fn a_restore_without_a_checksum_file_says_so() {
    if crate::common::pg::file_only("a_restore_without_a_checksum_file_says_so") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, backup) = station(dir.path());
    let out = restore(&db, &backup, &[]);
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("no checksum file"), "{said}");
    assert_eq!(count(&db, "visits"), 2);
}

#[test]
fn the_live_database_is_never_restored_onto_itself() {
    if crate::common::pg::file_only("the_live_database_is_never_restored_onto_itself") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = station(dir.path());
    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    let hard = dir.path().join("hard.db");
    std::fs::hard_link(&db, &hard).unwrap();
    for file in [&db, &link, &hard] {
        let said = refused(&db, file);
        assert!(said.contains("is the live database"), "{said}");
    }
    assert!(
        Store::open(&crate::common::pg::db(&db))
            .unwrap()
            .integrity_ok()
            .unwrap()
    );
}

#[test]
fn a_restore_waits_for_open_desks_unless_forced_and_the_desk_stops_writing() {
    if crate::common::pg::file_only(
        "a_restore_waits_for_open_desks_unless_forced_and_the_desk_stops_writing",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, backup) = station(dir.path());
    // A desk is open: it has the database and holds its presence lock.
    let mut desk = Store::open(&crate::common::pg::db(&db)).unwrap();
    let presence = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.path().join("desk.db.desks"))
        .unwrap();
    presence.lock_shared().unwrap();
    let third = walk_in(&mut desk, "丙").unwrap();
    checkpoint(&db);
    let said = refused(&db, &backup);
    assert!(said.contains("a desk has the database open"), "{said}");
    assert!(said.contains("--force"), "{said}");

    let out = restore(&db, &backup, &["--force"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count(&db, "visits"), 2, "the backup's two walk-ins");
    // The desk finds its file replaced: it writes nothing, and says why.
    let err = walk_in(&mut desk, "丁").unwrap_err();
    assert!(err.to_string().contains("replaced by a restore"), "{err}");
    assert_eq!(count(&db, "visits"), 2, "nothing was written");
    // The number the vanished walk-in had is not handed out by the old desk.
    let ids: Vec<i64> = {
        let c = rusqlite::Connection::open(&db).unwrap();
        let mut stmt = c.prepare("SELECT id FROM visits").unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    assert!(!ids.contains(&third), "{ids:?}");
    // A desk started afterwards works on the restored database.
    drop(desk);
    let mut fresh = Store::open(&crate::common::pg::db(&db)).unwrap();
    walk_in(&mut fresh, "戊").unwrap();
    assert_eq!(count(&db, "visits"), 3);
}

#[test]
fn an_older_backup_is_migrated_and_checked_before_it_goes_in() {
    if crate::common::pg::file_only("an_older_backup_is_migrated_and_checked_before_it_goes_in") {
        return;
    }
    use stationdesk::store::migrations::MIGRATIONS;
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = station(dir.path());
    let old = dir.path().join("version4.db");
    {
        let c = rusqlite::Connection::open(&old).unwrap();
        for (v, sql) in MIGRATIONS.iter().filter(|(v, _)| *v <= 4) {
            c.execute_batch(sql).unwrap();
            c.execute_batch(&format!(
                "PRAGMA user_version = {v}; PRAGMA application_id = {};",
                0x5344_4b31
            ))
            .unwrap();
        }
        c.execute_batch(
            "INSERT INTO people (name, id_number, category, py_full, py_initials, created_at, \
             updated_at) VALUES ('吕一', NULL, 0, 'lüyi', 'ly', '', '');",
        )
        .unwrap();
    }
    let out = restore(&db, &old, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = Store::open(&crate::common::pg::db(&db)).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        stationdesk::store::migrations::latest()
    );
    assert_eq!(store.count_people().unwrap(), 1);
    // Version 5's own migration ran on the copy.
    let key: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT py_full FROM people", [], |r| r.get(0))
        .unwrap();
    assert_eq!(key, "lvyi");
    // Restoring leaves no copy behind in the database's folder.
    let hidden: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[test]
fn a_lost_database_is_restored_from_its_backup() {
    if crate::common::pg::file_only("a_lost_database_is_restored_from_its_backup") {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (_, backup) = station(dir.path());
    let db = dir.path().join("new/desk.db");
    let out = restore(&db, &backup, &[]);
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("no database before"), "{said}");
    assert_eq!(count(&db, "visits"), 2);
    let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

/// Restoring an older backup silently rolled the audit trail back; now the backup's
/// checksum file records the chain head, the restore says how far the trail goes back,
/// and the record of the restore names both heads.
#[test]
fn restoring_an_older_backup_shows_in_the_audit_trail() {
    if crate::common::pg::file_only("restoring_an_older_backup_shows_in_the_audit_trail") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let backup = dir.path().join("old.db");
    {
        let mut s = Store::open(&crate::common::pg::db(&db)).unwrap();
        walk_in(&mut s, "甲").unwrap();
        s.backup_to(&backup).unwrap();
        // The backup's own head: the record of the backup itself comes after the copy.
        let head: (i64, String) = rusqlite::Connection::open(&backup)
            .unwrap()
            .query_row(
                "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let sums = std::fs::read_to_string(dir.path().join("old.db.sha256")).unwrap();
        assert!(
            sums.contains(&format!("# audit-head: #{} {}", head.0, head.1)),
            "{sums}"
        );
        walk_in(&mut s, "乙").unwrap();
        walk_in(&mut s, "丙").unwrap();
    }
    let live_head = Store::open(&crate::common::pg::db(&db))
        .unwrap()
        .audit_head()
        .unwrap()
        .unwrap();
    let out = restore(&db, &backup, &[]);
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains(&format!("up to #{}", live_head.0)), "{said}");
    let s = Store::open(&crate::common::pg::db(&db)).unwrap();
    let restored = s
        .audit_entries(None, None)
        .unwrap()
        .into_iter()
        .rfind(|e| e.action == "restored")
        .unwrap();
    assert!(
        restored.summary.contains(&format!(
            "audit before: #{} {}",
            live_head.0,
            &live_head.1[..16]
        )),
        "{}",
        restored.summary
    );
    assert!(s.verify_audit_chain().unwrap().whole());
}
