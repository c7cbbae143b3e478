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
pub use super::status::{Status, StepKind};
use crate::i18n::Msg;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// The longest extension of the handling period, in days.
pub const MAX_EXTENSION_DAYS: u32 = 30;

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
#[path = "lifecycle_table_tests.rs"]
mod table_tests;
#[cfg(test)]
#[path = "lifecycle_tests.rs"]
mod tests;
