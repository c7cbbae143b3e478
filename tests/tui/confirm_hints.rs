//! The hint line says what works while a dialog waits: a step or a void shown for
//! confirmation takes Enter (record) and Esc (back); the notice chooser takes Enter (issue)
//! and the arrows (choose).
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use stationdesk::domain::petition::{Delivery, PetitionInput, PetitionerInput, Step, StepKind};
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;

fn at(text: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

/// A case accepted on 11-03 and answered on 11-20, opened on the case screen.
fn answered_case() -> Harness {
    let mut h = Harness::new(Lang::Zh);
    h.store.set_actor("wang");
    let p = PetitionInput {
        channel: "visit".into(),
        received_at: "2026-11-02 10:00".into(),
        petitioners: vec![PetitionerInput {
            name: "张三丰".into(),
            phone: "13800001234".into(),
            ..Default::default()
        }],
        subject: "优待证办理迟缓".into(),
        request: "请求尽快办理".into(),
        risk: "low".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(common::now().date())
    .unwrap();
    let id = h.store.save_new_petition(&p).unwrap().0;
    let steps = [
        Step::new(StepKind::Accepted, at("2026-11-03 10:00"), "wang"),
        Step::reply(at("2026-11-20 16:00"), "wang", "已答复", Delivery::InPerson),
    ];
    for s in &steps {
        h.store.add_step(id, s).unwrap();
    }
    h.send(Action::GotoPetitions);
    h.send(Action::Open);
    h
}

/// The bottom line of the screen drawn at 80×24.
fn hint_line(h: &mut Harness) -> String {
    let screen = h.draw(80, 24);
    screen.lines().last().unwrap().to_string()
}

#[test]
fn a_void_in_confirmation_hints_only_enter_and_esc() {
    let mut h = answered_case();
    h.send(Action::VoidStep);
    h.send(Action::NextField);
    h.type_text("误点答复");
    h.send(Action::Save);
    let line = hint_line(&mut h);
    assert!(line.contains("Enter 记录"), "{line}");
    assert!(line.contains("Esc 返回"), "{line}");
    assert!(!line.contains("下一栏"), "{line}");
    assert!(!line.contains("Ctrl+S"), "{line}");
    // Back in the dialog, its own keys again.
    h.send(Action::Back);
    let line = hint_line(&mut h);
    assert!(line.contains("Ctrl+S"), "{line}");
}

#[test]
fn a_step_in_confirmation_hints_only_enter_and_esc() {
    let mut h = answered_case();
    h.send(Action::AddStep);
    // The dialog offers the next step on the latest date; shown for confirmation.
    h.send(Action::Save);
    let screen = h.draw(80, 24);
    let line = screen.lines().last().unwrap();
    assert!(line.contains("Enter 记录"), "{screen}");
    assert!(line.contains("Esc 返回"), "{line}");
    assert!(!line.contains("下一栏"), "{line}");
    assert!(!line.contains("Ctrl+S"), "{line}");
}

#[test]
fn the_notice_chooser_hints_enter_to_issue_and_the_arrows() {
    let mut h = answered_case();
    h.send(Action::IssueNotice);
    let line = hint_line(&mut h);
    assert!(line.contains("Enter 出具"), "{line}");
    assert!(line.contains("Up 上一项"), "{line}");
    assert!(line.contains("Down 下一项"), "{line}");
    assert!(line.contains("Esc 返回"), "{line}");
}
