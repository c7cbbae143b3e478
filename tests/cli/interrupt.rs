//! Ctrl+C (SIGINT) and SIGTERM for the long commands run from a script: each stops at a
//! safe point, keeps nothing, says so in one sentence and exits 130 (143 for SIGTERM);
//! and output that is not a terminal carries no progress bar.
#![allow(clippy::unwrap_used)]
use crate::common;
use stationdesk::exchange::{Cell, Table, write_table};
use stationdesk::store::Store;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the command line prints once a write has waited a few seconds for another's.
const WAITING: &str = "正在等待其他窗口完成写入";

fn bin(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stationdesk"));
    c.env("STATIONDESK_CONFIG_DIR", db.with_extension("config"))
        .env("STATIONDESK_NOW", "2026-11-25 10:00")
        .env("STATIONDESK_LANG", "zh")
        .env("USER", "tester")
        .arg("--db")
        .arg(db);
    c
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

fn integrity_ok(db: &Path) {
    let check: String = rusqlite::Connection::open(db)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

fn station(dir: &Path, people: usize) -> PathBuf {
    let db = dir.join("desk.db");
    let mut store = Store::open_with_clock(&db, common::clock()).unwrap();
    common::fill(&mut store);
    let demo: Vec<_> = stationdesk::demo::generate(people, 5).collect();
    store.upsert_people(&demo, "demo").unwrap();
    db
}

/// A command running with its stderr read as it comes.
struct Running {
    child: Child,
    stderr: Arc<Mutex<String>>,
}

impl Running {
    fn start(mut cmd: Command) -> Running {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut pipe = child.stderr.take().unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    return;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Running { child, stderr }
    }

    fn wait_for_stderr(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if self.stderr.lock().unwrap().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("no {text:?} on stderr: {}", self.stderr.lock().unwrap());
    }

    /// Sends `signal` with kill(1), as a shell or a service manager does.
    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// The exit code and everything printed on stderr.
    fn finish(mut self) -> (Option<i32>, String) {
        let status = self.child.wait().unwrap();
        // The reader thread takes what is left in the pipe.
        std::thread::sleep(Duration::from_millis(100));
        let stderr = self.stderr.lock().unwrap().clone();
        (status.code(), stderr)
    }
}

/// Holds the database's write lock, as a desk saving at that moment does: the command
/// gets as far as its write and waits there, a safe point, until the signal comes.
fn hold_write_lock(db: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    conn
}

/// Starts `args`, waits until it waits for the write lock, sends `signal`, and returns the
/// exit code and stderr.
fn stopped_while_waiting(db: &Path, args: &[&str], signal: &str) -> (Option<i32>, String) {
    let lock = hold_write_lock(db);
    let mut cmd = bin(db);
    cmd.args(args);
    let running = Running::start(cmd);
    running.wait_for_stderr(WAITING);
    running.signal(signal);
    let out = running.finish();
    drop(lock);
    out
}

#[test]
fn an_import_stopped_while_waiting_to_write_imports_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path(), 10);
    let file = dir.path().join("roster.csv");
    std::fs::write(
        &file,
        "姓名,身份证号,人员类别\n单雄信,11010519491231002X,退役士兵\n",
    )
    .unwrap();
    let people = count(&db, "SELECT count(*) FROM people");
    let audit = count(&db, "SELECT count(*) FROM audit");
    let file_text = file.display().to_string();
    let (code, stderr) = stopped_while_waiting(&db, &["import", file_text.as_str()], "INT");
    assert_eq!(code, Some(130), "{stderr}");
    assert!(stderr.contains("已中断：未导入任何人员"), "{stderr}");
    assert_eq!(count(&db, "SELECT count(*) FROM people"), people);
    assert_eq!(count(&db, "SELECT count(*) FROM audit"), audit);
    integrity_ok(&db);
}

