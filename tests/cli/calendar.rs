//! `stationdesk calendar show` and `stationdesk calendar import`, run as the built binary:
//! the published years, the note for a year without data, and a later year imported by an
//! administrator from a checked file (refused without one once accounts exist).
#![allow(clippy::unwrap_used)]
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const PASSWORD: &str = "a long pass phrase";

fn run(dir: &Path, lang: &str, args: &[&str], stdin: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stationdesk"));
    cmd.arg("--db")
        .arg(db(dir))
        .args(["--lang", lang])
        .args(args)
        .env("STATIONDESK_CONFIG_DIR", dir.join("config"))
        .env_remove("STATIONDESK_DB")
        .env_remove("STATIONDESK_NOW")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    {
        let mut input = child.stdin.take().unwrap();
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait_with_output().unwrap()
}

fn db(dir: &Path) -> PathBuf {
    dir.join("station.db")
}

fn init(dir: &Path) {
    let out = run(
        dir,
        "en",
        &[
            "init",
            "--station",
            "城关镇退役军人服务站",
            "--level",
            "town",
            "--admin",
            "boss",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn show_prints_a_published_month_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let out = run(dir.path(), "zh", &["calendar", "show", "2026-10"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let zh = text(&out.stdout);
    assert!(zh.contains("2026年10月"), "{zh}");
    assert!(zh.contains("节假日（7 天）：1 2 3 4 5 6 7"), "{zh}");
    assert!(zh.contains("调休上班：10（周六）"), "{zh}");
    assert!(zh.contains("工作日（18 天）：8 9 10 12"), "{zh}");
    let out = run(dir.path(), "en", &["calendar", "show", "2026-01"], "");
    let en = text(&out.stdout);
    assert!(en.contains("Holidays (3): 1 2 3"), "{en}");
    assert!(en.contains("Make-up working days: 4 (Sun)"), "{en}");
    assert!(!en.contains("not imported"), "{en}");
    // a whole year ends with its count of working days
    let out = run(dir.path(), "en", &["calendar", "show", "2026"], "");
    assert!(
        text(&out.stdout).contains("2026 has"),
        "{}",
        text(&out.stdout)
    );
    // a period that is not one
    let out = run(dir.path(), "en", &["calendar", "show", "2026-13"], "");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_year_without_data_is_shown_as_monday_to_friday_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let out = run(dir.path(), "zh", &["calendar", "show", "2027-01"], "");
    let zh = text(&out.stdout);
    assert!(zh.contains("2027 年的节假日安排尚未导入"), "{zh}");
    // 1 January 2027 is a Friday: without data it counts as a working day
    assert!(zh.contains("工作日（21 天）：1 4 5"), "{zh}");
}

#[test]
fn an_administrator_imports_a_later_year_and_nobody_else_can() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let file = dir.path().join("2027.csv");
    std::fs::write(
        &file,
        "# 2027 年部分节假日\ndate,kind\n2027-01-01,holiday\n2027-02-06~2027-02-12,holiday\n2027-02-14,workday\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    // Without the administrator: refused, nothing written.
    let out = run(dir.path(), "en", &["calendar", "import", f], "");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("--admin"),
        "{}",
        text(&out.stderr)
    );
    // A wrong password is refused too.
    let out = run(
        dir.path(),
        "en",
        &[
            "calendar",
            "import",
            f,
            "--admin",
            "boss",
            "--password-stdin",
        ],
        "not the password\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let shown = text(&run(dir.path(), "en", &["calendar", "show", "2027-02"], "").stdout);
    assert!(shown.contains("not imported"), "{shown}");
    // With the administrator.
    let out = run(
        dir.path(),
        "en",
        &[
            "calendar",
            "import",
            f,
            "--admin",
            "boss",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("8 holidays, 1 make-up"),
        "{}",
        text(&out.stdout)
    );
    let shown = text(&run(dir.path(), "en", &["calendar", "show", "2027-02"], "").stdout);
    assert!(!shown.contains("not imported"), "{shown}");
    assert!(shown.contains("Holidays (7): 6 7 8 9 10 11 12"), "{shown}");
    assert!(shown.contains("Make-up working days: 14 (Sun)"), "{shown}");
    // Audited as the administrator; the chain is whole.
    let conn = rusqlite::Connection::open(db(dir.path())).unwrap();
    let (actor, action): (String, String) = conn
        .query_row(
            "SELECT actor, action FROM audit WHERE entity = 'calendar' ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((actor.as_str(), action.as_str()), ("boss", "import"));
    assert!(
        run(dir.path(), "en", &["audit", "verify"], "")
            .status
            .success()
    );
    // The same year again needs --replace.
    let out = run(
        dir.path(),
        "en",
        &[
            "calendar",
            "import",
            f,
            "--admin",
            "boss",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--replace"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_bad_file_is_refused_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let file = dir.path().join("bad.csv");
    std::fs::write(
        &file,
        "2027-01-01,holiday\n2027-02-30,holiday\n2027-01-05,workday\n2028-01-01,holiday\n",
    )
    .unwrap();
    let out = run(
        dir.path(),
        "en",
        &[
            "calendar",
            "import",
            file.to_str().unwrap(),
            "--admin",
            "boss",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    for line in ["Line 2:", "Line 3:", "Line 4:", "nothing was imported"] {
        assert!(err.contains(line), "{line} in {err}");
    }
    let shown = text(&run(dir.path(), "en", &["calendar", "show", "2027-01"], "").stdout);
    assert!(shown.contains("not imported"), "{shown}");
}
