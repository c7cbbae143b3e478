//! The exports fill what the record knows: the phone of a person on file in the visits
//! export, follow-up and audit times as date-time cells, the audit's actions in the
//! reader's language and officers by their display names.
use crate::common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{NaiveDate, NaiveDateTime};
use stationdesk::clock::Clock;
use stationdesk::domain::mask::mask_phone;
use stationdesk::domain::officer::{HashCost, HashedPassword, Role};
use stationdesk::domain::visit::VisitInput;
use stationdesk::exchange::exports::{ExportRequest, Ledger, build_table};
use stationdesk::exchange::write_table;
use stationdesk::i18n::Lang;
use stationdesk::store::Store;
use std::path::Path;

fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

/// The ledger written as a workbook and read back, header row first.
fn workbook(store: &Store, ledger: Ledger, lang: Lang, file: &Path) -> Vec<Vec<Data>> {
    let req = ExportRequest {
        ledger,
        from: None,
        to: None,
        unmasked: false,
        lang,
        today: at(0, 0).date(),
    };
    write_table(file, &build_table(store, &req).unwrap()).unwrap();
    let mut book: Xlsx<_> = open_workbook(file).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    sheet.rows().map(<[Data]>::to_vec).collect()
}

fn column(rows: &[Vec<Data>], header: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| *h == Data::String(header.into()))
        .unwrap_or_else(|| panic!("{header}: {:?}", rows[0]))
}

fn is_datetime(cell: &Data) -> bool {
    matches!(cell, Data::DateTime(dt) if dt.is_datetime())
}

#[test]
fn the_visits_export_gives_the_phone_on_file_and_follow_up_dates_as_dates() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock_at(at(9, 0));
    let mut s = common::store(Some(&dir.path().join("t.db")), clock.clone());
    let ids = common::fill(&mut s);
    let zhang = s.person(ids[0]).unwrap().unwrap();
    assert!(!zhang.phone.is_empty());
    clock.set(at(9, 30));
    let visit = VisitInput {
        person_id: Some(ids[0]),
        visitor_name: zhang.name.clone(),
        purpose: Some(3),
        outcome: "follow_up".into(),
        follow_up_date: "2026-11-28".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(clock.now())
    .unwrap();
    let id = s.save_visit(&visit).unwrap();
    clock.set(at(15, 10));
    s.complete_follow_up(id, "已电话告知").unwrap();

    let rows = workbook(&s, Ledger::Visits, Lang::Zh, &dir.path().join("v.xlsx"));
    let row = &rows[1];
    assert_eq!(
        row[column(&rows, "联系电话")],
        Data::String(mask_phone(&zhang.phone))
    );
    assert!(is_datetime(&row[column(&rows, "跟进")]), "{row:?}");
    assert!(is_datetime(&row[column(&rows, "跟进办结时间")]), "{row:?}");
}

#[test]
fn the_audit_export_speaks_the_readers_language_and_names_officers() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock_at(at(9, 0));
    let mut s = common::store(Some(&dir.path().join("t.db")), clock.clone());
    let hash = HashedPassword::with_cost("correct horse", HashCost::TESTING).unwrap();
    s.add_officer("wang", "王小明", Role::Officer, &hash)
        .unwrap();
    s.set_actor("wang");
    common::fill(&mut s);

    let rows = workbook(&s, Ledger::Audit, Lang::Zh, &dir.path().join("a.xlsx"));
    let (when, who, what) = (
        column(&rows, "时间"),
        column(&rows, "操作人"),
        column(&rows, "操作"),
    );
    let created = rows
        .iter()
        .find(|r| r[what] == Data::String("新建".into()) && r[4] == Data::String("人员档案".into()))
        .unwrap_or_else(|| panic!("{rows:?}"));
    assert!(is_datetime(&created[when]), "{created:?}");
    assert_eq!(created[who], Data::String("王小明（wang）".into()));
    // The account's own creation was by the command line, shown as written.
    assert!(
        rows[1..]
            .iter()
            .all(|r| !matches!(&r[what], Data::String(s) if s == "create")),
        "{rows:?}"
    );
}
