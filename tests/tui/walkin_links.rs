//! From the screens: a visitor not on file gives an ID number on the walk-in form (an old
//! 15-digit one converted, and told); the record made from that form (Ctrl+N there) is
//! offered the visitor's earlier walk-ins; a correction opened before a link is stopped,
//! says the walk-in was linked, and keeps the link when the officer keeps theirs.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{bound, ctrl, key, text};
use crossterm::event::KeyCode;
use stationdesk::i18n::Lang;
use stationdesk::tui::screens::ScreenId;

/// On the walk-in form of a visitor not on file: name, purpose 1, outcome 1 (done), and
/// the ID number in the last field.
fn fill_visitor(h: &mut Harness, name: &str, id_number: &str) {
    key(h, KeyCode::F(3));
    ctrl(h, 'n');
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    text(h, name);
    key(h, KeyCode::Tab); // phone
    key(h, KeyCode::Tab); // purpose
    text(h, "1");
    key(h, KeyCode::Tab); // summary
    key(h, KeyCode::Tab); // outcome
    text(h, "1");
    key(h, KeyCode::Tab); // arrival time
    key(h, KeyCode::Tab); // ID number
    text(h, id_number);
}

#[test]
fn a_visitor_s_id_number_is_kept_converted_from_the_old_form() {
    let mut h = Harness::new(Lang::Zh);
    fill_visitor(&mut h, "赵六", "110105491231002");
    ctrl(&mut h, 's');
    assert_eq!(
        h.app.screen_id(),
        ScreenId::Walkins,
        "{}",
        h.draw_body(80, 24)
    );
    let v = &h
        .store
        .visits_between(common::now().date(), common::now().date())
        .unwrap()[0];
    assert_eq!(v.visitor_id_number, "11010519491231002X");
    let status = h.app.status().unwrap().text.clone();
    assert!(status.contains("11010519491231002X"), "{status}");
    // Opened again: the number shows masked.
    key(&mut h, KeyCode::Enter);
    assert_eq!(h.app.screen_id(), ScreenId::VisitView);
    let body = h.draw_body(80, 24);
    assert!(body.contains("110105********002X"), "{body}");
}

#[test]
fn a_wrong_id_number_keeps_the_form_on_that_field() {
    let mut h = Harness::new(Lang::Zh);
    fill_visitor(&mut h, "赵六", "110105194912310021");
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    assert!(
        h.store
            .visits_between(common::now().date(), common::now().date())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_record_made_from_the_walk_in_form_is_offered_the_earlier_walk_ins() {
    let mut h = Harness::new(Lang::Zh);
    let earlier = common::history::add_unlinked(&mut h.store, "赵六", "", "上周来问政策");
    fill_visitor(&mut h, "赵六", "11010519491231002X");
    // Put on file from here: the ID number goes with the name to the person form.
    ctrl(&mut h, 'n');
    assert_eq!(h.app.screen_id(), ScreenId::PersonForm);
    let body = h.draw_body(120, 40);
    assert!(body.contains("11010519491231002X"), "{body}");
    for _ in 0..6 {
        key(&mut h, KeyCode::Tab);
    }
    text(&mut h, "1"); // the first category
    ctrl(&mut h, 's');
    assert_eq!(
        h.app.screen_id(),
        ScreenId::LinkOffer,
        "{}",
        h.draw_body(80, 24)
    );
    assert!(h.draw_body(80, 24).contains(&format!("#{earlier}")));
    key(&mut h, KeyCode::Enter);
    // Linked, and back in the walk-in being registered, now for the person on file.
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    assert!(h.store.visit(earlier).unwrap().unwrap().person_id.is_some());
    ctrl(&mut h, 's');
    let pid = h.store.visit(earlier).unwrap().unwrap().person_id.unwrap();
    assert_eq!(h.store.visits_of_person(pid).unwrap().len(), 2);
}

#[test]
fn a_correction_opened_before_a_link_is_stopped_and_keeping_mine_keeps_the_link() {
    let mut h = Harness::new(Lang::Zh);
    let id = common::history::add_unlinked(&mut h.store, "赵六", "", "问政策");
    // The testing aid signs in as an administrator, who may correct it.
    key(&mut h, KeyCode::F(3));
    key(&mut h, KeyCode::Enter);
    assert_eq!(
        h.app.screen_id(),
        ScreenId::VisitView,
        "{}",
        h.draw_body(80, 24)
    );
    bound(&mut h, KeyCode::Char('e'));
    assert_eq!(
        h.app.screen_id(),
        ScreenId::VisitForm,
        "{}",
        h.draw_body(80, 24)
    );
    key(&mut h, KeyCode::Tab); // purpose -> summary
    text(&mut h, "，已答复");
    for _ in 0..3 {
        key(&mut h, KeyCode::Tab); // outcome, ID number, reason
    }
    text(&mut h, "补记答复");
    // Another desk links the walk-in to 张三丰's record meanwhile.
    h.store.set_actor("zhaomin");
    assert_eq!(h.store.link_visits(h.ids[0], &[id]).unwrap(), 1);
    h.store.set_actor("tester");
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    let body = h.draw_body(80, 24);
    assert!(
        body.contains("zhaomin于2026-11-25 09:30:00已更正或关联"),
        "{body}"
    );
    assert!(body.contains("已关联到人员档案"), "{body}");
    text(&mut h, "k");
    assert_eq!(
        h.app.screen_id(),
        ScreenId::VisitView,
        "{}",
        h.draw_body(80, 24)
    );
    let r = h.store.visit_record(id).unwrap().unwrap();
    assert_eq!(r.visit.person_id, Some(h.ids[0]));
    assert_eq!(r.visit.summary, "问政策，已答复");
    assert_eq!(r.history.len(), 1);
}
