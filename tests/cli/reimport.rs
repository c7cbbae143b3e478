//! Re-importing a roster never erases what it does not mention (DESIGN.md, "The record you
//! can trust"): absent columns and empty cells leave a record alone, and a changed name,
//! gender or birth date is listed by `--dry-run` and refused without `--accept-changes`.
#![allow(clippy::unwrap_used)]
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stationdesk"))
        .env("STATIONDESK_CONFIG_DIR", db.with_extension("config"))
        .env("STATIONDESK_NOW", "2026-11-25 10:00")
        .env("USER", "tester")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn roster(dir: &Path, name: &str, lines: &[&str]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

const ID: &str = "11010519491231002X";

fn valid_id(first17: &str) -> String {
    format!(
        "{first17}{}",
        stationdesk::domain::id_number::check_char(first17).unwrap()
    )
}

fn id2() -> String {
    valid_id("45010219650228441")
}

/// Every field the issue names, as stored, for the person with `id`.
fn record(db: &Path, id: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT name, phone, ethnicity, town, village, address, political_status, \
         enlist_date, discharge_date, categories FROM people WHERE id_number = ?1",
        [id],
        |r| {
            (0..10)
                .map(|i| {
                    let v: rusqlite::types::Value = r.get(i)?;
                    Ok(format!("{v:?}"))
                })
                .collect()
        },
    )
    .unwrap()
}

fn import(db: &Path, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(db, &args)
}

/// A station with one person on file with phone, ethnicity, town, village, address,
/// political status and service dates.
fn station(dir: &Path) -> PathBuf {
    let db = dir.join("t.db");
    drop(stationdesk::store::Store::open(&db).unwrap());
    let full = roster(
        dir,
        "full.csv",
        &[
            "姓名,身份证号,人员类别,联系电话,民族,镇街,村社区,住址,政治面貌,入伍时间,退役时间",
            &format!(
                "单雄信,{ID},退役士兵,13800001234,汉族,城关镇,东门社区,东门路 1 号,中共党员,1968-03,1972-12"
            ),
        ],
    );
    let out = import(&db, &full, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    db
}

#[test]
fn a_partial_roster_keeps_every_field_it_does_not_mention() {
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path());
    let before = record(&db, ID);
    assert!(before[1].contains("13800001234") && before[7].contains("1968-03"));

    let partial = roster(
        dir.path(),
        "partial.csv",
        &["姓名,身份证号,人员类别", &format!("单雄信,{ID},退役士兵")],
    );
    let out = import(&db, &partial, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(record(&db, ID), before, "nothing erased");

    let dry = import(&db, &partial, &["--dry-run"]);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    assert!(
        text(&dry.stdout).contains("1 条记录无变化"),
        "{}",
        text(&dry.stdout)
    );
}

#[test]
fn a_changed_name_is_listed_by_the_dry_run_and_refused_without_accept_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path());
    let before = record(&db, ID);
    let renamed = roster(
        dir.path(),
        "renamed.csv",
        &["姓名,身份证号,人员类别", &format!("单雄义,{ID},退役士兵")],
    );

    let dry = import(&db, &renamed, &["--dry-run"]);
    let listed = format!("{}{}", text(&dry.stdout), text(&dry.stderr));
    assert!(
        listed.contains("第 2 行") && listed.contains("单雄信 → 单雄义"),
        "{listed}"
    );
    assert_eq!(
        dry.status.code(),
        Some(1),
        "the dry run says the import would be refused"
    );
    assert!(
        text(&dry.stdout).contains("1 条记录将更新：姓名 1"),
        "{listed}"
    );
    assert_eq!(record(&db, ID), before);

    let refused = import(&db, &renamed, &[]);
    assert_eq!(refused.status.code(), Some(1));
    let err = text(&refused.stderr);
    assert!(
        err.contains("单雄信 → 单雄义") && err.contains("--accept-changes"),
        "{err}"
    );
    assert_eq!(record(&db, ID), before, "nothing written");

    let accepted = import(&db, &renamed, &["--accept-changes"]);
    assert!(accepted.status.success(), "{}", text(&accepted.stderr));
    let after = record(&db, ID);
    assert!(after[0].contains("单雄义"));
    assert_eq!(after[1..], before[1..], "only the name changed");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let audited: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'update' AND summary LIKE '%单雄信 -> 单雄义%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1, "the accepted change is audited on its own");
}

#[test]
fn empty_cells_are_left_alone_unless_clear_empty() {
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path());
    let gaps = roster(
        dir.path(),
        "gaps.csv",
        &[
            "姓名,身份证号,人员类别,联系电话,住址",
            &format!("单雄信,{ID},退役士兵,,"),
        ],
    );
    let out = import(&db, &gaps, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(record(&db, ID)[1].contains("13800001234"));

    let out = import(&db, &gaps, &["--clear-empty", "--dry-run"]);
    assert!(
        text(&out.stdout).contains("1 条记录将更新：联系电话 1，住址 1"),
        "{}",
        text(&out.stdout)
    );
    let out = import(&db, &gaps, &["--clear-empty"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let after = record(&db, ID);
    assert_eq!(after[1], "Text(\"\")", "the phone cleared");
    assert_eq!(after[5], "Text(\"\")", "the address cleared");
    assert!(
        after[3].contains("城关镇"),
        "a column not in the file stays"
    );
}

#[test]
fn the_dry_run_counts_new_changed_and_unchanged_records_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = station(dir.path());
    let first = roster(
        dir.path(),
        "second.csv",
        &[
            "姓名,身份证号,人员类别,联系电话",
            &format!("尉迟恭,{},烈士遗属,13912345678", id2()),
        ],
    );
    assert!(import(&db, &first, &[]).status.success());
    let file = roster(
        dir.path(),
        "update.csv",
        &[
            "姓名,身份证号,人员类别,联系电话,住址",
            &format!("单雄信,{ID},退役士兵,13800009999,西门路 2 号"),
            &format!("尉迟恭,{},烈士遗属,13900000000,", id2()),
            &format!("曾国藩,{},退役士兵,,", valid_id("45010219800305123")),
        ],
    );
    let dry = import(&db, &file, &["--dry-run"]);
    let out = text(&dry.stdout);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    assert!(out.contains("新增 1 人、更新 2 人"), "{out}");
    assert!(out.contains("2 条记录将更新：联系电话 2，住址 1"), "{out}");

    let again = import(&db, &file, &[]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    let out = text(&again.stdout);
    assert!(out.contains("2 条记录已更新：联系电话 2，住址 1"), "{out}");
    let dry = import(&db, &file, &["--dry-run"]);
    assert!(
        text(&dry.stdout).contains("3 条记录无变化"),
        "{}",
        text(&dry.stdout)
    );
}
