//! End to end in a pseudo-terminal: the first run on an empty database creates the
//! administrator; the next start asks for a login; Ctrl+L locks and the password unlocks.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::pty::Pty;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(30);

fn start(db: &str, config: &str) -> Pty {
    Pty::spawn(
        &["--db", db, "--lang", "en"],
        &[
            ("STATIONDESK_CONFIG_DIR", config),
            ("STATIONDESK_NOW", "2026-11-25 09:30"),
            // Empty: no testing aid, the real first run and login.
            ("STATIONDESK_TEST_OFFICER", ""),
        ],
        100,
        30,
    )
}

#[test]
fn first_run_then_login_lock_and_unlock() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db").display().to_string();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let config = config.display().to_string();

    let mut pty = start(&db, &config);
    pty.wait_for("First run", WAIT);
    pty.send("城关镇退役军人服务站\r".as_bytes());
    pty.send(b"3\r"); // village
    pty.send(b"chief\r");
    pty.send("李站长\r".as_bytes());
    pty.send(b"desk password 1\r");
    pty.send(b"desk password 1\r");
    pty.wait_for("People on file", WAIT);
    pty.wait_for("李站长", WAIT);
    assert!(!pty.screen().contains("desk password"));
    pty.send(b"\x11"); // Ctrl+Q
    assert!(pty.wait_exit(WAIT));
    assert!(
        !String::from_utf8_lossy(&pty.raw()).contains("desk password"),
        "the password is never echoed"
    );

    let mut pty = start(&db, &config);
    pty.wait_for("Sign in", WAIT);
    pty.send(b"chief\r");
    pty.send(b"wrong password\r");
    pty.wait_for("user name or password is wrong", WAIT);
    pty.send(b"desk password 1\r");
    pty.wait_for("People on file", WAIT);
    pty.wait_for("李站长", WAIT);
    pty.send(b"\x0c"); // Ctrl+L
    pty.wait_for("Screen locked", WAIT);
    assert!(!pty.screen().contains("People on file"));
    pty.send(b"desk password 1\r");
    pty.wait_for("People on file", WAIT);
    pty.send(b"\x11");
    assert!(pty.wait_exit(WAIT));
}
