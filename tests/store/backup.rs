//! Backups taken while another desk writes, and restores of good and bad files.
#![allow(clippy::unwrap_used)]
use stationdesk::clock::SystemClock;
use stationdesk::domain::visit::VisitInput;
use stationdesk::store::Store;
use stationdesk::store::backup::{RestoreRefusal, verify_backup};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stationdesk"));
    c.env(
        "STATIONDESK_CONFIG_DIR",
        std::env::temp_dir().join("stationdesk-test-no-config"),
    );
    c
}

fn walk_in(store: &mut Store, n: usize) {
    let v = VisitInput {
        visitor_name: format!("来访{n}").replace(|c: char| c.is_ascii_digit(), "甲"),
        purpose: Some(0),
        outcome: "done".into(),
        handler: "t".into(),
        ..Default::default()
    }
    .validate(chrono::Local::now().naive_local())
    .unwrap();
    store.save_visit(&v).unwrap();
}

fn count_visits(path: &Path) -> i64 {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_backup_taken_while_another_desk_writes_is_consistent() {
    if crate::common::pg::file_only("a_backup_taken_while_another_desk_writes_is_consistent") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let mut store = Store::open(&crate::common::pg::db(&db)).unwrap();
    for i in 0..50 {
        walk_in(&mut store, i);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let db = db.clone();
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut other =
                Store::open_with_clock(&crate::common::pg::db(&db), Arc::new(SystemClock)).unwrap();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                walk_in(&mut other, n);
                n += 1;
            }
            n
        })
    };
    let mut sizes = Vec::new();
    for i in 0..5 {
        let file = dir.path().join(format!("b{i}.db"));
        store.backup_to(&file).unwrap();
        let info = verify_backup(&file).unwrap();
        assert_eq!(info.schema_version, store.schema_version().unwrap());
        sizes.push(count_visits(&file));
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    // Each backup holds at least what was there before it started, and they never go back.
    assert!(sizes[0] >= 50);
    assert!(sizes.windows(2).all(|w| w[0] <= w[1]), "{sizes:?}");
    assert!(*sizes.last().unwrap() <= 50 + written as i64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("b0.db"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn restore_of_a_good_file_keeps_the_old_database_aside() {
    if crate::common::pg::file_only("restore_of_a_good_file_keeps_the_old_database_aside") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let backup = dir.path().join("good.db");
    {
        let mut s = Store::open(&crate::common::pg::db(&db)).unwrap();
        walk_in(&mut s, 1);
        s.backup_to(&backup).unwrap();
        walk_in(&mut s, 2);
        walk_in(&mut s, 3);
    }
    assert_eq!(count_visits(&db), 3);
    let out = bin()
        .arg("--db")
        .arg(&db)
        .arg("restore")
        .arg(&backup)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count_visits(&db), 1);
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            name.contains("before-restore") && name.ends_with(".db")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(count_visits(&aside[0].path()), 3);
    assert!(
        Store::open(&crate::common::pg::db(&db))
            .unwrap()
            .integrity_ok()
            .unwrap()
    );
}

fn refused(db: &Path, file: &Path) -> String {
    let before = std::fs::read(db).unwrap();
    let out = bin()
        .arg("--db")
        .arg(db)
        .arg("--lang")
        .arg("en")
        .arg("restore")
        .arg(file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read(db).unwrap(),
        before,
        "the database must not change"
    );
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn bad_files_are_refused_and_nothing_changes() {
    if crate::common::pg::file_only("bad_files_are_refused_and_nothing_changes") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let good = dir.path().join("good.db");
    {
        let mut s = Store::open(&crate::common::pg::db(&db)).unwrap();
        for i in 0..200 {
            walk_in(&mut s, i);
        }
        s.backup_to(&good).unwrap();
        // Fold the WAL into the file so its bytes are stable for the comparison.
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
    }

    let truncated = dir.path().join("truncated.db");
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let msg = refused(&db, &truncated);
    assert!(msg.contains("damaged") || msg.contains("not a"), "{msg}");

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "这不是数据库").unwrap();
    assert!(refused(&db, &text).contains("not a database file"));

    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t(a); INSERT INTO t VALUES (1);")
        .unwrap();
    assert!(refused(&db, &foreign).contains("not a stationdesk database"));

    let newer = dir.path().join("newer.db");
    std::fs::copy(&good, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 999")
        .unwrap();
    assert!(matches!(
        verify_backup(&newer),
        Err(RestoreRefusal::Newer { found: 999, .. })
    ));
    assert!(refused(&db, &newer).contains("newer version"));

    assert!(refused(&db, &dir.path().join("missing.db")).contains("does not exist"));
}

#[test]
fn the_daily_backup_runs_once_a_day_and_keeps_thirty() {
    if crate::common::pg::file_only("the_daily_backup_runs_once_a_day_and_keeps_thirty") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let s = Store::open(&crate::common::pg::db(&db)).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    for i in 0..35 {
        let d = day + chrono::Duration::days(i);
        assert!(s.daily_backup(d, 30).unwrap().is_some());
        assert!(s.daily_backup(d, 30).unwrap().is_none(), "only once a day");
    }
    let names: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    let copies: Vec<&String> = names.iter().filter(|n| n.ends_with(".db")).collect();
    assert_eq!(copies.len(), 30);
    // Each copy has its checksum file, and a pruned copy takes its own along.
    assert_eq!(names.len(), 60, "{names:?}");
    assert!(
        copies
            .iter()
            .all(|n| names.contains(&format!("{n}.sha256")))
    );
    assert!(dir.path().join("backups/desk-2026-02-04.db").exists());
    assert!(!dir.path().join("backups/desk-2026-01-01.db").exists());
}

fn visit_ids(path: &Path) -> Vec<i64> {
    let c = rusqlite::Connection::open(path).unwrap();
    let mut stmt = c.prepare("SELECT id FROM visits ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

/// `stationdesk backup` runs while another process keeps saving walk-ins: each backup is
/// intact, holds every save the writer had acknowledged before the backup started, and is
/// one consistent moment (the writer's ids with no hole).
#[test]
fn a_backup_taken_while_another_process_writes_holds_every_acknowledged_save() {
    if crate::common::pg::file_only(
        "a_backup_taken_while_another_process_writes_holds_every_acknowledged_save",
    ) {
        return;
    }
    use std::io::{BufRead, BufReader};
    use std::sync::Mutex;
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    drop(Store::open(&crate::common::pg::db(&db)).unwrap());
    let mut writer = bin()
        .arg("--db")
        .arg(&db)
        .arg("_write-loop")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let acked = Arc::new(Mutex::new(Vec::<i64>::new()));
    let reader = {
        let acked = acked.clone();
        let stdout = writer.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(id) = line.strip_prefix("committed ") {
                    acked.lock().unwrap().push(id.parse().unwrap());
                }
            }
        })
    };
    let mut backups = Vec::new();
    for round in 1..=3 {
        let deadline = Instant::now() + Duration::from_secs(30);
        while acked.lock().unwrap().len() < round * 40 {
            assert!(Instant::now() < deadline, "the writer is not writing");
            std::thread::sleep(Duration::from_millis(10));
        }
        let before: Vec<i64> = acked.lock().unwrap().clone();
        let file = dir.path().join(format!("backup-{round}.db"));
        let out = bin()
            .arg("--db")
            .arg(&db)
            .arg("backup")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        verify_backup(&file).unwrap();
        let held = visit_ids(&file);
        let missing: Vec<_> = before.iter().filter(|id| !held.contains(id)).collect();
        assert!(
            missing.is_empty(),
            "round {round}: acknowledged but not backed up: {missing:?}"
        );
        let first = held[0];
        assert!(
            held.iter()
                .enumerate()
                .all(|(i, id)| *id == first + i as i64),
            "round {round}: a hole in the backup"
        );
        backups.push(held);
    }
    writer.kill().unwrap();
    writer.wait().unwrap();
    reader.join().unwrap();
    // Later backups hold more, and everything in any backup is in the database.
    assert!(backups.windows(2).all(|w| w[0].len() <= w[1].len()));
    let now = visit_ids(&db);
    assert!(backups.iter().flatten().all(|id| now.contains(id)));
    assert!(acked.lock().unwrap().iter().all(|id| now.contains(id)));
}
