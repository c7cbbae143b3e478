//! The statutory time limits of a case, computed from its dates, the working calendar and
//! an injected `today`.
//!
//! Counting (民法典 arts. 201, 203): the 信访工作条例 states its limits in days (日),
//! counted in calendar days, the starting day not counted; so "within 15 days of receipt" on
//! 1 March has its last day on 16 March: start date + N calendar days. When that last day is
//! a statutory holiday or rest day, the period ends on the next working day. That rolled
//! date is the deadline's legal end ([`Due::end`]): it decides whether a step was late, in
//! the case, the ledger and the figures, and it is the petitioner's right for their own
//! windows.
use super::lifecycle::{CaseState, MAX_EXTENSION_DAYS, Status, StepKind};
use crate::domain::calendar::Calendar;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// Days from receipt to the decision on acceptance and its notice to the petitioner.
pub const ACCEPTANCE_DAYS: u64 = 15;
/// Days from acceptance to the reply (before any extension).
pub const HANDLING_DAYS: u64 = 60;
/// Days the petitioner has to ask for review after receiving the reply, or for re-review
/// after the review answer.
pub const REVIEW_WINDOW_DAYS: u64 = 30;
/// Days the higher body has to answer a review or re-review request.
pub const REVIEW_ANSWER_DAYS: u64 = 30;
/// A deadline this many days away or fewer counts as due soon.
pub const DUE_SOON_DAYS: i64 = 3;

/// `date + days`, saturating at the end of the calendar instead of panicking.
pub fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// A time limit: the last day by counting, and the legal end, which is that day or, when it
/// is a holiday or rest day, the next working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    pub last_day: NaiveDate,
    pub end: NaiveDate,
}

impl Due {
    /// The limit whose last day is `last_day`, on `cal`.
    pub fn on(last_day: NaiveDate, cal: &Calendar) -> Due {
        Due {
            last_day,
            end: cal.next_working_day(last_day),
        }
    }

    /// `days` calendar days after `start` (the starting day not counted).
    pub fn after(start: NaiveDate, days: u64, cal: &Calendar) -> Due {
        Due::on(add_days(start, days), cal)
    }

    /// Whether the last day fell on a holiday or rest day and the end moved.
    pub fn rolled(&self) -> bool {
        self.end != self.last_day
    }

    /// How many days after the legal end `on` is; 0 when on time.
    pub fn late_days(&self, on: NaiveDate) -> u32 {
        u32::try_from((on - self.end).num_days().max(0)).unwrap_or(u32::MAX)
    }
}

/// The deadline a step met or missed, as recorded with the step: which limit, its legal end
/// then, and how many days late the step was (0 on time). Recorded once, it does not change
/// when the case moves on or the calendar is corrected: a late step stays late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timing {
    pub kind: DeadlineKind,
    pub due: NaiveDate,
    pub late_days: u32,
}

impl Timing {
    pub fn is_late(&self) -> bool {
        self.late_days > 0
    }

    /// A limit the station itself must meet (acceptance, reply), as opposed to the
    /// petitioner's windows and the higher body's answers.
    pub fn is_stations(&self) -> bool {
        matches!(
            self.kind,
            DeadlineKind::Acceptance
                | DeadlineKind::Handling
                | DeadlineKind::PassUp
                | DeadlineKind::Report
        )
    }
}

/// Which time limit a date belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Decide on acceptance and tell the petitioner (15 days from receipt).
    Acceptance,
    /// Handle and reply (60 days from acceptance, plus the extension).
    Handling,
    /// The petitioner's window to ask for review (30 days from receiving the reply).
    ReviewRequest,
    /// Answer the review (30 days from the request).
    ReviewAnswer,
    /// The petitioner's window to ask for re-review (30 days from the review answer).
    ReReviewRequest,
    /// Answer the re-review (30 days from the request).
    ReReviewAnswer,
    /// A village station passes the petition up (转报) the day it is received.
    PassUp,
    /// The feedback of the body a case was forwarded or passed up to (see
    /// [`super::referral::FEEDBACK_DAYS`]).
    Feedback,
    /// The 办结报告 owed to the assigner of a 交办 case, by the assigner's own date.
    Report,
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
            DeadlineKind::PassUp => "pass_up",
            DeadlineKind::Feedback => "feedback",
            DeadlineKind::Report => "report",
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
            DeadlineKind::PassUp,
            DeadlineKind::Feedback,
            DeadlineKind::Report,
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
            DeadlineKind::PassUp => "petition.deadline.pass_up",
            DeadlineKind::Feedback => "petition.deadline.feedback",
            DeadlineKind::Report => "petition.deadline.report",
        }
    }
}

