//! The intake path end to end in a real pseudo-terminal: F4, the "new" key, the form
//! filled in (a two-line request: Enter stays in the field), saved, and the case number
//! in the ledger with its receipt beside the database.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::pty::Pty;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

#[test]
fn register_a_petition_and_find_it_in_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let mut store = common::store(Some(&db), common::clock());
    common::fill(&mut store);
    drop(store);
    let db_text = db.display().to_string();
    let config_text = config.display().to_string();
    let mut pty = Pty::spawn(
        &["--db", db_text.as_str()],
        &[
            ("STATIONDESK_CONFIG_DIR", config_text.as_str()),
            ("STATIONDESK_NOW", "2026-11-25 09:30"),
            ("STATIONDESK_LANG", "zh"),
        ],
        100,
        30,
    );
    pty.wait_for("在档人数", WAIT);
    pty.send(b"\x1bOS"); // F4
    pty.wait_for("没有符合条件的信访件", WAIT);
    pty.send(b"\x0e"); // Ctrl+N
    pty.wait_for("信访登记", WAIT);
    pty.send(b"\t\t"); // to the first petitioner's name
    pty.send("王五".as_bytes());
    pty.send(b"\t13900002222");
    pty.send(b"\t\t\t\t\t\t"); // address, count, representatives, agents, category, subject
    pty.send("退役金发放延迟".as_bytes());
    pty.send(b"\t");
    pty.send("要求补发".as_bytes());
    pty.send(b"\r"); // Enter breaks the line inside the request
    pty.send("两年退役金".as_bytes());
    pty.wait_for("两年退役金", WAIT);
    pty.send(b"\x13"); // Ctrl+S
    pty.wait_for("已登记 2026-0001", WAIT);
    pty.wait_for("documents/2026-0001", WAIT);
    pty.wait_for("退役金发放延迟", WAIT);
    assert!(
        dir.path()
            .join("documents/2026-0001-信访事项登记回执.docx")
            .is_file()
    );
    pty.send(b"\x11"); // Ctrl+Q
    assert!(pty.wait_exit(WAIT));
    let store = common::store(Some(&db), common::clock());
    let case = store.petition_by_case_no("2026-0001").unwrap().unwrap();
    assert_eq!(case.petition.request, "要求补发\n两年退役金");
}
