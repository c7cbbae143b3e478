//! The person form tells the officer what validation noticed once the record is saved (an
//! old 15-digit ID number converted), and checks dates against the program's clock.
use crate::common;

use common::Harness;
use common::keys::{ctrl, key, text};
use crossterm::event::KeyCode;
use stationdesk::i18n::Lang;
use stationdesk::tui::screens::ScreenId;

/// F2, a new name, Ctrl+N, the ID number, the first category; the form is left on the
/// category field.
fn new_person(h: &mut Harness, id: &str) {
    key(h, KeyCode::F(2));
    text(h, "王五");
    ctrl(h, 'n');
    assert_eq!(h.app.screen_id(), ScreenId::PersonForm);
    key(h, KeyCode::Tab);
    text(h, id);
    for _ in 0..5 {
        key(h, KeyCode::Tab);
    }
    text(h, "1");
}

#[test]
fn saving_an_old_id_number_says_it_was_converted() {
    let mut h = Harness::new(Lang::Zh);
    new_person(&mut h, "110105491231002");
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::Profile);
    let status = h.app.status().unwrap().text.clone();
    assert!(
        status.contains("已保存") && status.contains("11010519491231002X"),
        "{status}"
    );
    assert!(
        h.store
            .person_by_id_number("11010519491231002X")
            .unwrap()
            .is_some()
    );
}

#[test]
fn the_form_checks_dates_against_the_programs_clock() {
    let mut h = Harness::new(Lang::Zh);
    let id = common::id_number("450102", "19700101", false, None);
    new_person(&mut h, &id);
    // Political status, household, town, village, address, enlisted, discharged.
    for _ in 0..7 {
        key(&mut h, KeyCode::Tab);
    }
    // After the program's today (2026-11-25), not after the machine's.
    text(&mut h, "2026-12");
    ctrl(&mut h, 's');
    let screen = h.draw(120, 40);
    assert_eq!(h.app.screen_id(), ScreenId::PersonForm, "{screen}");
    assert!(h.store.person_by_id_number(&id).unwrap().is_none());
}
