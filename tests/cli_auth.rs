//! `stationdesk init` and `stationdesk user …`, run as the built binary with the password
//! piped on standard input.
// Test helpers outside #[test] functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const PASSWORD: &str = "a long pass phrase";

struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        Desk {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("data/station.db")
    }

    /// Runs the program on this desk's database in English, feeding `stdin`.
    fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        self.run_lang("en", args, stdin)
    }

    fn run_lang(&self, lang: &str, args: &[&str], stdin: Option<&str>) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_stationdesk"));
        cmd.arg("--db")
            .arg(self.db())
            .args(["--lang", lang])
            .args(args)
            // A private config directory: the tester's own config must not leak in.
            .env("STATIONDESK_CONFIG_DIR", self.dir.path().join("config"))
            .env_remove("STATIONDESK_DB")
            .env_remove("STATIONDESK_NOW")
            .env("USER", "tester")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        {
            let mut input = child.stdin.take().unwrap();
            if let Some(text) = stdin {
                // The program may exit before reading (a usage error); that is fine.
                let _ = input.write_all(text.as_bytes());
            }
        }
        child.wait_with_output().unwrap()
    }

    fn init(&self) -> Output {
        self.run(
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
            Some(&format!("{PASSWORD}\n")),
        )
    }
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The database holds personal information: readable and writable by its owner only.
#[cfg(unix)]
fn assert_private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{}", path.display());
}

#[cfg(not(unix))]
fn assert_private(_path: &Path) {}

fn audit(db: &Path) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT actor, action, entity_id FROM audit ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn init_creates_a_private_database_and_the_first_administrator() {
    let desk = Desk::new();
    let out = desk.init();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("\"boss\""), "{}", stdout(&out));
    assert_private(&desk.db());

    let trail = audit(&desk.db());
    assert!(
        trail.iter().all(|(actor, _, _)| actor == "cli:tester"),
        "{trail:?}"
    );
    assert!(trail.contains(&("cli:tester".into(), "create".into(), "boss".into())));

    // A second init would be a way to take the station over: refused, pointing at user add.
    let again = desk.init();
    assert_eq!(code(&again), 1);
    assert!(stderr(&again).contains("user add"), "{}", stderr(&again));
    let zh = desk.run_lang(
        "zh",
        &[
            "init",
            "--station",
            "x",
            "--level",
            "town",
            "--admin",
            "other",
            "--password-stdin",
        ],
        Some("another pass phrase\n"),
    );
    assert_eq!(code(&zh), 1);
    assert!(stderr(&zh).contains("已有管理员"), "{}", stderr(&zh));

    let list = desk.run(&["user", "list"], None);
    assert_eq!(code(&list), 0);
    assert!(
        stdout(&list).contains("boss\tboss\tAdministrator\tactive"),
        "{}",
        stdout(&list)
    );
}

