//! Roster import: every fixture is generated here, in a temporary directory.
// The whole crate is test code: a failed unwrap is a failed test, which is what we want.
#![allow(clippy::unwrap_used)]
use chrono::NaiveDate;
use proptest::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use stationdesk::domain::id_number::{Gender, IdNumber};
use stationdesk::domain::person::Field;
use stationdesk::exchange::{
    Roster, RosterError, describe_problems, describe_warnings, read_roster, read_table,
    rejects_path, write_rejects,
};
use stationdesk::i18n::Lang;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const HEADER: &str = "姓名,身份证号,性别,出生日期,民族,联系电话,人员类别,入伍时间,退役时间,镇街,村社区,住址,政治面貌,备注";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A valid ID number; an odd `seq` is a man.
fn id(y: i32, m: u32, d: u32, seq: u16) -> String {
    IdNumber::compose("450102", date(y, m, d), seq)
        .unwrap()
        .to_string()
}

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn csv_file(dir: &TempDir, name: &str, lines: &[String]) -> PathBuf {
    write(dir, name, lines.join("\r\n").as_bytes())
}

fn good_lines() -> Vec<String> {
    vec![
        HEADER.to_string(),
        format!(
            "张三,{},男,1980-03-05,汉族,138-0000-1234,退役士兵,1998-09,2002-12,城关镇,东门社区,东门路 1 号,中共党员,",
            id(1980, 3, 5, 11)
        ),
        "尉迟恭,11010519491231002x,,,汉族,0771-1234567,烈士遗属,,,城关镇,,,群众,老党员".to_string(),
        format!(
            "阿依古丽·买买提,{},女,1990/07/01,维吾尔族,,现役军人家属,,,南乡,,,,",
            id(1990, 7, 1, 22)
        ),
    ]
}

fn read(path: &Path) -> Roster {
    read_roster(path).unwrap_or_else(|e| panic!("{e}"))
}

/// (row, column, key) of every problem.
fn problems(roster: &Roster) -> Vec<(usize, String, &'static str)> {
    roster
        .rows
        .iter()
        .filter_map(|r| r.result.as_ref().err().map(|p| (r.row, p)))
        .flat_map(|(row, ps)| ps.iter().map(move |p| (row, p.column.clone(), p.msg.key)))
        .collect()
}

/// The roster of the good lines with one extra line appended.
fn with_line(line: String) -> (TempDir, PathBuf, Roster) {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = good_lines();
    lines.push(line);
    let path = csv_file(&dir, "roster.csv", &lines);
    let roster = read(&path);
    (dir, path, roster)
}

#[test]
fn a_utf8_roster_reads_every_person() {
    let dir = tempfile::tempdir().unwrap();
    let roster = read(&csv_file(&dir, "roster.csv", &good_lines()));
    assert!(roster.is_valid(), "{:?}", problems(&roster));
    assert!(roster.warnings.is_empty());
    let rows: Vec<usize> = roster.rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, vec![2, 3, 4]);
    let people: Vec<_> = roster.people().collect();
    assert_eq!(people[0].name, "张三");
    assert_eq!(people[0].phone, "13800001234");
    assert_eq!(people[0].enlist_date, "1998-09");
    assert_eq!(people[0].gender, Some(Gender::Male));
    assert_eq!(people[0].political_status, "中共党员");
    assert_eq!(people[1].name, "尉迟恭");
    // Lower-case x is normalised.
    assert_eq!(people[1].id_number, "11010519491231002X");
    assert_eq!(people[1].phone, "0771-1234567");
    assert_eq!(people[1].notes, "老党员");
    assert_eq!(people[2].name, "阿依古丽·买买提");
    assert_eq!(people[2].birth_date, Some(date(1990, 7, 1)));
    assert_eq!(roster.headers[0], "姓名");
    // Only an invalid row keeps its original cells (for the rejects file); a valid one
    // records which of its cells were filled, for a re-import.
    assert!(roster.rows[1].raw.is_empty());
    assert!(roster.rows[1].filled.contains(Field::Notes));
    assert!(!roster.rows[1].filled.contains(Field::Gender));
    assert!(roster.fields.contains(Field::Gender));
}

