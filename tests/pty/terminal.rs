//! The terminal is put back however the program ends — a panic, SIGTERM, SIGHUP (an SSH
//! session that drops) — and random input, escape sequences and pasted Chinese at several
//! sizes never crash it. Checked on the emulated terminal's state (alternate screen,
//! cursor, bracketed paste) and on the pseudo-terminal's own line discipline (raw mode).
#![allow(clippy::unwrap_used)]
use crate::common;

use common::pty::{Pty, Setup, setup};
use rand::{Rng, SeedableRng};
use stationdesk::store::Store;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

fn start(s: &Setup, extra_env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
    let mut envs = vec![
        ("STATIONDESK_CONFIG_DIR", s.config.as_str()),
        ("STATIONDESK_NOW", "2026-11-25 09:30"),
        ("STATIONDESK_LANG", "en"),
    ];
    envs.extend_from_slice(extra_env);
    Pty::spawn(&["--db", s.db.as_str()], &envs, cols, rows)
}

/// The program is up: the dashboard on the alternate screen, the line discipline raw.
fn assert_running(pty: &Pty) {
    pty.wait_for("People on file", WAIT);
    assert!(
        pty.alternate_screen(),
        "the program draws on the alternate screen"
    );
    assert!(pty.bracketed_paste(), "bracketed paste is on while running");
    assert_eq!(pty.raw_mode(), Some(true), "raw mode while running");
}

/// The shell gets its terminal back: main screen, cursor shown, bracketed paste off,
/// canonical input and echo on again.
fn assert_restored(pty: &Pty) {
    assert!(
        pty.wait_output(b"\x1b[?1049l", WAIT),
        "left the alternate screen"
    );
    pty.wait_until("the terminal is restored", WAIT, |p| {
        !p.alternate_screen() && !p.cursor_hidden() && !p.bracketed_paste()
    });
    assert_eq!(pty.raw_mode(), Some(false), "raw mode is off again");
}

fn signal(pty: &Pty, name: &str) {
    let pid = pty.pid().unwrap().to_string();
    let status = std::process::Command::new("kill")
        .args([&format!("-{name}"), &pid])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{name}");
}

#[test]
fn a_panic_restores_the_terminal_and_shows_the_message() {
    let s = setup();
    let mut pty = start(
        &s,
        &[
            (stationdesk::tui::terminal::TEST_PANIC_ENV, "1"),
            ("RUST_BACKTRACE", "0"),
        ],
        80,
        24,
    );
    assert_running(&pty);
    pty.send(b"x"); // the testing aid panics on the first key
    assert!(!pty.wait_exit(WAIT), "a panic is a failure exit");
    assert_restored(&pty);
    // The message is printed after the terminal is back, so it is readable on the screen.
    assert!(pty.wait_output(b"deliberate panic", WAIT));
    let raw = pty.raw();
    let find = |needle: &[u8]| raw.windows(needle.len()).position(|w| w == needle);
    assert!(
        find(b"\x1b[?1049l") < find(b"deliberate panic"),
        "the message comes after the alternate screen was left"
    );
    pty.wait_for("deliberate panic", WAIT);
}

/// A bug on a worker thread ends the program too, with the terminal put back, rather than
/// leaving the screen loop drawing over a restored shell.
#[test]
fn a_panic_on_a_worker_thread_ends_the_program_with_the_terminal_restored() {
    let s = setup();
    let mut pty = start(
        &s,
        &[
            (stationdesk::tui::terminal::TEST_PANIC_ENV, "worker"),
            ("RUST_BACKTRACE", "0"),
        ],
        80,
        24,
    );
    assert_running(&pty);
    pty.send(b"x");
    assert!(!pty.wait_exit(WAIT), "a panic is a failure exit");
    assert_restored(&pty);
    assert!(pty.wait_output(b"deliberate panic on a worker", WAIT));
}

#[test]
fn sigterm_restores_the_terminal() {
    let s = setup();
    let mut pty = start(&s, &[], 80, 24);
    assert_running(&pty);
    signal(&pty, "TERM");
    assert!(pty.wait_exit(WAIT));
    assert_restored(&pty);
}

