//! The steps of a case that leaves the station or answers to a higher body: 转送 and 转报
//! wait for the receiving body's feedback and may come back (reopening); a 交办 case owes
//! its assigner a 办结报告.
//!
//! Feedback rule the program applies: the body a case is forwarded or passed up to decides
//! on acceptance within 15 days of receiving it (the same limit the station itself has), so
//! the station expects its feedback within [`FEEDBACK_DAYS`] days of the step, counted and
//! rolled like every other limit.
use super::lifecycle::{CaseState, Status, Step, StepKind};
use crate::i18n::Msg;

/// Days after a 转送 or 转报 within which the receiving body's feedback is expected.
pub const FEEDBACK_DAYS: u64 = 15;

/// How many statuses and step kinds the lifecycle had before referrals; the lifecycle's
/// own table covers those, [`tests`] the rest.
pub const FIRST_STATUSES: usize = 12;
pub const FIRST_KINDS: usize = 12;

fn refuse(key: &'static str) -> Result<Status, Msg> {
    Err(Msg::new(key))
}

/// The report owed to an assigner may follow the outcome (a reply, a refusal, feedback), once.
fn report(case: &CaseState) -> Result<Status, Msg> {
    if case.intake.report_due.is_none() {
        return refuse("petition.step.report_not_owed");
    }
    if case.report_sent.is_some() {
        return refuse("petition.step.report_once");
    }
    let outcome = case.replied.is_some()
        || matches!(case.status, Status::NotAccepted | Status::FeedbackReceived);
    if outcome {
        Ok(case.status)
    } else {
        refuse("petition.step.report_before_outcome")
    }
}

/// The order rules a referral imposes, judged before the lifecycle's own: `None` when the
/// case is not waiting on a referral and the step is not a report.
pub(super) fn transition(case: &CaseState, kind: StepKind) -> Option<Result<Status, Msg>> {
    use StepKind as K;
    if kind == K::ReportSent {
        return Some(report(case));
    }
    match case.status {
        Status::Forwarded | Status::PassedUp => Some(match kind {
            K::FeedbackReceived => Ok(Status::FeedbackReceived),
            K::Reopened => Ok(Status::InProgress),
            _ => refuse("petition.step.awaiting_feedback"),
        }),
        Status::FeedbackReceived => Some(match kind {
            K::Reopened => Ok(Status::InProgress),
            _ => refuse("petition.step.ended"),
        }),
        _ => None,
    }
}

/// The referral steps on a case that is not waiting on a referral (the lifecycle has
/// already refused a case that ended or is final).
pub(super) fn after_referral_rules(case: &CaseState, kind: StepKind) -> Result<Status, Msg> {
    match kind {
        StepKind::PassedUp if case.status == Status::Registered => Ok(Status::PassedUp),
        StepKind::PassedUp => refuse("petition.step.already_decided"),
        StepKind::FeedbackReceived => refuse("petition.step.no_feedback_awaited"),
        StepKind::ReportSent => report(case),
        _ => refuse("petition.step.nothing_to_reopen"),
    }
}

/// The fields a referral step needs, and the refusal's channel only on a refusal.
pub(super) fn check_fields(step: &Step) -> Result<(), Msg> {
    if step.redirect.is_some() && step.kind != StepKind::NotAccepted {
        return Err(Msg::new("petition.step.redirect_only_for_not_accepted"));
    }
    if let Some(super::Redirect::Other(text)) = &step.redirect
        && text.trim().is_empty()
    {
        return Err(Msg::new("petition.step.redirect_other_required"));
    }
    let needs_note = match step.kind {
        StepKind::FeedbackReceived => Some("petition.step.feedback_required"),
        StepKind::Reopened => Some("petition.step.reopen_reason_required"),
        _ => None,
    };
    match needs_note {
        Some(key) if step.note.trim().is_empty() => Err(Msg::new(key)),
        _ => Ok(()),
    }
}

