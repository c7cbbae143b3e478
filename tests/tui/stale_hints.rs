//! The hint line offers only what the keys do now: Enter confirms inside a prompt, a signed
//! day offers no ticking or signing, a past Sunday is not "today".
#![allow(clippy::unwrap_used)]
use crate::common;

use super::checklist::{ctrl, key, open_checklist, tick_required};
use common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use stationdesk::domain::visit::VisitInput;
use stationdesk::i18n::Lang;
use stationdesk::tui::screens::ScreenId;

fn press(h: &mut Harness, code: KeyCode) {
    common::keys::key(h, code);
}

fn hint_line(h: &mut Harness) -> String {
    wide_hint_line(h, 80)
}

/// Wide enough for every hint of the screen to fit.
fn wide_hint_line(h: &mut Harness, cols: u16) -> String {
    h.draw(cols, 24).lines().last().unwrap().to_string()
}

#[test]
fn a_text_prompt_confirms_with_enter_and_opens_nothing() {
    let mut h = open_checklist(Lang::Zh);
    // An exception asks for its note in a prompt.
    key(&mut h, 'x');
    let line = hint_line(&mut h);
    assert!(!line.contains("打开"), "{line}");
    assert!(
        line.contains("Enter 确认") && line.contains("取消"),
        "{line}"
    );

    // The follow-up note of the walk-ins screen likewise.
    let mut h = Harness::new(Lang::Zh);
    let visit = VisitInput {
        visitor_name: "李四".into(),
        purpose: Some(0),
        outcome: "follow_up".into(),
        follow_up_date: "t".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(common::now())
    .unwrap();
    h.store.save_visit(&visit).unwrap();
    press(&mut h, KeyCode::F(3));
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Enter);
    let line = hint_line(&mut h);
    assert!(!line.contains("打开") && !line.contains("导出"), "{line}");
    assert!(line.contains("Enter 确认"), "{line}");
}

#[test]
fn a_signed_day_offers_no_space_and_no_ctrl_s() {
    let mut h = open_checklist(Lang::En);
    let line = wide_hint_line(&mut h, 200);
    assert!(line.contains("Space") && line.contains("Ctrl+S"), "{line}");
    tick_required(&mut h);
    ctrl(&mut h, 's');
    assert!(
        h.store
            .checklist_day(common::now().date())
            .unwrap()
            .unwrap()
            .is_signed()
    );
    let line = wide_hint_line(&mut h, 200);
    assert!(
        !line.contains("Space") && !line.contains("Ctrl+S"),
        "{line}"
    );
}

#[test]
fn a_past_sunday_is_not_called_today() {
    let mut h = open_checklist(Lang::Zh);
    key(&mut h, 'h');
    // Wednesday the 25th, three days back: Sunday the 22nd.
    for _ in 0..3 {
        common::keys::press(&mut h, KeyCode::Left, KeyModifiers::NONE);
    }
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.app.screen_id(), ScreenId::Checklist);
    let screen = h.draw(80, 24);
    assert!(screen.contains("2026-11-22"), "{screen}");
    assert!(!screen.contains("今天是周末"), "{screen}");
    assert!(screen.contains("这一天是周末"), "{screen}");
    let line = hint_line(&mut h);
    assert!(
        !line.contains("Space") && !line.contains("Ctrl+S"),
        "{line}"
    );
}
