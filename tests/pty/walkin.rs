//! Walk-in registration end to end in a real pseudo-terminal: the whole path from the
//! dashboard, and a draft that survives `kill -9`.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::pty::{Pty, Setup, setup};
use stationdesk::i18n::Lang;
use stationdesk::store::Store;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

fn start(s: &Setup) -> Pty {
    Pty::spawn(
        &["--db", s.db.as_str()],
        &[
            ("STATIONDESK_CONFIG_DIR", s.config.as_str()),
            ("STATIONDESK_NOW", "2026-11-25 09:30"),
            ("STATIONDESK_LANG", "zh"),
            ("STATIONDESK_DRAFT_SECS", "1"),
            ("USER", "wangli"),
        ],
        100,
        30,
    )
}

#[test]
fn a_walk_in_from_the_dashboard_in_eight_keys() {
    let s = setup();
    let mut pty = start(&s);
    pty.wait_for("在档人数", WAIT);
    pty.key(b"\x1bOQ"); // F2
    pty.wait_for("索引就绪", WAIT);
    pty.send(b"zsf");
    pty.wait_for("450102********", WAIT);
    pty.key(b"\r"); // Enter: the profile
    pty.wait_for("配偶", WAIT);
    pty.key(b"\x0e"); // Ctrl+N: the walk-in form
    pty.wait_for("在档人员", WAIT);
    pty.key(b"4"); // purpose 4
    pty.wait_for("抚恤补助", WAIT);
    pty.key(b"\t");
    pty.send("询问抚恤金发放时间".as_bytes());
    pty.wait_for("询问抚恤金发放时间", WAIT);
    pty.key(b"\t");
    pty.key(b"1"); // done on the spot
    pty.wait_for("当场办结", WAIT);
    pty.key(b"\x13"); // Ctrl+S
    pty.wait_for("来访登记已保存", WAIT);
    assert_eq!(pty.keys_sent(), 8, "keys besides the name and the summary");
    pty.send(b"\x11");
    assert!(pty.wait_exit(WAIT));

    let store = Store::open(std::path::Path::new(&s.db)).unwrap();
    let day = common::now().date();
    let visits = store.visits_between(day, day).unwrap();
    assert_eq!(visits.len(), 1);
    assert_eq!(visits[0].visitor_name, "张三丰");
    assert_eq!(visits[0].summary, "询问抚恤金发放时间");
    // The handler is the signed-in officer (the pty harness signs in as "tester").
    assert_eq!(visits[0].handler, "tester");
    // The register gives the phone on the person's record when none was given at the visit.
    let on_file = store.person(visits[0].person_id.unwrap()).unwrap().unwrap();
    let phone = if visits[0].visitor_phone.is_empty() {
        on_file.phone
    } else {
        visits[0].visitor_phone.clone()
    };
    drop(store);

    // And the register shows it: `stationdesk export visits`, as CSV and as a workbook.
    let zhang = &common::sample_people()[0];
    let expected = [
        "2026-11-25".to_string(),
        "09:30".to_string(),
        "张三丰".to_string(),
        stationdesk::domain::mask::mask_id(&zhang.id_number),
        stationdesk::domain::mask::mask_phone(&phone),
        stationdesk::domain::visit::purpose_name(visits[0].purpose, Lang::Zh).to_string(),
        "询问抚恤金发放时间".to_string(),
        "当场办结".to_string(),
        String::new(),
        String::new(),
        "tester".to_string(),
    ];
    assert!(expected[3].ends_with('X') && expected[3].contains("********"));
    for ext in ["csv", "xlsx"] {
        let out = s.dir.path().join(format!("visits.{ext}"));
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_stationdesk"))
            .args(["--db", s.db.as_str(), "export", "visits", "--out"])
            .arg(&out)
            .env("STATIONDESK_CONFIG_DIR", &s.config)
            .env("STATIONDESK_NOW", "2026-11-25 17:00")
            .env("STATIONDESK_LANG", "zh")
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let rows = stationdesk::exchange::read_table(&out).unwrap();
        assert_eq!(
            rows.len(),
            2,
            "{ext}: the header and the one walk-in: {rows:?}"
        );
        assert_eq!(rows[0][..3], ["日期", "时间", "姓名"], "{ext}");
        // A workbook's date cell reads back as a date (with or without a time of day).
        let mut row = rows[1].clone();
        row[0].truncate(10);
        assert_eq!(row, expected, "{ext}");
    }
    drop(s.dir);
}

/// A person registered at the desk is found by the very next lookup: the index is rebuilt
/// in the background while the old one keeps answering.
#[test]
fn a_person_registered_at_the_desk_is_found_by_the_next_lookup() {
    let s = setup();
    let mut pty = start(&s);
    pty.wait_for("在档人数", WAIT);
    pty.send(b"\x1bOQ"); // F2
    pty.wait_for("索引就绪", WAIT);
    pty.send("欧阳新".as_bytes());
    pty.send(b"\x0e"); // Ctrl+N: the person form, the name carried over
    pty.wait_for("欧阳新", WAIT);
    let id = common::id_number("450102", "19850620", true, Some('X'));
    pty.send(b"\t");
    pty.send(id.as_bytes());
    for _ in 0..5 {
        pty.send(b"\t");
    }
    pty.send(b"1"); // the first category
    pty.send(b"\x13"); // Ctrl+S
    pty.wait_for("档案: 欧阳新", WAIT);
    let masked = stationdesk::domain::mask::mask_id(&id);
    for query in ["oyx", &id[14..]] {
        pty.send(b"\x1bOQ"); // F2
        pty.send(b"\x15"); // Ctrl+U
        pty.send(query.as_bytes());
        pty.wait_for(&masked, WAIT);
    }
    pty.send(b"\x11");
    assert!(pty.wait_exit(WAIT));
}

#[test]
fn a_draft_survives_kill_9() {
    let s = setup();
    let mut pty = start(&s);
    pty.wait_for("在档人数", WAIT);
    pty.send(b"\x1bOR"); // F3
    pty.wait_for("今日来访", WAIT);
    pty.send(b"\x0e"); // Ctrl+N
    pty.wait_for("未建档来访人", WAIT);
    pty.send("赵六".as_bytes());
    pty.send(b"\t13800005678");
    pty.wait_for("草稿已保存", WAIT);
    let pid = pty.pid().unwrap().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    assert!(!pty.wait_exit(WAIT));

    let mut pty = start(&s);
    pty.wait_for("在档人数", WAIT);
    pty.send(b"\x1bOR");
    pty.wait_for("今日来访", WAIT);
    pty.send(b"\x0e");
    pty.wait_for("找到 09:30 保存的草稿", WAIT);
    pty.send(b"y");
    pty.wait_for("赵六", WAIT);
    pty.wait_for("13800005678", WAIT);
    pty.send(b"\x11"); // Ctrl+Q asks: the form has changes
    pty.wait_for("退出程序", WAIT);
    pty.send(b"y");
    assert!(pty.wait_exit(WAIT));
}
