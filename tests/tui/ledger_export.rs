//! Exports from the ledger screens: the petition ledger as filtered, today's walk-ins and
//! the checklist's month, written beside the database and read back; the status line
//! names the file; an audit record is left; and a database in memory or a folder that
//! cannot be made gives an error in the user's language.
#![allow(clippy::unwrap_used)]
use crate::common;

use calamine::{Data, Reader, open_workbook_auto};
use common::Harness;
use common::keys::{key, press, text};
use crossterm::event::{KeyCode, KeyModifiers};
use stationdesk::domain::petition::{PetitionInput, PetitionerInput};
use stationdesk::domain::visit::VisitInput;
use stationdesk::i18n::{Lang, t};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// An app on a database file in `dir`, with the sample people, two petitions and a
/// walk-in of a visitor not on file.
fn on_file(dir: &Path, lang: Lang) -> Harness {
    let mut store = common::store(Some(&dir.join("station.db")), common::clock());
    store.set_actor("tester");
    let ids = common::fill(&mut store);
    let today = common::now().date();
    for (name, subject, risk) in [
        ("张三丰", "优待证办理迟缓", "high"),
        ("李四", "临时救助", "low"),
    ] {
        let p = PetitionInput {
            channel: "visit".into(),
            received_at: "2026-11-20 10:00".into(),
            petitioners: vec![PetitionerInput {
                person_id: None,
                name: name.into(),
                phone: "13800001234".into(),
                address: String::new(),
            }],
            subject: subject.into(),
            request: "请求办理".into(),
            risk: risk.into(),
            handler: "wang".into(),
            ..Default::default()
        }
        .validate(today)
        .unwrap();
        store.save_new_petition(&p).unwrap();
    }
    let visit = VisitInput {
        visitor_name: "赵六".into(),
        visitor_phone: "13912345678".into(),
        purpose: Some(0),
        outcome: "done".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(common::now())
    .unwrap();
    store.save_visit(&visit).unwrap();
    let mut h = Harness::new(lang);
    h.store = store;
    h.ids = ids;
    h
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The first sheet as text, row by row.
fn sheet(path: &Path) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    Data::DateTime(dt) => {
                        let (y, m, d, ..) = dt.to_ymd_hms_milli();
                        format!("{y:04}-{m:02}-{d:02}")
                    }
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// The export written, checked for its modes, the status naming it and the audit record.
fn written(h: &Harness, dir: &Path, name: &str, entity: &str) -> PathBuf {
    let file = dir.join("exports").join(name);
    assert!(file.is_file(), "{:?} {:?}", h.app.status(), h.performed);
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(&dir.join("exports")), 0o700);
    let status = h.app.status().unwrap();
    assert!(!status.is_error, "{}", status.text);
    assert!(
        status.text.contains(&file.display().to_string()),
        "{}",
        status.text
    );
    let last = h.store.audit_entries(None, None).unwrap().pop().unwrap();
    assert_eq!(
        (last.action.as_str(), last.entity.as_str()),
        ("export", entity)
    );
    assert!(last.summary.ends_with(name), "{}", last.summary);
    file
}

#[test]
fn the_petition_ledger_exports_the_rows_its_filter_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on_file(dir.path(), Lang::Zh);
    key(&mut h, KeyCode::F(4));
    // High risk only: 张三丰's case.
    for _ in 0..3 {
        press(&mut h, KeyCode::Char('r'), KeyModifiers::CONTROL);
    }
    key(&mut h, KeyCode::Char('x'));
    let file = written(&h, dir.path(), "petitions-2026-11-25.xlsx", "petitions");
    assert!(h.app.status().unwrap().text.contains("已导出 1 行"));
    let rows = sheet(&file);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0][0], t(Lang::Zh, "export.case_no"));
    assert_eq!(rows[1][0], "2026-0001");
    assert_eq!(rows[1][3], "张三丰");
}

#[test]
fn ctrl_e_exports_from_the_filter_box_where_x_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on_file(dir.path(), Lang::En);
    key(&mut h, KeyCode::F(4));
    key(&mut h, KeyCode::Tab);
    text(&mut h, "李x");
    // The x went into the filter: nothing matches, nothing was written.
    assert!(!dir.path().join("exports").exists());
    key(&mut h, KeyCode::Backspace);
    press(&mut h, KeyCode::Char('e'), KeyModifiers::CONTROL);
    let file = written(&h, dir.path(), "petitions-2026-11-25.xlsx", "petitions");
    let rows = sheet(&file);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][3], "李四");
}

#[test]
fn the_walk_ins_screen_exports_today_masked() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on_file(dir.path(), Lang::En);
    key(&mut h, KeyCode::F(3));
    key(&mut h, KeyCode::Char('x'));
    let file = written(&h, dir.path(), "visits-2026-11-25.xlsx", "visits");
    let rows = sheet(&file);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][2], "赵六");
    // The phone is masked, as the export command does by default.
    assert!(!rows[1][4].contains("13912345678"), "{:?}", rows[1]);
    assert!(rows[1][4].starts_with("139"), "{:?}", rows[1]);
}

#[test]
fn the_checklist_history_exports_the_month_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on_file(dir.path(), Lang::Zh);
    key(&mut h, KeyCode::F(5));
    key(&mut h, KeyCode::Char('h'));
    key(&mut h, KeyCode::Char('x'));
    let file = written(&h, dir.path(), "checklist-2026-11.xlsx", "checklist");
    let rows = sheet(&file);
    // Today's items were opened when F5 showed the day.
    assert!(rows.len() > 1, "{rows:?}");
    assert_eq!(rows[0][0], t(Lang::Zh, "export.date"));
    assert!(
        rows[1..].iter().all(|r| r[0].contains("2026-11-25")),
        "{rows:?}"
    );
    // The month before has nothing, and says so in its own file.
    key(&mut h, KeyCode::PageUp);
    key(&mut h, KeyCode::Char('x'));
    let file = written(&h, dir.path(), "checklist-2026-10.xlsx", "checklist");
    assert_eq!(sheet(&file).len(), 1);
}

#[test]
fn a_database_in_memory_has_nowhere_to_export_to() {
    let mut h = Harness::new(Lang::Zh);
    key(&mut h, KeyCode::F(3));
    key(&mut h, KeyCode::Char('x'));
    let status = h.app.status().unwrap();
    assert!(status.is_error, "{}", status.text);
    assert!(status.text.contains("导出失败"), "{}", status.text);
    assert!(status.text.contains("内存"), "{}", status.text);
}

#[test]
fn a_folder_that_cannot_be_made_is_an_error_in_the_status_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on_file(dir.path(), Lang::En);
    // A file where the folder should be.
    std::fs::write(dir.path().join("exports"), b"not a folder").unwrap();
    key(&mut h, KeyCode::F(4));
    key(&mut h, KeyCode::Char('x'));
    let status = h.app.status().unwrap();
    assert!(status.is_error, "{}", status.text);
    assert!(status.text.starts_with("Export failed"), "{}", status.text);
    assert!(status.text.contains("exports"), "{}", status.text);
}
