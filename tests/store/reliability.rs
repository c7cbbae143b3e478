//! Nothing lost: killed processes, concurrent desks, full disks, read-only files, old schemas.
#![allow(clippy::unwrap_used)]
use rand::{Rng, SeedableRng};
use stationdesk::clock::SystemClock;
use stationdesk::domain::person::{IdRule, PersonInput};
use stationdesk::store::{Store, StoreError};
use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stationdesk"));
    c.env(
        "STATIONDESK_CONFIG_DIR",
        std::env::temp_dir().join("stationdesk-test-no-config"),
    );
    c
}

fn visit_ids(db: &Path) -> HashSet<i64> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut stmt = c.prepare("SELECT id FROM visits").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

/// Starts a writer, kills it with SIGKILL after a random moment, and checks that every save
/// it acknowledged is there and the file is intact. At least 30 kills.
#[test]
fn killed_writers_lose_no_acknowledged_save() {
    if crate::common::pg::file_only("killed_writers_lose_no_acknowledged_save") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let mut acknowledged = HashSet::new();
    for round in 0..30 {
        let mut child = bin()
            .arg("--db")
            .arg(&db)
            .arg("_write-loop")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut ids = Vec::new();
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(id) = line.strip_prefix("committed ") {
                    ids.push(id.parse::<i64>().unwrap());
                }
            }
            ids
        });
        // Kill anywhere from start-up (migrations, first open) to mid-stream.
        std::thread::sleep(Duration::from_millis(rng.random_range(5..120)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        acknowledged.extend(reader.join().unwrap());
        let store = Store::open(&crate::common::pg::db(&db)).unwrap();
        assert!(
            store.integrity_ok().unwrap(),
            "integrity after kill {round}"
        );
        drop(store);
        let present = visit_ids(&db);
        let lost: Vec<_> = acknowledged.difference(&present).collect();
        assert!(
            lost.is_empty(),
            "round {round}: acknowledged saves lost: {lost:?}"
        );
    }
    assert!(!acknowledged.is_empty(), "the writers never got to write");
}

