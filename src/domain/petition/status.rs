//! Where a case stands ([`Status`]) and the steps that move it ([`StepKind`]), paired one to
//! one: their codes, labels and order. The rules of which step may follow are in
//! [`super::lifecycle`].
use serde::{Deserialize, Serialize};

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 登记
    Registered,
    /// 受理
    Accepted,
    /// 不予受理 (with a reason); the case ends here.
    NotAccepted,
    /// 转送 to the competent department; the case ends here for this station.
    Forwarded,
    /// 办理中
    InProgress,
    /// 延期: in progress with the one extension granted.
    Extended,
    /// 答复
    Replied,
    /// 办结
    Closed,
    /// 复查申请
    ReviewRequested,
    /// 复查答复
    ReviewAnswered,
    /// 复核申请
    ReReviewRequested,
    /// 复核答复: final, the same matter is not accepted again.
    ReReviewAnswered,
    /// 转报: a village station passed it up; open until the feedback comes.
    PassedUp,
    /// 反馈已收: the body it was forwarded or passed to reported back; the case ends here.
    FeedbackReceived,
}

/// What an officer records happening to a case; each kind leads to the [`Status`] of the
/// same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Registered,
    Accepted,
    NotAccepted,
    Forwarded,
    InProgress,
    Extended,
    Replied,
    Closed,
    ReviewRequested,
    ReviewAnswered,
    ReReviewRequested,
    ReReviewAnswered,
    /// 转报 (village station), see [`super::referral`].
    PassedUp,
    /// The feedback of the body forwarded or passed to.
    FeedbackReceived,
    /// Back into handling after a forwarded case came back.
    Reopened,
    /// 办结报告 sent to the assigner of a 交办 case; the status does not change.
    ReportSent,
}

impl Status {
    /// Every status in lifecycle order.
    pub const ALL: [Status; 14] = [
        Status::Registered,
        Status::Accepted,
        Status::NotAccepted,
        Status::Forwarded,
        Status::InProgress,
        Status::Extended,
        Status::Replied,
        Status::Closed,
        Status::ReviewRequested,
        Status::ReviewAnswered,
        Status::ReReviewRequested,
        Status::ReReviewAnswered,
        Status::PassedUp,
        Status::FeedbackReceived,
    ];

    /// The stable code kept in the database.
    pub fn code(self) -> &'static str {
        StepKind::from(self).code()
    }

    /// Reads a code written by [`Status::code`].
    pub fn from_code(code: &str) -> Option<Status> {
        StepKind::from_code(code).map(StepKind::target)
    }

    /// The catalog key of the status's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Status::Registered => "petition.status.registered",
            Status::Accepted => "petition.status.accepted",
            Status::NotAccepted => "petition.status.not_accepted",
            Status::Forwarded => "petition.status.forwarded",
            Status::InProgress => "petition.status.in_progress",
            Status::Extended => "petition.status.extended",
            Status::Replied => "petition.status.replied",
            Status::Closed => "petition.status.closed",
            Status::ReviewRequested => "petition.status.review_requested",
            Status::ReviewAnswered => "petition.status.review_answered",
            Status::ReReviewRequested => "petition.status.rereview_requested",
            Status::ReReviewAnswered => "petition.status.rereview_answered",
            Status::PassedUp => "petition.status.passed_up",
            Status::FeedbackReceived => "petition.status.feedback_received",
        }
    }

    /// Whether the case still needs something from the station. A case ends when it is
    /// closed, not accepted, answered on re-review (final), or when the feedback of the body
    /// it was forwarded or passed to is recorded; a forwarded case waits for that feedback.
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            Status::Closed
                | Status::NotAccepted
                | Status::ReReviewAnswered
                | Status::FeedbackReceived
        )
    }
}

