//! `backup` never overwrites the live database or an existing file by accident, cleans up
//! after killed runs, keeps its folder private; and a backup or an export is reported
//! written only when it is whole and audited.
#![allow(clippy::unwrap_used)]
use stationdesk::i18n::Lang;
use stationdesk::store::Store;
use stationdesk::tui::action::{Loaded, ShellLoaded};
use stationdesk::tui::export_jobs::{LedgerExport, export};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stationdesk"));
    c.env(
        "STATIONDESK_CONFIG_DIR",
        std::env::temp_dir().join("stationdesk-test-no-config"),
    );
    c
}

fn backup(db: &Path, file: &Path, extra: &[&str]) -> Output {
    bin()
        .arg("--db")
        .arg(db)
        .args(["--lang", "en", "backup"])
        .arg(file)
        .args(extra)
        .output()
        .unwrap()
}

fn station(dir: &Path) -> PathBuf {
    let db = dir.join("desk.db");
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args(["demo", "--people", "50"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    db
}

fn audit_rows(db: &Path, action: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = ?1",
            [action],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_backup_onto_the_live_database_or_its_wal_is_refused() {
    if crate::common::pg::file_only("a_backup_onto_the_live_database_or_its_wal_is_refused") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path());
    // A desk is open, so the WAL exists and holds pages.
    let desk = Store::open(&crate::common::pg::db(&db)).unwrap();
    let wal = dir.path().join("desk.db-wal");
    assert!(wal.exists());
    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    let hard = dir.path().join("hard.db");
    std::fs::hard_link(&db, &hard).unwrap();
    let relative = dir.path().join(".").join("desk.db");
    let shm = dir.path().join("desk.db-shm");
    for target in [&db, &wal, &shm, &link, &hard, &relative] {
        let out = backup(&db, target, &[]);
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {said}", target.display());
        assert!(said.contains("is the live database"), "{said}");
    }
    // Not even when told to replace what is there.
    let out = backup(&db, &db, &["--force"]);
    assert_eq!(out.status.code(), Some(1));
    drop(desk);
    let store = Store::open(&crate::common::pg::db(&db)).unwrap();
    assert!(store.integrity_ok().unwrap());
    assert_eq!(store.count_people().unwrap(), 50);
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    if crate::common::pg::file_only("an_existing_file_is_replaced_only_with_force") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path());
    let file = dir.path().join("old.db");
    std::fs::write(&file, b"an older copy").unwrap();
    let out = backup(&db, &file, &[]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("exists already") && said.contains("--force"),
        "{said}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"an older copy");
    assert!(!dir.path().join("old.db.sha256").exists());

    let out = backup(&db, &file, &["--force"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        Store::open(&crate::common::pg::db(&file))
            .unwrap()
            .count_people()
            .unwrap(),
        50
    );
}

#[test]
fn leftovers_of_killed_backups_are_removed_by_the_next_one() {
    if crate::common::pg::file_only("leftovers_of_killed_backups_are_removed_by_the_next_one") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path());
    let folder = dir.path().join("copies");
    std::fs::create_dir(&folder).unwrap();
    // What a backup killed half-way leaves: this version's and the earlier scheme's.
    let killed = [
        folder.join(".monday.db.stationdesk-99999999-0.tmp"),
        folder.join(".monday.db.stationdesk-99999999-0.tmp-journal"),
        folder.join(".tuesday.db.4242.tmp"),
    ];
    for f in &killed {
        std::fs::write(f, vec![0u8; 4096]).unwrap();
    }
    let out = backup(&db, &folder.join("wednesday.db"), &[]);
    assert!(out.status.success(), "{out:?}");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["wednesday.db", "wednesday.db.sha256"]);
}

#[test]
fn the_daily_backups_folder_is_private_and_each_copy_has_its_checksum() {
    if crate::common::pg::file_only(
        "the_daily_backups_folder_is_private_and_each_copy_has_its_checksum",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path());
    let backups = dir.path().join("backups");
    let store = Store::open(&crate::common::pg::db(&db)).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let file = store.daily_backup(day, 30).unwrap().unwrap();
    let mode = std::fs::metadata(&backups).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(backups.join("desk-2026-11-25.db.sha256").exists());
    // A folder left open to others by an earlier version is closed again.
    std::fs::set_permissions(&backups, std::fs::Permissions::from_mode(0o755)).unwrap();
    store.daily_backup(day.succ_opt().unwrap(), 30).unwrap();
    let mode = std::fs::metadata(&backups).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
}

#[test]
fn a_backup_on_a_read_only_database_leaves_no_file() {
    if crate::common::pg::file_only("a_backup_on_a_read_only_database_leaves_no_file") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path());
    let store = Store::open_read_only_for_tests(&db).unwrap();
    let file = dir.path().join("copy.db");
    assert!(store.backup_to(&file).is_err());
    drop(store);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("copy"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn an_export_on_a_read_only_database_leaves_no_file_and_says_it_failed() {
    if crate::common::pg::file_only(
        "an_export_on_a_read_only_database_leaves_no_file_and_says_it_failed",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path());
    let exports_before = audit_rows(&db, "export");
    let store = Store::open_read_only_for_tests(&db).unwrap();
    let today = chrono::Local::now().date_naive();
    let what = LedgerExport::Visits {
        from: today,
        to: today,
    };
    let Loaded::Shell(ShellLoaded::Exported(result)) =
        export(&store, &what, today, Lang::En, &mut |_| {})
    else {
        panic!("an export answers with Exported");
    };
    let said = result.unwrap_err();
    assert!(
        said.contains("failed") && said.contains("no file"),
        "{said}"
    );
    let written: Vec<_> = std::fs::read_dir(dir.path().join("exports"))
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(written.is_empty(), "{written:?}");
    drop(store);
    assert_eq!(audit_rows(&db, "export"), exports_before);

    // The same export on a writable database writes the file with its record.
    let store = Store::open(&crate::common::pg::db(&db)).unwrap();
    let Loaded::Shell(ShellLoaded::Exported(result)) =
        export(&store, &what, today, Lang::En, &mut |_| {})
    else {
        panic!("an export answers with Exported");
    };
    assert!(Path::new(&result.unwrap().file).exists());
    assert_eq!(audit_rows(&db, "export"), exports_before + 1);
}
