//! Opening a database: another program's file is left byte for byte as it was, nothing is
//! created by a mistyped `--db`, file modes are tightened, and the command line's messages
//! are its own (a full disk says so).
#![allow(clippy::unwrap_used)]
use stationdesk::store::{Store, StoreError};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stationdesk"));
    c.env(
        "STATIONDESK_CONFIG_DIR",
        std::env::temp_dir().join("stationdesk-test-no-config"),
    )
    .env("STATIONDESK_LANG", "zh")
    .stdin(Stdio::null());
    c
}

/// Runs the program, killing it if it has not ended in 20 s (a pipe handed to SQLite
/// would block it forever).
fn run(cmd: &mut Command) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

fn sidecars(db: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| PathBuf::from(format!("{}{s}", db.display())))
        .filter(|p| p.exists())
        .collect()
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(p: &Path, m: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
}

/// Another program's SQLite file (tables, rollback journal) is refused by the library and
/// by the command line, and is byte-identical afterwards with nothing made beside it.
#[test]
fn another_programs_database_is_refused_and_left_as_it_was() {
    if crate::common::pg::file_only("another_programs_database_is_refused_and_left_as_it_was") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("accounts.sqlite");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(
            "PRAGMA journal_mode=DELETE;
             CREATE TABLE ledger(id INTEGER PRIMARY KEY, amount INTEGER);
             INSERT INTO ledger(amount) VALUES (100), (250);
             CREATE INDEX ledger_amount ON ledger(amount);",
        )
        .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    assert!(matches!(
        Store::open_existing(&crate::common::pg::db(&db)),
        Err(StoreError::NotOurs { .. })
    ));
    assert!(matches!(
        Store::open(&crate::common::pg::db(&db)),
        Err(StoreError::NotOurs { .. })
    ));
    for args in [&["user", "list"][..], &["find", "x"], &["report", "daily"]] {
        let out = run(bin().arg("--db").arg(&db).args(args));
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("不是 stationdesk 的数据库"),
            "{args:?}"
        );
    }
    assert!(
        std::fs::read(&db).unwrap() == before,
        "the file was changed"
    );
    assert_eq!(sidecars(&db), Vec::<PathBuf>::new());
}

/// A folder, a pipe or a device is refused with one sentence, and nothing is made beside it
/// (no `/dev/null-journal`).
#[test]
fn a_folder_a_pipe_or_a_device_is_refused() {
    if crate::common::pg::file_only("a_folder_a_pipe_or_a_device_is_refused") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.db");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let folder = dir.path().join("folder.db");
    std::fs::create_dir(&folder).unwrap();
    let null_journal = Path::new("/dev/null-journal");
    let had_null_journal = null_journal.exists();
    for path in [fifo.as_path(), folder.as_path(), Path::new("/dev/null")] {
        let out = run(bin().arg("--db").arg(path).args(["user", "list"]));
        assert_eq!(out.status.code(), Some(1), "{}", path.display());
        assert!(
            stderr(&out).contains("不是普通文件"),
            "{}: {}",
            path.display(),
            stderr(&out)
        );
        assert!(matches!(
            Store::open(&crate::common::pg::db(path)),
            Err(StoreError::NotAFile { .. })
        ));
        assert_eq!(sidecars(path), Vec::<PathBuf>::new(), "{}", path.display());
    }
    assert_eq!(null_journal.exists(), had_null_journal);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
}

/// A mistyped `--db` is an error for every command but `init` and `demo`: no folder and no
/// empty database appear.
#[test]
fn a_missing_database_is_an_error_and_nothing_is_created() {
    if crate::common::pg::file_only("a_missing_database_is_an_error_and_nothing_is_created") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("roster.csv");
    std::fs::write(&roster, "姓名,身份证号,人员类别\n").unwrap();
    let typo = dir.path().join("statoin/sub/desk.db");
    let out_csv = dir.path().join("people.csv");
    let backup = dir.path().join("copy.db");
    let commands: Vec<Vec<String>> = vec![
        vec!["user".into(), "list".into()],
        vec!["find".into(), "zsf".into()],
        vec![
            "export".into(),
            "people".into(),
            "--out".into(),
            out_csv.display().to_string(),
        ],
        vec!["report".into(), "daily".into()],
        vec!["backup".into(), backup.display().to_string()],
        vec!["import".into(), roster.display().to_string()],
        vec![
            "import".into(),
            "--dry-run".into(),
            roster.display().to_string(),
        ],
    ];
    for args in &commands {
        let out = run(bin().arg("--db").arg(&typo).args(args));
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("数据库文件不存在"), "{args:?}: {err}");
        assert!(err.contains("statoin/sub/desk.db"), "{args:?}: {err}");
        assert!(
            !dir.path().join("statoin").exists(),
            "{args:?} made folders"
        );
        assert!(!backup.exists() && !out_csv.exists(), "{args:?}");
    }
    assert!(matches!(
        Store::open_existing(&crate::common::pg::db(&typo)),
        Err(StoreError::Missing { .. })
    ));
    // `demo` makes a new database, in folders only its owner can enter.
    let out = run(bin()
        .arg("--db")
        .arg(&typo)
        .args(["demo", "--people", "20"]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(typo.exists());
    #[cfg(unix)]
    {
        assert_eq!(mode(&dir.path().join("statoin")), 0o700);
        assert_eq!(mode(&dir.path().join("statoin/sub")), 0o700);
        assert_eq!(mode(&typo), 0o600);
    }
}

/// A database, its `-wal` and `-shm` looser than 0600 are made 0600 when opened, with a
/// note on stderr; a stale read-only `-shm` is made writable again.
#[cfg(unix)]
#[test]
fn loose_modes_are_tightened_with_a_note() {
    if crate::common::pg::file_only("loose_modes_are_tightened_with_a_note") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let out = run(bin().arg("--db").arg(&db).args(["demo", "--people", "5"]));
    assert!(out.status.success());
    // Another desk keeps the database open, so its -wal and -shm stay.
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .execute_batch("PRAGMA journal_mode=WAL; UPDATE settings SET value = value;")
        .unwrap();
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    let shm = PathBuf::from(format!("{}-shm", db.display()));
    assert!(wal.exists() && shm.exists());
    set_mode(&db, 0o644);
    set_mode(&wal, 0o644);
    set_mode(&shm, 0o400);
    let out = run(bin().arg("--db").arg(&db).args(["find", "zsf"]));
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains("权限收紧") && err.contains("desk.db"), "{err}");
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&wal), 0o600);
    assert_eq!(mode(&shm), 0o600);
    // Already private: nothing to say.
    let out = run(bin().arg("--db").arg(&db).args(["find", "zsf"]));
    assert_eq!(stderr(&out), "");
    drop(other);
}

