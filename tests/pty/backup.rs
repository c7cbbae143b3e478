//! The program's automatic backup of the day, in a real pseudo-terminal.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::pty::Pty;
use stationdesk::store::Store;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

#[test]
fn the_first_start_of_the_day_makes_a_backup_beside_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    // Thirty-one older backups: the program keeps the newest thirty, today's included.
    for day in 1..=31 {
        std::fs::write(backups.join(format!("desk-2026-10-{day:02}.db")), b"old").unwrap();
    }
    let ids = {
        let mut store = common::store(Some(&db), common::clock());
        common::fill(&mut store)
    };
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
    let today = backups.join("desk-2026-11-25.db");
    let start = Instant::now();
    while !today.exists() && start.elapsed() < WAIT {
        std::thread::sleep(Duration::from_millis(50));
    }
    pty.send(b"\x11"); // Ctrl+Q
    assert!(pty.wait_exit(WAIT));
    assert!(today.exists(), "today's backup was made");
    let mut names: Vec<String> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert!(
        names
            .iter()
            .all(|n| n.ends_with(".db") || n.ends_with(".db.sha256")),
        "no temporary left: {names:?}"
    );
    names.retain(|n| n.ends_with(".db"));
    assert_eq!(names.len(), 30, "{names:?}");
    assert_eq!(names[0], "desk-2026-10-03.db");
    assert!(backups.join("desk-2026-11-25.db.sha256").exists());
    // The copy is a whole database with everyone in it.
    // (Opened after the listing: opening adds its WAL files beside it.)
    let copy = Store::open(&today).unwrap();
    assert_eq!(copy.count_people().unwrap(), ids.len() as u64);
    drop(copy);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&today).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    // A second start on the same day leaves the backup alone.
    let before = std::fs::metadata(&today).unwrap().modified().unwrap();
    let mut pty = Pty::spawn(
        &["--db", db_text.as_str()],
        &[
            ("STATIONDESK_CONFIG_DIR", config_text.as_str()),
            ("STATIONDESK_NOW", "2026-11-25 15:00"),
            ("STATIONDESK_LANG", "zh"),
        ],
        100,
        30,
    );
    pty.wait_for("在档人数", WAIT);
    pty.send(b"\x11");
    assert!(pty.wait_exit(WAIT));
    assert_eq!(
        std::fs::metadata(&today).unwrap().modified().unwrap(),
        before
    );
}

/// A running desk holds its presence: a restore is refused while it runs and goes through
/// once it has quit.
#[test]
fn a_restore_is_refused_while_the_program_runs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let copy = dir.path().join("copy.db");
    {
        let mut store = common::store(Some(&db), common::clock());
        common::fill(&mut store);
        store.backup_to(&copy).unwrap();
    }
    let db_text = db.display().to_string();
    let config_text = config.display().to_string();
    let env = [
        ("STATIONDESK_CONFIG_DIR", config_text.as_str()),
        ("STATIONDESK_NOW", "2026-11-25 09:30"),
        ("STATIONDESK_LANG", "zh"),
    ];
    let mut pty = Pty::spawn(&["--db", db_text.as_str()], &env, 100, 30);
    pty.wait_for("在档人数", WAIT);
    let restore = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_stationdesk"))
            .args(["--lang", "en", "--db", db_text.as_str(), "restore"])
            .arg(&copy)
            .env("STATIONDESK_CONFIG_DIR", &config)
            .output()
            .unwrap()
    };
    let out = restore();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("a desk has the database open"), "{said}");
    pty.send(b"\x11"); // Ctrl+Q
    assert!(pty.wait_exit(WAIT));
    let out = restore();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