#[test]
fn gbk_and_bom_files_read_the_same_people_as_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let text = good_lines().join("\r\n");
    let plain = read(&write(&dir, "plain.csv", text.as_bytes()));
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let from_gbk = read(&write(&dir, "gbk.csv", &gbk));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let from_bom = read(&write(&dir, "bom.csv", &bom));
    assert_eq!(from_gbk, plain);
    assert_eq!(from_bom, plain);
    assert!(plain.is_valid());
    assert_eq!(from_gbk.headers[0], "姓名");
}

#[test]
fn english_headers_in_any_order_and_case() {
    let dir = tempfile::tempdir().unwrap();
    let lines = vec![
        " Category ,PHONE,ID_Number,name, Birth_Date".to_string(),
        format!(
            "Discharged soldier,13800001234,{},Li Lei,1985-01-02",
            id(1985, 1, 2, 35)
        ),
        format!("退役士兵,,{},韩梅梅,", id(1986, 5, 6, 40)),
    ];
    let roster = read(&csv_file(&dir, "en.csv", &lines));
    assert!(roster.is_valid(), "{:?}", problems(&roster));
    assert!(roster.warnings.is_empty());
    let people: Vec<_> = roster.people().collect();
    assert_eq!(people[0].name, "Li Lei");
    assert_eq!(people[0].categories, ["退役士兵"]);
    assert_eq!(people[1].name, "韩梅梅");
}

#[test]
fn a_missing_required_column_is_a_file_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let lines = vec![
        "姓名,身份证号,联系电话".to_string(),
        format!("张三,{},", id(1980, 1, 1, 1)),
    ];
    let err = read_roster(&csv_file(&dir, "roster.csv", &lines)).unwrap_err();
    assert!(
        matches!(&err, RosterError::MissingColumns { columns, .. } if columns == &vec![("人员类别", "category")])
    );
    let zh = err.msg().render(Lang::Zh);
    assert!(zh.contains("roster.csv") && zh.contains("人员类别"), "{zh}");
    let en = err.msg().render(Lang::En);
    assert!(en.contains("category"), "{en}");
}

#[test]
fn a_wrong_check_character_names_row_and_column() {
    let mut bad = id(1980, 3, 5, 11);
    let last = if bad.ends_with('1') { '2' } else { '1' };
    bad.pop();
    bad.push(last);
    let (_d, path, roster) = with_line(format!("王五,{bad},,,,,退役士兵,,,,,,,"));
    assert_eq!(
        problems(&roster),
        vec![(5, "身份证号".to_string(), "id.check")]
    );
    assert_eq!(roster.people().count(), 3);
    let lines = describe_problems(&roster, &path, Lang::Zh);
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].starts_with("roster.csv 第 5 行「身份证号」："),
        "{}",
        lines[0]
    );
    let en = describe_problems(&roster, &path, Lang::En);
    assert!(
        en[0].starts_with("roster.csv row 5, column \"身份证号\": "),
        "{}",
        en[0]
    );
}

#[test]
fn scientific_notation_is_refused_as_excel_damage() {
    let (_d, _p, roster) = with_line("王五,4.50102E+17,,,,,退役士兵,,,,,,,".to_string());
    assert_eq!(
        problems(&roster),
        vec![(5, "身份证号".to_string(), "id.scientific")]
    );
}

#[test]
fn a_bad_phone_is_refused() {
    let (_d, _p, roster) = with_line(format!(
        "王五,{},,,,12345,退役士兵,,,,,,,",
        id(1970, 1, 1, 3)
    ));
    let found = problems(&roster);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].0, found[0].1.as_str()), (5, "联系电话"));
    assert!(found[0].2.starts_with("phone."));
}

