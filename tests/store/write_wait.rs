//! Writes that wait their turn: a save waits as long as another desk holds the write lock
//! (no fixed timeout), a waiting save can be given up and fails cleanly, the command line
//! says that it waits, and eight desks saving at once never see a failed save.
#![allow(clippy::unwrap_used)]
use stationdesk::domain::visit::{Visit, VisitInput};
use stationdesk::store::{Store, StoreError, busy};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::Duration;

/// The waits of this test process are given up together: tests that wait in-process take
/// turns.
static IN_PROCESS: Mutex<()> = Mutex::new(());

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stationdesk"));
    c.env(
        "STATIONDESK_CONFIG_DIR",
        std::env::temp_dir().join("stationdesk-test-no-config"),
    )
    .env("STATIONDESK_LANG", "zh")
    .stdin(Stdio::null());
    c
}

fn visit(summary: &str) -> Visit {
    VisitInput {
        visitor_name: "测试来访".into(),
        purpose: Some(1),
        summary: summary.into(),
        outcome: "done".into(),
        handler: "tester".into(),
        ..Default::default()
    }
    .validate(stationdesk::clock::Clock::now(
        &stationdesk::clock::SystemClock,
    ))
    .unwrap()
}

fn new_db(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("desk.db");
    drop(Store::open(&crate::common::pg::db(&db)).unwrap());
    db
}

/// Another desk in the middle of a long write: holds the write lock for `hold`, on its
/// own thread. Returns when the lock is taken.
fn hold_write_lock(db: &Path, hold: Duration) -> std::thread::JoinHandle<()> {
    let (taken, is_taken) = std::sync::mpsc::channel();
    let db = db.to_path_buf();
    let handle = std::thread::spawn(move || {
        let mut c = crate::common::pg::raw(&db);
        // The writer's turn as the program takes it: the file's write lock, or the
        // server's advisory lock.
        let begin = if crate::common::pg::on_server() {
            format!(
                "BEGIN; SELECT pg_advisory_xact_lock({}); UPDATE settings SET value = value;",
                stationdesk::store::db::WRITE_LOCK
            )
        } else {
            "BEGIN IMMEDIATE; UPDATE settings SET value = value;".to_string()
        };
        c.execute(&begin).unwrap();
        taken.send(()).unwrap();
        std::thread::sleep(hold);
        c.execute("COMMIT").unwrap();
    });
    is_taken.recv().unwrap();
    handle
}

fn summaries(db: &Path) -> Vec<String> {
    crate::common::pg::raw(db)
        .texts("SELECT summary FROM visits ORDER BY id")
        .into_iter()
        .collect()
}

/// The old busy timeout failed a save after 10 s; now it waits until the lock is free.
#[test]
fn a_save_waits_as_long_as_another_desk_writes() {
    let _turn = IN_PROCESS.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let db = new_db(dir.path());
    let mut store = Store::open_existing(&crate::common::pg::db(&db)).unwrap();
    let other = hold_write_lock(&db, Duration::from_secs(11));
    let id = store.save_visit(&visit("after the long write"));
    other.join().unwrap();
    assert!(id.is_ok(), "{id:?}");
    assert_eq!(summaries(&db), vec!["after the long write".to_string()]);
}

/// A save waiting for another desk is given up (Esc on a desk): it fails with its own
/// message, writes nothing, and later saves wait and succeed as usual.
#[test]
fn giving_up_fails_the_waiting_save_and_only_it() {
    let _turn = IN_PROCESS.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let db = new_db(dir.path());
    let other = hold_write_lock(&db, Duration::from_secs(3));
    let path = db.clone();
    let waiting = std::thread::spawn(move || {
        let mut store = Store::open_existing(&crate::common::pg::db(&path)).unwrap();
        store.save_visit(&visit("given up"))
    });
    // Long enough for the save to be well into its wait (and for any earlier wait of this
    // process to be over).
    std::thread::sleep(Duration::from_millis(600));
    let waited = busy::waiting();
    assert!(
        waited.is_some_and(|d| d >= Duration::from_millis(400)),
        "the save should be waiting: {waited:?}"
    );
    busy::give_up();
    let result = waiting.join().unwrap();
    assert_eq!(result, Err(StoreError::GaveUp));
    let text = StoreError::GaveUp.msg().render(stationdesk::i18n::Lang::Zh);
    assert!(
        text.contains("已放弃等待") && text.contains("仍保留"),
        "{text}"
    );
    // The next save waits for the same desk and succeeds.
    let mut store = Store::open_existing(&crate::common::pg::db(&db)).unwrap();
    store.save_visit(&visit("saved later")).unwrap();
    other.join().unwrap();
    assert_eq!(summaries(&db), vec!["saved later".to_string()]);
}

/// A command that waits more than a few seconds says so, once, on stderr, and then
/// succeeds.
#[test]
fn the_command_line_says_once_that_it_waits() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_db(dir.path());
    let other = hold_write_lock(&db, Duration::from_millis(4500));
    let out = bin()
        .arg("--db")
        .arg(crate::common::pg::db(&db))
        .args(["_write-loop", "--count", "1", "--tag", "cli"])
        .output()
        .unwrap();
    other.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(err.matches("正在等待其他窗口完成写入").count(), 1, "{err}");
    assert_eq!(summaries(&db), vec!["cli 0".to_string()]);
}

/// Eight processes saving walk-ins as fast as they can for a few seconds: not one save
/// fails, and every acknowledged one is there.
#[test]
fn eight_writers_at_once_never_fail_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args([
            "bench",
            "writes",
            "--writers",
            "8",
            "--seconds",
            "4",
            "--dir",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().unwrap();
    let summary: serde_json::Value = serde_json::from_str(last).unwrap();
    assert_eq!(summary["writers"], 8);
    assert_eq!(summary["failed"], 0, "{last}\n{err}");
    assert_eq!(summary["lost"], 0, "{last}");
    assert!(summary["saves"].as_u64().unwrap() >= 8, "{last}");
    assert!(summary["save_p99_ms"].as_f64().unwrap() >= summary["save_p50_ms"].as_f64().unwrap());
    // The scratch database is gone.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
