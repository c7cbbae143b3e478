//! End to end in a real pseudo-terminal: the built binary, a temporary database, keys in,
//! screen out, and the terminal put back afterwards.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::pty::Pty;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

struct Setup {
    _dir: tempfile::TempDir,
    db: String,
    config: String,
    zhang_id: String,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let mut store = common::store(Some(&db), common::clock());
    common::fill(&mut store);
    store
        .set_setting("station_name", "城关镇退役军人服务站")
        .unwrap();
    let zhang_id = common::sample_people()[0].id_number.clone();
    Setup {
        db: db.display().to_string(),
        config: config.display().to_string(),
        zhang_id,
        _dir: dir,
    }
}

fn start(s: &Setup, extra: &[&str], cols: u16, rows: u16) -> Pty {
    let mut args = vec!["--db", s.db.as_str()];
    args.extend_from_slice(extra);
    Pty::spawn(
        &args,
        &[
            ("STATIONDESK_CONFIG_DIR", s.config.as_str()),
            ("STATIONDESK_NOW", "2026-11-25 09:30"),
            ("STATIONDESK_LANG", "zh"),
        ],
        cols,
        rows,
    )
}

fn assert_restored(pty: &Pty) {
    assert!(
        pty.wait_output(b"\x1b[?1049l", WAIT),
        "left the alternate screen"
    );
    assert!(pty.wait_output(b"\x1b[?25h", WAIT), "showed the cursor");
    let raw = pty.raw();
    let has = |seq: &[u8]| raw.windows(seq.len()).any(|w| w == seq);
    assert!(has(b"\x1b[?2004h"), "bracketed paste was turned on");
    assert!(has(b"\x1b[?2004l"), "bracketed paste was turned off");
    assert!(!has(b"\x1b[6n"), "never asks where the cursor is");
    assert!(!has(b"\x1b[>"), "no kitty keyboard flags");
}

#[test]
fn look_up_by_initials_open_the_profile_and_quit() {
    let s = setup();
    let mut pty = start(&s, &[], 100, 30);
    pty.wait_for("城关镇退役军人服务站", WAIT);
    pty.wait_for("在档人数", WAIT);
    pty.send(b"\x1bOQ"); // F2
    pty.wait_for("索引就绪", WAIT);
    pty.send(b"zsf");
    pty.wait_for("张三丰", WAIT);
    pty.wait_for("450102********", WAIT);
    pty.send(b"\r");
    pty.wait_for(&s.zhang_id, WAIT);
    pty.wait_for("配偶", WAIT);
    pty.send(b"\x11"); // Ctrl+Q
    assert!(pty.wait_exit(WAIT));
    assert_restored(&pty);
}

#[test]
fn sigterm_restores_the_terminal() {
    let s = setup();
    let mut pty = start(&s, &["--lang", "en"], 80, 24);
    pty.wait_for("People on file", WAIT);
    let pid = pty.pid().expect("a pid").to_string();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(pty.wait_exit(WAIT));
    assert_restored(&pty);
}

#[test]
fn a_small_terminal_gets_a_notice() {
    let s = setup();
    let mut pty = start(&s, &["--lang", "en"], 60, 20);
    pty.wait_for("too small", WAIT);
    pty.send(b"\x11");
    assert!(pty.wait_exit(WAIT));
}
