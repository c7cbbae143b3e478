//! A `postgres://` database runs every command against the server, except `restore`, which
//! replaces a station's file: on a server that is the server's own tools' work, and the
//! command says so in the user's language instead of taking the URL for a file name.
use std::process::Command;

fn run(lang: &str, url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_stationdesk"))
        .env(
            "STATIONDESK_CONFIG_DIR",
            std::env::temp_dir().join("stationdesk-server-only"),
        )
        .args(["--lang", lang, "--db", url])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn restore_onto_a_server_names_the_servers_own_tools() {
    let url = "postgres://desk:secret@county.example/stationdesk";
    for (lang, words) in [("zh", "pg_basebackup"), ("en", "server's own tools")] {
        let out = run(lang, url, &["restore", "/nonexistent/copy.db"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(words), "{err}");
        assert!(!err.contains("secret"), "the password is not shown: {err}");
        assert!(
            !std::path::Path::new("postgres:").exists(),
            "no file was made"
        );
    }
}

#[test]
fn a_server_that_cannot_be_reached_is_named_without_its_password() {
    // A port nothing listens on: refused at once.
    let url = "postgres://desk:secret@127.0.0.1:1/stationdesk";
    for (lang, words) in [
        ("zh", "无法连接服务器"),
        ("en", "cannot connect to the server"),
    ] {
        let out = run(lang, url, &["find", "张"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.to_lowercase().contains(&words.to_lowercase()), "{err}");
        assert!(!err.contains("secret"), "the password is not shown: {err}");
        assert!(
            !std::path::Path::new("postgres:").exists(),
            "no file was made"
        );
    }
}
