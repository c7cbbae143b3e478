//! A profile edited while another desk changed the same record: the save is refused with
//! who changed it and when, and the form stays with what the officer typed.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{ctrl, key, text};
use crossterm::event::KeyCode;
use stationdesk::i18n::Lang;
use stationdesk::tui::screens::ScreenId;

#[test]
fn an_edit_over_another_desk_s_change_is_refused_and_the_form_stays() {
    let mut h = Harness::new(Lang::Zh);
    key(&mut h, KeyCode::F(2));
    text(&mut h, "zsf");
    key(&mut h, KeyCode::Enter);
    text(&mut h, "e"); // edit
    assert_eq!(h.app.screen_id(), ScreenId::PersonForm);

    // Meanwhile another desk saves a new phone number for him.
    let id = h.ids[0];
    let mut other = h.store.person(id).unwrap().unwrap();
    other.phone = "13900001111".into();
    h.store.set_actor("zhaomin");
    h.store.save_person(&other).unwrap();

    text(&mut h, "改"); // the name field has the focus
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::PersonForm);
    let status = h.app.status().unwrap().text.clone();
    assert!(status.contains("zhaomin"), "{status}");
    assert!(status.contains("2026-11-25"), "{status}");
    let stored = h.store.person(id).unwrap().unwrap();
    assert_eq!(stored.phone, "13900001111");
    assert_eq!(stored.name, "张三丰");
}
