//! The life of a case as a pure state machine: registered → accepted (or not accepted, or
//! forwarded) → in progress (extended once at most) → replied → closed, with review (复查)
//! and re-review (复核) as branches after the reply.
//!
//! A step names the status it leads to, so [`StepKind`] and [`Status`] pair one to one.
//! [`apply`] decides whether a step may follow the case as it stands and says why not: the
//! order of the procedure and the fields each step needs. It is what replaying the stored
//! steps runs, so it judges nothing that depends on the calendar or on the day a step is
//! typed in; those rules apply when a step is recorded ([`super::record::record`]).
use super::deadlines::Timing;
use super::intake::{Intake, Redirect};
use super::record::Delivery;
use crate::i18n::Msg;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// The longest extension of the handling period, in days.
pub const MAX_EXTENSION_DAYS: u32 = 30;

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

/// One dated, attributed step of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub kind: StepKind,
    /// When it happened (which may be earlier than when it was typed in).
    pub at: NaiveDateTime,
    /// Username of the officer who took the step.
    pub officer: String,
    /// What was decided or said; the reason for a refusal or an extension.
    pub note: String,
    /// Only for [`StepKind::Extended`]: 1 to 30.
    pub extension_days: Option<u32>,
    /// Only for [`StepKind::Forwarded`] and [`StepKind::PassedUp`]: the body it went to.
    pub forwarded_to: Option<String>,
    /// Only for [`StepKind::NotAccepted`]: the channel the petitioner is told to use.
    pub redirect: Option<Redirect>,
    /// Only for [`StepKind::Replied`]: how the written reply went to the petitioner.
    /// `None` on replies recorded before the program asked (taken as handed over that day).
    pub delivery: Option<Delivery>,
    /// Only for [`StepKind::Replied`]: the day the petitioner received the reply, when
    /// known (in person: the day of the step; by post: the return receipt's date).
    pub delivered_on: Option<NaiveDate>,
    /// The deadline the step met or missed, as recorded with it; filled by the store.
    pub timing: Option<Timing>,
    /// Set when an administrator voided the step: it is kept and shown, but the case no
    /// longer follows it.
    #[serde(default)]
    pub voided: Option<super::void::StepVoid>,
}

impl Step {
    /// A step with no note, extension or forwarding; fill those in as the kind needs.
    pub fn new(kind: StepKind, at: NaiveDateTime, officer: &str) -> Step {
        Step {
            kind,
            at,
            officer: officer.to_string(),
            note: String::new(),
            extension_days: None,
            forwarded_to: None,
            redirect: None,
            delivery: None,
            delivered_on: None,
            timing: None,
            voided: None,
        }
    }

    /// A reply with its content and how it was delivered; in person it is received the
    /// same day.
    pub fn reply(at: NaiveDateTime, officer: &str, content: &str, delivery: Delivery) -> Step {
        let mut s = Step::new(StepKind::Replied, at, officer);
        s.note = content.to_string();
        s.delivery = Some(delivery);
        if delivery == Delivery::InPerson {
            s.delivered_on = Some(at.date());
        }
        s
    }
}

/// A case as its steps have made it: the status and the dates the deadlines run from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseState {
    pub status: Status,
    /// When the petition was received (the registration step's time).
    pub received: NaiveDateTime,
    pub accepted: Option<NaiveDateTime>,
    /// Days granted by the one extension, if it was granted.
    pub extension_days: Option<u32>,
    pub replied: Option<NaiveDateTime>,
    /// How the reply was delivered, when the program recorded it.
    pub reply_delivery: Option<Delivery>,
    /// The day the petitioner received the reply; the review window runs from it. `None`
    /// while a mailed reply's receipt is not known.
    pub reply_received: Option<NaiveDate>,
    /// The day the petitioner received the review answer; the re-review window runs from
    /// it. `None` while a mailed answer's receipt is not known.
    #[serde(default)]
    pub review_answer_received: Option<NaiveDate>,
    pub review_requested: Option<NaiveDateTime>,
    pub review_answered: Option<NaiveDateTime>,
    pub rereview_requested: Option<NaiveDateTime>,
    pub rereview_answered: Option<NaiveDateTime>,
    /// When the case last ended here (closed, not accepted, feedback received); cleared when a
    /// review reopens it.
    pub ended: Option<NaiveDateTime>,
    pub forwarded_to: Option<String>,
    /// The time of the latest step: a new step may not be dated before it.
    pub last_step: NaiveDateTime,
    /// The facts of intake the deadlines depend on (anonymity, an assigner's deadline).
    #[serde(default)]
    pub intake: Intake,
    /// When the case was forwarded (转送) or passed up (转报) and now awaits feedback.
    #[serde(default)]
    pub referred: Option<NaiveDateTime>,
    #[serde(default)]
    pub feedback_received: Option<NaiveDateTime>,
    /// When the 办结报告 owed to the assigner was sent.
    #[serde(default)]
    pub report_sent: Option<NaiveDateTime>,
}