#[test]
fn a_category_not_on_the_list_is_refused() {
    let (_d, _p, roster) = with_line(format!("王五,{},,,,,村干部,,,,,,,", id(1970, 1, 1, 3)));
    assert_eq!(
        problems(&roster),
        vec![(5, "人员类别".to_string(), "person.category_invalid")]
    );
}

#[test]
fn gender_and_birth_date_must_agree_with_the_id_number() {
    let (_d, _p, roster) = with_line(format!(
        "王五,{},女,1970-01-02,,,退役士兵,,,,,,,",
        id(1970, 1, 1, 3)
    ));
    assert_eq!(
        problems(&roster),
        vec![
            (5, "性别".to_string(), "person.gender_id_male"),
            (5, "出生日期".to_string(), "person.birth_mismatch"),
        ]
    );
}

#[test]
fn a_duplicate_id_in_the_file_names_both_rows() {
    let first = id(1980, 3, 5, 11);
    let (_d, path, roster) = with_line(format!(
        "张三丰,{},,,,,退役士兵,,,,,,,",
        first.to_lowercase()
    ));
    assert_eq!(
        problems(&roster),
        vec![(5, "身份证号".to_string(), "exchange.duplicate_id")]
    );
    let line = &describe_problems(&roster, &path, Lang::Zh)[0];
    assert!(
        line.contains("第 5 行") && line.contains("第 2 行") && line.contains(&first),
        "{line}"
    );
    // The earlier row itself stays valid.
    assert!(roster.rows[0].result.is_ok());
}

#[test]
fn discharge_before_enlistment_is_refused() {
    let (_d, _p, roster) = with_line(format!(
        "王五,{},,,,,退役士兵,2000-09,1999-12,,,,,",
        id(1970, 1, 1, 3)
    ));
    assert_eq!(
        problems(&roster),
        vec![(5, "退役时间".to_string(), "person.discharge_before_enlist")]
    );
}

#[test]
fn every_problem_of_a_row_is_listed_left_to_right() {
    let (_d, _p, roster) = with_line(",123,,,,abc,,,,,,,,".to_string());
    let columns: Vec<String> = problems(&roster).into_iter().map(|(_, c, _)| c).collect();
    assert_eq!(columns, vec!["姓名", "身份证号", "联系电话", "人员类别"]);
}

#[test]
fn unknown_columns_are_ignored_with_a_warning_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let lines = vec![
        "序号,姓名,爱好,身份证号,人员类别".to_string(),
        format!("1,张三,钓鱼,{},退役士兵", id(1980, 1, 1, 1)),
    ];
    let path = csv_file(&dir, "roster.csv", &lines);
    let roster = read(&path);
    assert!(roster.is_valid());
    assert_eq!(
        roster.warnings.len(),
        1,
        "序号 is expected and not warned about"
    );
    assert_eq!(roster.warnings[0].key, "exchange.unknown_column");
    let text = describe_warnings(&roster, &path, Lang::Zh);
    assert!(
        text[0].contains("roster.csv") && text[0].contains("爱好"),
        "{}",
        text[0]
    );
}

#[test]
fn blank_rows_are_skipped_and_rows_counted_as_a_spreadsheet_does() {
    let dir = tempfile::tempdir().unwrap();
    let lines = vec![
        HEADER.to_string(),
        format!("张三,{},,,,,退役士兵,,,,,,,", id(1980, 1, 1, 1)),
        ",,,,,,,,,,,,,".to_string(),
        String::new(),
        format!("李四,{},,,,,退役士兵,,,,,,,\"第一行", id(1981, 1, 1, 1)),
        "第二行\"".to_string(),
        "王五,1,,,,,退役士兵,,,,,,,".to_string(),
    ];
    let roster = read(&csv_file(&dir, "roster.csv", &lines));
    let rows: Vec<usize> = roster.rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, vec![2, 5, 6]);
    assert_eq!(
        problems(&roster),
        vec![(6, "身份证号".to_string(), "id.length_either")]
    );
    assert_eq!(roster.people().nth(1).unwrap().notes, "第一行\n第二行");
}

