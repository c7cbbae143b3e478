//! Long work asked to stop at each of its safe points keeps nothing: a demo's people, an
//! import, an export, a backup and a restore each stopped at the first, middle and last
//! point leave the database, the files and the audit trail as they were.
#![allow(clippy::unwrap_used)]
use crate::common;
use stationdesk::exchange::exports::{ExportRequest, Ledger, build_table_watched};
use stationdesk::exchange::{
    Cell, ExportError, ExportFailure, RosterError, Table, read_roster, read_roster_watched,
    write_table, write_table_audited_watched,
};
use stationdesk::i18n::Lang;
use stationdesk::store::backup::{
    BackupError, RestoreError, RestoreOptions, checksum_path, restore_watched,
};
use stationdesk::store::people::ImportRow;
use stationdesk::store::{Store, StoreError};
use stationdesk::work::{Progress, Stage, Watcher};
use std::path::{Path, PathBuf};

/// Asks for a stop once it has been told of `after` steps; counts what it was told.
struct StopAt {
    after: usize,
    seen: usize,
    stages: Vec<Stage>,
}

impl StopAt {
    fn after(after: usize) -> StopAt {
        StopAt {
            after,
            seen: 0,
            stages: Vec::new(),
        }
    }

    fn never() -> StopAt {
        StopAt::after(usize::MAX)
    }
}

impl Watcher for StopAt {
    fn progress(&mut self, p: Progress) {
        self.seen += 1;
        if self.stages.last() != Some(&p.stage) {
            self.stages.push(p.stage);
        }
    }

    fn stop_requested(&self) -> bool {
        self.seen >= self.after
    }
}

/// The first, two middle and the last of `n` safe points.
fn points(n: usize) -> Vec<usize> {
    let mut p = vec![1, n / 3, 2 * n / 3, n];
    p.retain(|&k| k >= 1);
    p.dedup();
    p
}

fn count(db: &Path, sql: &str) -> i64 {
    crate::common::pg::raw(db).count(sql)
}

fn integrity_ok(db: &Path) {
    // The server checks its own pages.
    if crate::common::pg::on_server() {
        return;
    }
    let check: String = rusqlite::Connection::open(db)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

/// The files of a folder, by name, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

/// A station of `people` demo people (written in one go, unwatched).
fn station(dir: &Path, people: usize) -> PathBuf {
    let db = dir.join("desk.db");
    let mut store = Store::open_with_clock(&crate::common::pg::db(&db), common::clock()).unwrap();
    store
        .upsert_people_watched(
            stationdesk::demo::generate(people, 1),
            people as u64,
            "demo",
            &mut StopAt::never(),
        )
        .unwrap();
    db
}

#[test]
fn a_demo_stopped_at_any_point_writes_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path(), 5);
    let audit = count(&db, "SELECT count(*) FROM audit");
    let mut counting = StopAt::never();
    {
        let scratch = dir.path().join("scratch.db");
        let mut store =
            Store::open_with_clock(&crate::common::pg::db(&scratch), common::clock()).unwrap();
        store
            .upsert_people_watched(
                stationdesk::demo::generate(3000, 9),
                3000,
                "demo",
                &mut counting,
            )
            .unwrap();
    }
    assert_eq!(counting.stages, [Stage::WritePeople, Stage::Commit]);
    for at in points(counting.seen) {
        let mut store =
            Store::open_with_clock(&crate::common::pg::db(&db), common::clock()).unwrap();
        let err = store
            .upsert_people_watched(
                stationdesk::demo::generate(3000, 9),
                3000,
                "demo",
                &mut StopAt::after(at),
            )
            .unwrap_err();
        assert_eq!(err, StoreError::Cancelled, "stopped at {at}");
        drop(store);
        assert_eq!(count(&db, "SELECT count(*) FROM people"), 5, "at {at}");
        assert_eq!(count(&db, "SELECT count(*) FROM audit"), audit, "at {at}");
        integrity_ok(&db);
    }
}

/// A roster of `rows` demo people as a table (姓名, 身份证号, 人员类别, 联系电话).
fn roster_table(rows: usize) -> Table {
    Table {
        title: "花名册".into(),
        headers: ["姓名", "身份证号", "人员类别", "联系电话"]
            .map(String::from)
            .to_vec(),
        rows: stationdesk::demo::generate(rows, 42)
            .map(|p| {
                vec![
                    Cell::text(&p.name),
                    Cell::text(&p.id_number),
                    Cell::text(p.categories_cell()),
                    Cell::text(&p.phone),
                ]
            })
            .collect(),
    }
}

