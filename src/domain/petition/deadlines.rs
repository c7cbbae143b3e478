//! The statutory time limits of a case, computed from its dates and an injected `today`.
//!
//! Counting: the 信访工作条例 states its limits in days (日) and Chinese law counts such
//! periods in calendar days, the starting day not counted (民法典 art. 201). So "within 15
//! days of receipt" on 1 March means by 16 March: due = start date + N calendar days. The
//! rule that a period ending on a public holiday runs to the next working day is not
//! applied, because the program has no holiday calendar; the dates shown are therefore
//! never later than the legal ones, which is the safe side for the station.
use super::lifecycle::{CaseState, MAX_EXTENSION_DAYS, Status};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// Days from receipt to the decision on acceptance and its notice to the petitioner.
pub const ACCEPTANCE_DAYS: u64 = 15;
/// Days from acceptance to the reply (before any extension).
pub const HANDLING_DAYS: u64 = 60;
/// Days the petitioner has to ask for review after the reply, or for re-review after the
/// review answer.
pub const REVIEW_WINDOW_DAYS: u64 = 30;
/// Days the station has to answer a review or re-review request.
pub const REVIEW_ANSWER_DAYS: u64 = 30;
/// A deadline this many days away or fewer counts as due soon.
pub const DUE_SOON_DAYS: i64 = 3;

/// `date + days`, saturating at the end of the calendar instead of panicking.
pub fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// Which time limit a date belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Decide on acceptance and tell the petitioner (15 days from receipt).
    Acceptance,
    /// Handle and reply (60 days from acceptance, plus the extension).
    Handling,
    /// The petitioner's window to ask for review (30 days from the reply).
    ReviewRequest,
    /// Answer the review (30 days from the request).
    ReviewAnswer,
    /// The petitioner's window to ask for re-review (30 days from the review answer).
    ReReviewRequest,
    /// Answer the re-review (30 days from the request).
    ReReviewAnswer,
}

impl DeadlineKind {
    /// The stable code kept in the database.
    pub fn code(self) -> &'static str {
        match self {
            DeadlineKind::Acceptance => "acceptance",
            DeadlineKind::Handling => "handling",
            DeadlineKind::ReviewRequest => "review_request",
            DeadlineKind::ReviewAnswer => "review_answer",
            DeadlineKind::ReReviewRequest => "rereview_request",
            DeadlineKind::ReReviewAnswer => "rereview_answer",
        }
    }

    /// Reads a code written by [`DeadlineKind::code`].
    pub fn from_code(code: &str) -> Option<DeadlineKind> {
        [
            DeadlineKind::Acceptance,
            DeadlineKind::Handling,
            DeadlineKind::ReviewRequest,
            DeadlineKind::ReviewAnswer,
            DeadlineKind::ReReviewRequest,
            DeadlineKind::ReReviewAnswer,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }

    /// The catalog key of the deadline's name.
    pub fn label_key(self) -> &'static str {
        match self {
            DeadlineKind::Acceptance => "petition.deadline.acceptance",
            DeadlineKind::Handling => "petition.deadline.handling",
            DeadlineKind::ReviewRequest => "petition.deadline.review_request",
            DeadlineKind::ReviewAnswer => "petition.deadline.review_answer",
            DeadlineKind::ReReviewRequest => "petition.deadline.rereview_request",
            DeadlineKind::ReReviewAnswer => "petition.deadline.rereview_answer",
        }
    }
}

/// Every time limit of a case that has started running; `None` for those that have not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    pub acceptance: NaiveDate,
    pub handling: Option<NaiveDate>,
    pub review_request: Option<NaiveDate>,
    pub review_answer: Option<NaiveDate>,
    pub rereview_request: Option<NaiveDate>,
    pub rereview_answer: Option<NaiveDate>,
}

/// How pressing a case is today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Nothing is due within three days (or nothing is due at all).
    None,
    /// The next deadline is today or within three days.
    DueSoon,
    /// The next deadline has passed.
    Overdue,
}

/// The date acceptance must be decided and notified by: receipt + 15 days.
pub fn acceptance_due(received: NaiveDate) -> NaiveDate {
    add_days(received, ACCEPTANCE_DAYS)
}

/// The date the reply is due by: acceptance + 60 days + the extension granted, if any.
pub fn handling_due(case: &CaseState) -> Option<NaiveDate> {
    let accepted = case.accepted?.date();
    let extension = u64::from(case.extension_days.unwrap_or(0).min(MAX_EXTENSION_DAYS));
    Some(add_days(accepted, HANDLING_DAYS + extension))
}

/// Every time limit of the case.
pub fn deadlines(case: &CaseState) -> Deadlines {
    let plus = |at: Option<chrono::NaiveDateTime>, days| at.map(|t| add_days(t.date(), days));
    Deadlines {
        acceptance: acceptance_due(case.received.date()),
        handling: handling_due(case),
        review_request: plus(case.replied, REVIEW_WINDOW_DAYS),
        review_answer: plus(case.review_requested, REVIEW_ANSWER_DAYS),
        rereview_request: plus(case.review_answered, REVIEW_WINDOW_DAYS),
        rereview_answer: plus(case.rereview_requested, REVIEW_ANSWER_DAYS),
    }
}

