//! The table writer: files read back cell by cell.
// The whole crate is test code: a failed unwrap is a failed test, which is what we want.
#![allow(clippy::unwrap_used)]
use calamine::{Data, Reader, open_workbook_auto};
use chrono::NaiveDate;
use stationdesk::exchange::{Cell, ExportError, Table, read_table, write_table};
use stationdesk::i18n::Lang;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn table() -> Table {
    let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    Table {
        title: "来访登记".into(),
        headers: [
            "姓名",
            "身份证号",
            "联系电话",
            "出生日期",
            "来访时间",
            "次数",
            "备注",
        ]
        .map(String::from)
        .to_vec(),
        rows: vec![
            vec![
                Cell::text("尉迟恭"),
                Cell::text("11010519491231002X"),
                Cell::text("13800001234"),
                Cell::Date(NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()),
                Cell::DateTime(day.and_hms_opt(9, 30, 0).unwrap()),
                Cell::Int(3),
                Cell::Empty,
            ],
            vec![
                Cell::text("阿依古丽·买买提"),
                Cell::text("450102199007010228"),
                Cell::text("0771-1234567"),
                Cell::Empty,
                Cell::DateTime(day.and_hms_opt(14, 5, 0).unwrap()),
                Cell::Int(0),
                Cell::text("=HYPERLINK(\"x\")"),
            ],
        ],
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn xlsx_cells_keep_their_types() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("visits.xlsx");
    write_table(&path, &table()).unwrap();
    assert_eq!(mode(&path), 0o600);

    let mut workbook = open_workbook_auto(&path).unwrap();
    assert_eq!(workbook.sheet_names(), vec!["来访登记".to_string()]);
    let range = workbook.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(range.start(), Some((0, 0)));
    assert_eq!(range.get((0, 1)), Some(&Data::String("身份证号".into())));
    // ID numbers and phones are text, whatever they look like.
    assert_eq!(
        range.get((1, 1)),
        Some(&Data::String("11010519491231002X".into()))
    );
    assert_eq!(
        range.get((2, 1)),
        Some(&Data::String("450102199007010228".into()))
    );
    assert_eq!(range.get((1, 2)), Some(&Data::String("13800001234".into())));
    // Dates are date cells.
    match range.get((1, 3)) {
        Some(Data::DateTime(dt)) => {
            assert!(dt.is_datetime());
            assert_eq!(dt.to_ymd_hms_milli(), (1949, 12, 31, 0, 0, 0, 0));
        }
        other => panic!("birth date is not a date cell: {other:?}"),
    }
    match range.get((2, 4)) {
        Some(Data::DateTime(dt)) => assert_eq!(dt.to_ymd_hms_milli(), (2026, 11, 25, 14, 5, 0, 0)),
        other => panic!("visit time is not a date cell: {other:?}"),
    }
    assert_eq!(range.get((1, 5)), Some(&Data::Float(3.0)));
    assert!(matches!(range.get((1, 6)), None | Some(Data::Empty)));
    // Text that looks like a formula is written as text, never run.
    assert_eq!(
        range.get((2, 6)),
        Some(&Data::String("=HYPERLINK(\"x\")".into()))
    );

    let rows = read_table(&path).unwrap();
    assert_eq!(
        rows[1][..5],
        [
            "尉迟恭",
            "11010519491231002X",
            "13800001234",
            "1949-12-31",
            "2026-11-25 09:30:00"
        ]
    );
}

#[test]
fn csv_has_a_bom_and_plain_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("visits.CSV");
    write_table(&path, &table()).unwrap();
    assert_eq!(mode(&path), 0o600);
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let rows = read_table(&path).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0], table().headers);
    assert_eq!(
        rows[1],
        [
            "尉迟恭",
            "11010519491231002X",
            "13800001234",
            "1949-12-31",
            "2026-11-25 09:30",
            "3",
            ""
        ]
    );
    assert_eq!(rows[2][6], "'=HYPERLINK(\"x\")");
}

#[test]
fn other_extensions_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["out.pdf", "out"] {
        let path = dir.path().join(name);
        let err = write_table(&path, &table()).unwrap_err();
        assert!(matches!(err, ExportError::Unsupported { .. }));
        assert!(err.msg().render(Lang::Zh).contains(".xlsx"));
        assert!(!path.exists());
    }
}

#[test]
fn a_failed_export_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("out.xlsx");
    let err = write_table(&path, &table()).unwrap_err();
    assert_eq!(err.msg().key, "exchange.export_no_dir");
    assert!(err.msg().render(Lang::En).contains("out.xlsx"));

    // Replacing an existing export leaves exactly the new file.
    let path = dir.path().join("out.csv");
    std::fs::write(&path, "old").unwrap();
    write_table(&path, &table()).unwrap();
    assert_eq!(read_table(&path).unwrap().len(), 3);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("out.csv")]);
}

#[test]
fn an_empty_table_is_still_a_valid_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = Table {
        title: String::new(),
        headers: vec!["姓名".into()],
        rows: vec![],
    };
    for name in ["e.xlsx", "e.csv"] {
        let path = dir.path().join(name);
        write_table(&path, &empty).unwrap();
        assert_eq!(read_table(&path).unwrap(), vec![vec!["姓名".to_string()]]);
    }
}
