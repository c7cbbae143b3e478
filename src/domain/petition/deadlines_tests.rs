//! The statutory limits counted on fixed dates: 15 / 60 / +30 / 30 / 30, rolled past
//! holidays, and the urgency an officer sees.
use super::*;
use crate::domain::petition::lifecycle::{Step, StepKind, apply};
use chrono::NaiveDateTime;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(y: i32, m: u32, day: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(10, 0, 0).unwrap()
}

fn step(case: &CaseState, kind: StepKind, at: NaiveDateTime) -> CaseState {
    let mut s = Step::new(kind, at, "wang");
    if kind == StepKind::Extended {
        s.note = "情况复杂".into();
        s.extension_days = Some(30);
    }
    apply(case, &s).unwrap()
}

#[test]
fn acceptance_across_month_and_year_ends() {
    assert_eq!(acceptance_due(d(2026, 1, 31)), d(2026, 2, 15));
    assert_eq!(acceptance_due(d(2026, 2, 20)), d(2026, 3, 7));
    assert_eq!(acceptance_due(d(2028, 2, 20)), d(2028, 3, 6));
    assert_eq!(acceptance_due(d(2028, 2, 14)), d(2028, 2, 29));
    assert_eq!(acceptance_due(d(2028, 2, 29)), d(2028, 3, 15));
    assert_eq!(acceptance_due(d(2026, 12, 20)), d(2027, 1, 4));
    assert_eq!(acceptance_due(d(2026, 12, 31)), d(2027, 1, 15));
}

#[test]
fn a_limit_ending_on_a_holiday_or_rest_day_ends_on_the_next_working_day() {
    let cal = Calendar::published();
    // received 2026-09-16: the last day is National Day; the legal end 8 October
    let c = CaseState::registered(t(2026, 9, 16));
    let a = deadlines(&c, &cal).acceptance.unwrap();
    assert_eq!((a.last_day, a.end), (d(2026, 10, 1), d(2026, 10, 8)));
    assert_eq!(
        next_due(&c, &cal),
        Some((DeadlineKind::Acceptance, d(2026, 10, 8)))
    );
    // received 2026-01-31: the last day, Sunday 15 February, opens the Spring Festival
    // holiday (15-23 February); the legal end is Tuesday the 24th
    let c = CaseState::registered(t(2026, 1, 31));
    assert_eq!(deadlines(&c, &cal).acceptance.unwrap().end, d(2026, 2, 24));
    // a plain Saturday moves to Monday; without the calendar it would not
    let c = CaseState::registered(t(2026, 11, 13));
    assert_eq!(deadlines(&c, &cal).acceptance.unwrap().end, d(2026, 11, 30));
    assert_eq!(
        deadlines(&c, &cal).acceptance.unwrap().last_day,
        d(2026, 11, 28)
    );
    // a make-up working Saturday is a working day: 2026-10-10
    let c = CaseState::registered(t(2026, 9, 25));
    assert_eq!(deadlines(&c, &cal).acceptance.unwrap().end, d(2026, 10, 10));
    assert_eq!(Due::on(d(2026, 10, 1), &cal).late_days(d(2026, 10, 9)), 1);
    assert_eq!(Due::on(d(2026, 10, 1), &cal).late_days(d(2026, 10, 2)), 0);
}

#[test]
fn handling_with_and_without_the_extension() {
    let cal = Calendar::published();
    let reg = CaseState::registered(t(2027, 12, 20));
    assert_eq!(deadlines(&reg, &cal).handling, None);
    assert_eq!(
        next_due(&reg, &cal),
        Some((DeadlineKind::Acceptance, d(2028, 1, 4)))
    );
    let acc = step(&reg, StepKind::Accepted, t(2027, 12, 31));
    // 31 days of January plus 29 of the leap February
    assert_eq!(
        next_due(&acc, &cal),
        Some((DeadlineKind::Handling, d(2028, 2, 29)))
    );
    let ext = step(&acc, StepKind::Extended, t(2028, 2, 1));
    assert_eq!(
        next_due(&ext, &cal),
        Some((DeadlineKind::Handling, d(2028, 3, 30)))
    );
    // the same dates a year later, February being short
    let acc = step(
        &CaseState::registered(t(2026, 12, 31)),
        StepKind::Accepted,
        t(2026, 12, 31),
    );
    assert_eq!(
        deadlines(&acc, &cal).handling.map(|h| h.end),
        Some(d(2027, 3, 1))
    );
}

#[test]
fn review_windows_and_answers() {
    let cal = Calendar::published();
    let mut c = CaseState::registered(t(2028, 1, 2));
    c = step(&c, StepKind::Accepted, t(2028, 1, 5));
    c = step(&c, StepKind::Replied, t(2028, 1, 30));
    assert_eq!(
        deadlines(&c, &cal).review_request.map(|w| w.end),
        Some(d(2028, 2, 29))
    );
    assert_eq!(next_due(&c, &cal), None, "waiting on the petitioner");
    c = step(&c, StepKind::ReviewRequested, t(2028, 2, 29));
    // The higher body's answer is awaited, not the station's own deadline.
    assert_eq!(next_due(&c, &cal), None);
    assert_eq!(
        crate::domain::petition::awaited(&c, &cal).map(|(k, due)| (k, due.end)),
        Some((DeadlineKind::ReviewAnswer, d(2028, 3, 30)))
    );
    assert_eq!(urgency(&c, d(2028, 6, 1), &cal), Urgency::None);
    c = step(&c, StepKind::ReviewAnswered, t(2028, 12, 1));
    // 31 December 2028 is a Sunday: the window runs to Monday 1 January 2029
    let window = deadlines(&c, &cal).rereview_request.unwrap();
    assert_eq!(
        (window.last_day, window.end),
        (d(2028, 12, 31), d(2029, 1, 1))
    );
    c = step(&c, StepKind::ReReviewRequested, t(2028, 12, 31));
    assert_eq!(next_due(&c, &cal), None);
    assert_eq!(
        crate::domain::petition::awaited(&c, &cal).map(|(k, due)| (k, due.end)),
        Some((DeadlineKind::ReReviewAnswer, d(2029, 1, 30)))
    );
    c = step(&c, StepKind::ReReviewAnswered, t(2029, 1, 2));
    assert_eq!(next_due(&c, &cal), None);
    assert_eq!(urgency(&c, d(2040, 1, 1), &cal), Urgency::None);
}