#[test]
fn reading_a_roster_stops_at_any_row_of_a_csv_or_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let table = roster_table(1500);
    for name in ["roster.csv", "roster.xlsx"] {
        let file = dir.path().join(name);
        write_table(&file, &table).unwrap();
        let mut counting = StopAt::never();
        let roster = read_roster_watched(&file, common::now().date(), &mut counting).unwrap();
        assert_eq!(roster.rows.len(), 1500);
        assert!(roster.is_valid());
        assert_eq!(counting.stages, [Stage::ReadRoster], "{name}");
        // One report a row, so that the bar moves during the longest phase.
        assert!(counting.seen > 1500, "{name}: {} reports", counting.seen);
        for at in points(counting.seen) {
            let err = read_roster_watched(&file, common::now().date(), &mut StopAt::after(at))
                .unwrap_err();
            assert_eq!(err, RosterError::Cancelled, "{name} at {at}");
        }
    }
}

#[test]
fn an_import_stopped_at_any_row_keeps_nothing() {
    if crate::common::pg::file_only("an_import_stopped_at_any_row_keeps_nothing") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path(), 5);
    let file = dir.path().join("roster.csv");
    write_table(&file, &roster_table(1200)).unwrap();
    let roster = read_roster(&file).unwrap();
    let rows: Vec<ImportRow> = roster
        .rows
        .iter()
        .map(|r| ImportRow {
            row: r.row,
            person: r.result.as_ref().unwrap(),
            given: r.filled.intersection(roster.fields),
        })
        .collect();
    let audit = count(&db, "SELECT count(*) FROM audit");
    let mut counting = StopAt::never();
    {
        let scratch = dir.path().join("scratch.db");
        std::fs::copy(&db, &scratch).unwrap();
        let mut store =
            Store::open_with_clock(&crate::common::pg::db(&scratch), common::clock()).unwrap();
        let pending = store
            .begin_import_watched(&rows, "roster.csv", &mut counting)
            .unwrap();
        assert_eq!(pending.summary().new, 1200);
        pending.commit().unwrap();
    }
    assert_eq!(counting.stages, [Stage::WriteImport]);
    for at in points(counting.seen) {
        let mut store =
            Store::open_with_clock(&crate::common::pg::db(&db), common::clock()).unwrap();
        let err = store
            .begin_import_watched(&rows, "roster.csv", &mut StopAt::after(at))
            .err()
            .unwrap();
        assert_eq!(err, StoreError::Cancelled, "stopped at {at}");
        drop(store);
        assert_eq!(count(&db, "SELECT count(*) FROM people"), 5, "at {at}");
        assert_eq!(count(&db, "SELECT count(*) FROM audit"), audit, "at {at}");
        integrity_ok(&db);
    }
}

#[test]
fn an_export_stopped_at_any_row_leaves_no_file_and_no_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path(), 2500);
    let out = tempfile::tempdir().unwrap();
    let store = Store::open_with_clock(&crate::common::pg::db(&db), common::clock()).unwrap();
    let req = ExportRequest {
        ledger: Ledger::People,
        from: None,
        to: None,
        unmasked: false,
        lang: Lang::Zh,
        today: common::now().date(),
    };
    let mut counting = StopAt::never();
    let table = build_table_watched(&store, &req, &mut counting).unwrap();
    // The people are read one by one: the longest part of a large export shows its count.
    assert_eq!(counting.stages, [Stage::Collect]);
    assert!(counting.seen > 2500, "{} reports", counting.seen);
    for at in points(counting.seen) {
        let err = build_table_watched(&store, &req, &mut StopAt::after(at)).unwrap_err();
        assert_eq!(err, StoreError::Cancelled, "reading stopped at {at}");
    }
    let audit = count(&db, "SELECT count(*) FROM audit");
    for name in ["people.csv", "people.xlsx"] {
        let mut counting = StopAt::never();
        let probe = out.path().join(format!("probe-{name}"));
        write_table_audited_watched(&store, &probe, &table, ("people", "probe"), &mut counting)
            .unwrap();
        std::fs::remove_file(&probe).unwrap();
        let audit = audit + 1 + i64::from(name.ends_with("xlsx"));
        let path = out.path().join(name);
        // A file already there stays as it was.
        std::fs::write(&path, b"an older export").unwrap();
        for at in points(counting.seen) {
            let err = write_table_audited_watched(
                &store,
                &path,
                &table,
                ("people", "stopped"),
                &mut StopAt::after(at),
            )
            .unwrap_err();
            assert!(
                matches!(err, ExportFailure::File(ExportError::Cancelled)),
                "{name} at {at}: {err:?}"
            );
            assert_eq!(std::fs::read(&path).unwrap(), b"an older export");
            assert_eq!(names(out.path()), [name], "no temporary left");
            assert_eq!(count(&db, "SELECT count(*) FROM audit"), audit);
        }
        std::fs::remove_file(&path).unwrap();
    }
}

