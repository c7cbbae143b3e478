//! What a roster import tells the officer: the notices of rows that do import (an old ID
//! number converted, a discharge before the 16th birthday) with their row numbers, dates
//! checked against the program's clock, the original row numbers in the rejects file, and
//! the accepted categories when a category is not one of them.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The program's clock is fixed long before the machine's date, so a date between the two
/// tells which clock was used.
const NOW: &str = "2020-06-01 10:00";

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stationdesk"))
        .env("STATIONDESK_CONFIG_DIR", db.with_extension("config"))
        .env("STATIONDESK_NOW", NOW)
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

fn valid_id(first17: &str) -> String {
    format!(
        "{first17}{}",
        stationdesk::domain::id_number::check_char(first17).unwrap()
    )
}

fn new_db(dir: &Path) -> PathBuf {
    let db = dir.join("t.db");
    drop(stationdesk::store::Store::open(&db).unwrap());
    db
}

#[test]
fn the_import_lists_converted_numbers_and_young_discharges_with_their_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_db(dir.path());
    let young = valid_id("45010219800101001");
    let file = roster(
        dir.path(),
        "花名册.csv",
        &[
            "姓名,身份证号,人员类别,退役时间",
            "尉迟恭,110105491231002,烈士遗属,",
            &format!("单雄信,{young},退役士兵,1990-01"),
        ],
    );
    for extra in [&["--dry-run"][..], &[][..]] {
        let mut args = vec!["import", file.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = run(&db, &args);
        let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert!(out.status.success(), "{all}");
        assert!(
            all.contains("第 2 行「身份证号」")
                && all.contains("110105491231002")
                && all.contains("11010519491231002X"),
            "{extra:?}: {all}"
        );
        assert!(
            all.contains("第 3 行「退役时间」") && all.contains("16 周岁"),
            "{extra:?}: {all}"
        );
    }
}

#[test]
fn the_import_checks_dates_against_the_programs_clock() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_db(dir.path());
    let id = valid_id("45010219800101001");
    // After the program's today (2020-06-01), before the machine's.
    let file = roster(
        dir.path(),
        "late.csv",
        &[
            "姓名,身份证号,人员类别,退役时间",
            &format!("单雄信,{id},退役士兵,2021-03"),
        ],
    );
    let out = run(&db, &["import", file.to_str().unwrap(), "--dry-run"]);
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(!out.status.success(), "{all}");
    assert!(all.contains("第 2 行「退役时间」"), "{all}");
}

#[test]
fn the_rejects_file_gives_each_row_its_number_in_the_original_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_db(dir.path());
    let good = valid_id("45010219800101001");
    let file = roster(
        dir.path(),
        "county.csv",
        &[
            "某县退役军人花名册",
            "姓名,身份证号,人员类别",
            &format!("单雄信,{good},退役士兵"),
            "",
            "尉迟恭,45010219800101002,退役士兵",
        ],
    );
    let out = run(&db, &["import", file.to_str().unwrap(), "--skip-invalid"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rejects = std::fs::read_to_string(dir.path().join("county.csv.rejects.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(rejects.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let at = header
        .iter()
        .position(|h| h == "原行号")
        .expect("a row column");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "{rejects}");
    assert_eq!(&rows[0][0], "尉迟恭");
    assert_eq!(&rows[0][at], "5", "{rejects}");

    // The corrected rejects file imports: its row and reason columns are ignored.
    let fixed = rejects.replace("45010219800101002", &valid_id("45010219800101002"));
    std::fs::write(dir.path().join("fixed.csv"), fixed).unwrap();
    let again = run(
        &db,
        &["import", dir.path().join("fixed.csv").to_str().unwrap()],
    );
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(
        !text(&again.stderr).contains("原行号"),
        "{}",
        text(&again.stderr)
    );
}

#[test]
fn a_category_not_on_the_list_is_refused_with_the_list_and_the_closest_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_db(dir.path());
    let file = roster(
        dir.path(),
        "categories.csv",
        &[
            "姓名,身份证号,人员类别",
            &format!("单雄信,{},残废军人", valid_id("45010219800101001")),
            &format!("尉迟恭,{},村干部", valid_id("45010219800101002")),
        ],
    );
    let out = run(&db, &["import", file.to_str().unwrap(), "--dry-run"]);
    let err = text(&out.stderr);
    let line = |row: &str| {
        err.lines()
            .find(|l| l.contains(row))
            .unwrap_or_else(|| panic!("{row}: {err}"))
            .to_string()
    };
    let synonym = line("第 2 行");
    assert!(
        synonym.contains("最接近的是“残疾军人”") && synonym.contains("退役士兵、军队转业干部"),
        "{synonym}"
    );
    let unlike = line("第 3 行");
    assert!(
        !unlike.contains("最接近") && unlike.contains("部分烈士子女、现役军人家属、其他优抚对象"),
        "{unlike}"
    );
}