/// Whether the station's level offers a step: a village station passes a new case up
/// (转报) and does not run the acceptance procedure (受理, 不予受理, 转送); a town or county
/// station does, and has nothing to pass up. Judged when a step is recorded, not on
/// replay, so that a station whose level changes keeps its past steps.
pub fn offered(case: &CaseState, kind: StepKind) -> bool {
    match kind {
        StepKind::Accepted | StepKind::NotAccepted | StepKind::Forwarded => !case.intake.passes_up,
        StepKind::PassedUp => case.intake.passes_up,
        _ => true,
    }
}

/// [`offered`] as a refusal that says why.
pub fn check_level(case: &CaseState, kind: StepKind) -> Result<(), Msg> {
    if offered(case, kind) {
        Ok(())
    } else if kind == StepKind::PassedUp {
        Err(Msg::new("petition.step.pass_up_village_only"))
    } else {
        Err(Msg::new("petition.step.village_passes_up"))
    }
}

/// Why a step like `probe` is not offered on `case`, or `None` when it is: the station's
/// level first (转报 at a town or county station, 受理 / 不予受理 / 转送 at a village
/// station), so that the officer is told the reason that holds whatever the case's stage,
/// then the lifecycle's order.
pub fn why_not(case: &CaseState, probe: &Step) -> Option<Msg> {
    check_level(case, probe.kind)
        .err()
        .or_else(|| super::lifecycle::apply(case, probe).err())
}