/// Four desks write 500 walk-ins each at once, registering a petition after every 25th:
/// all 2,000 walk-ins are there, no desk saw an error, and the 80 case numbers are unique
/// and gap-free.
#[test]
fn four_desks_writing_at_once_all_succeed() {
    if crate::common::pg::file_only("four_desks_writing_at_once_all_succeed") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    drop(Store::open(&crate::common::pg::db(&db)).unwrap());
    let children: Vec<_> = (0..4)
        .map(|i| {
            bin()
                .arg("--db")
                .arg(&db)
                .env("STATIONDESK_NOW", "2026-11-25 09:30")
                .args([
                    "_write-loop",
                    "--count",
                    "500",
                    "--petition-every",
                    "25",
                    "--tag",
                    &format!("desk{i}"),
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut cases = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a desk failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        assert_eq!(
            text.lines().filter(|l| l.starts_with("committed ")).count(),
            500
        );
        let mine: Vec<String> = text
            .lines()
            .filter_map(|l| l.strip_prefix("case ").map(str::to_string))
            .collect();
        assert_eq!(mine.len(), 20);
        cases.extend(mine);
    }
    let c = rusqlite::Connection::open(&db).unwrap();
    let total: i64 = c
        .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
        .unwrap();
    assert_eq!(total, 2000);
    for i in 0..4 {
        let n: i64 = c
            .query_row(
                "SELECT count(*) FROM visits WHERE summary LIKE ?1",
                [format!("desk{i} %")],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 500, "desk{i}");
    }
    cases.sort();
    let expected: Vec<String> = (1..=80).map(|n| format!("2026-{n:04}")).collect();
    assert_eq!(cases, expected, "unique and gap-free");
    let stored: i64 = c
        .query_row("SELECT count(DISTINCT case_no) FROM petitions", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(stored, 80);
}

fn person(name: &str, seq: u16) -> stationdesk::domain::person::Person {
    let birth = chrono::NaiveDate::from_ymd_opt(1975, 6, 1).unwrap();
    let id = stationdesk::domain::id_number::IdNumber::compose("450102", birth, seq).unwrap();
    PersonInput {
        name: name.into(),
        id_number: id.to_string(),
        category: "退役士兵".into(),
        ..Default::default()
    }
    .validate(IdRule::Required)
    .unwrap()
}

/// A full disk refuses the save with a clear error and keeps everything saved before.
#[test]
fn a_full_disk_refuses_the_save_and_loses_nothing() {
    if crate::common::pg::file_only("a_full_disk_refuses_the_save_and_loses_nothing") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("full.db");
    let mut store = Store::open(&crate::common::pg::db(&db)).unwrap();
    let first = store.save_person(&person("张三", 1)).unwrap();
    // Cap the file at its current size: the next page it needs is not there.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    store.set_page_limit_for_tests(pages);
    let mut big = person("李四", 3);
    big.notes = "很长的备注".repeat(400);
    let mut failure = None;
    for seq in 0..200 {
        let mut p = big.clone();
        p.id_number = person("李四", 3 + seq * 2).id_number;
        if let Err(e) = store.save_person(&p) {
            failure = Some(e);
            break;
        }
    }
    let err = failure.expect("the capped database must fill up");
    assert_eq!(err, StoreError::DiskFull);
    assert!(
        err.msg()
            .render(stationdesk::i18n::Lang::Zh)
            .contains("磁盘已满")
    );
    drop(store);
    let store = Store::open(&crate::common::pg::db(&db)).unwrap();
    assert!(store.integrity_ok().unwrap());
    assert_eq!(store.person(first).unwrap().unwrap().name, "张三");
}

/// A read-only database file refuses saves with a clear error; reading still works.
#[test]
fn a_read_only_database_refuses_saves_clearly() {
    if crate::common::pg::file_only("a_read_only_database_refuses_saves_clearly") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ro.db");
    let id = {
        let mut s = Store::open(&crate::common::pg::db(&db)).unwrap();
        s.save_person(&person("王五", 5)).unwrap()
    };
    let mut s = Store::open_read_only_for_tests(&db).unwrap();
    let err = s.save_person(&person("赵六", 7)).unwrap_err();
    assert_eq!(err, StoreError::ReadOnly);
    assert_eq!(s.person(id).unwrap().unwrap().name, "王五");
}

/// A database made by the first schema version alone opens, upgrades and keeps its data.
#[test]
fn a_first_version_database_upgrades_with_its_data() {
    if crate::common::pg::file_only("a_first_version_database_upgrades_with_its_data") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v1.db");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        let (version, sql) = stationdesk::store::migrations::MIGRATIONS[0];
        assert_eq!(version, 1);
        c.execute_batch(sql).unwrap();
        c.execute_batch(&format!(
            "PRAGMA user_version = 1; PRAGMA application_id = {};",
            stationdesk::store::APPLICATION_ID
        ))
        .unwrap();
        c.execute(
            "INSERT INTO people(name, id_number, category, py_full, py_initials, created_at, updated_at) \
             VALUES ('欧阳修', '11010519491231002X', 0, 'ouyangxiu', 'oyx', '2020-01-01 00:00:00', '2020-01-01 00:00:00')",
            [],
        )
        .unwrap();
        c.execute(
            "INSERT INTO settings(key, value) VALUES ('station_name', '城关镇')",
            [],
        )
        .unwrap();
    }
    let store = Store::open_with_clock(&crate::common::pg::db(&db), Arc::new(SystemClock)).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        stationdesk::store::migrations::latest()
    );
    let p = store
        .person_by_id_number("11010519491231002X")
        .unwrap()
        .unwrap();
    assert_eq!(p.name, "欧阳修");
    assert_eq!(
        store.setting("station_name").unwrap().as_deref(),
        Some("城关镇")
    );
    assert!(store.integrity_ok().unwrap());
}

#[test]
fn the_crash_loop_finishes_in_reasonable_time() {
    if crate::common::pg::file_only("the_crash_loop_finishes_in_reasonable_time") {
        return;
    }
    // Guards the test above from silently writing nothing: one writer, 20 saves.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let started = Instant::now();
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args(["_write-loop", "--count", "20"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(visit_ids(&db).len(), 20);
    assert!(started.elapsed() < Duration::from_secs(60));
}

/// Several desks opening a brand-new database at the same moment: one creates and migrates
/// it, the others wait and find it ready.
#[test]
fn desks_opening_a_new_database_at_once_all_succeed() {
    if crate::common::pg::file_only("desks_opening_a_new_database_at_once_all_succeed") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let db = db.clone();
            std::thread::spawn(move || {
                Store::open(&crate::common::pg::db(&db)).map(|s| s.schema_version().unwrap())
            })
        })
        .collect();
    for h in handles {
        assert_eq!(
            h.join().unwrap().unwrap(),
            stationdesk::store::migrations::latest()
        );
    }
}