#[test]
fn the_rereview_window_runs_from_the_receipt_of_the_review_answer() {
    let cal = Calendar::published();
    let mut c = CaseState::registered(t(2026, 6, 1));
    c = step(&c, StepKind::Accepted, t(2026, 6, 2));
    c = step(&c, StepKind::Replied, t(2026, 7, 1));
    c = step(&c, StepKind::ReviewRequested, t(2026, 7, 10));
    let mut answer = Step::new(StepKind::ReviewAnswered, t(2026, 8, 20), "wang");
    answer.note = "维持原答复".into();
    answer.delivery = Some(crate::domain::petition::Delivery::Post);
    let waiting = apply(&c, &answer).unwrap();
    let dl = deadlines(&waiting, &cal);
    assert!(dl.rereview_awaiting_delivery);
    assert_eq!(dl.rereview_request, None);
    // received 1 September: + 30 = 1 October, National Day, rolled to 8 October
    answer.delivered_on = Some(d(2026, 9, 1));
    let known = apply(&c, &answer).unwrap();
    let w = deadlines(&known, &cal).rereview_request.unwrap();
    assert_eq!((w.last_day, w.end), (d(2026, 10, 1), d(2026, 10, 8)));
}

#[test]
fn urgency_counts_calendar_days() {
    // received 2026-02-11: acceptance due 2026-02-26
    let cal = Calendar::published();
    let c = CaseState::registered(t(2026, 2, 11));
    assert_eq!(urgency(&c, d(2026, 2, 22), &cal), Urgency::None);
    assert_eq!(urgency(&c, d(2026, 2, 23), &cal), Urgency::DueSoon);
    assert_eq!(urgency(&c, d(2026, 2, 26), &cal), Urgency::DueSoon);
    assert_eq!(urgency(&c, d(2026, 2, 27), &cal), Urgency::Overdue);
    // over a month end: due 2026-03-01, today 2026-02-26 is three days before
    assert_eq!(urgency_of(d(2026, 3, 1), d(2026, 2, 26)), Urgency::DueSoon);
    assert_eq!(urgency_of(d(2026, 3, 1), d(2026, 2, 25)), Urgency::None);
    // in a leap year the same dates are four days apart
    assert_eq!(urgency_of(d(2028, 3, 1), d(2028, 2, 26)), Urgency::None);
    // over a year end
    assert_eq!(urgency_of(d(2027, 1, 2), d(2026, 12, 30)), Urgency::DueSoon);
    assert_eq!(urgency_of(d(2026, 12, 31), d(2027, 1, 1)), Urgency::Overdue);
}

#[test]
fn ended_cases_are_never_urgent() {
    let c = CaseState::registered(t(2026, 1, 1));
    let mut s = Step::new(StepKind::NotAccepted, t(2026, 3, 1), "wang");
    s.note = "不属于受理范围".into();
    let c = apply(&c, &s).unwrap();
    assert_eq!(
        urgency(&c, d(2027, 1, 1), &Calendar::published()),
        Urgency::None
    );
}

#[test]
fn the_limit_each_step_meets() {
    let cal = Calendar::published();
    let reg = CaseState::registered(t(2026, 11, 2));
    let on = d(2026, 11, 20);
    let acc = timing(&reg, StepKind::Accepted, on, &cal).unwrap();
    assert_eq!(
        (acc.kind, acc.due, acc.late_days),
        (DeadlineKind::Acceptance, d(2026, 11, 17), 3)
    );
    assert_eq!(timing(&reg, StepKind::InProgress, on, &cal), None);
    assert_eq!(
        timing(&reg, StepKind::Replied, on, &cal),
        None,
        "not accepted yet"
    );
    let accepted = step(&reg, StepKind::Accepted, t(2026, 11, 3));
    let reply = timing(&accepted, StepKind::Replied, on, &cal).unwrap();
    assert_eq!(reply.kind, DeadlineKind::Handling);
    assert!(!reply.is_late() && reply.is_stations());
}

#[test]
fn far_dates_do_not_panic() {
    assert_eq!(add_days(NaiveDate::MAX, 15), NaiveDate::MAX);
}

#[test]
fn kind_codes_round_trip() {
    for k in [
        DeadlineKind::Acceptance,
        DeadlineKind::Handling,
        DeadlineKind::ReviewRequest,
        DeadlineKind::ReviewAnswer,
        DeadlineKind::ReReviewRequest,
        DeadlineKind::ReReviewAnswer,
    ] {
        assert_eq!(DeadlineKind::from_code(k.code()), Some(k));
    }
}
