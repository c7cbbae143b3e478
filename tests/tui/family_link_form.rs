//! The family link form: the basis field has its help line like the others, and a picked
//! relative's name shows once (in the relative field), not again above the form.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{bound, ctrl, key, text};
use crossterm::event::KeyCode;
use stationdesk::i18n::{Lang, t};

/// 欧阳修文's family link form, 阿依 picked from the suggestions.
fn picked(h: &mut Harness) {
    key(h, KeyCode::F(2));
    ctrl(h, 'u');
    text(h, "oyxw");
    key(h, KeyCode::Enter);
    bound(h, KeyCode::Char('f'));
    ctrl(h, 'n');
    text(h, "阿依");
    key(h, KeyCode::Enter);
}

#[test]
fn the_basis_field_has_its_help_line() {
    let mut h = Harness::new(Lang::Zh);
    picked(&mut h);
    key(&mut h, KeyCode::Tab);
    let screen = h.draw(80, 24);
    assert!(
        screen.contains(&t(Lang::Zh, "family.field.basis_hint")),
        "{screen}"
    );
}

#[test]
fn a_picked_relative_is_named_once() {
    let mut h = Harness::new(Lang::Zh);
    picked(&mut h);
    let screen = h.draw(80, 24);
    assert_eq!(screen.matches("阿依古丽").count(), 1, "{screen}");
    assert!(!screen.contains("亲属：阿依古丽"), "{screen}");
}