impl StepKind {
    /// Every kind, in lifecycle order.
    pub const ALL: [StepKind; 16] = [
        StepKind::Registered,
        StepKind::Accepted,
        StepKind::NotAccepted,
        StepKind::Forwarded,
        StepKind::InProgress,
        StepKind::Extended,
        StepKind::Replied,
        StepKind::Closed,
        StepKind::ReviewRequested,
        StepKind::ReviewAnswered,
        StepKind::ReReviewRequested,
        StepKind::ReReviewAnswered,
        StepKind::PassedUp,
        StepKind::FeedbackReceived,
        StepKind::Reopened,
        StepKind::ReportSent,
    ];

    /// The stable code kept in the database.
    pub fn code(self) -> &'static str {
        match self {
            StepKind::Registered => "registered",
            StepKind::Accepted => "accepted",
            StepKind::NotAccepted => "not_accepted",
            StepKind::Forwarded => "forwarded",
            StepKind::InProgress => "in_progress",
            StepKind::Extended => "extended",
            StepKind::Replied => "replied",
            StepKind::Closed => "closed",
            StepKind::ReviewRequested => "review_requested",
            StepKind::ReviewAnswered => "review_answered",
            StepKind::ReReviewRequested => "rereview_requested",
            StepKind::ReReviewAnswered => "rereview_answered",
            StepKind::PassedUp => "passed_up",
            StepKind::FeedbackReceived => "feedback_received",
            StepKind::Reopened => "reopened",
            StepKind::ReportSent => "report_sent",
        }
    }

    /// Reads a code written by [`StepKind::code`].
    pub fn from_code(code: &str) -> Option<StepKind> {
        StepKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The catalog key of the step's name as an action (受理, 答复…).
    pub fn label_key(self) -> &'static str {
        match self {
            StepKind::Registered => "petition.step_kind.registered",
            StepKind::Accepted => "petition.step_kind.accepted",
            StepKind::NotAccepted => "petition.step_kind.not_accepted",
            StepKind::Forwarded => "petition.step_kind.forwarded",
            StepKind::InProgress => "petition.step_kind.in_progress",
            StepKind::Extended => "petition.step_kind.extended",
            StepKind::Replied => "petition.step_kind.replied",
            StepKind::Closed => "petition.step_kind.closed",
            StepKind::ReviewRequested => "petition.step_kind.review_requested",
            StepKind::ReviewAnswered => "petition.step_kind.review_answered",
            StepKind::ReReviewRequested => "petition.step_kind.rereview_requested",
            StepKind::ReReviewAnswered => "petition.step_kind.rereview_answered",
            StepKind::PassedUp => "petition.step_kind.passed_up",
            StepKind::FeedbackReceived => "petition.step_kind.feedback_received",
            StepKind::Reopened => "petition.step_kind.reopened",
            StepKind::ReportSent => "petition.step_kind.report_sent",
        }
    }

    /// The status this step leads to.
    pub fn target(self) -> Status {
        match self {
            StepKind::Registered => Status::Registered,
            StepKind::Accepted => Status::Accepted,
            StepKind::NotAccepted => Status::NotAccepted,
            StepKind::Forwarded => Status::Forwarded,
            StepKind::InProgress => Status::InProgress,
            StepKind::Extended => Status::Extended,
            StepKind::Replied => Status::Replied,
            StepKind::Closed => Status::Closed,
            StepKind::ReviewRequested => Status::ReviewRequested,
            StepKind::ReviewAnswered => Status::ReviewAnswered,
            StepKind::ReReviewRequested => Status::ReReviewRequested,
            StepKind::ReReviewAnswered => Status::ReReviewAnswered,
            StepKind::PassedUp => Status::PassedUp,
            StepKind::FeedbackReceived => Status::FeedbackReceived,
            StepKind::Reopened => Status::InProgress,
            // A report leaves the status as it is; it follows the outcome, hence Closed.
            StepKind::ReportSent => Status::Closed,
        }
    }
}

impl From<Status> for StepKind {
    fn from(s: Status) -> StepKind {
        StepKind::ALL
            .into_iter()
            .find(|k| k.target() == s)
            .unwrap_or(StepKind::Registered)
    }
}
