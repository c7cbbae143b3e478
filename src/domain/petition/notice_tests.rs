//! A voided step neither allows its notice nor is the one a notice reports.
#![allow(clippy::unwrap_used)]
use super::super::lifecycle::{Step, StepKind};
use super::super::void::StepVoid;
use super::{NoticeKind, latest};

fn at(text: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn voided(mut step: Step) -> Step {
    step.voided = Some(StepVoid {
        by: "admin".into(),
        at: at("2026-11-25 09:00"),
        reason: "误点".into(),
    });
    step
}

#[test]
fn a_voided_step_allows_no_notice() {
    let steps = vec![
        Step::new(StepKind::Accepted, at("2026-11-03 10:00"), "wang"),
        voided(Step::new(StepKind::Replied, at("2026-11-20 16:00"), "wang")),
    ];
    assert_eq!(
        NoticeKind::available(&steps),
        vec![NoticeKind::Receipt, NoticeKind::Accepted]
    );
}

#[test]
fn the_latest_step_is_the_latest_still_standing() {
    let first = Step::new(StepKind::Extended, at("2026-11-10 10:00"), "wang");
    let steps = vec![
        Step::new(StepKind::Accepted, at("2026-11-03 10:00"), "wang"),
        first.clone(),
        voided(Step::new(StepKind::Extended, at("2026-11-20 16:00"), "li")),
    ];
    assert_eq!(latest(&steps, StepKind::Extended), Some(&first));
    let all_voided = vec![voided(first)];
    assert_eq!(latest(&all_voided, StepKind::Extended), None);
}