/// Every time limit of a case that has started running; `None` for those that have not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    /// `None` for an anonymous letter: the duty to notify does not apply to it.
    pub acceptance: Option<Due>,
    pub handling: Option<Due>,
    /// Runs from the day the petitioner received the written reply.
    pub review_request: Option<Due>,
    /// The reply is recorded but the day it was received is not known yet (a mailed reply
    /// before its return receipt): the review window has not started.
    pub review_awaiting_delivery: bool,
    pub review_answer: Option<Due>,
    /// Runs from the day the petitioner received the review answer.
    pub rereview_request: Option<Due>,
    /// The review answer is recorded but the day it was received is not known yet.
    #[serde(default)]
    pub rereview_awaiting_delivery: bool,
    pub rereview_answer: Option<Due>,
    /// A village station's same-day 转报.
    pub pass_up: Option<Due>,
    /// The receiving body's feedback on a forwarded or passed-up case.
    pub feedback: Option<Due>,
    /// The 办结报告 owed to an assigner (also once it is sent, to show whether in time).
    pub report: Option<Due>,
}

impl Deadlines {
    /// The limit of a kind, if it runs.
    pub fn get(&self, kind: DeadlineKind) -> Option<Due> {
        match kind {
            DeadlineKind::Acceptance => self.acceptance,
            DeadlineKind::Handling => self.handling,
            DeadlineKind::ReviewRequest => self.review_request,
            DeadlineKind::ReviewAnswer => self.review_answer,
            DeadlineKind::ReReviewRequest => self.rereview_request,
            DeadlineKind::ReReviewAnswer => self.rereview_answer,
            DeadlineKind::PassUp => self.pass_up,
            DeadlineKind::Feedback => self.feedback,
            DeadlineKind::Report => self.report,
        }
    }

