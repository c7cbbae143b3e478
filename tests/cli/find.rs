//! `stationdesk find` and `demo` from the command line, as a script or an officer uses them.
#![allow(clippy::unwrap_used)]
use stationdesk::domain::person::{IdRule, PersonInput};
use stationdesk::store::Store;
use std::path::Path;
use std::process::Command;

fn bin(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stationdesk"));
    c.env("STATIONDESK_CONFIG_DIR", db.with_extension("config"))
        .arg("--db")
        .arg(db);
    c
}

fn seed(db: &Path) {
    let mut s = Store::open(db).unwrap();
    for (name, id, phone) in [
        ("单雄信", "11010519491231002X", "138-0000-1234"),
        ("曾国藩", "450102198003051236", "0771-5556677"),
        ("阿依古丽·买买提", "650102199001011245", ""),
        ("尉迟恭", "450102196502284419", "13912345678"),
        ("张三丰", "450102197001011234", "15077778888"),
    ] {
        let first17 = &id[..17];
        let id = format!(
            "{first17}{}",
            stationdesk::domain::id_number::check_char(first17).unwrap()
        );
        let p = PersonInput {
            name: name.into(),
            id_number: id,
            phone: phone.into(),
            category: "退役士兵".into(),
            ..Default::default()
        }
        .validate(IdRule::Required)
        .unwrap();
        s.save_person(&p).unwrap();
    }
}

fn find(db: &Path, query: &str) -> Vec<serde_json::Value> {
    let out = bin(db).args(["find", query, "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn first_name(db: &Path, query: &str) -> String {
    find(db, query)
        .first()
        .map(|v| v["name"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

#[test]
fn polyphonic_and_compound_surnames_initials_and_tails() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    seed(&db);
    assert_eq!(first_name(&db, "shan"), "单雄信");
    assert_eq!(first_name(&db, "zeng"), "曾国藩");
    assert_eq!(first_name(&db, "yuchi"), "尉迟恭");
    assert_eq!(first_name(&db, "zsf"), "张三丰");
    assert_eq!(first_name(&db, "阿依古丽"), "阿依古丽·买买提");
    assert_eq!(
        first_name(&db, "002x"),
        "单雄信",
        "an ID tail typed with a lower-case x"
    );
    assert_eq!(first_name(&db, "1231002X"), "单雄信");
    assert_eq!(
        first_name(&db, "138-0000-1234"),
        "单雄信",
        "a phone typed with dashes"
    );
    assert_eq!(first_name(&db, "1234"), "单雄信", "a phone tail");
    assert_eq!(first_name(&db, "6677"), "曾国藩", "a landline tail");
    assert!(find(&db, "qqqqzzzz").is_empty());
}

#[test]
fn json_lines_are_masked_and_complete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    seed(&db);
    let hits = find(&db, "单雄信");
    let v = &hits[0];
    assert_eq!(v["id_number_masked"], "110105********002X");
    assert_eq!(v["phone_masked"], "138****1234");
    assert_eq!(v["category"], "退役士兵");
    assert!(v["id"].as_i64().unwrap() > 0);
    assert!(v["score"].as_i64().is_some());
    // The plain output is masked too, and aligned by display width.
    let out = bin(&db).args(["find", "shan"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("110105********002X") && !text.contains("11010519491231002X"),
        "{text}"
    );
}

#[test]
fn an_empty_database_and_no_match_are_not_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    drop(Store::open(&db).unwrap());
    let out = bin(&db)
        .args(["--lang", "en", "find", "zsf"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Nobody matches"));
}

#[test]
fn demo_data_is_reproducible_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    for db in [&a, &b] {
        let out = bin(db)
            .args(["demo", "--people", "500", "--seed", "9"])
            .env("STATIONDESK_NOW", "2026-11-25 10:00")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let names = |db: &Path| {
        let c = rusqlite::Connection::open(db).unwrap();
        let mut s = c
            .prepare("SELECT name || id_number FROM people ORDER BY id")
            .unwrap();
        s.query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&a), names(&b));
    assert_eq!(names(&a).len(), 500);
    let store = Store::open(&a).unwrap();
    assert!(
        store
            .visits_between(
                chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
                chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
            )
            .unwrap()
            .len()
            > 50
    );
}

/// `bench search` prints its figures as one JSON line last, and `--dump` writes the same
/// keys and keystrokes for another matcher.
#[test]
fn bench_search_reports_json_and_dumps_its_work() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let demo = bin(&db).args(["demo", "--people", "500"]).output().unwrap();
    assert!(demo.status.success());
    let dump = dir.path().join("dump");
    let out = bin(&db)
        .args(["bench", "search", "--queries", "20", "--dump"])
        .arg(&dump)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["people"], 500);
    for field in [
        "index_load_ms",
        "keystrokes",
        "p50_us",
        "p99_us",
        "max_us",
        "rss_mb",
    ] {
        assert!(last[field].is_number(), "{field}: {last}");
    }
    let keys = std::fs::read_to_string(dump.join("keys.txt")).unwrap();
    assert_eq!(keys.lines().count(), 500);
    let strokes = std::fs::read_to_string(dump.join("keystrokes.txt")).unwrap();
    assert_eq!(
        strokes.lines().count() as u64,
        last["keystrokes"].as_u64().unwrap()
    );
}