#[test]
fn sighup_restores_the_terminal_and_keeps_the_typed_form() {
    let s = setup();
    let mut pty = start(&s, &[("STATIONDESK_DRAFT_SECS", "3600")], 100, 30);
    assert_running(&pty);
    pty.send(b"\x1bOR"); // F3: walk-ins today
    pty.wait_for("Walk-ins today", WAIT);
    pty.send(b"\x0e"); // Ctrl+N: a walk-in
    pty.wait_for("Visitor not on file", WAIT);
    pty.send("赵六".as_bytes());
    pty.wait_for("赵六", WAIT);
    signal(&pty, "HUP");
    assert!(pty.wait_exit(WAIT));
    assert_restored(&pty);
    // The form was kept as a draft on the way out (the timer alone would not have run).
    let c = rusqlite::Connection::open(&s.db).unwrap();
    let bodies: Vec<String> = c
        .prepare("SELECT body FROM drafts")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(bodies.iter().any(|b| b.contains("赵六")), "{bodies:?}");
    drop(s.dir);
}

/// Pieces of input a terminal can deliver: keys, escape sequences (whole, broken and
/// foreign), pasted Chinese (with line breaks and escapes inside), stray bytes. Ctrl+Q
/// and Ctrl+L are left out so that the program keeps running unlocked to the end.
const PIECES: &[&[u8]] = &[
    b"a",
    b"z",
    b"s",
    b"f",
    b"1",
    b"4",
    b"y",
    b"n",
    b"x",
    b"e",
    b"?",
    b"/",
    b" ",
    b"\t",
    b"\r",
    b"\x7f",     // Backspace
    b"\x0e",     // Ctrl+N
    b"\x13",     // Ctrl+S
    b"\x15",     // Ctrl+U
    b"\x17",     // Ctrl+W
    b"\x01",     // Ctrl+A
    b"\x05",     // Ctrl+E
    b"\x10",     // Ctrl+P
    b"\x14",     // Ctrl+T
    b"\x12",     // Ctrl+R
    b"\x0f",     // Ctrl+O
    b"\x06",     // Ctrl+F
    b"\x1b",     // Esc on its own
    b"\x1b[A",   // Up
    b"\x1b[B",   // Down
    b"\x1b[C",   // Right
    b"\x1b[D",   // Left
    b"\x1b[Z",   // Shift+Tab
    b"\x1b[H",   // Home
    b"\x1b[F",   // End
    b"\x1b[3~",  // Delete
    b"\x1b[5~",  // PageUp
    b"\x1b[6~",  // PageDown
    b"\x1bOP",   // F1
    b"\x1bOQ",   // F2
    b"\x1bOR",   // F3
    b"\x1bOS",   // F4
    b"\x1b[15~", // F5
    b"\x1b[17~", // F6
    b"\x1b[1;2A",
    b"\x1bx", // Alt+x
    b"\x1b[",
    b"\x1b[99999999;99999999H",
    b"\x1b]0;title\x07",
    b"\x1b[31m",
    b"\x1b[<0;10;10M",
    b"\x1b[I",
    b"\x1b[97;5u",
    b"\x1bP+q544e\x1b\\",
    "张三丰".as_bytes(),
    "阿依古丽·买买提".as_bytes(),
    "询问抚恤金发放时间".as_bytes(),
    "\x1b[200~张三\r\n丰\x1b[201~".as_bytes(),
    "\x1b[200~备注\x1b[31m红字\x07\x1b[201~".as_bytes(),
    "\x1b[200~'; DROP TABLE people; --\x1b[201~".as_bytes(),
    b"\xff",
    b"\xc3",
    b"\xe4\xb8",
];

