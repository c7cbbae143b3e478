//! `bench desks`: several desk processes on one database, saving and looking up.
use std::path::Path;
use std::process::Command;

fn bin(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stationdesk"));
    c.env("STATIONDESK_CONFIG_DIR", db.with_extension("config"))
        .arg("--db")
        .arg(db);
    c
}

/// The JSON line a run printed, after checking that it printed nothing else (stdout is
/// a pipe here, so no bar either).
fn run_desks(db: &Path, desks: &str, seconds: &str) -> serde_json::Value {
    let out = bin(db)
        .args(["bench", "desks", "--desks", desks, "--seconds", seconds])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stderr.trim().is_empty(), "{stderr}");
    serde_json::from_str(stdout.trim()).unwrap()
}

/// Two desks for four seconds: every save commits, every new person is found by the
/// other desk, and the figures are all there. A second run on the same file numbers its
/// new people after the first run's, so none collide.
#[test]
fn two_desks_save_and_find_each_others_people() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let demo = bin(&db).args(["demo", "--people", "300"]).output().unwrap();
    assert!(demo.status.success());
    let line = run_desks(&db, "2", "4");
    assert_eq!(line["desks"], 2);
    assert_eq!(line["seconds"], 4);
    assert_eq!(line["people"], 300);
    assert_eq!(line["failed"], 0, "{line}");
    assert!(line["saves"].as_u64().unwrap() > 0, "{line}");
    // Each desk's first save is for a new person, whom the other desk must find.
    let created = line["created"].as_u64().unwrap();
    assert!(created >= 2, "{line}");
    assert_eq!(line["unseen"], 0, "{line}");
    for field in ["save_p50_ms", "save_p99_ms", "fresh_p50_ms", "fresh_p99_ms"] {
        assert!(line[field].is_number(), "{field}: {line}");
    }
    assert!(line["lookups"].as_u64().unwrap() > 0, "{line}");

    let again = run_desks(&db, "2", "1");
    assert_eq!(again["failed"], 0, "{again}");
    assert!(again["created"].as_u64().unwrap() >= 2, "{again}");
    assert_eq!(again["unseen"], 0, "{again}");
    let store = stationdesk::store::Store::open(&db).unwrap();
    let total = created + again["created"].as_u64().unwrap();
    assert_eq!(store.count_people().unwrap(), 300 + total);
}

/// A station's own database (one with accounts) is refused, and --people goes with a
/// temporary database only.
#[test]
fn a_stations_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let mut init = bin(&db)
        .args([
            "init",
            "--station",
            "城关镇退役军人服务站",
            "--level",
            "town",
            "--admin",
            "admin",
            "--password-stdin",
        ])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    init.stdin
        .take()
        .unwrap()
        .write_all(b"a long pass phrase\n")
        .unwrap();
    assert!(init.wait().unwrap().success());
    let out = bin(&db)
        .args([
            "--lang",
            "en",
            "bench",
            "desks",
            "--desks",
            "2",
            "--seconds",
            "1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("has accounts"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = bin(&db)
        .args(["--lang", "en", "bench", "desks", "--people", "10"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--people"));
}
