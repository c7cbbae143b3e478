//! A `postgres://` database runs `migrate` and `backup` only in this version: every other
//! command, and the desk, say so in the user's language instead of taking the URL for a
//! file name.
use std::process::Command;

#[test]
fn other_commands_on_a_server_say_what_this_version_runs() {
    let url = "postgres://desk:secret@county.example/stationdesk";
    for (lang, words) in [
        ("zh", "只能对服务器数据库"),
        ("en", "runs only stationdesk migrate"),
    ] {
        for args in [&["find", "张"][..], &["report", "daily"][..], &[][..]] {
            let out = Command::new(env!("CARGO_BIN_EXE_stationdesk"))
                .env(
                    "STATIONDESK_CONFIG_DIR",
                    std::env::temp_dir().join("stationdesk-server-only"),
                )
                .args(["--lang", lang, "--db", url])
                .args(args)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
            assert!(err.contains(words), "{args:?}: {err}");
            assert!(!err.contains("secret"), "the password is not shown: {err}");
            assert!(
                !std::path::Path::new("postgres:").exists(),
                "no file was made"
            );
        }
    }
}
