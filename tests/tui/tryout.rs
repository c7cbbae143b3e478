//! Seams found by using the program as a front-desk officer: each test is one defect seen
//! in a terminal, at the size it was seen.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{bound, ctrl, key, text};
use crossterm::event::KeyCode;
use stationdesk::i18n::{Lang, t};

/// The last line of the screen: the key hints.
fn hint_line(screen: &str) -> String {
    screen.lines().last().unwrap_or_default().to_string()
}

/// On the family links (`f`), Delete removes the selected link; the hint line said it
/// deletes the record (删除档案), which an officer would never press.
#[test]
fn the_family_hint_for_delete_names_the_link_not_the_record() {
    for lang in [Lang::Zh, Lang::En] {
        let mut h = Harness::new(lang);
        key(&mut h, KeyCode::F(2));
        ctrl(&mut h, 'u');
        text(&mut h, "oyxw");
        key(&mut h, KeyCode::Enter);
        bound(&mut h, KeyCode::Char('f'));
        let screen = h.draw(80, 24);
        let hints = hint_line(&screen);
        assert!(
            !hints.contains(&t(lang, "tui.action.delete_record")),
            "{screen}"
        );
        assert!(
            hints.contains(&t(lang, "tui.action_in.family.delete_record")),
            "{screen}"
        );
    }
}