#[test]
fn a_demo_stopped_by_sigterm_writes_nobody_and_exits_143() {
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path(), 10);
    let people = count(&db, "SELECT count(*) FROM people");
    let (code, stderr) = stopped_while_waiting(&db, &["demo", "--people", "50"], "TERM");
    assert_eq!(code, Some(143), "{stderr}");
    assert!(stderr.contains("已中断：未写入任何演示数据"), "{stderr}");
    assert_eq!(count(&db, "SELECT count(*) FROM people"), people);
    integrity_ok(&db);
}

#[test]
fn an_export_or_a_backup_stopped_before_it_is_recorded_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path(), 2000);
    let out = tempfile::tempdir().unwrap();
    let audit = count(&db, "SELECT count(*) FROM audit");
    let csv = out.path().join("people.csv");
    let backup = out.path().join("desk-backup.db");
    let runs: [(Vec<String>, &str); 2] = [
        (
            ["export", "people", "--out"]
                .map(String::from)
                .into_iter()
                .chain([csv.display().to_string()])
                .collect(),
            "已中断：未写出",
        ),
        (
            vec!["backup".to_string(), backup.display().to_string()],
            "已中断：未写出备份",
        ),
    ];
    for (args, sentence) in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, stderr) = stopped_while_waiting(&db, &args, "INT");
        assert_eq!(code, Some(130), "{args:?}: {stderr}");
        assert!(stderr.contains(sentence), "{args:?}: {stderr}");
        let left: Vec<_> = std::fs::read_dir(out.path()).unwrap().collect();
        assert!(left.is_empty(), "{args:?}: {left:?}");
        assert_eq!(count(&db, "SELECT count(*) FROM audit"), audit);
    }
}

#[test]
fn a_restore_stopped_before_the_swap_leaves_the_live_database_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path(), 2000);
    let backup = dir.path().join("backup.db");
    Store::open_with_clock(&db, common::clock())
        .unwrap()
        .backup_to(&backup)
        .unwrap();
    {
        let mut store = Store::open_with_clock(&db, common::clock()).unwrap();
        let more: Vec<_> = stationdesk::demo::generate(50, 77).collect();
        store.upsert_people(&more, "later").unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let backup_text = backup.display().to_string();
    let (code, stderr) = stopped_while_waiting(&db, &["restore", backup_text.as_str()], "INT");
    assert_eq!(code, Some(130), "{stderr}");
    assert!(stderr.contains("已中断：未恢复"), "{stderr}");
    assert!(
        std::fs::read(&db).unwrap() == before,
        "the live file changed"
    );
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("before-restore"))
        .collect();
    assert!(aside.is_empty(), "{aside:?}");
    integrity_ok(&db);
}

#[test]
fn piped_output_carries_no_progress_bar() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let roster = dir.path().join("roster.csv");
    let table = Table {
        title: "花名册".into(),
        headers: ["姓名", "身份证号", "人员类别"].map(String::from).to_vec(),
        rows: stationdesk::demo::generate(3000, 42)
            .map(|p| {
                vec![
                    Cell::text(&p.name),
                    Cell::text(&p.id_number),
                    Cell::text(p.categories_cell()),
                ]
            })
            .collect(),
    };
    write_table(&roster, &table).unwrap();
    let csv = dir.path().join("people.xlsx");
    let backup = dir.path().join("b.db");
    let path = |p: &Path| p.display().to_string();
    let steps: [Vec<String>; 4] = [
        vec!["demo".into(), "--people".into(), "20000".into()],
        // Demo people of another seed can share an ID number with another name.
        vec!["import".into(), "--accept-changes".into(), path(&roster)],
        vec!["export".into(), "people".into(), "--out".into(), path(&csv)],
        vec!["backup".into(), path(&backup)],
    ];
    for args in steps {
        let out = bin(&db).args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert!(
                !bytes.iter().any(|&b| b == 0x1b || b == b'\r'),
                "{args:?} {name}: {:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        // The closing line is the whole report.
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
}