#[test]
fn short_and_long_rows_are_read_by_position() {
    let dir = tempfile::tempdir().unwrap();
    let lines = vec![
        "姓名,身份证号,人员类别,备注".to_string(),
        format!("张三,{},退役士兵", id(1980, 1, 1, 1)),
        format!("李四,{},退役士兵,,多余", id(1981, 1, 1, 1)),
    ];
    let roster = read(&csv_file(&dir, "roster.csv", &lines));
    assert!(roster.is_valid());
    assert_eq!(roster.warnings[0].key, "exchange.unnamed_column");
}

#[test]
fn an_empty_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("a.csv", &b""[..]),
        ("b.csv", b"\xEF\xBB\xBF"),
        ("c.csv", b",,,\r\n\r\n"),
    ] {
        let err = read_roster(&write(&dir, name, bytes)).unwrap_err();
        assert_eq!(
            err,
            RosterError::Empty {
                file: name.to_string()
            }
        );
        assert!(err.msg().render(Lang::Zh).contains(name));
    }
}

#[test]
fn a_header_without_people_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let roster = read(&write(&dir, "a.csv", "姓名,身份证号,人员类别\n".as_bytes()));
    assert!(roster.rows.is_empty());
    assert_eq!(roster.warnings[0].key, "exchange.no_rows");
}

#[test]
fn files_that_are_not_rosters_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let not_xlsx = read_roster(&write(&dir, "roster.xlsx", b"name,id\n")).unwrap_err();
    assert!(
        matches!(not_xlsx, RosterError::NotXlsx { .. }),
        "{not_xlsx:?}"
    );
    assert_eq!(not_xlsx.msg().key, "exchange.not_xlsx");
    assert!(not_xlsx.msg().render(Lang::En).contains("roster.xlsx"));

    let txt = read_roster(&write(&dir, "roster.txt", b"x")).unwrap_err();
    assert_eq!(
        txt,
        RosterError::Unsupported {
            file: "roster.txt".into(),
            ext: "txt".into()
        }
    );
    assert!(txt.msg().render(Lang::Zh).contains(".txt"));

    let bare = read_roster(&write(&dir, "roster", b"x")).unwrap_err();
    assert_eq!(bare.msg().key, "exchange.no_extension");

    let missing = read_roster(&dir.path().join("nowhere.csv")).unwrap_err();
    assert_eq!(
        missing,
        RosterError::NotFound {
            file: "nowhere.csv".into()
        }
    );

    let xlsx_named_csv = dir.path().join("book.csv");
    let mut workbook = Workbook::new();
    workbook.add_worksheet().write_string(0, 0, "姓名").unwrap();
    workbook.save(&xlsx_named_csv).unwrap();
    let err = read_roster(&xlsx_named_csv).unwrap_err();
    assert_eq!(err.msg().key, "exchange.csv_is_excel");
}