#[test]
fn a_backup_stopped_at_any_point_leaves_no_file_and_no_record() {
    if crate::common::pg::file_only("a_backup_stopped_at_any_point_leaves_no_file_and_no_record") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // More than one step of the page copy (4 MB).
    let db = station(dir.path(), 20_000);
    let out = tempfile::tempdir().unwrap();
    let store = Store::open_with_clock(&crate::common::pg::db(&db), common::clock()).unwrap();
    let mut counting = StopAt::never();
    let probe = out.path().join("probe.db");
    store.backup_watched(&probe, false, &mut counting).unwrap();
    assert_eq!(
        counting.stages,
        [Stage::CopyPages, Stage::Checksum, Stage::Commit]
    );
    assert!(counting.seen > 3, "{} reports", counting.seen);
    std::fs::remove_file(&probe).unwrap();
    std::fs::remove_file(checksum_path(&probe)).unwrap();
    let audit = count(&db, "SELECT count(*) FROM audit");
    let last = store.setting("last_backup_at").unwrap();
    let target = out.path().join("backup.db");
    for at in points(counting.seen) {
        let err = store
            .backup_watched(&target, false, &mut StopAt::after(at))
            .unwrap_err();
        assert_eq!(err, BackupError::Cancelled, "stopped at {at}");
        assert!(names(out.path()).is_empty(), "{:?}", names(out.path()));
        assert_eq!(count(&db, "SELECT count(*) FROM audit"), audit);
        assert_eq!(store.setting("last_backup_at").unwrap(), last);
    }
}

#[test]
fn a_restore_stopped_before_the_swap_leaves_the_live_database_byte_for_byte() {
    if crate::common::pg::file_only(
        "a_restore_stopped_before_the_swap_leaves_the_live_database_byte_for_byte",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path(), 20_000);
    let backup = dir.path().join("backup.db");
    {
        let mut store =
            Store::open_with_clock(&crate::common::pg::db(&db), common::clock()).unwrap();
        store.backup_to(&backup).unwrap();
        // The live database moves on after the backup.
        common::fill(&mut store);
    }
    let template = dir.path().join("template.db");
    std::fs::copy(&db, &template).unwrap();
    let before = std::fs::read(&template).unwrap();
    let opts = RestoreOptions {
        force: false,
        stamp: "20261125-093000".into(),
        actor: None,
    };
    let mut counting = StopAt::never();
    {
        let live = tempfile::tempdir().unwrap();
        let scratch = live.path().join("desk.db");
        std::fs::copy(&template, &scratch).unwrap();
        restore_watched(&scratch, &backup, &opts, &mut counting).unwrap();
    }
    assert_eq!(
        counting.stages,
        [
            Stage::CopyFile,
            Stage::Verify,
            Stage::CopyPages,
            Stage::Checksum,
            Stage::Commit,
            Stage::Replace
        ]
    );
    for at in points(counting.seen) {
        let live = tempfile::tempdir().unwrap();
        let db = live.path().join("desk.db");
        std::fs::copy(&template, &db).unwrap();
        let mut watcher = StopAt::after(at);
        let result = restore_watched(&db, &backup, &opts, &mut watcher);
        if watcher.stages.last() == Some(&Stage::Replace) {
            // Asked too late: once the live database is being replaced, it is replaced.
            let restored = result.unwrap();
            assert_eq!(restored.info.people, 20_000);
            integrity_ok(&db);
            continue;
        }
        assert_eq!(
            result.unwrap_err(),
            RestoreError::Cancelled,
            "stopped at {at}"
        );
        assert!(
            std::fs::read(&db).unwrap() == before,
            "at {at}: the live file changed"
        );
        let mut left = names(live.path());
        // The lock that keeps desks out while a restore runs is not part of the database.
        left.retain(|n| n != "desk.db.desks");
        assert_eq!(left, ["desk.db"], "at {at}: nothing left beside it");
        integrity_ok(&db);
    }
}
