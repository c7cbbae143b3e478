//! A desk whose save waits for another desk's write, in a real pseudo-terminal: the status
//! line says it is waiting, Esc gives the save up with the form kept as typed, and saving
//! again once the other desk is done works.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::pty::{Pty, setup};
use stationdesk::store::Store;
use std::sync::mpsc;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

#[test]
fn a_waiting_save_is_shown_and_esc_gives_it_up_keeping_the_form() {
    let s = setup();
    let mut pty = Pty::spawn(
        &["--db", s.db.as_str()],
        &[
            ("STATIONDESK_CONFIG_DIR", s.config.as_str()),
            ("STATIONDESK_NOW", "2026-11-25 09:30"),
            ("STATIONDESK_LANG", "zh"),
            // No draft is kept during the test: only the save waits.
            ("STATIONDESK_DRAFT_SECS", "3600"),
            ("USER", "wangli"),
        ],
        100,
        30,
    );
    pty.wait_for("在档人数", WAIT);
    pty.send(b"\x1bOQ"); // F2
    pty.wait_for("索引就绪", WAIT);
    pty.send(b"zsf");
    pty.wait_for("450102********", WAIT);
    pty.send(b"\r"); // the profile
    pty.wait_for("配偶", WAIT);
    pty.send(b"\x0e"); // Ctrl+N: the walk-in form
    pty.wait_for("在档人员", WAIT);
    pty.send(b"4");
    pty.wait_for("抚恤补助", WAIT);
    pty.send(b"\t");
    pty.send("询问抚恤金发放时间".as_bytes());
    pty.wait_for("询问抚恤金发放时间", WAIT);
    pty.send(b"\t");
    pty.send(b"1");
    pty.wait_for("当场办结", WAIT);

    // Another desk starts a long write.
    let (release, released) = mpsc::channel::<()>();
    let (taken, is_taken) = mpsc::channel();
    let db = s.db.clone();
    let other = std::thread::spawn(move || {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch("BEGIN IMMEDIATE; UPDATE settings SET value = value;")
            .unwrap();
        taken.send(()).unwrap();
        let _ = released.recv_timeout(Duration::from_secs(60));
        c.execute_batch("COMMIT").unwrap();
    });
    is_taken.recv().unwrap();

    pty.send(b"\x13"); // Ctrl+S
    pty.wait_for("正在等待另一个窗口写完", WAIT);
    pty.send(b"\x1b"); // Esc: give up
    pty.wait_for("已放弃等待", WAIT);
    // The form is still open with what was typed.
    let screen = pty.screen();
    assert!(screen.contains("询问抚恤金发放时间"), "{screen}");
    assert!(screen.contains("当场办结"), "{screen}");
    assert!(!screen.contains("来访登记已保存"), "{screen}");

    release.send(()).unwrap();
    other.join().unwrap();
    pty.send(b"\x13"); // Ctrl+S again
    pty.wait_for("来访登记已保存", WAIT);
    pty.send(b"\x11");
    assert!(pty.wait_exit(WAIT));

    let store = Store::open_existing(std::path::Path::new(&s.db)).unwrap();
    let day = common::now().date();
    let visits = store.visits_between(day, day).unwrap();
    assert_eq!(visits.len(), 1, "saved once, after the give-up");
    assert_eq!(visits[0].summary, "询问抚恤金发放时间");
}