/// The next deadline the station itself must meet, given where the case stands: the
/// acceptance decision, the reply, or the answer to a pending review or re-review. The
/// petitioner's review windows are not the station's to meet and are left out; a case that
/// has ended or waits on the petitioner has none.
pub fn next_due(case: &CaseState) -> Option<(DeadlineKind, NaiveDate)> {
    let d = deadlines(case);
    match case.status {
        Status::Registered => Some((DeadlineKind::Acceptance, d.acceptance)),
        Status::Accepted | Status::InProgress | Status::Extended => {
            d.handling.map(|h| (DeadlineKind::Handling, h))
        }
        Status::ReviewRequested => d.review_answer.map(|x| (DeadlineKind::ReviewAnswer, x)),
        Status::ReReviewRequested => d.rereview_answer.map(|x| (DeadlineKind::ReReviewAnswer, x)),
        Status::NotAccepted
        | Status::Forwarded
        | Status::Replied
        | Status::Closed
        | Status::ReviewAnswered
        | Status::ReReviewAnswered => None,
    }
}

/// How pressing a deadline on `due` is on `today`.
pub fn urgency_of(due: NaiveDate, today: NaiveDate) -> Urgency {
    let left = (due - today).num_days();
    if left < 0 {
        Urgency::Overdue
    } else if left <= DUE_SOON_DAYS {
        Urgency::DueSoon
    } else {
        Urgency::None
    }
}

/// How pressing the case is on `today`, from its next deadline.
pub fn urgency(case: &CaseState, today: NaiveDate) -> Urgency {
    next_due(case).map_or(Urgency::None, |(_, due)| urgency_of(due, today))
}

#[cfg(test)]
mod tests {
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
    fn handling_with_and_without_the_extension() {
        let reg = CaseState::registered(t(2027, 12, 20));
        assert_eq!(deadlines(&reg).handling, None);
        assert_eq!(
            next_due(&reg),
            Some((DeadlineKind::Acceptance, d(2028, 1, 4)))
        );
        let acc = step(&reg, StepKind::Accepted, t(2027, 12, 31));
        // 31 days of January plus 29 of the leap February
        assert_eq!(
            next_due(&acc),
            Some((DeadlineKind::Handling, d(2028, 2, 29)))
        );
        let ext = step(&acc, StepKind::Extended, t(2028, 2, 1));
        assert_eq!(
            next_due(&ext),
            Some((DeadlineKind::Handling, d(2028, 3, 30)))
        );
        // the same dates a year later, February being short
        let acc = step(
            &CaseState::registered(t(2026, 12, 31)),
            StepKind::Accepted,
            t(2026, 12, 31),
        );
        assert_eq!(deadlines(&acc).handling, Some(d(2027, 3, 1)));
    }

    #[test]
    fn review_windows_and_answers() {
        let mut c = CaseState::registered(t(2028, 1, 2));
        c = step(&c, StepKind::Accepted, t(2028, 1, 5));
        c = step(&c, StepKind::Replied, t(2028, 1, 30));
        assert_eq!(deadlines(&c).review_request, Some(d(2028, 2, 29)));
        assert_eq!(next_due(&c), None, "waiting on the petitioner");
        c = step(&c, StepKind::ReviewRequested, t(2028, 2, 29));
        assert_eq!(
            next_due(&c),
            Some((DeadlineKind::ReviewAnswer, d(2028, 3, 30)))
        );
        c = step(&c, StepKind::ReviewAnswered, t(2028, 12, 1));
        assert_eq!(deadlines(&c).rereview_request, Some(d(2028, 12, 31)));
        c = step(&c, StepKind::ReReviewRequested, t(2028, 12, 31));
        assert_eq!(
            next_due(&c),
            Some((DeadlineKind::ReReviewAnswer, d(2029, 1, 30)))
        );
        c = step(&c, StepKind::ReReviewAnswered, t(2029, 1, 2));
        assert_eq!(next_due(&c), None);
        assert_eq!(urgency(&c, d(2040, 1, 1)), Urgency::None);
    }

    #[test]
    fn urgency_counts_calendar_days() {
        // received 2026-02-11: acceptance due 2026-02-26
        let c = CaseState::registered(t(2026, 2, 11));
        assert_eq!(urgency(&c, d(2026, 2, 22)), Urgency::None);
        assert_eq!(urgency(&c, d(2026, 2, 23)), Urgency::DueSoon);
        assert_eq!(urgency(&c, d(2026, 2, 26)), Urgency::DueSoon);
        assert_eq!(urgency(&c, d(2026, 2, 27)), Urgency::Overdue);
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
        assert_eq!(urgency(&c, d(2027, 1, 1)), Urgency::None);
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
}
