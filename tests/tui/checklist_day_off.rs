//! The checklist of a day off offers what can be done on it (make it a working day, the
//! history), not ticking and signing, which do nothing there.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{bound, key};
use crossterm::event::KeyCode;
use stationdesk::i18n::Lang;

#[test]
fn a_day_off_s_checklist_does_not_offer_ticking_or_signing() {
    for (lang, sign, working) in [
        (Lang::En, "Sign off", "non-working day"),
        (Lang::Zh, "签字", "非工作日"),
    ] {
        let mut h = Harness::new(lang);
        key(&mut h, KeyCode::F(5));
        let before = h.draw(120, 40);
        assert!(before.contains(sign), "{before}");
        // The administrator marks today a day off.
        bound(&mut h, KeyCode::Char('w'));
        let screen = h.draw(120, 40);
        let hints = screen.lines().last().unwrap();
        assert!(!hints.contains(sign), "{screen}");
        assert!(hints.contains(working), "{screen}");
    }
}
