//! The dates of an export: a range that ends before it begins is a mistake to name, not an
//! empty file.
#![allow(clippy::unwrap_used)]
use std::process::Command;

fn export(dir: &std::path::Path, lang: &str) -> std::process::Output {
    let db = dir.join("desk.db");
    Command::new(env!("CARGO_BIN_EXE_stationdesk"))
        .env("STATIONDESK_CONFIG_DIR", dir.join("config"))
        .env("STATIONDESK_NOW", "2026-11-25 10:00")
        .env("USER", "tester")
        .args(["--db", db.to_str().unwrap(), "--lang", lang])
        .args([
            "export",
            "visits",
            "--from",
            "2026-11-20",
            "--to",
            "2026-11-01",
        ])
        .args(["--out", dir.join("v.csv").to_str().unwrap()])
        .output()
        .unwrap()
}

#[test]
fn from_later_than_to_is_a_user_error_naming_both_dates() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, word) in [("zh", "晚于"), ("en", "later than")] {
        let out = export(dir.path(), lang);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{lang}: {stderr}");
        assert!(
            stderr.contains("2026-11-20") && stderr.contains("2026-11-01") && stderr.contains(word),
            "{lang}: {stderr}"
        );
        assert!(
            !dir.path().join("v.csv").exists(),
            "{lang}: no file is written"
        );
    }
}