    /// Every limit, in lifecycle order, `None` for those not running.
    pub fn get_all(&self) -> [Option<Due>; 6] {
        [
            self.acceptance,
            self.handling,
            self.review_request,
            self.review_answer,
            self.rereview_request,
            self.rereview_answer,
        ]
    }
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

/// The last day of the acceptance period: receipt + 15 days. Its legal end is
/// [`Calendar::next_working_day`] of it; [`deadlines`] gives both.
pub fn acceptance_due(received: NaiveDate) -> NaiveDate {
    add_days(received, ACCEPTANCE_DAYS)
}

/// The last day of the handling period: acceptance + 60 days + the extension granted.
pub fn handling_due(case: &CaseState) -> Option<NaiveDate> {
    let accepted = case.accepted?.date();
    let extension = u64::from(case.extension_days.unwrap_or(0).min(MAX_EXTENSION_DAYS));
    Some(add_days(accepted, HANDLING_DAYS + extension))
}

/// Every time limit of the case, with its legal end on `cal`.
pub fn deadlines(case: &CaseState, cal: &Calendar) -> Deadlines {
    let after =
        |at: Option<chrono::NaiveDateTime>, days| at.map(|t| Due::after(t.date(), days, cal));
    let received = case.received.date();
    Deadlines {
        acceptance: (!case.intake.anonymous && !case.intake.passes_up)
            .then(|| Due::on(acceptance_due(received), cal)),
        handling: handling_due(case).map(|d| Due::on(d, cal)),
        review_request: case
            .reply_received
            .map(|d| Due::after(d, REVIEW_WINDOW_DAYS, cal)),
        review_awaiting_delivery: case.replied.is_some() && case.reply_received.is_none(),
        review_answer: after(case.review_requested, REVIEW_ANSWER_DAYS),
        rereview_request: case
            .review_answer_received
            .map(|d| Due::after(d, REVIEW_WINDOW_DAYS, cal)),
        rereview_awaiting_delivery: case.review_answered.is_some()
            && case.review_answer_received.is_none(),
        rereview_answer: after(case.rereview_requested, REVIEW_ANSWER_DAYS),
        pass_up: case.intake.passes_up.then(|| Due::on(received, cal)),
        feedback: after(case.referred, super::referral::FEEDBACK_DAYS),
        // The assigner's own date: not a period the Civil Code counts, so not rolled.
        report: case.intake.report_due.map(|d| Due {
            last_day: d,
            end: d,
        }),
    }
}

/// The limit a step of `kind` meets, taken on the case as it stands before the step: the
/// decision on acceptance meets the acceptance limit, an extension or the reply the handling
/// limit, a review request the petitioner's window, and so on. `None` for steps no limit
/// governs (registration, in progress, closing) and for a review request while the reply's
/// receipt is unknown.
pub fn limit_for_step(
    case: &CaseState,
    kind: StepKind,
    cal: &Calendar,
) -> Option<(DeadlineKind, Due)> {
    let d = deadlines(case, cal);
    let kind = match kind {
        StepKind::Accepted | StepKind::NotAccepted | StepKind::Forwarded => {
            DeadlineKind::Acceptance
        }
        StepKind::Extended | StepKind::Replied => DeadlineKind::Handling,
        StepKind::ReviewRequested => DeadlineKind::ReviewRequest,
        StepKind::ReviewAnswered => DeadlineKind::ReviewAnswer,
        StepKind::ReReviewRequested => DeadlineKind::ReReviewRequest,
        StepKind::ReReviewAnswered => DeadlineKind::ReReviewAnswer,
        StepKind::PassedUp => DeadlineKind::PassUp,
        StepKind::FeedbackReceived => DeadlineKind::Feedback,
        StepKind::ReportSent => DeadlineKind::Report,
        StepKind::Registered | StepKind::InProgress | StepKind::Closed | StepKind::Reopened => {
            return None;
        }
    };
    d.get(kind).map(|due| (kind, due))
}

/// The timing of a step of `kind` taken on `on`, on the case as it stands before it.
pub fn timing(case: &CaseState, kind: StepKind, on: NaiveDate, cal: &Calendar) -> Option<Timing> {
    limit_for_step(case, kind, cal).map(|(kind, due)| Timing {
        kind,
        due: due.end,
        late_days: due.late_days(on),
    })
}

/// The next deadline the station itself must meet, given where the case stands: the
/// acceptance decision or the reply, as its legal end. The petitioner's review windows and
/// the higher body's answers to a review or re-review are not the station's to meet and are
/// left out (see [`super::higher::awaited`]); a case that has ended, waits on the
/// petitioner or on the higher body has none.
pub fn next_due(case: &CaseState, cal: &Calendar) -> Option<(DeadlineKind, NaiveDate)> {
    let d = deadlines(case, cal);
    let pick = |kind, due: Option<Due>| due.map(|x| (kind, x.end));
    let own = match case.status {
        Status::Registered if case.intake.passes_up => pick(DeadlineKind::PassUp, d.pass_up),
        Status::Registered => pick(DeadlineKind::Acceptance, d.acceptance),
        Status::Forwarded | Status::PassedUp if case.feedback_received.is_none() => {
            pick(DeadlineKind::Feedback, d.feedback)
        }
        Status::Forwarded | Status::PassedUp => None,
        Status::Accepted | Status::InProgress | Status::Extended => {
            pick(DeadlineKind::Handling, d.handling)
        }
        Status::NotAccepted
        | Status::ReviewRequested
        | Status::ReReviewRequested
        | Status::Replied
        | Status::Closed
        | Status::ReviewAnswered
        | Status::ReReviewAnswered
        | Status::FeedbackReceived => None,
    };
    // The report owed to an assigner stays due, whatever else the case waits for.
    let report = pick(
        DeadlineKind::Report,
        d.report.filter(|_| case.report_sent.is_none()),
    );
    match (own, report) {
        (Some(a), Some(b)) => Some(if b.1 < a.1 { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// The petitioner's window still open on `today`, as the case screen shows it: the window
/// to ask for re-review, else for review, while it is not yet used nor past and the case has
/// not ended otherwise. `None` when no window runs.
pub fn open_window(
    case: &CaseState,
    cal: &Calendar,
    today: NaiveDate,
) -> Option<(DeadlineKind, NaiveDate)> {
    if !case.status.is_open() && case.status != Status::Closed {
        return None;
    }
    let d = deadlines(case, cal);
    [
        (
            DeadlineKind::ReReviewRequest,
            d.rereview_request,
            case.rereview_requested.is_some(),
        ),
        (
            DeadlineKind::ReviewRequest,
            d.review_request,
            case.review_requested.is_some(),
        ),
    ]
    .into_iter()
    .find_map(|(kind, due, used)| {
        due.filter(|due| !used && due.end >= today)
            .map(|due| (kind, due.end))
    })
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
pub fn urgency(case: &CaseState, today: NaiveDate, cal: &Calendar) -> Urgency {
    next_due(case, cal).map_or(Urgency::None, |(_, due)| urgency_of(due, today))
}

#[cfg(test)]
#[path = "deadlines_tests.rs"]
mod tests;
