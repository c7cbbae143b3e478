//! Long commands on a terminal: the bar moves while a large demo or import works, goes
//! away when it is done, and Ctrl+C at any stage stops the command cleanly.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::pty::Pty;
use stationdesk::exchange::{Cell, Table, write_table};
use stationdesk::store::Store;
use std::path::Path;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(60);
const CTRL_C: &[u8] = b"\x03";

fn spawn(db: &Path, args: &[&str]) -> Pty {
    let db = db.display().to_string();
    let config = format!("{db}.config");
    let mut all = vec!["--db", db.as_str()];
    all.extend_from_slice(args);
    Pty::spawn(
        &all,
        &[
            ("STATIONDESK_CONFIG_DIR", config.as_str()),
            ("STATIONDESK_NOW", "2026-11-25 09:30"),
            ("STATIONDESK_LANG", "zh"),
        ],
        100,
        12,
    )
}

/// The count the bar of `stage` shows (`12,345/40,000`), if it shows.
fn shown_count(screen: &str, stage: &str) -> Option<u64> {
    let line = screen.lines().find(|l| l.contains(stage))?;
    let before_slash = line.split('/').next()?;
    let digits: String = before_slash
        .rsplit(' ')
        .next()?
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Waits until the bar of `stage` has shown two different counts: the bar moves while the
/// work goes on, not only at its end.
fn bar_moves(pty: &Pty, stage: &str) {
    let deadline = Instant::now() + WAIT;
    let mut first = None;
    while Instant::now() < deadline {
        if let Some(n) = shown_count(&pty.screen(), stage) {
            match first {
                None if n > 0 => first = Some(n),
                Some(f) if n > f => return,
                _ => {}
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the bar of {stage} did not move; screen:\n{}", pty.screen());
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

#[test]
fn a_large_demo_shows_its_bar_moving_and_ctrl_c_writes_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let mut pty = spawn(&db, &["demo", "--people", "200000"]);
    bar_moves(&pty, "写入人员");
    pty.wait_until("the time left is estimated", WAIT, |p| {
        p.screen().contains("剩余约")
    });
    pty.send(CTRL_C);
    assert_eq!(pty.wait_exit_code(WAIT), 130);
    pty.wait_for("已中断：未写入任何演示数据", WAIT);
    assert_eq!(count(&db, "SELECT count(*) FROM people"), 0);
    integrity_ok(&db);
}

/// A roster of `rows` demo people, as an officer's CSV would have them.
fn roster(path: &Path, rows: usize) {
    let table = Table {
        title: "花名册".into(),
        headers: ["姓名", "身份证号", "人员类别", "联系电话"]
            .map(String::from)
            .to_vec(),
        rows: stationdesk::demo::generate(rows, 42)
            .map(|p| {
                vec![
                    Cell::text(&p.name),
                    Cell::text(&p.id_number),
                    Cell::text(p.categories_cell()),
                    Cell::text(&p.phone),
                ]
            })
            .collect(),
    };
    write_table(path, &table).unwrap();
}

fn station(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("desk.db");
    let mut store = Store::open_with_clock(&db, common::clock()).unwrap();
    common::fill(&mut store);
    db
}

#[test]
fn a_large_import_shows_reading_then_writing_and_leaves_only_its_summary() {
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path());
    let file = dir.path().join("roster.csv");
    roster(&file, 40_000);
    let file_text = file.display().to_string();
    let mut pty = spawn(&db, &["import", "--accept-changes", file_text.as_str()]);
    bar_moves(&pty, "读取并检查花名册");
    bar_moves(&pty, "写入人员");
    assert_eq!(pty.wait_exit_code(WAIT), 0);
    pty.wait_for("新增 40000 人", WAIT);
    let screen = pty.screen();
    assert!(!screen.contains("写入人员"), "the bar is gone:\n{screen}");
    assert!(!screen.contains("[="), "the bar is gone:\n{screen}");
    let people = count(&db, "SELECT count(*) FROM people");
    assert!(people >= 40_000, "{people}");
}

#[test]
fn ctrl_c_while_an_import_reads_or_writes_imports_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path());
    let file = dir.path().join("roster.csv");
    roster(&file, 40_000);
    let file_text = file.display().to_string();
    let people = count(&db, "SELECT count(*) FROM people");
    let audit = count(&db, "SELECT count(*) FROM audit");
    for stage in ["读取并检查花名册", "写入人员"] {
        let mut pty = spawn(&db, &["import", "--accept-changes", file_text.as_str()]);
        bar_moves(&pty, stage);
        pty.send(CTRL_C);
        assert_eq!(pty.wait_exit_code(WAIT), 130, "{stage}");
        pty.wait_for("已中断：未导入任何人员", WAIT);
        assert_eq!(count(&db, "SELECT count(*) FROM people"), people, "{stage}");
        assert_eq!(count(&db, "SELECT count(*) FROM audit"), audit, "{stage}");
        integrity_ok(&db);
    }
}

#[test]
fn ctrl_c_while_a_workbook_is_written_or_packed_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    {
        let mut store = Store::open_with_clock(&db, common::clock()).unwrap();
        store
            .upsert_people(
                &stationdesk::demo::generate(40_000, 3).collect::<Vec<_>>(),
                "demo",
            )
            .unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("people.xlsx");
    let file_text = file.display().to_string();
    let audit = count(&db, "SELECT count(*) FROM audit");
    for stage in ["写出文件", "打包工作簿"] {
        let mut pty = spawn(&db, &["export", "people", "--out", file_text.as_str()]);
        pty.wait_until(stage, WAIT, |p| p.screen().contains(stage));
        pty.send(CTRL_C);
        assert_eq!(pty.wait_exit_code(WAIT), 130, "{stage}");
        pty.wait_for("已中断：未写出", WAIT);
        let left: Vec<_> = std::fs::read_dir(out.path()).unwrap().collect();
        assert!(left.is_empty(), "{stage}: {left:?}");
        assert_eq!(count(&db, "SELECT count(*) FROM audit"), audit, "{stage}");
    }
}
