//! A desk's own save reaches its lookup index once, through the change log like any other
//! desk's, re-keying only the person saved.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{ctrl, key, text};
use crossterm::event::KeyCode;
use stationdesk::i18n::Lang;
use stationdesk::tui::screens::ScreenId;

#[test]
fn a_new_person_is_keyed_once_and_found_at_once() {
    let mut h = Harness::new(Lang::Zh);
    let people = h.engine.len();
    key(&mut h, KeyCode::F(2));
    text(&mut h, "王五");
    ctrl(&mut h, 'n');
    key(&mut h, KeyCode::Tab);
    let id = common::id_number("450102", "19700101", false, None);
    text(&mut h, &id);
    for _ in 0..5 {
        key(&mut h, KeyCode::Tab);
    }
    text(&mut h, "1");
    h.performed.clear();
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::Profile);
    let saved = h.store.person_by_id_number(&id).unwrap().unwrap();
    let saved_id = saved.id.unwrap();

    let updates: Vec<&String> = h
        .performed
        .iter()
        .filter(|e| e.contains("Index"))
        .filter(|e| *e != "RefreshIndex")
        .collect();
    assert_eq!(
        updates,
        vec![&format!("IndexChanges(These([{saved_id}]))")],
        "{:?}",
        h.performed
    );
    assert_eq!(h.engine.len(), people + 1);
    assert_eq!(h.engine.changed_since_load(), 1);
    assert_eq!(h.engine.search("ww", 5).first(), Some(&saved_id));
}
