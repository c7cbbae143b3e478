//! Issue 16, the working calendar screen: from the checklist (c), an administrator sees a
//! year's holidays and make-up working days with where they came from, the note for a year
//! without data, and imports a newly published year from a file by its path, checked and
//! audited as `stationdesk calendar import` does.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{bound, key, text};
use crossterm::event::KeyCode;
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;

fn opened(lang: Lang) -> Harness {
    let mut h = Harness::new(lang);
    h.send(Action::GotoChecklist);
    bound(&mut h, KeyCode::Char('c'));
    h
}

#[test]
fn the_calendar_screen_at_80x24() {
    let mut h = opened(Lang::Zh);
    insta::assert_snapshot!("calendar_years_zh_80x24", h.draw_body(80, 24));
}

#[test]
fn a_year_is_shown_with_its_source_and_a_new_year_imported_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = opened(Lang::Zh);
    let screen = h.draw(100, 30);
    for want in [
        "工作日历 2026 年",
        "随程序发布的国务院节假日安排",
        "节假日（",
        "01-01",
        "调休上班（",
        "01-04",
    ] {
        assert!(screen.contains(want), "{want}:\n{screen}");
    }
    // 2027 has no data yet: the fallback note.
    key(&mut h, KeyCode::Right);
    let screen = h.draw(100, 30);
    assert!(screen.contains("2027 年的节假日安排尚未导入"), "{screen}");

    // A file with a mistake is refused, nothing imported.
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "2027-13-01,holiday\n").unwrap();
    key(&mut h, KeyCode::Char('i'));
    text(&mut h, bad.to_str().unwrap());
    key(&mut h, KeyCode::Enter);
    let screen = h.draw(100, 30);
    assert!(screen.contains("未导入任何内容"), "{screen}");
    assert!(!h.store.calendar().unwrap().has_year(2027));

    let file = dir.path().join("2027.csv");
    std::fs::write(
        &file,
        "2027-01-01,holiday\n2027-02-06~2027-02-12,holiday\n2027-02-14,workday\n",
    )
    .unwrap();
    key(&mut h, KeyCode::Char('i'));
    text(&mut h, file.to_str().unwrap());
    key(&mut h, KeyCode::Enter);
    let screen = h.draw(100, 30);
    for want in [
        "工作日历 2027 年",
        "来源：2027.csv（tester",
        "节假日（8 天）",
        "调休上班（1 天）：02-14",
        "已导入 2027 年日历",
    ] {
        assert!(screen.contains(want), "{want}:\n{screen}");
    }
    assert!(h.store.calendar().unwrap().has_year(2027));
    let audit = h.store.audit_entries(None, None).unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.entity == "calendar" && e.actor == "tester"),
        "the import is audited as the officer"
    );
    // Esc goes back to the checklist.
    key(&mut h, KeyCode::Esc);
    assert!(!h.draw(100, 30).contains("工作日历 2027 年"));
}