impl CaseState {
    /// A case just registered, received at `received`.
    pub fn registered(received: NaiveDateTime) -> CaseState {
        CaseState {
            status: Status::Registered,
            received,
            accepted: None,
            extension_days: None,
            replied: None,
            reply_delivery: None,
            reply_received: None,
            review_answer_received: None,
            review_requested: None,
            review_answered: None,
            rereview_requested: None,
            rereview_answered: None,
            ended: None,
            forwarded_to: None,
            last_step: received,
            intake: Intake::default(),
            referred: None,
            feedback_received: None,
            report_sent: None,
        }
    }

    /// Replays the steps of a case registered with the facts `intake`, oldest first; the
    /// first must be the registration. Voided steps are passed over: the case follows the
    /// remaining ones.
    pub fn replay_with(intake: Intake, steps: &[Step]) -> Result<CaseState, Msg> {
        let Some((first, rest)) = steps.split_first() else {
            return Err(Msg::new("petition.step.no_registration"));
        };
        if first.kind != StepKind::Registered {
            return Err(Msg::new("petition.step.no_registration"));
        }
        let mut case = CaseState::registered(first.at);
        case.intake = intake;
        for step in rest.iter().filter(|s| s.voided.is_none()) {
            case = apply(&case, step)?;
        }
        Ok(case)
    }

    /// Replays a case's steps, oldest first; the first must be the registration.
    pub fn replay(steps: &[Step]) -> Result<CaseState, Msg> {
        CaseState::replay_with(Intake::default(), steps)
    }
}

fn refuse(key: &'static str) -> Result<Status, Msg> {
    Err(Msg::new(key))
}

/// The transition table: may a step of `kind` follow `case`? Only order is judged here;
/// [`apply`] then checks the step's own fields and dates.
fn transition(case: &CaseState, kind: StepKind) -> Result<Status, Msg> {
    use StepKind as K;
    let s = case.status;
    let reviewed = case.review_answered.is_some();
    let rereviewed = case.rereview_answered.is_some();
    if kind == K::Registered {
        return refuse("petition.step.already_registered");
    }
    if let Some(referral) = super::referral::transition(case, kind) {
        return referral;
    }
    if matches!(s, Status::NotAccepted) {
        return refuse("petition.step.ended");
    }
    // After re-review only the closing of the file is left.
    if rereviewed && !(s == Status::ReReviewAnswered && kind == K::Closed) {
        return refuse("petition.step.final");
    }
    let before_acceptance = s == Status::Registered;
    let handling = matches!(s, Status::Accepted | Status::InProgress | Status::Extended);
    match kind {
        K::Registered => refuse("petition.step.already_registered"),
        K::Accepted | K::NotAccepted | K::Forwarded => {
            if before_acceptance {
                Ok(kind.target())
            } else {
                refuse("petition.step.already_decided")
            }
        }
        K::InProgress => match s {
            Status::Accepted => Ok(Status::InProgress),
            Status::Registered => refuse("petition.step.before_acceptance"),
            Status::InProgress | Status::Extended => refuse("petition.step.already_in_progress"),
            _ => refuse("petition.step.handling_over"),
        },
        K::Extended => {
            if before_acceptance {
                refuse("petition.step.before_acceptance")
            } else if case.extension_days.is_some() {
                refuse("petition.step.one_extension")
            } else if handling {
                Ok(Status::Extended)
            } else {
                refuse("petition.step.extend_after_reply")
            }
        }
        K::Replied => {
            if before_acceptance {
                refuse("petition.step.reply_before_acceptance")
            } else if handling {
                Ok(Status::Replied)
            } else {
                refuse("petition.step.already_replied")
            }
        }
        K::Closed => match s {
            Status::Replied | Status::ReviewAnswered | Status::ReReviewAnswered => {
                Ok(Status::Closed)
            }
            Status::Closed => refuse("petition.step.already_closed"),
            Status::ReviewRequested | Status::ReReviewRequested => {
                refuse("petition.step.close_review_pending")
            }
            _ => refuse("petition.step.close_before_reply"),
        },
        K::ReviewRequested => {
            if case.review_requested.is_some() {
                refuse("petition.step.review_once")
            } else if matches!(s, Status::Replied | Status::Closed) {
                Ok(Status::ReviewRequested)
            } else {
                refuse("petition.step.review_before_reply")
            }
        }
        K::ReviewAnswered => match s {
            Status::ReviewRequested => Ok(Status::ReviewAnswered),
            _ => refuse("petition.step.no_review_pending"),
        },
        K::ReReviewRequested => {
            if case.rereview_requested.is_some() {
                refuse("petition.step.rereview_once")
            } else if reviewed && matches!(s, Status::ReviewAnswered | Status::Closed) {
                Ok(Status::ReReviewRequested)
            } else {
                refuse("petition.step.rereview_before_review")
            }
        }
        K::ReReviewAnswered => match s {
            Status::ReReviewRequested => Ok(Status::ReReviewAnswered),
            _ => refuse("petition.step.no_rereview_pending"),
        },
        K::PassedUp | K::FeedbackReceived | K::Reopened | K::ReportSent => {
            super::referral::after_referral_rules(case, kind)
        }
    }
}