#[test]
fn init_needs_the_password_on_stdin() {
    let desk = Desk::new();
    let args = [
        "init",
        "--station",
        "服务站",
        "--level",
        "village",
        "--admin",
        "boss",
    ];
    let out = desk.run(&args, Some(&format!("{PASSWORD}\n")));
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("--password-stdin"),
        "{}",
        stderr(&out)
    );

    let mut with_flag = args.to_vec();
    with_flag.push("--password-stdin");
    let empty = desk.run(&with_flag, Some(""));
    assert_eq!(code(&empty), 1);
    assert!(stderr(&empty).contains("empty"), "{}", stderr(&empty));

    let short = desk.run(&with_flag, Some("short\n"));
    assert_eq!(code(&short), 1);
    assert!(stderr(&short).contains("too short"), "{}", stderr(&short));

    let zh = desk.run_lang("zh", &with_flag, Some("short\r\n"));
    assert_eq!(code(&zh), 1);
    assert!(stderr(&zh).contains("密码太短"), "{}", stderr(&zh));

    let control = desk.run(&with_flag, Some("tab\tinside password\n"));
    assert_eq!(code(&control), 1);
    assert!(stderr(&control).contains("control"), "{}", stderr(&control));

    let bad_name = desk.run(
        &[
            "init",
            "--station",
            "服务站",
            "--level",
            "town",
            "--admin",
            "a b",
            "--password-stdin",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    assert_eq!(code(&bad_name), 1);

    let bad_level = desk.run(
        &[
            "init",
            "--station",
            "服务站",
            "--level",
            "city",
            "--admin",
            "boss",
            "--password-stdin",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    assert_eq!(code(&bad_level), 2);

    // Nothing was created by the refused attempts, so a correct init still works.
    let list = desk.run(&["user", "list"], None);
    assert!(stdout(&list).contains("no accounts"), "{}", stdout(&list));
    assert_eq!(code(&desk.init()), 0);
}

#[test]
fn user_administration_from_the_command_line() {
    let desk = Desk::new();
    assert_eq!(code(&desk.init()), 0);

    let add = desk.run(
        &[
            "user",
            "add",
            "clerk",
            "--role",
            "officer",
            "--name",
            "张三",
            "--password-stdin",
        ],
        Some("clerk pass phrase\n"),
    );
    assert_eq!(code(&add), 0, "{}", stderr(&add));
    assert!(stdout(&add).contains("clerk"));

    let no_flag = desk.run(&["user", "add", "li", "--role", "officer"], Some(PASSWORD));
    assert_eq!(code(&no_flag), 2);
    assert!(stderr(&no_flag).contains("--password-stdin"));

    let bad_role = desk.run(
        &["user", "add", "li", "--role", "root", "--password-stdin"],
        Some(PASSWORD),
    );
    assert_eq!(code(&bad_role), 2);

    let twice = desk.run(
        &[
            "user",
            "add",
            "Clerk",
            "--role",
            "admin",
            "--password-stdin",
        ],
        Some("other pass phrase\n"),
    );
    assert_eq!(code(&twice), 1);
    assert!(stderr(&twice).contains("exists"), "{}", stderr(&twice));

    let injection = desk.run(
        &[
            "user",
            "add",
            "'; DROP TABLE people; --",
            "--role",
            "officer",
            "--password-stdin",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    assert_eq!(code(&injection), 1);
    let odd_name = desk.run(
        &[
            "user",
            "add",
            "wang",
            "--role",
            "officer",
            "--name",
            "'; DROP TABLE people; --",
            "--password-stdin",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    assert_eq!(code(&odd_name), 0, "{}", stderr(&odd_name));

    let long = desk.run(
        &[
            "user",
            "add",
            "zhao",
            "--role",
            "officer",
            "--password-stdin",
        ],
        Some(&format!("{}\n", "x".repeat(300))),
    );
    assert_eq!(code(&long), 1);
    assert!(stderr(&long).contains("too long"), "{}", stderr(&long));

    assert_eq!(code(&desk.run(&["user", "disable", "clerk"], None)), 0);
    let last = desk.run(&["user", "disable", "boss"], None);
    assert_eq!(code(&last), 1);
    assert!(stderr(&last).contains("last active administrator"));
    let nobody = desk.run(&["user", "enable", "nobody"], None);
    assert_eq!(code(&nobody), 1);
    assert!(stderr(&nobody).contains("nobody"));

    let list = desk.run(&["user", "list"], None);
    let text = stdout(&list);
    assert!(text.contains("clerk\t张三\tOfficer\tdisabled"), "{text}");
    assert!(
        text.contains("wang\t'; DROP TABLE people; --\tOfficer\tactive"),
        "{text}"
    );

    assert_eq!(code(&desk.run(&["user", "enable", "clerk"], None)), 0);
    let passwd = desk.run(
        &["user", "passwd", "clerk", "--password-stdin"],
        Some("new clerk phrase\n"),
    );
    assert_eq!(code(&passwd), 0, "{}", stderr(&passwd));
    assert_eq!(
        code(&desk.run(&["user", "passwd", "clerk"], Some("x\n"))),
        2
    );

    let actions: Vec<(String, String)> = audit(&desk.db())
        .into_iter()
        .filter(|(actor, _, _)| actor == "cli:tester")
        .map(|(_, action, who)| (action, who))
        .collect();
    for expected in [
        ("create", "clerk"),
        ("create", "wang"),
        ("disable", "clerk"),
        ("enable", "clerk"),
        ("password_reset", "clerk"),
    ] {
        assert!(
            actions.contains(&(expected.0.into(), expected.1.into())),
            "{expected:?} missing from {actions:?}"
        );
    }
    assert_private(&desk.db());
}
