//! The lifecycle's rules one by one: review and re-review, required fields, the one
//! extension, late requests, mailed replies, time order, replay; and the helpers the
//! status-by-step table shares.
use super::*;
use StepKind as K;

pub(super) fn at(day: u32) -> NaiveDateTime {
    // Day 1 is 2026-03-01; the steps of a path are a day apart.
    NaiveDate::from_ymd_opt(2026, 3, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
        + chrono::Duration::days(i64::from(day) - 1)
}

/// A step of `kind` with every field its kind needs, valid on its own.
pub(super) fn good_step(kind: StepKind, day: u32) -> Step {
    let mut s = Step::new(kind, at(day), "wang");
    match kind {
        K::NotAccepted => s.note = "不属于本机关职权范围".into(),
        K::Extended => {
            s.note = "情况复杂".into();
            s.extension_days = Some(30);
        }
        K::Forwarded => s.forwarded_to = Some("县人社局".into()),
        _ => {}
    }
    s
}

/// The shortest path of steps that brings a case to `status`.
pub(super) fn path_to(status: Status) -> Vec<StepKind> {
    let mut p = vec![K::Registered];
    let rest: &[StepKind] = match status {
        Status::Registered => &[],
        Status::Accepted => &[K::Accepted],
        Status::NotAccepted => &[K::NotAccepted],
        Status::Forwarded => &[K::Forwarded],
        Status::PassedUp => &[K::PassedUp],
        Status::FeedbackReceived => &[K::Forwarded, K::FeedbackReceived],
        Status::InProgress => &[K::Accepted, K::InProgress],
        Status::Extended => &[K::Accepted, K::InProgress, K::Extended],
        Status::Replied => &[K::Accepted, K::Replied],
        Status::Closed => &[K::Accepted, K::Replied, K::Closed],
        Status::ReviewRequested => &[K::Accepted, K::Replied, K::ReviewRequested],
        Status::ReviewAnswered => &[
            K::Accepted,
            K::Replied,
            K::ReviewRequested,
            K::ReviewAnswered,
        ],
        Status::ReReviewRequested => &[
            K::Accepted,
            K::Replied,
            K::ReviewRequested,
            K::ReviewAnswered,
            K::ReReviewRequested,
        ],
        Status::ReReviewAnswered => &[
            K::Accepted,
            K::Replied,
            K::ReviewRequested,
            K::ReviewAnswered,
            K::ReReviewRequested,
            K::ReReviewAnswered,
        ],
    };
    p.extend_from_slice(rest);
    p
}

pub(super) fn case_after(kinds: &[StepKind]) -> CaseState {
    let steps: Vec<Step> = kinds
        .iter()
        .enumerate()
        .map(|(i, k)| good_step(*k, u32::try_from(i).unwrap() + 1))
        .collect();
    CaseState::replay(&steps).unwrap()
}

/// A step kind and `None` when it is allowed, else the key of the refusal.
pub(super) type Expect = (StepKind, Option<&'static str>);

/// Every (status, step) pair: the allowed ones lead to the step's status, the others
/// are refused with the message that says why.
#[test]
fn closed_after_review_allows_re_review_and_after_re_review_nothing() {
    let case = case_after(&[
        K::Registered,
        K::Accepted,
        K::Replied,
        K::ReviewRequested,
        K::ReviewAnswered,
        K::Closed,
    ]);
    assert!(apply(&case, &good_step(K::ReReviewRequested, 7)).is_ok());
    assert_eq!(
        apply(&case, &good_step(K::ReviewRequested, 7))
            .unwrap_err()
            .key,
        "petition.step.review_once"
    );
    let mut path = path_to(Status::ReReviewAnswered);
    path.push(K::Closed);
    let done = case_after(&path);
    assert_eq!(done.status, Status::Closed);
    assert!(done.ended.is_some());
    for kind in StepKind::ALL {
        let key = apply(&done, &good_step(kind, 20)).unwrap_err().key;
        if kind == K::Registered {
            assert_eq!(key, "petition.step.already_registered");
        } else if kind == K::ReportSent {
            // a report is judged by whether one is owed, before finality
            assert_eq!(key, "petition.step.report_not_owed");
        } else {
            assert_eq!(key, "petition.step.final", "{kind:?}");
        }
    }
}

#[test]
fn a_review_reopens_a_closed_case() {
    let closed = case_after(&path_to(Status::Closed));
    assert!(closed.ended.is_some());
    let reopened = apply(&closed, &good_step(K::ReviewRequested, 10)).unwrap();
    assert_eq!(reopened.ended, None);
    assert!(reopened.status.is_open());
}

#[test]
fn reasons_and_departments_are_required() {
    let reg = case_after(&[K::Registered]);
    let mut s = good_step(K::NotAccepted, 2);
    s.note = "  ".into();
    assert_eq!(
        apply(&reg, &s).unwrap_err().key,
        "petition.step.reason_required"
    );
    let mut s = good_step(K::Forwarded, 2);
    s.forwarded_to = Some(" ".into());
    assert_eq!(
        apply(&reg, &s).unwrap_err().key,
        "petition.step.forward_to_required"
    );
    s.forwarded_to = None;
    assert_eq!(
        apply(&reg, &s).unwrap_err().key,
        "petition.step.forward_to_required"
    );
    let mut s = good_step(K::Accepted, 2);
    s.forwarded_to = Some("x".into());
    assert_eq!(
        apply(&reg, &s).unwrap_err().key,
        "petition.step.forward_only_for_forwarding"
    );
    let mut s = good_step(K::Accepted, 2);
    s.officer = " ".into();
    assert_eq!(
        apply(&reg, &s).unwrap_err().key,
        "petition.step.officer_required"
    );
    let fwd = apply(&reg, &good_step(K::Forwarded, 2)).unwrap();
    assert_eq!(fwd.forwarded_to.as_deref(), Some("县人社局"));
    // a forwarded case stays open until the receiving body's feedback is recorded
    assert!(fwd.status.is_open());
}

#[test]
fn extensions_are_limited() {
    let acc = case_after(&[K::Registered, K::Accepted]);
    let mut s = good_step(K::Extended, 3);
    s.extension_days = Some(31);
    assert_eq!(
        apply(&acc, &s).unwrap_err().key,
        "petition.step.extension_too_long"
    );
    s.extension_days = Some(0);
    assert_eq!(
        apply(&acc, &s).unwrap_err().key,
        "petition.step.extension_days_required"
    );
    s.extension_days = None;
    assert_eq!(
        apply(&acc, &s).unwrap_err().key,
        "petition.step.extension_days_required"
    );
    s.extension_days = Some(30);
    s.note.clear();
    assert_eq!(
        apply(&acc, &s).unwrap_err().key,
        "petition.step.reason_required"
    );
    let mut s = good_step(K::Replied, 3);
    s.extension_days = Some(5);
    assert_eq!(
        apply(&acc, &s).unwrap_err().key,
        "petition.step.days_only_for_extension"
    );
    // Whether the extension comes in time is judged when it is recorded, on the
    // calendar (see `record`); replaying stored steps does not judge it again.
    let ext = apply(&acc, &good_step(K::Extended, 90)).unwrap();
    assert_eq!(ext.extension_days, Some(30));
}

#[test]
fn the_lifecycle_never_refuses_a_late_request() {
    // replied on day 3 = 2026-03-03; a request months later is still a request: whether
    // it looks late is for the record to note, not for the order of steps to refuse.
    let replied = case_after(&[K::Registered, K::Accepted, K::Replied]);
    assert_eq!(
        replied.reply_received,
        Some(at(3).date()),
        "taken as handed over"
    );
    let reviewed = apply(&replied, &good_step(K::ReviewRequested, 200)).unwrap();
    let answered = apply(&reviewed, &good_step(K::ReviewAnswered, 210)).unwrap();
    assert!(apply(&answered, &good_step(K::ReReviewRequested, 300)).is_ok());
}

#[test]
fn a_mailed_reply_is_received_when_its_receipt_says() {
    let acc = case_after(&[K::Registered, K::Accepted]);
    let mut s = Step::reply(at(3), "wang", "答复如下", Delivery::Post);
    let waiting = apply(&acc, &s).unwrap();
    assert_eq!(waiting.reply_delivery, Some(Delivery::Post));
    assert_eq!(waiting.reply_received, None);
    s.delivered_on = Some(at(6).date());
    assert_eq!(apply(&acc, &s).unwrap().reply_received, Some(at(6).date()));
    let mut wrong = good_step(K::Closed, 4);
    wrong.delivery = Some(Delivery::Post);
    assert_eq!(
        apply(&waiting, &wrong).unwrap_err().key,
        "petition.step.delivery_only_for_reply"
    );
}

#[test]
fn steps_may_not_go_back_in_time() {
    let acc = case_after(&[K::Registered, K::Accepted]);
    let s = good_step(K::Replied, 1);
    assert_eq!(
        apply(&acc, &s).unwrap_err().key,
        "petition.step.out_of_order"
    );
    // the same minute is fine: steps are often recorded together
    assert!(apply(&acc, &good_step(K::Replied, 2)).is_ok());
}

#[test]
fn replay_needs_a_registration_first() {
    assert_eq!(
        CaseState::replay(&[]).unwrap_err().key,
        "petition.step.no_registration"
    );
    assert_eq!(
        CaseState::replay(&[good_step(K::Accepted, 1)])
            .unwrap_err()
            .key,
        "petition.step.no_registration"
    );
}

#[test]
fn codes_round_trip() {
    for k in StepKind::ALL {
        assert_eq!(StepKind::from_code(k.code()), Some(k));
        // Reopening leads back to handling and a report keeps the status: neither
        // has a status of its own.
        if !matches!(k, K::Reopened | K::ReportSent) {
            assert_eq!(StepKind::from(k.target()), k);
        }
    }
    for s in Status::ALL {
        assert_eq!(Status::from_code(s.code()), Some(s));
    }
    assert_eq!(Status::from_code("nonsense"), None);
}
