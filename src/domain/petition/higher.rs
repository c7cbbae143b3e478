//! Review (复查) and re-review (复核) as the higher body's business: the station records the
//! request and the body it went to, then the answer when it comes and the day the
//! petitioner received it. The answer's time limit is the higher body's: it is shown as
//! awaited, never counted as the station's own overdue item.
use super::deadlines::{DeadlineKind, Due, deadlines};
use super::lifecycle::{CaseState, Status, Step, StepKind};
use super::record::Delivery;
use crate::domain::calendar::Calendar;
use chrono::NaiveDate;

impl StepKind {
    /// Steps that name the body the case went to: a forwarding (the competent department)
    /// and a review or re-review request (the higher body that decides it).
    pub fn names_a_body(self) -> bool {
        matches!(
            self,
            StepKind::Forwarded
                | StepKind::PassedUp
                | StepKind::ReviewRequested
                | StepKind::ReReviewRequested
        )
    }

    /// Steps whose written document reaches the petitioner on a day a window runs from:
    /// the reply (review window) and the review answer (re-review window).
    pub fn is_delivered(self) -> bool {
        matches!(self, StepKind::Replied | StepKind::ReviewAnswered)
    }
}

/// The day the petitioner received the document of a delivered step: in person (or before
/// the program asked how it went) the day of the step; otherwise the day entered, if known.
pub fn received_on(step: &Step) -> Option<NaiveDate> {
    match step.delivery {
        None | Some(Delivery::InPerson) => Some(step.at.date()),
        Some(_) => step.delivered_on,
    }
}

/// The delivered step whose receipt by the petitioner is not known yet, and when it was
/// taken: the review answer if one waits (it is the later), else the reply. A window runs
/// from that receipt, so until it is recorded the window shows as awaiting delivery.
pub fn awaiting_receipt(case: &CaseState) -> Option<(StepKind, chrono::NaiveDateTime)> {
    match (case.review_answered, case.replied) {
        (Some(at), _) if case.review_answer_received.is_none() => {
            Some((StepKind::ReviewAnswered, at))
        }
        (_, Some(at)) if case.reply_received.is_none() => Some((StepKind::Replied, at)),
        _ => None,
    }
}

/// The higher body's answer the case waits for, with its time limit: a review or re-review
/// requested and not yet answered. `None` when nothing is awaited.
pub fn awaited(case: &CaseState, cal: &Calendar) -> Option<(DeadlineKind, Due)> {
    let d = deadlines(case, cal);
    match case.status {
        Status::ReviewRequested => d.review_answer.map(|x| (DeadlineKind::ReviewAnswer, x)),
        Status::ReReviewRequested => d.rereview_answer.map(|x| (DeadlineKind::ReReviewAnswer, x)),
        _ => None,
    }
}

/// The limits the station itself must meet: deciding on acceptance, handling and replying,
/// passing a village station's petition up the same day, and the 办结报告 owed to an
/// assigner. A step that missed one of these is the station's late step, counted in the
/// ledger's late column and the monthly figures; the petitioner's windows, the receiving
/// body's feedback and the higher body's answers are not.
pub const STATIONS_OWN: [DeadlineKind; 4] = [
    DeadlineKind::Acceptance,
    DeadlineKind::Handling,
    DeadlineKind::PassUp,
    DeadlineKind::Report,
];

/// Whether a limit of `kind` is the higher body's to meet, not the station's.
pub fn is_higher_bodys(kind: DeadlineKind) -> bool {
    matches!(
        kind,
        DeadlineKind::ReviewAnswer | DeadlineKind::ReReviewAnswer
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::petition::lifecycle::apply;
    use crate::domain::petition::{next_due, repeat_reason, urgency};
    use chrono::NaiveDateTime;

    fn t(m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, m, d)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    fn replied() -> CaseState {
        let mut c = CaseState::registered(t(3, 2));
        c = apply(&c, &Step::new(StepKind::Accepted, t(3, 3), "wang")).unwrap();
        apply(&c, &Step::new(StepKind::Replied, t(3, 20), "wang")).unwrap()
    }

    /// Issue 16, item 5: review answers are the higher body's, not the station's overdue.
    #[test]
    fn a_review_answer_past_its_limit_is_not_the_stations_overdue_item() {
        let cal = Calendar::published();
        let mut req = Step::new(StepKind::ReviewRequested, t(4, 1), "wang");
        req.forwarded_to = Some("市退役军人事务局".into());
        let c = apply(&replied(), &req).unwrap();
        let (kind, due) = awaited(&c, &cal).unwrap();
        assert_eq!(kind, DeadlineKind::ReviewAnswer);
        assert_eq!(due.end, NaiveDate::from_ymd_opt(2026, 5, 6).unwrap());
        let long_after = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert_eq!(next_due(&c, &cal), None);
        assert_eq!(
            urgency(&c, long_after, &cal),
            crate::domain::petition::Urgency::None
        );
        assert!(is_higher_bodys(kind));
    }

    /// Issue 16, item 5: a replied case is not "within its deadline" for ever.
    #[test]
    fn a_replied_case_is_a_repeat_only_within_its_legal_limit() {
        let cal = Calendar::published();
        let c = replied();
        // accepted 3 March: 60 days end on 2 May, a holiday; legal end 6 May
        let within = NaiveDate::from_ymd_opt(2026, 5, 6).unwrap();
        let after = NaiveDate::from_ymd_opt(2026, 5, 7).unwrap();
        assert!(repeat_reason(&c, within, &cal).is_some());
        assert_eq!(repeat_reason(&c, after, &cal), None);
        assert_eq!(
            repeat_reason(&c, NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(), &cal),
            None
        );
    }

    /// Issue 16 item 5: a mailed review answer's receipt is recorded later; until then the
    /// re-review window awaits delivery, as the reply's review window does.
    #[test]
    fn a_mailed_review_answer_waits_for_its_receipt() {
        use crate::domain::petition::check_late_delivery;
        let cal = Calendar::published();
        let mut c = apply(
            &replied(),
            &Step::new(StepKind::ReviewRequested, t(4, 1), "wang"),
        )
        .unwrap();
        assert_eq!(awaiting_receipt(&c), None);
        let mut answer = Step::new(StepKind::ReviewAnswered, t(4, 20), "wang");
        answer.delivery = Some(Delivery::Post);
        c = apply(&c, &answer).unwrap();
        assert_eq!(
            awaiting_receipt(&c),
            Some((StepKind::ReviewAnswered, t(4, 20)))
        );
        assert!(deadlines(&c, &cal).rereview_awaiting_delivery);
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert!(check_late_delivery(&c, day(4, 24), day(4, 27)).is_ok());
        assert_eq!(
            check_late_delivery(&c, day(4, 19), day(4, 27))
                .unwrap_err()
                .key,
            "petition.delivery.before_reply"
        );
        c.review_answer_received = Some(day(4, 24));
        assert_eq!(awaiting_receipt(&c), None);
        assert_eq!(
            check_late_delivery(&c, day(4, 24), day(4, 27))
                .unwrap_err()
                .key,
            "petition.delivery.already_known"
        );
        // a reply handed over in person never waits
        assert_eq!(awaiting_receipt(&replied()), None);
    }
}
