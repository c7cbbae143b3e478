//! `stationdesk init`, `stationdesk user …` and `audit verify`, run as the built binary with the password
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
        self.run_on(&self.db(), lang, args, stdin)
    }

    fn run_on(&self, db: &Path, lang: &str, args: &[&str], stdin: Option<&str>) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_stationdesk"));
        cmd.arg("--db")
            .arg(db)
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

    /// Runs an administrator's command as `boss`: `--admin boss --password-stdin`, with
    /// boss's password on the first line of standard input and `more` after it.
    fn as_admin(&self, args: &[&str], more: &str) -> Output {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--admin", "boss"]);
        if !all.contains(&"--password-stdin") {
            all.push("--password-stdin");
        }
        self.run(&all, Some(&format!("{PASSWORD}\n{more}")))
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
    // `cli:` and the operating-system account of the process, whatever $USER says.
    let cli_actor = format!("cli:{}", stationdesk::store::audit::os_user());
    assert!(
        trail.iter().all(|(actor, _, _)| *actor == cli_actor),
        "{trail:?}"
    );
    assert!(trail.contains(&(cli_actor, "create".into(), "boss".into())));

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

    let add = desk.as_admin(
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
        "clerk pass phrase\n",
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

    let twice = desk.as_admin(
        &[
            "user",
            "add",
            "Clerk",
            "--role",
            "admin",
            "--password-stdin",
        ],
        "other pass phrase\n",
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
    let odd_name = desk.as_admin(
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
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(code(&odd_name), 0, "{}", stderr(&odd_name));

    let long = desk.as_admin(
        &[
            "user",
            "add",
            "zhao",
            "--role",
            "officer",
            "--password-stdin",
        ],
        &format!("{}\n", "x".repeat(300)),
    );
    assert_eq!(code(&long), 1);
    assert!(stderr(&long).contains("too long"), "{}", stderr(&long));

    assert_eq!(code(&desk.as_admin(&["user", "disable", "clerk"], "")), 0);
    let last = desk.as_admin(&["user", "disable", "boss"], "");
    assert_eq!(code(&last), 1);
    assert!(stderr(&last).contains("last active administrator"));
    let nobody = desk.as_admin(&["user", "enable", "nobody"], "");
    assert_eq!(code(&nobody), 1);
    assert!(stderr(&nobody).contains("nobody"));

    let list = desk.run(&["user", "list"], None);
    let text = stdout(&list);
    assert!(text.contains("clerk\t张三\tOfficer\tdisabled"), "{text}");
    assert!(
        text.contains("wang\t'; DROP TABLE people; --\tOfficer\tactive"),
        "{text}"
    );

    assert_eq!(code(&desk.as_admin(&["user", "enable", "clerk"], "")), 0);
    let passwd = desk.as_admin(
        &["user", "passwd", "clerk", "--password-stdin"],
        "new clerk phrase\n",
    );
    assert_eq!(code(&passwd), 0, "{}", stderr(&passwd));
    assert_eq!(
        code(&desk.run(&["user", "passwd", "clerk"], Some("x\n"))),
        2
    );

    let actions: Vec<(String, String)> = audit(&desk.db())
        .into_iter()
        .filter(|(actor, _, _)| actor == "boss")
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

/// Issue 14, item 5: administrator work from the command line needs an administrator once
/// the database has accounts; before, `user add mallory --role admin` needed nothing.
#[test]
fn administrator_commands_without_credentials_are_refused() {
    let desk = Desk::new();
    assert_eq!(code(&desk.init()), 0);
    let roster = desk.dir.path().join("roster.csv");
    std::fs::write(&roster, "姓名,身份证号,人员类别\n").unwrap();
    let backup = desk.dir.path().join("copy.db");
    let roster = roster.to_str().unwrap();
    let backup_arg = backup.to_str().unwrap();
    let attempts: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "user",
                "add",
                "mallory",
                "--role",
                "admin",
                "--password-stdin",
            ],
            "mallory pass phrase\n",
        ),
        (
            vec!["user", "passwd", "boss", "--password-stdin"],
            "taken over phrase\n",
        ),
        (vec!["user", "disable", "boss"], ""),
        (vec!["user", "enable", "boss"], ""),
        (vec!["user", "role", "boss", "--role", "officer"], ""),
        (vec!["user", "lockout", "--attempts", "10"], ""),
        (vec!["import", roster], ""),
        (vec!["restore", backup_arg], ""),
    ];
    for (args, stdin) in attempts {
        let out = desk.run(&args, Some(stdin));
        assert_eq!(code(&out), 1, "{args:?} was allowed: {}", stdout(&out));
        assert!(
            stderr(&out).contains("--admin"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let list = stdout(&desk.run(&["user", "list"], None));
    assert!(!list.contains("mallory"), "{list}");
    assert!(list.contains("boss\tboss\tAdministrator\tactive"), "{list}");

    // A wrong administrator password is refused and counted like a failed login.
    let wrong = desk.run(
        &[
            "user",
            "enable",
            "boss",
            "--admin",
            "boss",
            "--password-stdin",
        ],
        Some("not the password\n"),
    );
    assert_eq!(code(&wrong), 1);
    assert!(
        audit(&desk.db())
            .iter()
            .any(|(_, a, who)| a == "login_failed" && who == "boss")
    );

    // An officer is not an administrator.
    let clerk = desk.as_admin(
        &[
            "user",
            "add",
            "clerk",
            "--role",
            "officer",
            "--password-stdin",
        ],
        "clerk pass phrase\n",
    );
    assert_eq!(code(&clerk), 0, "{}", stderr(&clerk));
    let by_clerk = desk.run(
        &[
            "user",
            "role",
            "clerk",
            "--role",
            "admin",
            "--admin",
            "clerk",
            "--password-stdin",
        ],
        Some("clerk pass phrase\n"),
    );
    assert_eq!(code(&by_clerk), 1);
    assert!(
        stderr(&by_clerk).contains("Only an administrator"),
        "{}",
        stderr(&by_clerk)
    );
    let promoted = desk.as_admin(&["user", "role", "clerk", "--role", "admin"], "");
    assert_eq!(code(&promoted), 0, "{}", stderr(&promoted));
}

/// The audit actor was whatever `$USER` said; now it is the administrator who signed the
/// command, with the operating-system account (from the process's user id) beside it.
#[test]
fn the_audit_records_the_officer_and_the_real_os_user() {
    let desk = Desk::new();
    assert_eq!(code(&desk.init()), 0);
    let out = desk.as_admin(
        &[
            "user",
            "add",
            "clerk",
            "--role",
            "officer",
            "--password-stdin",
        ],
        "clerk pass phrase\n",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let conn = rusqlite::Connection::open(desk.db()).unwrap();
    let (actor, os_user): (String, String) = conn
        .query_row(
            "SELECT actor, os_user FROM audit WHERE action = 'create' AND entity_id = 'clerk'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(actor, "boss");
    // The test sets USER=tester; the process runs as someone else.
    assert!(!os_user.is_empty() && os_user != "tester", "{os_user}");
}

/// The lockout rule was read from the caller's own config file (100000 attempts: guess
/// freely); now it lives in the database and only an administrator changes it.
#[test]
fn the_lockout_rule_is_the_stations_not_the_config_files() {
    let desk = Desk::new();
    assert_eq!(code(&desk.init()), 0);
    let config = desk.dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "lockout_attempts = 100000\nlockout_minutes = 1\n",
    )
    .unwrap();
    let show = desk.run(&["user", "lockout"], None);
    assert_eq!(code(&show), 0);
    assert!(
        stdout(&show).contains("after 5 wrong passwords"),
        "{}",
        stdout(&show)
    );
    assert!(
        stderr(&show).contains("no longer read"),
        "{}",
        stderr(&show)
    );

    let set = desk.as_admin(
        &["user", "lockout", "--attempts", "3", "--minutes", "30"],
        "",
    );
    assert_eq!(code(&set), 0, "{}", stderr(&set));
    let too_many = desk.as_admin(&["user", "lockout", "--attempts", "100000"], "");
    assert_eq!(code(&too_many), 2);
    for _ in 0..3 {
        let guess = desk.run(
            &[
                "user",
                "enable",
                "boss",
                "--admin",
                "boss",
                "--password-stdin",
            ],
            Some("a guess at it\n"),
        );
        assert_eq!(code(&guess), 1);
    }
    let right = desk.as_admin(&["user", "enable", "boss"], "");
    assert_eq!(code(&right), 1);
    assert!(stderr(&right).contains("locked"), "{}", stderr(&right));
    assert!(
        audit(&desk.db())
            .iter()
            .any(|(a, act, _)| a == "boss" && act == "lockout_policy")
    );
}

/// `audit verify` finds a record deleted with the append-only triggers dropped, and one
/// changed; a database from before the chain is migrated with its records as the start.
#[test]
fn audit_verify_finds_a_deleted_or_changed_record() {
    let desk = Desk::new();
    assert_eq!(code(&desk.init()), 0);
    for name in ["a1", "a2", "a3"] {
        let out = desk.as_admin(
            &["user", "add", name, "--role", "officer", "--password-stdin"],
            "clerk pass phrase\n",
        );
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    let whole = desk.run(&["audit", "verify"], None);
    assert_eq!(code(&whole), 0, "{}", stderr(&whole));
    assert!(stdout(&whole).contains("is whole"), "{}", stdout(&whole));

    let changed = desk.dir.path().join("changed.db");
    std::fs::copy(desk.db(), &changed).unwrap();
    {
        let conn = rusqlite::Connection::open(&changed).unwrap();
        conn.execute_batch(
            "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'someone' WHERE id = 3;",
        )
        .unwrap();
    }
    let out = desk.run_on(&changed, "en", &["audit", "verify"], None);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("record #3"), "{}", stderr(&out));

    {
        let conn = rusqlite::Connection::open(desk.db()).unwrap();
        conn.execute_batch("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 4;")
            .unwrap();
    }
    let out = desk.run(&["audit", "verify"], None);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("#4"), "{}", stderr(&out));
}

#[test]
fn an_audit_trail_from_before_the_chain_becomes_its_start() {
    use stationdesk::store::migrations::MIGRATIONS;
    let desk = Desk::new();
    std::fs::create_dir_all(desk.db().parent().unwrap()).unwrap();
    {
        let conn = rusqlite::Connection::open(desk.db()).unwrap();
        for (v, sql) in MIGRATIONS.iter().filter(|(v, _)| *v <= 5) {
            conn.execute_batch(sql).unwrap();
            conn.execute_batch(&format!("PRAGMA user_version = {v}"))
                .unwrap();
        }
        conn.execute_batch(&format!(
            "PRAGMA application_id = {};",
            stationdesk::store::APPLICATION_ID
        ))
        .unwrap();
        for i in 0..4 {
            conn.execute(
                "INSERT INTO audit(at, actor, action, entity) VALUES ('2026-11-0' || ?1, 'old', 'login', 'officer')",
                [i + 1],
            )
            .unwrap();
        }
    }
    let out = desk.run(&["audit", "verify"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("4 records"), "{}", stdout(&out));
}

/// Records cut off the end of the trail leave the chain whole; the head a backup's
/// checksum file recorded shows it (`audit verify --against`).
#[test]
fn a_trail_cut_back_after_a_backup_is_caught_against_its_head() {
    let desk = Desk::new();
    assert_eq!(code(&desk.init()), 0);
    for name in ["a1", "a2"] {
        let out = desk.as_admin(
            &["user", "add", name, "--role", "officer", "--password-stdin"],
            "clerk pass phrase\n",
        );
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    let backup = desk.dir.path().join("b.db");
    let out = desk.run(&["backup", backup.to_str().unwrap()], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let sums = desk.dir.path().join("b.db.sha256");
    let ok = desk.run(
        &["audit", "verify", "--against", sums.to_str().unwrap()],
        None,
    );
    assert_eq!(code(&ok), 0, "{}", stderr(&ok));
    assert!(stdout(&ok).contains("is in the trail"), "{}", stdout(&ok));
    {
        let conn = rusqlite::Connection::open(desk.db()).unwrap();
        conn.execute_batch(
            "DROP TRIGGER audit_no_delete; \
             DELETE FROM audit WHERE id >= (SELECT max(id) - 2 FROM audit);",
        )
        .unwrap();
    }
    let plain = desk.run(&["audit", "verify"], None);
    assert_eq!(
        code(&plain),
        0,
        "a cut at the end leaves the chain itself whole"
    );
    let against = desk.run(
        &["audit", "verify", "--against", backup.to_str().unwrap()],
        None,
    );
    assert_eq!(code(&against), 1);
    assert!(
        stderr(&against).contains("cut back"),
        "{}",
        stderr(&against)
    );
}

/// Demo data went into a station's database without any password; now demo writes only
/// into a database without accounts (a practice one).
#[test]
fn demo_data_stays_out_of_a_stations_record() {
    let desk = Desk::new();
    assert_eq!(code(&desk.init()), 0);
    let out = desk.run(&["demo", "--people", "20"], None);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("practice database"),
        "{}",
        stderr(&out)
    );
    let conn = rusqlite::Connection::open(desk.db()).unwrap();
    let people: i64 = conn
        .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .unwrap();
    assert_eq!(people, 0);
}