/// A workbook as Excel users make them: numbers where text belongs, real date cells.
fn workbook_fixture(path: &Path, title_row: bool) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let top = u32::from(title_row);
    if title_row {
        sheet.write_string(0, 0, "城关镇退役军人花名册").unwrap();
    }
    let headers = [
        "姓名",
        "身份证号",
        "出生日期",
        "联系电话",
        "人员类别",
        "入伍时间",
        "退役时间",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(top, c as u16, *h).unwrap();
    }
    // A good row: the phone typed as a number, dates as date cells.
    let r = top + 1;
    sheet.write_string(r, 0, "尉迟恭").unwrap();
    sheet.write_string(r, 1, "11010519491231002x").unwrap();
    let birth = ExcelDateTime::from_ymd(1949, 12, 31).unwrap();
    sheet
        .write_datetime_with_format(r, 2, birth, &date_format)
        .unwrap();
    sheet.write_number(r, 3, 13800001234.0).unwrap();
    sheet.write_string(r, 4, "烈士遗属").unwrap();
    let enlist = ExcelDateTime::from_ymd(1968, 3, 1).unwrap();
    sheet
        .write_datetime_with_format(r, 5, enlist, &date_format)
        .unwrap();
    sheet.write_string(r, 6, "1975-01").unwrap();
    // The ID column turned into numbers by Excel.
    let r = top + 2;
    sheet.write_string(r, 0, "张三").unwrap();
    sheet.write_number(r, 1, 450102198003050111.0).unwrap();
    sheet.write_string(r, 4, "退役士兵").unwrap();
    // Row top+3 left blank; then a good row with a date serial typed as a plain number.
    let r = top + 4;
    sheet.write_string(r, 0, "阿依古丽·买买提").unwrap();
    sheet.write_string(r, 1, id(1990, 7, 1, 22)).unwrap();
    sheet.write_number(r, 2, 19900701.0).unwrap();
    sheet.write_string(r, 4, "现役军人家属").unwrap();
    workbook.save(path).unwrap();
}

#[test]
fn an_xlsx_roster_with_typed_cells() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("花名册.xlsx");
    workbook_fixture(&path, false);
    let roster = read(&path);
    let rows: Vec<usize> = roster.rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, vec![2, 3, 5]);
    assert_eq!(
        problems(&roster),
        vec![(3, "身份证号".to_string(), "id.scientific")]
    );
    let bad = &roster.rows[1];
    assert_eq!(bad.raw[1], "4.50102E+17");
    let lines = describe_problems(&roster, &path, Lang::Zh);
    assert!(
        lines[0].contains("花名册.xlsx 第 3 行「身份证号」") && lines[0].contains("4.50102E+17"),
        "{}",
        lines[0]
    );
    let people: Vec<_> = roster.people().collect();
    assert_eq!(people[0].id_number, "11010519491231002X");
    assert_eq!(people[0].birth_date, Some(date(1949, 12, 31)));
    assert_eq!(people[0].phone, "13800001234");
    assert_eq!(people[0].enlist_date, "1968-03-01");
    assert_eq!(people[0].discharge_date, "1975-01");
    assert_eq!(people[1].name, "阿依古丽·买买提");
    assert_eq!(people[1].birth_date, Some(date(1990, 7, 1)));
}

#[test]
fn a_title_row_above_the_header_is_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("titled.xlsx");
    workbook_fixture(&path, true);
    let roster = read(&path);
    let rows: Vec<usize> = roster.rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, vec![3, 4, 6]);
    assert_eq!(roster.headers[0], "姓名");
}

