//! Every ledger exported by `stationdesk export` and read back cell by cell: the workbook
//! with calamine (text stays text — an ID number ending in X included — dates are date
//! cells, counts are numbers), and the CSV as text with a BOM.
#![allow(clippy::unwrap_used)]
use crate::common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{NaiveDate, NaiveDateTime};
use stationdesk::clock::Clock;
use stationdesk::domain::checklist::ItemState;
use stationdesk::domain::mask::{mask_id, mask_phone};
use stationdesk::domain::petition::{
    Channel, DeadlineKind, PetitionInput, PetitionerInput, Risk, Status,
};
use stationdesk::domain::visit::{VisitInput, outcome_label_key};
use stationdesk::i18n::{Lang, t};
use stationdesk::store::Store;
use std::path::Path;

/// What a cell should hold.
#[derive(Debug, Clone, PartialEq)]
enum Want {
    Text(String),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    Number(f64),
    Empty,
}

fn text(s: impl Into<String>) -> Want {
    let s = s.into();
    if s.is_empty() {
        Want::Empty
    } else {
        Want::Text(s)
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(d: u32, h: u32, min: u32) -> NaiveDateTime {
    date(2026, 11, d).and_hms_opt(h, min, 0).unwrap()
}

type Parts = (u16, u8, u8, u8, u8, u8, u16);

fn parts(dt: &calamine::ExcelDateTime) -> Parts {
    dt.to_ymd_hms_milli()
}

fn parts_of(dt: &NaiveDateTime) -> Parts {
    use chrono::{Datelike, Timelike};
    (
        dt.year() as u16,
        dt.month() as u8,
        dt.day() as u8,
        dt.hour() as u8,
        dt.minute() as u8,
        dt.second() as u8,
        0,
    )
}

fn matches(cell: &Data, want: &Want) -> bool {
    match (cell, want) {
        (Data::String(s), Want::Text(w)) => s == w,
        (Data::Empty, Want::Empty) => true,
        (Data::String(s), Want::Empty) => s.is_empty(),
        (Data::Float(f), Want::Number(w)) => f == w,
        (Data::Int(i), Want::Number(w)) => *i as f64 == *w,
        (Data::DateTime(dt), Want::Date(w)) => {
            dt.is_datetime() && parts(dt) == parts_of(&w.and_time(chrono::NaiveTime::MIN))
        }
        (Data::DateTime(dt), Want::DateTime(w)) => dt.is_datetime() && parts(dt) == parts_of(w),
        _ => false,
    }
}

/// How the CSV writes the same value.
fn csv_text(want: &Want) -> String {
    match want {
        Want::Text(s) => s.clone(),
        Want::Date(d) => d.format("%Y-%m-%d").to_string(),
        Want::DateTime(dt) => dt.format("%Y-%m-%d %H:%M").to_string(),
        Want::Number(n) => format!("{n}"),
        Want::Empty => String::new(),
    }
}

fn export(db: &Path, ledger: &str, file: &Path) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stationdesk"))
        .env("STATIONDESK_CONFIG_DIR", db.with_extension("config"))
        .env("STATIONDESK_NOW", "2026-11-25 17:00")
        .env("USER", "tester")
        .args(["--lang", "zh", "--db"])
        .arg(crate::common::pg::db(db))
        .args(["export", ledger, "--out"])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{ledger}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Exports `ledger` as .xlsx and .csv and checks the header and the listed rows (by
/// index, header excluded) cell by cell.
fn check(db: &Path, ledger: &str, header: &[&str], rows: &[(usize, Vec<Want>)], total: usize) {
    let dir = db.parent().unwrap();
    let xlsx = dir.join(format!("{ledger}.xlsx"));
    export(db, ledger, &xlsx);
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(sheet.start(), Some((0, 0)), "{ledger}");
    let got: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(got.len(), total + 1, "{ledger}: rows");
    let head: Vec<String> = got[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(head, header, "{ledger}: header");
    for (i, want) in rows {
        let row = got[i + 1];
        assert_eq!(row.len(), want.len(), "{ledger} row {i}: {row:?}");
        for (col, (cell, w)) in row.iter().zip(want).enumerate() {
            assert!(
                matches(cell, w),
                "{ledger} row {i} column {col} ({}): got {cell:?}, want {w:?}",
                header[col]
            );
        }
    }

    let csv = dir.join(format!("{ledger}.csv"));
    export(db, ledger, &csv);
    assert!(std::fs::read(&csv).unwrap().starts_with(b"\xEF\xBB\xBF"));
    let table = stationdesk::exchange::read_table(&csv).unwrap();
    assert_eq!(table.len(), total + 1, "{ledger}: CSV rows");
    assert_eq!(table[0], header, "{ledger}: CSV header");
    for (i, want) in rows {
        let expected: Vec<String> = want.iter().map(csv_text).collect();
        assert_eq!(table[i + 1], expected, "{ledger}: CSV row {i}");
    }
}

/// A station on a fixed clock: the sample people, two walk-ins, a petition and a signed
/// checklist day.
fn fixture(db: &Path) {
    let clock = common::clock_at(at(25, 8, 0));
    let mut s = common::store(Some(db), clock.clone());
    s.set_actor("wang");
    let ids = common::fill(&mut s);
    clock.set(at(25, 9, 30));
    let follow_up = VisitInput {
        person_id: Some(ids[0]),
        visitor_name: "张三丰".into(),
        visitor_phone: "13800001234".into(),
        purpose: Some(3),
        summary: "询问抚恤金发放时间".into(),
        outcome: "follow_up".into(),
        follow_up_date: "2026-11-28".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(clock.now())
    .unwrap();
    s.save_visit(&follow_up).unwrap();
    clock.set(at(25, 10, 5));
    let referred = VisitInput {
        visitor_name: "赵六".into(),
        visitor_phone: "0771-7654321".into(),
        purpose: Some(4),
        outcome: "referred".into(),
        referred_to: "县人社局".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(clock.now())
    .unwrap();
    s.save_visit(&referred).unwrap();

    let petition = PetitionInput {
        channel: "来访".into(),
        received_at: "2026-11-25 09:00".into(),
        petitioners: vec![PetitionerInput {
            name: "王五".into(),
            phone: "13800001234".into(),
            ..Default::default()
        }],
        subject: "抚恤金未按时发放".into(),
        request: "请求补发".into(),
        risk: "高".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(date(2026, 11, 25))
    .unwrap();
    s.save_new_petition(&petition).unwrap();

    clock.set(at(25, 16, 40));
    let day = s.open_checklist_day(date(2026, 11, 25)).unwrap();
    for (i, item) in day.items.iter().enumerate() {
        let (state, note) = if i == 0 {
            (ItemState::Exception, "系统故障，改用纸质登记")
        } else {
            (ItemState::Done, "")
        };
        s.set_checklist_item(date(2026, 11, 25), item.rule_id, state, note)
            .unwrap();
    }
    clock.set(at(25, 16, 45));
    s.sign_checklist_day(date(2026, 11, 25)).unwrap();
}

fn heads(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| t(Lang::Zh, k)).collect()
}

#[test]
fn every_ledger_reads_back_cell_by_cell() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("station.db");
    fixture(&db);
    let people = common::sample_people();
    let zhang = &people[0];
    assert!(zhang.id_number.ends_with('X'));

    // 花名册: 张三丰 (ID ending in X) and 尉迟恭 (a disability grade, a hardship mark).
    let header = ["姓名", "性别", "出生日期", "身份证号"];
    let people_header: Vec<String> = heads(&[
        "field.name",
        "field.gender",
        "field.birth_date",
        "field.id_number",
        "field.ethnicity",
        "field.phone",
        "field.category",
        "field.town",
        "field.village",
        "field.address",
        "field.political_status",
        "field.enlist_date",
        "field.discharge_date",
        "field.hukou",
        "field.branch",
        "field.unit",
        "field.rank",
        "field.disability_grade",
        "categories.field_nature",
        "field.awards",
        "field.employment",
        "field.hardship",
        "field.key_person",
        "field.notes",
        "family.col.id_numbers",
        "family.col.relations",
        "family.col.bases",
    ]);
    assert_eq!(people_header[..4], header[..4]);
    let yuchi = &people[3];
    check(
        &db,
        "people",
        &people_header.iter().map(String::as_str).collect::<Vec<_>>(),
        &[
            (
                0,
                vec![
                    text("张三丰"),
                    text("男"),
                    Want::Date(date(1980, 3, 5)),
                    text(mask_id(&zhang.id_number)),
                    text("汉族"),
                    text("138****1234"),
                    text("退役士兵"),
                    text("城关镇"),
                    text("东门社区"),
                    text("城关镇东门街 12 号"),
                    Want::Empty,
                    text("1998-12"),
                    text("2002-12"),
                    Want::Empty,
                    text("陆军"),
                    Want::Empty,
                    text("上士"),
                    Want::Empty,
                    // The nature of disability.
                    Want::Empty,
                    Want::Empty,
                    Want::Empty,
                    Want::Empty,
                    text("是"),
                    Want::Empty,
                    // The sample link: 李四 is 张三丰's spouse.
                    text(mask_id(&people[4].id_number)),
                    text("配偶"),
                    Want::Empty,
                ],
            ),
            (
                3,
                vec![
                    text("尉迟恭"),
                    text("男"),
                    Want::Date(date(1968, 4, 2)),
                    text(mask_id(&yuchi.id_number)),
                    text("汉族"),
                    text(mask_phone(&yuchi.phone)),
                    text("残疾军人"),
                    text("大塘镇"),
                    text("东门社区"),
                    Want::Empty,
                    Want::Empty,
                    Want::Empty,
                    Want::Empty,
                    Want::Empty,
                    Want::Empty,
                    Want::Empty,
                    Want::Empty,
                    Want::Number(4.0),
                    // The nature of disability.
                    Want::Empty,
                    Want::Empty,
                    Want::Empty,
                    text("是"),
                    Want::Empty,
                    Want::Empty,
                    Want::Empty,
                    Want::Empty,
                    Want::Empty,
                ],
            ),
        ],
        5,
    );

    // 来访登记簿.
    let visits_header = heads(&[
        "export.date",
        "export.time",
        "field.name",
        "field.id_number",
        "field.phone",
        "export.purpose",
        "export.summary",
        "export.outcome",
        "export.follow_up",
        "rostermsg.follow_up_done",
        "export.handler",
    ]);
    check(
        &db,
        "visits",
        &visits_header.iter().map(String::as_str).collect::<Vec<_>>(),
        &[
            (
                0,
                vec![
                    Want::Date(date(2026, 11, 25)),
                    text("09:30"),
                    text("张三丰"),
                    text(mask_id(&zhang.id_number)),
                    text("138****1234"),
                    text("抚恤补助"),
                    text("询问抚恤金发放时间"),
                    text(t(Lang::Zh, outcome_label_key("follow_up"))),
                    Want::Date(date(2026, 11, 28)),
                    Want::Empty,
                    text("wang"),
                ],
            ),
            (
                1,
                vec![
                    Want::Date(date(2026, 11, 25)),
                    text("10:05"),
                    text("赵六"),
                    Want::Empty,
                    text(mask_phone("0771-7654321")),
                    text("就业创业"),
                    Want::Empty,
                    text(format!(
                        "{}: 县人社局",
                        t(Lang::Zh, outcome_label_key("referred"))
                    )),
                    Want::Empty,
                    Want::Empty,
                    text("wang"),
                ],
            ),
        ],
        2,
    );

    // 信访台账: the acceptance notice is due 15 days after receipt.
    let petitions_header = heads(&[
        "export.case_no",
        "export.received",
        "export.channel",
        "export.petitioner",
        "export.subject",
        "export.flags",
        "export.risk",
        "export.status",
        "export.next_deadline",
        "export.deadline_date",
        "export.handler",
        "export.closed",
        "export.late",
        "export.source",
        "export.assigner",
        "export.assigner_due",
        "export.kind",
        "export.anonymous",
        "export.redirect",
    ]);
    check(
        &db,
        "petitions",
        &petitions_header
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        &[(
            0,
            vec![
                text("2026-0001"),
                Want::DateTime(at(25, 9, 0)),
                text(t(Lang::Zh, Channel::Visit.label_key())),
                text("王五"),
                text("抚恤金未按时发放"),
                Want::Empty,
                text(t(Lang::Zh, Risk::High.label_key())),
                text(t(Lang::Zh, Status::Registered.label_key())),
                text(t(Lang::Zh, DeadlineKind::Acceptance.label_key())),
                Want::Date(date(2026, 12, 10)),
                text("wang"),
                Want::Empty,
                Want::Empty,
                // taken here, not classified, named, not refused
                text(t(Lang::Zh, "petition.source.local")),
                Want::Empty,
                Want::Empty,
                Want::Empty,
                Want::Empty,
                Want::Empty,
            ],
        )],
        1,
    );

    // The checklist: the signed day, its first item an exception with its note.
    let store = Store::open(&crate::common::pg::db(&db)).unwrap();
    let rows = store
        .checklist_rows(date(2026, 11, 25), date(2026, 11, 25))
        .unwrap();
    let checklist_header = heads(&[
        "export.date",
        "export.rule",
        "export.result",
        "export.note",
        "export.officer",
        "export.signed_by",
        "export.signed_at",
    ]);
    check(
        &db,
        "checklist",
        &checklist_header
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        &[
            (
                0,
                vec![
                    Want::Date(date(2026, 11, 25)),
                    text(rows[0].title_zh.clone()),
                    text(t(Lang::Zh, ItemState::Exception.label_key())),
                    text("系统故障，改用纸质登记"),
                    text("wang"),
                    text("wang"),
                    Want::DateTime(at(25, 16, 45)),
                ],
            ),
            (
                1,
                vec![
                    Want::Date(date(2026, 11, 25)),
                    text(rows[1].title_zh.clone()),
                    text(t(Lang::Zh, ItemState::Done.label_key())),
                    Want::Empty,
                    text("wang"),
                    text("wang"),
                    Want::DateTime(at(25, 16, 45)),
                ],
            ),
        ],
        rows.len(),
    );
}
