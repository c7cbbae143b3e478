//! Two desks, each its own process, on one database: the same person edited on both (the
//! second save is stopped and says who changed the record and when, and the officer may
//! reload), and a walk-in of a visitor not on file saved on one shows on the other's board,
//! browsed to another day and back, within two seconds, and opens there.
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

/// The desk on 张三丰's person form.
fn editing_zhang(pty: &mut Pty) {
    pty.wait_for("在档人数", WAIT);
    pty.send(b"\x1bOQ"); // F2
    pty.wait_for("索引就绪", WAIT);
    pty.send(b"zsf");
    pty.wait_for("450102********", WAIT);
    pty.send(b"\r"); // the profile
    pty.wait_for("配偶", WAIT);
    pty.send(b"e");
    pty.wait_for("修改人员档案", WAIT);
}

/// Ctrl+Q, and "yes, keep a draft" if a form with typing asks.
fn quit(pty: &mut Pty) {
    pty.send(b"\x11");
    std::thread::sleep(Duration::from_millis(300));
    if pty.running() {
        pty.send(b"y");
    }
    assert!(pty.wait_exit(WAIT));
}

#[test]
fn the_same_person_edited_on_two_desks_the_second_save_is_stopped_and_says_who() {
    let s = setup();
    let mut a = desk(&s, "wangli");
    let mut b = desk(&s, "zhaomin");
    editing_zhang(&mut a);
    editing_zhang(&mut b);
    // The name field has the focus on both.
    a.send("甲".as_bytes());
    a.send(b"\x13"); // Ctrl+S
    a.wait_for("已保存 张三丰甲 的档案", WAIT);
    b.send("乙".as_bytes());
    b.send(b"\x13");
    b.wait_for("wangli于2026-11-25 09:30:00已修改此档案", WAIT);
    b.wait_for("对方 张三丰甲 → 我的 张三丰乙", WAIT);
    let store = stationdesk::store::Store::open(std::path::Path::new(&s.db)).unwrap();
    let id_number = &common::sample_people()[0].id_number;
    let stored = store.person_by_id_number(id_number).unwrap().unwrap();
    drop(store);
    assert_eq!(stored.name, "张三丰甲", "desk A's save stands");
    // Reload: their version in the form.
    b.send(b"\r");
    b.wait_for("已载入张三丰甲档案的最新版本", WAIT);
    for pty in [&mut a, &mut b] {
        quit(pty);
    }
}

#[test]
fn a_visitor_s_walk_in_saved_on_one_desk_shows_on_the_other_s_board_and_opens() {
    let s = setup();
    let mut a = desk(&s, "wangli");
    let mut b = desk(&s, "zhaomin");
    b.wait_for("在档人数", WAIT);
    b.send(b"\x1bOR"); // F3
    b.wait_for("今日来访 2026-11-25", WAIT);
    b.send(b"\x1b[D"); // ←: yesterday
    b.wait_for("来访登记 2026-11-24", WAIT);
    b.send(b"\x1b[C"); // →: today again
    b.wait_for("今日来访 2026-11-25", WAIT);

    a.wait_for("在档人数", WAIT);
    a.send(b"\x1bOR");
    a.wait_for("今日来访 2026-11-25", WAIT);
    a.send(b"\x0e"); // Ctrl+N: a visitor not on file
    a.wait_for("未建档来访人", WAIT);
    a.send("赵六".as_bytes());
    a.send(b"\t\t1"); // past the phone, the first purpose
    a.wait_for("政策咨询", WAIT);
    a.send(b"\t");
    a.send("问优待证怎么办".as_bytes());
    a.send(b"\t1");
    a.wait_for("当场办结", WAIT);
    a.send(b"\x13");
    a.wait_for("来访登记已保存", WAIT);

    b.wait_for("赵六", FRESH);
    b.send(b"\r"); // the walk-in itself, though the visitor is not on file
    b.wait_for("来访记录 第", WAIT);
    b.wait_for("问优待证怎么办", WAIT);
    b.wait_for("未建档", WAIT);
    for pty in [&mut a, &mut b] {
        quit(pty);
    }
}
