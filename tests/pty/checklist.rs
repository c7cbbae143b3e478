//! End to end in a pseudo-terminal: tick every required item, sign, and find the day
//! signed after starting the program again.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::pty::Pty;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);
const F5: &[u8] = b"\x1b[15~";

fn start(db: &str, config: &str) -> Pty {
    Pty::spawn(
        &["--db", db],
        &[
            ("STATIONDESK_CONFIG_DIR", config),
            ("STATIONDESK_NOW", "2026-11-25 09:30"),
            ("STATIONDESK_LANG", "zh"),
            ("USER", "wang"),
            ("STATIONDESK_TEST_OFFICER", "wang"),
        ],
        100,
        30,
    )
}

#[test]
fn tick_and_sign_then_the_day_stays_signed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    {
        let mut store = common::store(Some(&db), common::clock());
        common::fill(&mut store);
    }
    let (db, config) = (db.display().to_string(), config.display().to_string());

    let mut pty = start(&db, &config);
    pty.wait_for("在档人数", WAIT);
    pty.send(F5);
    pty.wait_for("已处理 0/9 项", WAIT);
    // A Wednesday: the first eight items are required, the ninth (home visits) is not.
    // Space ticks and moves on to the next item.
    for done in 1..=8 {
        pty.send(b" ");
        pty.wait_for(&format!("已处理 {done}/9 项"), WAIT);
    }
    pty.send(b"\x13"); // Ctrl+S
    pty.wait_for("已由 wang 于 2026-11-25 09:30 签字", WAIT);
    pty.send(b"\x11"); // Ctrl+Q
    assert!(pty.wait_exit(WAIT));

    let mut pty = start(&db, &config);
    pty.wait_for("8/9 OK", WAIT);
    pty.send(F5);
    pty.wait_for("已由 wang 于 2026-11-25 09:30 签字", WAIT);
    pty.send(b"\x11");
    assert!(pty.wait_exit(WAIT));
}