/// Every store error in the command line's words: none speaks of a form whose text is kept.
#[test]
fn command_line_errors_do_not_speak_of_forms() {
    if crate::common::pg::file_only("command_line_errors_do_not_speak_of_forms") {
        return;
    }
    use stationdesk::i18n::Lang;
    let errors = [
        StoreError::Busy,
        StoreError::DiskFull,
        StoreError::ReadOnly,
        StoreError::GaveUp,
    ];
    for e in errors {
        let zh = e.cli_msg().render(Lang::Zh);
        let en = e.cli_msg().render(Lang::En);
        assert!(!zh.contains("保留") && !zh.contains("填写"), "{zh}");
        assert!(!en.contains("kept") && !en.contains("typed"), "{en}");
    }
    assert!(
        StoreError::DiskFull
            .cli_msg()
            .render(Lang::Zh)
            .contains("磁盘已满")
    );
}

/// A 100 % full disk says "磁盘已满" on the command line, not "disk I/O error", and not the
/// screens' "what you typed is kept". Needs a small tmpfs, which root can mount.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_says_so_on_the_command_line() {
    if crate::common::pg::file_only("a_full_disk_says_so_on_the_command_line") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("small");
    std::fs::create_dir(&mnt).unwrap();
    let Some(_mounted) = Tmpfs::mount(&mnt) else {
        eprintln!("SKIPPED: cannot mount a tmpfs here (needs root)");
        return;
    };
    let db = mnt.join("desk.db");
    let out = run(bin()
        .arg("--db")
        .arg(&db)
        .args(["_write-loop", "--count", "3"]));
    assert!(out.status.success(), "{}", stderr(&out));
    // Fill the disk to the last byte.
    let mut filler = std::fs::File::create(mnt.join("filler")).unwrap();
    let block = vec![0u8; 4096];
    while std::io::Write::write_all(&mut filler, &block).is_ok() {}
    drop(filler);
    for args in [
        &["_write-loop", "--count", "200"][..],
        &["user", "list"],
        &["find", "测试"],
    ] {
        let out = run(bin().arg("--db").arg(&db).args(args));
        let err = stderr(&out);
        if !out.status.success() {
            assert!(err.contains("磁盘已满"), "{args:?}: {err}");
            assert!(!err.contains("disk I/O error"), "{args:?}: {err}");
            assert!(!err.contains("保留"), "{args:?}: {err}");
        }
    }
    // The first command must have failed: the disk has no room for 200 more walk-ins.
    let out = run(bin()
        .arg("--db")
        .arg(&db)
        .args(["_write-loop", "--count", "200"]));
    assert!(!out.status.success());
    assert!(stderr(&out).contains("磁盘已满"), "{}", stderr(&out));
}

/// A tmpfs of 1 MiB mounted for one test, unmounted when dropped.
#[cfg(target_os = "linux")]
struct Tmpfs(PathBuf);

#[cfg(target_os = "linux")]
impl Tmpfs {
    fn mount(at: &Path) -> Option<Tmpfs> {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(at.to_path_buf()))
    }
}

#[cfg(target_os = "linux")]
impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A database another desk has just made still has its id only in the `-wal` (the main
/// file's header is SQLite's empty one until the first checkpoint): it opens all the same.
#[test]
fn a_database_just_made_by_another_desk_opens() {
    if crate::common::pg::file_only("a_database_just_made_by_another_desk_opens") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let first = Store::open(&crate::common::pg::db(&db)).unwrap();
    let head = std::fs::read(&db).unwrap();
    assert_eq!(&head[68..72], &[0, 0, 0, 0], "the id is still in the -wal");
    let second = Store::open_existing(&crate::common::pg::db(&db)).unwrap();
    assert_eq!(
        second.schema_version().unwrap(),
        stationdesk::store::migrations::latest()
    );
    let out = run(bin().arg("--db").arg(&db).args(["user", "list"]));
    assert!(out.status.success(), "{}", stderr(&out));
    drop(first);
}
