//! The working calendar on the screens (issue 16, items 1, 2 and 7): a past day of a year
//! without holiday data says so, an administrator corrects a past day's working status with
//! a reason, a late step stays visible in the case and the ledger, and a mailed reply waits
//! for its receipt before the review window runs.
#![allow(clippy::unwrap_used)]
use crate::common;

use chrono::{NaiveDate, NaiveDateTime};
use common::Harness;
use stationdesk::domain::petition::{
    Delivery, PetitionInput, PetitionerInput, Step, StepKind, deadlines,
};
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;
use stationdesk::tui::screens::ScreenId;

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// One case, received on `received`, in the harness's store; returns its id.
fn case(h: &mut Harness, received: &str) -> i64 {
    let p = PetitionInput {
        channel: "来信".into(),
        received_at: received.into(),
        petitioners: vec![PetitionerInput {
            name: "张三丰".into(),
            address: "城关镇东街1号".into(),
            ..Default::default()
        }],
        subject: "优待证未办理".into(),
        request: "请求尽快办理".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(common::now().date())
    .unwrap();
    h.store.save_new_petition(&p).unwrap().0
}

fn open_first_case(h: &mut Harness) {
    h.send(Action::GotoPetitions);
    h.send(Action::Open);
    assert_eq!(h.app.screen_id(), ScreenId::PetitionCase);
}

#[test]
fn a_past_day_of_a_year_without_holidays_says_so() {
    let mut h = Harness::new(Lang::Zh);
    h.send(Action::GotoChecklist);
    h.send(Action::ChecklistHistory);
    // From November 2026 back to November 2024: 2024 has no published data here.
    for _ in 0..24 {
        h.send(Action::PrevMonth);
    }
    h.send(Action::Open);
    assert_eq!(h.app.screen_id(), ScreenId::Checklist);
    let screen = h.draw(100, 24);
    assert!(screen.contains("2024 年节假日未导入"), "{screen}");
    // and a day of 2026 does not
    h.send(Action::Back);
    for _ in 0..24 {
        h.send(Action::NextMonth);
    }
    h.send(Action::PrevDay);
    h.send(Action::Open);
    let screen = h.draw(100, 24);
    assert!(!screen.contains("节假日未导入"), "{screen}");
}

#[test]
fn an_administrator_corrects_a_past_day_with_a_reason() {
    let mut h = Harness::new(Lang::Zh);
    h.send(Action::GotoChecklist);
    h.send(Action::ChecklistHistory);
    h.send(Action::PrevDay); // Tuesday 2026-11-24
    h.send(Action::Open);
    h.send(Action::MarkHoliday);
    // A past day asks why; an empty answer is refused.
    h.send(Action::Open);
    let status = h.app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(status.contains("理由"), "{status}");
    h.type_text("县里通知放假一天");
    h.send(Action::Open);
    let stored = h.store.checklist_day(day(2026, 11, 24)).unwrap().unwrap();
    assert!(!stored.is_working_day());
    assert_eq!(stored.mark_reason, "县里通知放假一天");
    let screen = h.draw(100, 24);
    assert!(screen.contains("已更正：县里通知放假一天"), "{screen}");
    let audit = h.store.audit_entries(None, None).unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "mark_day_off" && e.summary == "县里通知放假一天")
    );
}

#[test]
fn a_late_acceptance_stays_visible_in_the_case_and_the_ledger() {
    let mut h = Harness::new(Lang::Zh);
    // Received 2026-11-02: the notice limit ends 2026-11-17; accepted 8 days late today.
    let id = case(&mut h, "2026-11-02 09:00");
    h.store
        .add_step(
            id,
            &Step::new(StepKind::Accepted, at("2026-11-25 09:00"), "wang"),
        )
        .unwrap();
    h.send(Action::GotoPetitions);
    let ledger = h.draw(120, 30);
    assert!(ledger.contains("迟8天"), "{ledger}");
    open_first_case(&mut h);
    let screen = h.draw(160, 40);
    assert!(screen.contains("2026-11-17 已办（逾期8天）"), "{screen}");
    assert!(screen.contains("逾期8天（期限 2026-11-17）"), "{screen}");
}

#[test]
fn a_mailed_reply_waits_for_its_receipt_then_the_window_runs() {
    let mut h = Harness::new(Lang::Zh);
    let id = case(&mut h, "2026-10-09 09:00");
    h.store
        .add_step(
            id,
            &Step::new(StepKind::Accepted, at("2026-10-10 09:00"), "wang"),
        )
        .unwrap();
    h.store
        .add_step(
            id,
            &Step::reply(
                at("2026-11-20 09:00"),
                "wang",
                "经核查，答复如下",
                Delivery::Post,
            ),
        )
        .unwrap();
    open_first_case(&mut h);
    let screen = h.draw(120, 40);
    assert!(screen.contains("待送达"), "{screen}");
    // The step dialog offers the receipt first; the day defaults to today.
    h.send(Action::AddStep);
    let screen = h.draw(120, 40);
    assert!(screen.contains("记录送达"), "{screen}");
    h.send(Action::Save);
    let state = h.store.petition(id).unwrap().unwrap().state;
    assert_eq!(state.reply_received, Some(day(2026, 11, 25)));
    let window = deadlines(&state, &h.store.calendar().unwrap())
        .review_request
        .unwrap();
    assert_eq!(window.end, day(2026, 12, 25));
    let screen = h.draw(120, 40);
    assert!(screen.contains("2026-12-25"), "{screen}");
    assert!(!screen.contains("待送达"), "{screen}");
}