#[test]
fn the_rejects_file_keeps_the_rows_and_gives_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = good_lines();
    lines.push("王五,4.50102E+17,,,,12345,退役士兵,,,,,,,".to_string());
    lines.push(format!("赵六,{},,,,,退伍老兵,,,,,,,", id(1970, 1, 1, 3)));
    let path = csv_file(&dir, "roster.csv", &lines);
    let roster = read(&path);
    let rejects = rejects_path(&path);
    assert_eq!(rejects.file_name().unwrap(), "roster.csv.rejects.csv");
    write_rejects(&rejects, &roster, Lang::Zh).unwrap();

    let bytes = std::fs::read(&rejects).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let table = read_table(&rejects).unwrap();
    assert_eq!(table.len(), 3);
    let mut header: Vec<String> = HEADER.split(',').map(String::from).collect();
    header.push("原行号".into());
    header.push("原因".into());
    assert_eq!(table[0], header);
    assert_eq!(
        table[1][..14],
        lines[4].split(',').map(String::from).collect::<Vec<_>>()[..]
    );
    assert!(
        table[1][15].contains("「身份证号」") && table[1][15].contains("「联系电话」"),
        "{}",
        table[1][15]
    );
    assert!(table[1][15].contains("科学计数法"));
    assert!(table[2][15].contains("「人员类别」"));
    // The rows' numbers in the original file (the header is row 1).
    assert_eq!((table[1][14].as_str(), table[2][14].as_str()), ("5", "6"));

    // Corrected in place, the rejects file imports: the row and reason columns are not a
    // problem.
    let again = read(&rejects);
    assert!(again.warnings.is_empty());
    assert_eq!(again.rows.len(), 2);

    write_rejects(&rejects, &roster, Lang::En).unwrap();
    let english = read_table(&rejects).unwrap();
    assert_eq!(
        (english[0][14].as_str(), english[0][15].as_str()),
        ("original row", "reason")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Whatever the bytes, reading gives a roster or an error, never a panic.
    #[test]
    fn any_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..400), with_header in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = if with_header { b"name,id_number,category\n".to_vec() } else { Vec::new() };
        bytes.extend_from_slice(&body);
        let path = write(&dir, "fuzz.csv", &bytes);
        if let Ok(roster) = read_roster(&path) {
            let _ = describe_problems(&roster, &path, Lang::En);
            write_rejects(&rejects_path(&path), &roster, Lang::Zh).unwrap();
        }
        let _ = read_roster(&write(&dir, "fuzz.xlsx", &bytes));
    }

    /// A real workbook and a real CSV roster with a few bytes changed, replaced, cut or
    /// inserted: a roster (whose problems can be described) or an error naming the file.
    #[test]
    fn mutated_rosters_never_panic(
        changes in proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 1..8),
        cut in proptest::option::of(any::<usize>()),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let xlsx = dir.path().join("花名册.xlsx");
        workbook_fixture(&xlsx, false);
        let csv = good_lines().join("\r\n").into_bytes();
        for (name, mut bytes) in [("花名册.xlsx", std::fs::read(&xlsx).unwrap()), ("花名册.csv", csv)] {
            for &(at, byte, how) in &changes {
                let n = bytes.len();
                match how {
                    0 if n > 0 => bytes[at % n] = byte,
                    1 => bytes.insert(at % (n + 1), byte),
                    _ if n > 0 => {
                        bytes.remove(at % n);
                    }
                    _ => {}
                }
            }
            if let Some(cut) = cut {
                let n = bytes.len();
                bytes.truncate(cut % (n + 1));
            }
            let path = write(&dir, &format!("mutated-{name}"), &bytes);
            match read_roster(&path) {
                Ok(roster) => {
                    for lang in [Lang::Zh, Lang::En] {
                        for line in describe_problems(&roster, &path, lang) {
                            prop_assert!(line.contains("mutated-花名册"), "{}", line);
                        }
                    }
                }
                Err(e) => {
                    for lang in [Lang::Zh, Lang::En] {
                        let text = e.msg().render(lang);
                        prop_assert!(text.contains("mutated-花名册"), "the error names the file: {}", text);
                    }
                }
            }
        }
    }
}

#[test]
fn yes_no_columns_are_read_and_a_bad_value_names_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let lines = vec![
        "姓名,身份证号,人员类别,困难,重点对象".to_string(),
        format!("张三,{},退役士兵,是,否", id(1980, 3, 5, 11)),
        format!("李四,{},退役士兵,,yes", id(1981, 4, 6, 12)),
        format!("王五,{},退役士兵,也许,", id(1982, 5, 7, 13)),
    ];
    let roster = read(&csv_file(&dir, "flags.csv", &lines));
    let ok: Vec<_> = roster
        .rows
        .iter()
        .filter_map(|r| r.result.as_ref().ok())
        .collect();
    assert_eq!(ok.len(), 2);
    assert!(ok[0].hardship && !ok[0].key_person);
    assert!(!ok[1].hardship && ok[1].key_person);
    assert_eq!(
        problems(&roster),
        vec![(4, "困难".to_string(), "person.bad_flag")]
    );
}
