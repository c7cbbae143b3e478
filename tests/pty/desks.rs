//! Two desks on one database, each its own process: what one writes shows on the other
//! within two seconds, without a restart, and so does a roster imported from the command
//! line.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::pty::{Pty, Setup, setup};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);
/// How soon the other desk must show it.
const FRESH: Duration = Duration::from_secs(2);

fn desk(s: &Setup, user: &str) -> Pty {
    Pty::spawn(
        &["--db", s.db.as_str()],
        &[
            ("STATIONDESK_CONFIG_DIR", s.config.as_str()),
            ("STATIONDESK_NOW", "2026-11-25 09:30"),
            ("STATIONDESK_LANG", "zh"),
            ("STATIONDESK_TEST_OFFICER", user),
            ("USER", user),
        ],
        100,
        30,
    )
}

/// The desk on its lookup screen with `query` typed.
fn looking_up(pty: &mut Pty, query: &str) {
    pty.wait_for("在档人数", WAIT);
    pty.send(b"\x1bOQ"); // F2
    pty.wait_for("索引就绪", WAIT);
    pty.send(b"\x15"); // Ctrl+U
    pty.send(query.as_bytes());
}

/// Registers 欧阳新 with `id` from the lookup screen; waits for the new profile.
fn register(pty: &mut Pty, id: &str) {
    pty.send(b"\x15");
    pty.send("欧阳新".as_bytes());
    pty.send(b"\x0e"); // Ctrl+N: the person form, the name carried over
    pty.wait_for("人员登记(新建档案)", WAIT);
    pty.send(b"\t");
    pty.send(id.as_bytes());
    for _ in 0..5 {
        pty.send(b"\t");
    }
    pty.send(b"1"); // the first category
    pty.wait_for("退役士兵", WAIT);
    pty.send(b"\x13"); // Ctrl+S
}

#[test]
fn a_person_registered_on_one_desk_is_found_on_the_other_and_not_created_twice() {
    let s = setup();
    let mut a = desk(&s, "wangli");
    let mut b = desk(&s, "zhaomin");
    let id = common::id_number("450102", "19850620", true, Some('X'));
    let masked = stationdesk::domain::mask::mask_id(&id);
    looking_up(&mut a, "");
    looking_up(&mut b, "oyx");
    assert!(!b.screen().contains(&masked));

    register(&mut a, &id);
    a.wait_for("档案: 欧阳新", WAIT);
    b.wait_for(&masked, FRESH);

    // Creating the same ID number again opens the record on file, and the status line
    // does not stay on "saving".
    register(&mut b, &id);
    b.wait_for("档案: 欧阳新", WAIT);
    b.wait_until("the status line leaves 保存中", WAIT, |p| {
        !p.screen().contains("保存中")
    });
    let store = stationdesk::store::Store::open(std::path::Path::new(&s.db)).unwrap();
    let on_file = store.person_by_id_number(&id).unwrap();
    assert!(on_file.is_some());
    drop(store);
    for pty in [&mut a, &mut b] {
        pty.send(b"\x11");
        assert!(pty.wait_exit(WAIT));
    }
}

#[test]
fn a_roster_imported_from_the_command_line_is_found_on_an_open_desk() {
    let s = setup();
    let mut a = desk(&s, "wangli");
    let id = common::id_number("450102", "19700101", true, None);
    let masked = stationdesk::domain::mask::mask_id(&id);
    looking_up(&mut a, "mrf");
    assert!(!a.screen().contains(&masked));
    let roster = s.dir.path().join("roster.csv");
    std::fs::write(
        &roster,
        format!("姓名,身份证号,人员类别,联系电话,镇街\n慕容复,{id},退役士兵,,石门镇\n"),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stationdesk"))
        .args(["--db", s.db.as_str(), "import", roster.to_str().unwrap()])
        .env("STATIONDESK_CONFIG_DIR", s.config.as_str())
        .env("STATIONDESK_LANG", "zh")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    a.wait_for(&masked, FRESH);
    a.wait_for("慕容复", FRESH);
    a.send(b"\x11");
    assert!(a.wait_exit(WAIT));
}

#[test]
fn a_walk_in_saved_on_one_desk_shows_on_the_other_s_board() {
    let s = setup();
    let mut a = desk(&s, "wangli");
    let mut b = desk(&s, "zhaomin");
    b.wait_for("在档人数", WAIT);
    b.send(b"\x1bOR"); // F3: today's walk-ins
    b.wait_for("今日来访 2026", WAIT);
    looking_up(&mut a, "zsf");
    a.wait_for("450102********", WAIT);
    a.send(b"\r"); // the profile
    a.wait_for("配偶", WAIT);
    a.send(b"\x0e"); // Ctrl+N: the walk-in form
    a.wait_for("在档人员", WAIT);
    a.send(b"4");
    a.wait_for("抚恤补助", WAIT);
    a.send(b"\t");
    a.send("询问抚恤金发放时间".as_bytes());
    a.send(b"\t1");
    a.wait_for("当场办结", WAIT);
    a.send(b"\x13"); // Ctrl+S
    a.wait_for("来访登记已保存", WAIT);
    b.wait_for("张三丰", FRESH);
    for pty in [&mut a, &mut b] {
        pty.send(b"\x11");
        assert!(pty.wait_exit(WAIT));
    }
}