/// Applies one step to a case, or says why it may not be taken: out of order for the
/// lifecycle, dated before the previous step, missing the officer, a reason, the
/// department forwarded to, or the extension's days; an extension longer than 30 days or a
/// second one; a delivery on anything but a reply.
pub fn apply(case: &CaseState, step: &Step) -> Result<CaseState, Msg> {
    let next_status = transition(case, step.kind)?;
    if step.officer.trim().is_empty() {
        return Err(Msg::new("petition.step.officer_required"));
    }
    if step.at < case.last_step {
        return Err(Msg::new("petition.step.out_of_order")
            .arg("at", case.last_step.format("%Y-%m-%d %H:%M")));
    }
    if step.kind != StepKind::Extended && step.extension_days.is_some() {
        return Err(Msg::new("petition.step.days_only_for_extension"));
    }
    if !step.kind.names_a_body() && step.forwarded_to.is_some() {
        return Err(Msg::new("petition.step.forward_only_for_forwarding"));
    }
    super::referral::check_fields(step)?;
    if !step.kind.is_delivered() && (step.delivery.is_some() || step.delivered_on.is_some()) {
        return Err(Msg::new("petition.step.delivery_only_for_reply"));
    }
    let needs_reason = matches!(step.kind, StepKind::NotAccepted | StepKind::Extended);
    if needs_reason && step.note.trim().is_empty() {
        return Err(Msg::new("petition.step.reason_required"));
    }

    let mut next = case.clone();
    next.status = next_status;
    next.last_step = step.at;
    match step.kind {
        StepKind::Registered | StepKind::InProgress => {}
        StepKind::Accepted => next.accepted = Some(step.at),
        StepKind::NotAccepted => next.ended = Some(step.at),
        StepKind::Forwarded | StepKind::PassedUp => {
            let to = step
                .forwarded_to
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .ok_or_else(|| Msg::new("petition.step.forward_to_required"))?;
            next.forwarded_to = Some(to.to_string());
            next.referred = Some(step.at);
        }
        StepKind::FeedbackReceived | StepKind::Reopened | StepKind::ReportSent => {
            super::referral::apply(&mut next, step);
        }
        StepKind::Extended => {
            let days = match step.extension_days {
                None | Some(0) => return Err(Msg::new("petition.step.extension_days_required")),
                Some(d) if d > MAX_EXTENSION_DAYS => {
                    return Err(
                        Msg::new("petition.step.extension_too_long").arg("max", MAX_EXTENSION_DAYS)
                    );
                }
                Some(d) => d,
            };
            next.extension_days = Some(days);
        }
        StepKind::Replied => {
            next.replied = Some(step.at);
            next.reply_delivery = step.delivery;
            next.reply_received = super::higher::received_on(step);
        }
        StepKind::Closed => next.ended = Some(step.at),
        StepKind::ReviewRequested => {
            next.review_requested = Some(step.at);
            next.ended = None;
        }
        StepKind::ReviewAnswered => {
            next.review_answered = Some(step.at);
            next.review_answer_received = super::higher::received_on(step);
        }
        StepKind::ReReviewRequested => {
            next.rereview_requested = Some(step.at);
            next.ended = None;
        }
        StepKind::ReReviewAnswered => next.rereview_answered = Some(step.at),
    }
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use StepKind as K;

    fn at(day: u32) -> NaiveDateTime {
        // Day 1 is 2026-03-01; the steps of a path are a day apart.
        NaiveDate::from_ymd_opt(2026, 3, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
            + chrono::Duration::days(i64::from(day) - 1)
    }

    /// A step of `kind` with every field its kind needs, valid on its own.
    fn good_step(kind: StepKind, day: u32) -> Step {
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
    fn path_to(status: Status) -> Vec<StepKind> {
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

    fn case_after(kinds: &[StepKind]) -> CaseState {
        let steps: Vec<Step> = kinds
            .iter()
            .enumerate()
            .map(|(i, k)| good_step(*k, u32::try_from(i).unwrap() + 1))
            .collect();
        CaseState::replay(&steps).unwrap()
    }

    /// A step kind and `None` when it is allowed, else the key of the refusal.
    type Expect = (StepKind, Option<&'static str>);

    /// Every (status, step) pair: the allowed ones lead to the step's status, the others
    /// are refused with the message that says why.
    #[test]
    fn every_status_and_step_pair() {
        use Status as S;
        // (status, step kind, None if allowed else the refusal key)
        #[rustfmt::skip]
        let table: &[(Status, &[Expect])] = &[
            (S::Registered, &[
                (K::Registered, Some("petition.step.already_registered")),
                (K::Accepted, None), (K::NotAccepted, None), (K::Forwarded, None),
                (K::InProgress, Some("petition.step.before_acceptance")),
                (K::Extended, Some("petition.step.before_acceptance")),
                (K::Replied, Some("petition.step.reply_before_acceptance")),
                (K::Closed, Some("petition.step.close_before_reply")),
                (K::ReviewRequested, Some("petition.step.review_before_reply")),
                (K::ReviewAnswered, Some("petition.step.no_review_pending")),
                (K::ReReviewRequested, Some("petition.step.rereview_before_review")),
                (K::ReReviewAnswered, Some("petition.step.no_rereview_pending")),
            ]),
            (S::Accepted, &[
                (K::Registered, Some("petition.step.already_registered")),
                (K::Accepted, Some("petition.step.already_decided")),
                (K::NotAccepted, Some("petition.step.already_decided")),
                (K::Forwarded, Some("petition.step.already_decided")),
                (K::InProgress, None), (K::Extended, None), (K::Replied, None),
                (K::Closed, Some("petition.step.close_before_reply")),
                (K::ReviewRequested, Some("petition.step.review_before_reply")),
                (K::ReviewAnswered, Some("petition.step.no_review_pending")),
                (K::ReReviewRequested, Some("petition.step.rereview_before_review")),
                (K::ReReviewAnswered, Some("petition.step.no_rereview_pending")),
            ]),
            (S::NotAccepted, &[
                (K::Registered, Some("petition.step.already_registered")),
                (K::Accepted, Some("petition.step.ended")),
                (K::NotAccepted, Some("petition.step.ended")),
                (K::Forwarded, Some("petition.step.ended")),
                (K::InProgress, Some("petition.step.ended")),
                (K::Extended, Some("petition.step.ended")),
                (K::Replied, Some("petition.step.ended")),
                (K::Closed, Some("petition.step.ended")),
                (K::ReviewRequested, Some("petition.step.ended")),
                (K::ReviewAnswered, Some("petition.step.ended")),
                (K::ReReviewRequested, Some("petition.step.ended")),
                (K::ReReviewAnswered, Some("petition.step.ended")),
            ]),
            (S::Forwarded, &[
                (K::Registered, Some("petition.step.already_registered")),
                (K::Accepted, Some("petition.step.awaiting_feedback")),
                (K::NotAccepted, Some("petition.step.awaiting_feedback")),
                (K::Forwarded, Some("petition.step.awaiting_feedback")),
                (K::InProgress, Some("petition.step.awaiting_feedback")),
                (K::Extended, Some("petition.step.awaiting_feedback")),
                (K::Replied, Some("petition.step.awaiting_feedback")),
                (K::Closed, Some("petition.step.awaiting_feedback")),
                (K::ReviewRequested, Some("petition.step.awaiting_feedback")),
                (K::ReviewAnswered, Some("petition.step.awaiting_feedback")),
                (K::ReReviewRequested, Some("petition.step.awaiting_feedback")),
                (K::ReReviewAnswered, Some("petition.step.awaiting_feedback")),
            ]),
            (S::InProgress, &[
                (K::Registered, Some("petition.step.already_registered")),
                (K::Accepted, Some("petition.step.already_decided")),
                (K::NotAccepted, Some("petition.step.already_decided")),
                (K::Forwarded, Some("petition.step.already_decided")),
                (K::InProgress, Some("petition.step.already_in_progress")),
                (K::Extended, None), (K::Replied, None),
                (K::Closed, Some("petition.step.close_before_reply")),
                (K::ReviewRequested, Some("petition.step.review_before_reply")),
                (K::ReviewAnswered, Some("petition.step.no_review_pending")),
                (K::ReReviewRequested, Some("petition.step.rereview_before_review")),
                (K::ReReviewAnswered, Some("petition.step.no_rereview_pending")),
            ]),
            (S::Extended, &[
                (K::Registered, Some("petition.step.already_registered")),
                (K::Accepted, Some("petition.step.already_decided")),
                (K::NotAccepted, Some("petition.step.already_decided")),
                (K::Forwarded, Some("petition.step.already_decided")),
                (K::InProgress, Some("petition.step.already_in_progress")),
                (K::Extended, Some("petition.step.one_extension")),
                (K::Replied, None),
                (K::Closed, Some("petition.step.close_before_reply")),
                (K::ReviewRequested, Some("petition.step.review_before_reply")),
                (K::ReviewAnswered, Some("petition.step.no_review_pending")),
                (K::ReReviewRequested, Some("petition.step.rereview_before_review")),
                (K::ReReviewAnswered, Some("petition.step.no_rereview_pending")),
            ]),
            (S::Replied, &[
                (K::Registered, Some("petition.step.already_registered")),
                (K::Accepted, Some("petition.step.already_decided")),
                (K::NotAccepted, Some("petition.step.already_decided")),
                (K::Forwarded, Some("petition.step.already_decided")),
                (K::InProgress, Some("petition.step.handling_over")),
                (K::Extended, Some("petition.step.extend_after_reply")),
                (K::Replied, Some("petition.step.already_replied")),
                (K::Closed, None), (K::ReviewRequested, None),
                (K::ReviewAnswered, Some("petition.step.no_review_pending")),
                (K::ReReviewRequested, Some("petition.step.rereview_before_review")),
                (K::ReReviewAnswered, Some("petition.step.no_rereview_pending")),
            ]),
            (S::Closed, &[
                (K::Registered, Some("petition.step.already_registered")),
                (K::Accepted, Some("petition.step.already_decided")),
                (K::NotAccepted, Some("petition.step.already_decided")),
                (K::Forwarded, Some("petition.step.already_decided")),
                (K::InProgress, Some("petition.step.handling_over")),
                (K::Extended, Some("petition.step.extend_after_reply")),
                (K::Replied, Some("petition.step.already_replied")),
                (K::Closed, Some("petition.step.already_closed")),
                (K::ReviewRequested, None),
                (K::ReviewAnswered, Some("petition.step.no_review_pending")),
                (K::ReReviewRequested, Some("petition.step.rereview_before_review")),
                (K::ReReviewAnswered, Some("petition.step.no_rereview_pending")),
            ]),
            (S::ReviewRequested, &[
                (K::Registered, Some("petition.step.already_registered")),
                (K::Accepted, Some("petition.step.already_decided")),
                (K::NotAccepted, Some("petition.step.already_decided")),
                (K::Forwarded, Some("petition.step.already_decided")),
                (K::InProgress, Some("petition.step.handling_over")),
                (K::Extended, Some("petition.step.extend_after_reply")),
                (K::Replied, Some("petition.step.already_replied")),
                (K::Closed, Some("petition.step.close_review_pending")),
                (K::ReviewRequested, Some("petition.step.review_once")),
                (K::ReviewAnswered, None),
                (K::ReReviewRequested, Some("petition.step.rereview_before_review")),
                (K::ReReviewAnswered, Some("petition.step.no_rereview_pending")),
            ]),
            (S::ReviewAnswered, &[
                (K::Registered, Some("petition.step.already_registered")),
                (K::Accepted, Some("petition.step.already_decided")),
                (K::NotAccepted, Some("petition.step.already_decided")),
                (K::Forwarded, Some("petition.step.already_decided")),
                (K::InProgress, Some("petition.step.handling_over")),
                (K::Extended, Some("petition.step.extend_after_reply")),
                (K::Replied, Some("petition.step.already_replied")),
                (K::Closed, None),
                (K::ReviewRequested, Some("petition.step.review_once")),
                (K::ReviewAnswered, Some("petition.step.no_review_pending")),
                (K::ReReviewRequested, None),
                (K::ReReviewAnswered, Some("petition.step.no_rereview_pending")),
            ]),
            (S::ReReviewRequested, &[
                (K::Registered, Some("petition.step.already_registered")),
                (K::Accepted, Some("petition.step.already_decided")),
                (K::NotAccepted, Some("petition.step.already_decided")),
                (K::Forwarded, Some("petition.step.already_decided")),
                (K::InProgress, Some("petition.step.handling_over")),
                (K::Extended, Some("petition.step.extend_after_reply")),
                (K::Replied, Some("petition.step.already_replied")),
                (K::Closed, Some("petition.step.close_review_pending")),
                (K::ReviewRequested, Some("petition.step.review_once")),
                (K::ReviewAnswered, Some("petition.step.no_review_pending")),
                (K::ReReviewRequested, Some("petition.step.rereview_once")),
                (K::ReReviewAnswered, None),
            ]),
            (S::ReReviewAnswered, &[
                (K::Registered, Some("petition.step.already_registered")),
                (K::Accepted, Some("petition.step.final")),
                (K::NotAccepted, Some("petition.step.final")),
                (K::Forwarded, Some("petition.step.final")),
                (K::InProgress, Some("petition.step.final")),
                (K::Extended, Some("petition.step.final")),
                (K::Replied, Some("petition.step.final")),
                (K::Closed, None),
                (K::ReviewRequested, Some("petition.step.final")),
                (K::ReviewAnswered, Some("petition.step.final")),
                (K::ReReviewRequested, Some("petition.step.final")),
                (K::ReReviewAnswered, Some("petition.step.final")),
            ]),
        ];
        let mut seen = 0;
        // The referral statuses and steps have their own table in `referral`.
        assert_eq!(table.len(), super::super::referral::FIRST_STATUSES);
        for (status, row) in table {
            assert_eq!(
                row.len(),
                super::super::referral::FIRST_KINDS,
                "row for {status:?}"
            );
            let path = path_to(*status);
            let case = case_after(&path);
            assert_eq!(case.status, *status);
            let day = u32::try_from(path.len()).unwrap() + 1;
            for (kind, expected) in row.iter() {
                let result = apply(&case, &good_step(*kind, day));
                match expected {
                    None => {
                        let next = result
                            .unwrap_or_else(|m| panic!("{status:?} + {kind:?} refused: {m:?}"));
                        assert_eq!(next.status, kind.target(), "{status:?} + {kind:?}");
                        assert_eq!(next.last_step, at(day));
                    }
                    Some(key) => {
                        let m = result.expect_err(&format!("{status:?} + {kind:?} allowed"));
                        assert_eq!(m.key, *key, "{status:?} + {kind:?}");
                    }
                }
                seen += 1;
            }
        }
        assert_eq!(seen, 144);
    }

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
}
