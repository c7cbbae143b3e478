//! Who may correct a walk-in, as the screens tell it; a person's walk-ins opened from the
//! profile; the offer to link a visitor's walk-ins made when their record is created.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{bound, ctrl, key, text};
use crossterm::event::KeyCode;
use stationdesk::domain::officer::Role;
use stationdesk::i18n::Lang;
use stationdesk::tui::screens::ScreenId;
use stationdesk::tui::session::{AuthInit, Session};

/// The app signed in as the officer (not administrator) `username`, on the sample people
/// with 张三丰's walk-ins, registered by "wang" at `registered`.
fn as_officer(username: &str, registered: chrono::NaiveDateTime) -> Harness {
    let mut store = common::store(None, common::clock_at(registered));
    let ids = common::fill(&mut store);
    common::history::add(&mut store, ids[0]);
    let auth = AuthInit {
        session: Some(Session {
            username: username.into(),
            display_name: username.into(),
            role: Role::Officer,
            authenticated: false,
        }),
        ..AuthInit::default()
    };
    Harness::auth(Lang::Zh, store, auth)
}

fn open_the_20th(h: &mut Harness) {
    key(h, KeyCode::F(3));
    bound(h, KeyCode::Char('g'));
    text(h, "11-20");
    key(h, KeyCode::Enter);
    key(h, KeyCode::Enter);
    assert_eq!(h.app.screen_id(), ScreenId::VisitView);
}

#[test]
fn another_officer_is_told_who_may_correct() {
    let mut h = as_officer("li", common::now());
    open_the_20th(&mut h);
    bound(&mut h, KeyCode::Char('e'));
    assert_eq!(h.app.screen_id(), ScreenId::VisitView);
    let status = h.app.status().unwrap().text.clone();
    assert!(
        status.contains("wang") && status.contains("管理员"),
        "{status}"
    );
}

#[test]
fn the_registering_officer_may_correct_on_the_day_only() {
    // Registered today (2026-11-25) by wang: wang may correct them.
    let mut h = as_officer("wang", common::now());
    open_the_20th(&mut h);
    bound(&mut h, KeyCode::Char('e'));
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    // Registered yesterday: wang is told only an administrator may now.
    let mut h = as_officer("wang", common::now() - chrono::Duration::days(1));
    open_the_20th(&mut h);
    bound(&mut h, KeyCode::Char('e'));
    assert_eq!(h.app.screen_id(), ScreenId::VisitView);
    let status = h.app.status().unwrap().text.clone();
    assert!(
        status.contains("2026-11-24") && status.contains("管理员"),
        "{status}"
    );
}

#[test]
fn a_person_s_walk_ins_open_from_the_profile() {
    let mut h = Harness::new(Lang::Zh);
    common::history::add(&mut h.store, h.ids[0]);
    key(&mut h, KeyCode::F(2));
    text(&mut h, "zsf");
    key(&mut h, KeyCode::Enter);
    assert_eq!(h.app.screen_id(), ScreenId::Profile);
    bound(&mut h, KeyCode::Char('w'));
    assert_eq!(h.app.screen_id(), ScreenId::PersonWalkins);
    let body = h.draw_body(80, 24);
    assert!(
        body.contains("2026-11-20 14:30") && body.contains("2026-11-10 10:00"),
        "{body}"
    );
    key(&mut h, KeyCode::Down);
    key(&mut h, KeyCode::Enter);
    assert_eq!(h.app.screen_id(), ScreenId::VisitView);
    assert!(h.draw_body(80, 24).contains("询问抚恤金发放"));
}

#[test]
fn creating_the_record_of_a_visitor_offers_their_walk_ins() {
    let mut h = Harness::new(Lang::Zh);
    let visit = common::history::add_unlinked(&mut h.store, "赵六", "13812345678", "先来问政策");
    key(&mut h, KeyCode::F(2));
    text(&mut h, "赵六");
    ctrl(&mut h, 'n');
    assert_eq!(h.app.screen_id(), ScreenId::PersonForm);
    // Past the ID number, gender, birth date and ethnicity to the phone.
    for _ in 0..5 {
        key(&mut h, KeyCode::Tab);
    }
    text(&mut h, "13812345678");
    key(&mut h, KeyCode::Tab);
    text(&mut h, "1"); // the first category
    ctrl(&mut h, 's');
    assert_eq!(
        h.app.screen_id(),
        ScreenId::LinkOffer,
        "{}",
        h.draw_body(80, 24)
    );
    assert!(h.draw_body(80, 24).contains("先来问政策") || h.draw_body(80, 24).contains("赵六"));
    key(&mut h, KeyCode::Enter);
    assert_eq!(h.app.screen_id(), ScreenId::Profile);
    let person = h.store.visit(visit).unwrap().unwrap().person_id;
    assert!(person.is_some());
    assert!(h.draw_body(100, 30).contains("先来问政策"));
    // Linked, and audited.
    let linked = h
        .store
        .audit_entries(None, None)
        .unwrap()
        .into_iter()
        .any(|e| e.action == "link" && e.entity_id == visit.to_string());
    assert!(linked);
}
