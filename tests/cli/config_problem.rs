//! A broken config file is told on stderr in the same words as on the screens: the line,
//! the column and what is wrong, in the chosen language, never toml's English.
#![allow(clippy::unwrap_used)]
use std::process::Command;

#[test]
fn a_command_names_the_bad_config_entry_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "lang = \"zh\"\n\ncolour = 1\n").unwrap();
    let db = dir.path().join("desk.db");
    let out = Command::new(env!("CARGO_BIN_EXE_stationdesk"))
        .env("STATIONDESK_CONFIG_DIR", &config)
        .args(["--lang", "zh", "demo", "--people", "5", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("config.toml"), "{stderr}");
    assert!(
        stderr.contains("第 3 行第 1 列") && stderr.contains("colour"),
        "{stderr}"
    );
    for word in ["unknown field", "expected", "TOML parse error"] {
        assert!(!stderr.contains(word), "{stderr}");
    }
}