#[test]
fn random_input_at_several_sizes_never_crashes() {
    let s = setup();
    let mut pty = start(&s, &[("STATIONDESK_DRAFT_SECS", "3600")], 80, 24);
    assert_running(&pty);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(10);
    for (cols, rows) in [(80, 24), (120, 40), (60, 20), (100, 30), (20, 5), (81, 25)] {
        pty.resize(cols, rows);
        for _ in 0..300 {
            let piece = PIECES[rng.random_range(0..PIECES.len())];
            pty.send(piece);
        }
        assert!(pty.running(), "still running after input at {cols}x{rows}");
    }
    // Still answering: back to a usable size, then asked to stop, it stops cleanly.
    pty.resize(100, 30);
    assert!(pty.running());
    signal(&pty, "TERM");
    assert!(pty.wait_exit(WAIT), "a clean exit, not a panic");
    assert_restored(&pty);
    let raw = pty.raw();
    assert!(
        !raw.windows(8).any(|w| w == b"panicked"),
        "no thread panicked"
    );
    // The database is intact after whatever the keys did.
    assert!(
        Store::open(std::path::Path::new(&s.db))
            .unwrap()
            .integrity_ok()
            .unwrap()
    );
}

/// A record holding terminal escape sequences (as an old import or another program might
/// have stored it) and a paste full of them: on the screen as harmless text, and not one
/// of them sent to the terminal.
#[test]
fn escape_sequences_in_records_and_pastes_never_reach_the_terminal() {
    let s = setup();
    {
        let mut store = common::store(Some(std::path::Path::new(&s.db)), common::clock());
        let mut input = common::sample_people()[4].clone();
        input.id_number = common::id_number("450102", "19850101", true, None);
        input.phone = "13800009999".into();
        let mut person = input
            .validate(stationdesk::domain::person::IdRule::Required)
            .unwrap();
        person.name = "张\u{1b}]0;PWNED\u{7}三\u{1b}[6n丰".into();
        person.address = "\u{1b}[2J东门街\u{9b}6n\u{1b}P+q\u{1b}\\12号".into();
        store.save_person(&person).unwrap();
    }
    let mut pty = start(&s, &[], 100, 30);
    assert_running(&pty);
    pty.send(b"\x1bOQ"); // F2
    pty.wait_for("Index ready", WAIT);
    pty.send(b"9999");
    pty.wait_for("138****9999", WAIT);
    pty.send(b"\r");
    pty.wait_for("东门街", WAIT);
    pty.send(b"\x1b"); // back to the list
    pty.wait_until("the profile is closed", WAIT, |p| {
        !p.screen().contains("Profile:")
    });
    pty.send(b"\x15"); // Ctrl+U: clear the box
    pty.send("\x1b[200~李\x1b]0;PWNED2\x07四\x1b[6n\x1b[201~".as_bytes());
    pty.wait_for("李]0;PWNED2四[6n", WAIT); // the text, without its escape characters
    signal(&pty, "TERM");
    assert!(pty.wait_exit(WAIT));
    assert_restored(&pty);
    let raw = pty.raw();
    let has = |seq: &[u8]| raw.windows(seq.len()).any(|w| w == seq);
    for seq in [
        &b"\x1b]0;PWNED"[..],
        b"\x1b[6n",
        "\u{9b}".as_bytes(),
        b"\x1bP",
        b"\x07",
    ] {
        assert!(!has(seq), "{seq:?} reached the terminal");
    }
}

/// The SSH connection drops: the terminal itself goes away. The program ends without
/// hanging and keeps the form being typed as a draft.
#[test]
fn a_terminal_that_goes_away_ends_the_program_and_keeps_the_form() {
    let s = setup();
    let mut pty = start(&s, &[("STATIONDESK_DRAFT_SECS", "3600")], 100, 30);
    assert_running(&pty);
    pty.send(b"\x1bOR"); // F3
    pty.send(b"\x0e"); // Ctrl+N
    pty.wait_for("Visitor not on file", WAIT);
    pty.send("钱七".as_bytes());
    pty.wait_for("钱七", WAIT);
    // It ends (with success if SIGHUP came first, with an error if a write to the dead
    // terminal failed first); either way the form is kept.
    let _ = pty.hang_up(WAIT);
    let c = rusqlite::Connection::open(&s.db).unwrap();
    let kept: i64 = c
        .query_row(
            "SELECT count(*) FROM drafts WHERE body LIKE '%钱七%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, 1);
}
