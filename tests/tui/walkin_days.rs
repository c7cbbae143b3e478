//! F3 browses any day: ← → move a day (never past today), `g` jumps to a day typed as date
//! fields take it, the title names the day and a past day's board says so; Enter on a
//! walk-in opens it, also when the visitor is not on file.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{bound, key, text};
use crossterm::event::KeyCode;
use stationdesk::i18n::Lang;
use stationdesk::tui::screens::ScreenId;

/// A desk with 张三丰's walk-ins of 2026-11-10 and 2026-11-20 (today is 2026-11-25).
fn desk() -> Harness {
    let mut h = Harness::new(Lang::Zh);
    common::history::add(&mut h.store, h.ids[0]);
    h
}

#[test]
fn left_and_right_move_a_day_and_the_title_names_it() {
    let mut h = desk();
    key(&mut h, KeyCode::F(3));
    let body = h.draw_body(80, 24);
    assert!(body.contains("今日来访 2026-11-25"), "{body}");
    for _ in 0..5 {
        bound(&mut h, KeyCode::Left);
    }
    let body = h.draw_body(80, 24);
    assert!(body.contains("来访登记 2026-11-20"), "{body}");
    assert!(body.contains("这是2026-11-20的登记，不是今天"), "{body}");
    assert!(body.contains("2026-11-20 来访：1 人次"), "{body}");
    assert!(body.contains("14:30") && body.contains("张三丰"), "{body}");
    // Back towards today; → stops at today.
    for _ in 0..9 {
        bound(&mut h, KeyCode::Right);
    }
    let body = h.draw_body(80, 24);
    assert!(body.contains("今日来访 2026-11-25"), "{body}");
    assert!(!body.contains("不是今天"), "{body}");
}

#[test]
fn g_jumps_to_a_day_typed_as_date_fields_take_it() {
    let mut h = desk();
    key(&mut h, KeyCode::F(3));
    for (typed, day, shows) in [
        ("11-10", "2026-11-10", "10:00"),
        ("2026-11-20", "2026-11-20", "14:30"),
        ("-15", "2026-11-10", "10:00"),
        ("昨天", "2026-11-24", "这一天没有来访登记"),
    ] {
        bound(&mut h, KeyCode::Char('g'));
        text(&mut h, typed);
        key(&mut h, KeyCode::Enter);
        let body = h.draw_body(80, 24);
        assert!(body.contains(&format!("来访登记 {day}")), "{typed}: {body}");
        assert!(body.contains(shows), "{typed}: {body}");
    }
    // A day to come is refused, and the board stays where it was.
    bound(&mut h, KeyCode::Char('g'));
    text(&mut h, "+3");
    key(&mut h, KeyCode::Enter);
    let status = h.app.status().unwrap().text.clone();
    assert!(status.contains("2026-11-28"), "{status}");
    key(&mut h, KeyCode::Esc);
    assert!(h.draw_body(80, 24).contains("来访登记 2026-11-24"));
}

#[test]
fn enter_opens_a_walk_in_of_a_visitor_not_on_file() {
    let mut h = desk();
    common::history::add_unlinked(&mut h.store, "赵六", "13812345678", "问优待证");
    key(&mut h, KeyCode::F(3));
    key(&mut h, KeyCode::Enter);
    assert_eq!(h.app.screen_id(), ScreenId::VisitView);
    let body = h.draw_body(80, 24);
    assert!(body.contains("赵六") && body.contains("未建档"), "{body}");
    assert!(body.contains("问优待证"), "{body}");
    // Enter there says how to put the visitor on file; Esc goes back to the board.
    key(&mut h, KeyCode::Enter);
    assert_eq!(h.app.screen_id(), ScreenId::VisitView);
    key(&mut h, KeyCode::Esc);
    assert_eq!(h.app.screen_id(), ScreenId::Walkins);
}

#[test]
fn snapshot_a_past_day_s_board() {
    let mut h = desk();
    key(&mut h, KeyCode::F(3));
    bound(&mut h, KeyCode::Char('g'));
    text(&mut h, "11-20");
    key(&mut h, KeyCode::Enter);
    insta::assert_snapshot!("walkins_past_day_zh_80x24", h.draw_body(80, 24));
}