/// What a feedback, a reopening or a report changes in the case.
pub(super) fn apply(next: &mut CaseState, step: &Step) {
    match step.kind {
        StepKind::FeedbackReceived => {
            next.feedback_received = Some(step.at);
            next.ended = Some(step.at);
        }
        StepKind::Reopened => {
            // Back into the station's hands: handling runs 60 days from the reopening when
            // the case was never accepted here.
            next.ended = None;
            next.referred = None;
            if next.accepted.is_none() {
                next.accepted = Some(step.at);
            }
        }
        StepKind::ReportSent => next.report_sent = Some(step.at),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::petition::intake::Intake;
    use crate::domain::petition::lifecycle::apply as apply_step;
    use crate::domain::petition::record::Delivery;
    use StepKind as K;
    use chrono::{NaiveDate, NaiveDateTime};

    fn at(day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, day)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    fn step(kind: StepKind, day: u32) -> Step {
        let mut s = Step::new(kind, at(day), "wang");
        match kind {
            K::NotAccepted | K::Extended => {
                s.note = "理由".into();
                if kind == K::Extended {
                    s.extension_days = Some(30);
                }
            }
            K::Forwarded | K::PassedUp => s.forwarded_to = Some("县信访局".into()),
            K::FeedbackReceived => s.note = "已受理".into(),
            K::Reopened => s.note = "退回本站办理".into(),
            K::Replied => {
                s.note = "答复".into();
                s.delivery = Some(Delivery::InPerson);
                s.delivered_on = Some(at(day).date());
            }
            _ => {}
        }
        s
    }

    fn case(intake: Intake, kinds: &[StepKind]) -> CaseState {
        let mut steps = vec![step(K::Registered, 1)];
        steps.extend(kinds.iter().zip(2..).map(|(k, d)| step(*k, d)));
        CaseState::replay_with(intake, &steps).unwrap()
    }

    /// Each referral status against every step, and each earlier status against the
    /// referral steps.
    #[test]
    fn every_referral_pair() {
        let plain = Intake::default();
        let owed = Intake {
            report_due: NaiveDate::from_ymd_opt(2026, 4, 1),
            ..Intake::default()
        };
        let forwarded = case(plain, &[K::Forwarded]);
        for kind in StepKind::ALL {
            let r = apply_step(&forwarded, &step(kind, 20));
            match kind {
                K::FeedbackReceived => assert_eq!(r.unwrap().status, Status::FeedbackReceived),
                K::Reopened => assert_eq!(r.unwrap().status, Status::InProgress),
                K::Registered => assert!(r.is_err()),
                K::ReportSent => {
                    assert_eq!(r.unwrap_err().key, "petition.step.report_not_owed")
                }
                _ => assert_eq!(r.unwrap_err().key, "petition.step.awaiting_feedback"),
            }
        }
        let passed = case(plain, &[K::PassedUp]);
        assert_eq!(passed.status, Status::PassedUp);
        assert!(passed.status.is_open());
        let back = case(plain, &[K::Forwarded, K::FeedbackReceived]);
        assert!(!back.status.is_open());
        for kind in StepKind::ALL {
            let r = apply_step(&back, &step(kind, 20));
            match kind {
                K::Reopened => assert_eq!(r.unwrap().status, Status::InProgress),
                K::Registered => assert!(r.is_err()),
                K::ReportSent => {
                    assert_eq!(r.unwrap_err().key, "petition.step.report_not_owed")
                }
                _ => assert_eq!(r.unwrap_err().key, "petition.step.ended"),
            }
        }
        // the earlier statuses and the referral steps
        let registered = case(plain, &[]);
        assert_eq!(
            apply_step(&registered, &step(K::PassedUp, 2))
                .unwrap()
                .status,
            Status::PassedUp
        );
        let accepted = case(plain, &[K::Accepted]);
        for (kind, key) in [
            (K::PassedUp, "petition.step.already_decided"),
            (K::FeedbackReceived, "petition.step.no_feedback_awaited"),
            (K::Reopened, "petition.step.nothing_to_reopen"),
            (K::ReportSent, "petition.step.report_not_owed"),
        ] {
            assert_eq!(apply_step(&accepted, &step(kind, 20)).unwrap_err().key, key);
        }
        // the report: after the outcome, once, status unchanged
        let handling = case(owed, &[K::Accepted]);
        assert_eq!(
            apply_step(&handling, &step(K::ReportSent, 20))
                .unwrap_err()
                .key,
            "petition.step.report_before_outcome"
        );
        let replied = case(owed, &[K::Accepted, K::Replied]);
        let sent = apply_step(&replied, &step(K::ReportSent, 20)).unwrap();
        assert_eq!(sent.status, Status::Replied);
        assert_eq!(sent.report_sent, Some(at(20)));
        assert_eq!(
            apply_step(&sent, &step(K::ReportSent, 21)).unwrap_err().key,
            "petition.step.report_once"
        );
    }

    #[test]
    fn a_reopened_case_is_handled_from_the_reopening() {
        let c = case(
            Intake::default(),
            &[K::Forwarded, K::FeedbackReceived, K::Reopened],
        );
        assert_eq!(c.status, Status::InProgress);
        assert_eq!(c.accepted, Some(at(4)));
        assert_eq!(c.ended, None);
        let mut bare = step(K::Reopened, 5);
        bare.note.clear();
        let fb = case(Intake::default(), &[K::Forwarded, K::FeedbackReceived]);
        assert_eq!(
            apply_step(&fb, &bare).unwrap_err().key,
            "petition.step.reopen_reason_required"
        );
    }

    #[test]
    fn the_station_level_decides_the_procedure_offered() {
        let village = Intake {
            passes_up: true,
            ..Intake::default()
        };
        let v = case(village, &[]);
        let t = case(Intake::default(), &[]);
        for kind in [K::Accepted, K::NotAccepted, K::Forwarded] {
            assert!(!offered(&v, kind));
            assert_eq!(
                check_level(&v, kind).unwrap_err().key,
                "petition.step.village_passes_up"
            );
            assert!(offered(&t, kind));
        }
        assert!(offered(&v, K::PassedUp));
        assert_eq!(
            check_level(&t, K::PassedUp).unwrap_err().key,
            "petition.step.pass_up_village_only"
        );
    }

    #[test]
    fn the_channel_to_use_belongs_to_a_refusal() {
        let reg = case(Intake::default(), &[]);
        let mut s = step(K::NotAccepted, 2);
        s.redirect = Some(super::super::Redirect::Other(" ".into()));
        assert_eq!(
            apply_step(&reg, &s).unwrap_err().key,
            "petition.step.redirect_other_required"
        );
        s.redirect = Some(super::super::Redirect::Litigation);
        assert!(apply_step(&reg, &s).is_ok());
        let mut a = step(K::Accepted, 2);
        a.redirect = Some(super::super::Redirect::Litigation);
        assert_eq!(
            apply_step(&reg, &a).unwrap_err().key,
            "petition.step.redirect_only_for_not_accepted"
        );
    }
}
