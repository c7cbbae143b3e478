//! Issue 16 item 5 in the store: a mailed review answer's receipt is recorded later, as a
//! mailed reply's is; until then the re-review window awaits delivery, and from then it
//! runs from the day of receipt.
#![allow(clippy::unwrap_used)]
use crate::common;

use chrono::{NaiveDate, NaiveDateTime};
use stationdesk::domain::petition::{
    Delivery, PetitionInput, PetitionerInput, Step, StepKind, deadlines,
};

fn at(m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, m, d)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

#[test]
fn a_mailed_review_answer_gets_its_receipt_day_later() {
    let clock = common::clock_at(at(3, 2));
    let mut s = crate::common::store(None, clock.clone());
    s.set_actor("wang");
    let p = PetitionInput {
        channel: "letter".into(),
        received_at: "2026-03-02".into(),
        petitioners: vec![PetitionerInput {
            name: "张三".into(),
            address: "某村".into(),
            ..Default::default()
        }],
        subject: "优待证".into(),
        request: "请求办理".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(day(3, 2))
    .unwrap();
    let (id, _) = s.save_new_petition(&p).unwrap();
    clock.set(at(4, 1));
    s.add_step(id, &Step::new(StepKind::Accepted, at(3, 3), "wang"))
        .unwrap();
    s.add_step(
        id,
        &Step::reply(at(3, 20), "wang", "答复意见", Delivery::InPerson),
    )
    .unwrap();
    let mut request = Step::new(StepKind::ReviewRequested, at(4, 1), "wang");
    request.forwarded_to = Some("县退役军人事务局".into());
    s.add_step(id, &request).unwrap();
    clock.set(at(4, 20));
    let mut answer = Step::new(StepKind::ReviewAnswered, at(4, 20), "wang");
    answer.note = "维持原答复".into();
    answer.delivery = Some(Delivery::Post);
    let state = s.add_step(id, &answer).unwrap();
    let cal = s.calendar().unwrap();
    assert_eq!(state.review_answer_received, None);
    assert!(deadlines(&state, &cal).rereview_awaiting_delivery);
    assert_eq!(deadlines(&state, &cal).rereview_request, None);

    // The return receipt comes back: 24 April, recorded on the 27th.
    clock.set(at(4, 27));
    let state = s.record_delivery(id, day(4, 24)).unwrap();
    assert_eq!(state.review_answer_received, Some(day(4, 24)));
    assert_eq!(s.petition(id).unwrap().unwrap().state, state);
    // 30 days from 24 April end on 24 May, a Sunday: the window's legal end is the 25th.
    assert_eq!(
        deadlines(&state, &cal).rereview_request.unwrap().end,
        day(5, 25)
    );
    let steps = s.steps(id).unwrap();
    let kept = steps
        .iter()
        .find(|x| x.kind == StepKind::ReviewAnswered)
        .unwrap();
    assert_eq!(kept.delivered_on, Some(day(4, 24)));
    // The reply's own receipt is untouched, and a second receipt is refused.
    let reply = steps.iter().find(|x| x.kind == StepKind::Replied).unwrap();
    assert_eq!(reply.delivered_on, Some(day(3, 20)));
    assert_eq!(
        s.record_delivery(id, day(4, 25)).unwrap_err().msg().key,
        "petition.delivery.already_known"
    );
    let audit = s.audit_entries(None, None).unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.summary.contains("review_answered received 2026-04-24")),
        "{audit:?}"
    );
}

/// A mailed review answer whose receipt day is known when it is recorded keeps that day:
/// the re-review window runs from it at once.
#[test]
fn a_review_answers_known_receipt_day_is_kept_with_it() {
    let clock = common::clock_at(at(4, 27));
    let mut s = crate::common::store(None, clock);
    s.set_actor("wang");
    let p = PetitionInput {
        channel: "letter".into(),
        received_at: "2026-03-02".into(),
        petitioners: vec![PetitionerInput {
            name: "张三".into(),
            address: "某村".into(),
            ..Default::default()
        }],
        subject: "优待证".into(),
        request: "请求办理".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(day(4, 27))
    .unwrap();
    let (id, _) = s.save_new_petition(&p).unwrap();
    let mut request = Step::new(StepKind::ReviewRequested, at(4, 1), "wang");
    request.forwarded_to = Some("县退役军人事务局".into());
    let mut answer = Step::new(StepKind::ReviewAnswered, at(4, 20), "wang");
    answer.note = "维持原答复".into();
    answer.delivery = Some(Delivery::Post);
    answer.delivered_on = Some(day(4, 24));
    for step in [
        Step::new(StepKind::Accepted, at(3, 3), "wang"),
        Step::reply(at(3, 20), "wang", "答复意见", Delivery::InPerson),
        request,
        answer,
    ] {
        s.add_step(id, &step).unwrap();
    }
    // read back from the database, not from the step just recorded
    let state = s.petition(id).unwrap().unwrap().state;
    assert_eq!(state.review_answer_received, Some(day(4, 24)));
    let steps = s.steps(id).unwrap();
    assert_eq!(steps[4].delivered_on, Some(day(4, 24)));
}
