//! Recording a step: the rules that apply on the day a step is typed in, beyond the order of
//! the procedure that [`apply`] judges. The reply's content and delivery, an extension asked
//! in time, the deadline each step met or missed, and a petitioner's request that looks late,
//! which is recorded with its reason and never refused.
use super::deadlines::{Timing, limit_for_step};
use super::lifecycle::{CaseState, Step, StepKind, apply};
use crate::domain::calendar::Calendar;
use crate::i18n::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How a written reply reached the petitioner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// 当面送达: received the day it was handed over.
    InPerson,
    /// 邮寄送达: received the day the return receipt (回执) says.
    Post,
    /// Any other way (a relative, the village committee…): received the day entered.
    Other,
}

impl Delivery {
    pub const ALL: [Delivery; 3] = [Delivery::InPerson, Delivery::Post, Delivery::Other];

    /// The stable code kept in the database.
    pub fn code(self) -> &'static str {
        match self {
            Delivery::InPerson => "in_person",
            Delivery::Post => "post",
            Delivery::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Delivery> {
        Delivery::ALL.into_iter().find(|d| d.code() == code)
    }

    /// The catalog key of the method's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Delivery::InPerson => "petition.delivery.in_person",
            Delivery::Post => "petition.delivery.post",
            Delivery::Other => "petition.delivery.other",
        }
    }
}

fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Whether `on` may be recorded as the day a reply given on `replied` was received.
pub fn check_delivery_date(replied: NaiveDate, on: NaiveDate, today: NaiveDate) -> Result<(), Msg> {
    if on < replied {
        return Err(Msg::new("petition.delivery.before_reply").arg("date", date_text(replied)));
    }
    if on > today {
        return Err(Msg::new("petition.delivery.future"));
    }
    Ok(())
}

/// Whether the day a written answer was received may be recorded now, on `on`: a reply
/// (or a review answer) is on file and its receipt is not known yet.
pub fn check_late_delivery(case: &CaseState, on: NaiveDate, today: NaiveDate) -> Result<(), Msg> {
    if case.replied.is_none() {
        return Err(Msg::new("petition.delivery.no_reply"));
    }
    let Some((_, given)) = super::higher::awaiting_receipt(case) else {
        return Err(Msg::new("petition.delivery.already_known"));
    };
    check_delivery_date(given.date(), on, today)
}

/// Records a step typed in on `today`: [`apply`]'s order and fields, then
///
/// - a reply (and the higher body's review answer) needs its content and how it was
///   delivered; handed over in person it is received that day; a delivery day may be
///   neither before the step nor after today;
/// - a review or re-review request names the higher body it went to;
/// - an extension must be asked before the handling limit's legal end: once it has passed
///   there is nothing left to extend and the case is simply late;
/// - a review or re-review request after its window's legal end is recorded with the reason
///   it came then (the note); it is never refused for lateness, because the later date may
///   be the petitioner's right (a letter received late, a holiday the calendar lacked).
///
/// Returns the step as it is to be kept, with the deadline it met or missed, and the case
/// after it.
pub fn record(
    case: &CaseState,
    step: &Step,
    today: NaiveDate,
    cal: &Calendar,
) -> Result<(Step, CaseState), Msg> {
    let mut step = step.clone();
    // The order of the procedure first: a reply before acceptance is refused as such.
    apply(case, &step)?;
    super::referral::check_level(case, step.kind)?;
    if step.kind.names_a_body()
        && !matches!(step.kind, StepKind::Forwarded | StepKind::PassedUp)
        && step
            .forwarded_to
            .as_deref()
            .is_none_or(|t| t.trim().is_empty())
    {
        return Err(Msg::new("petition.step.review_to_required"));
    }
    if step.kind.is_delivered() {
        if step.note.trim().is_empty() {
            return Err(Msg::new(if step.kind == StepKind::Replied {
                "petition.step.reply_content_required"
            } else {
                "petition.step.answer_content_required"
            }));
        }
        match step.delivery {
            None => return Err(Msg::new("petition.step.delivery_required")),
            Some(Delivery::InPerson) => step.delivered_on = Some(step.at.date()),
            Some(_) => {
                if let Some(on) = step.delivered_on {
                    check_delivery_date(step.at.date(), on, today)?;
                }
            }
        }
    }
    let next = apply(case, &step)?;
    let limit = limit_for_step(case, step.kind, cal);
    step.timing = limit.map(|(kind, due)| Timing {
        kind,
        due: due.end,
        late_days: due.late_days(step.at.date()),
    });
    if let (Some((_, due)), Some(t)) = (limit, step.timing)
        && t.is_late()
    {
        match step.kind {
            StepKind::Extended => {
                return Err(
                    Msg::new("petition.step.extend_after_due").arg("due", date_text(due.end))
                );
            }
            StepKind::ReviewRequested | StepKind::ReReviewRequested
                if step.note.trim().is_empty() =>
            {
                return Err(
                    Msg::new("petition.step.late_request_reason").arg("until", date_text(due.end))
                );
            }
            _ => {}
        }
    }
    Ok((step, next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::petition::deadlines::{DeadlineKind, deadlines};
    use chrono::NaiveDateTime;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn t(y: i32, m: u32, day: u32) -> NaiveDateTime {
        d(y, m, day).and_hms_opt(10, 0, 0).unwrap()
    }

    /// Records `step`, typed in a few weeks after it happened.
    fn go(case: &CaseState, step: Step, cal: &Calendar) -> (Step, CaseState) {
        let today = step.at.date() + chrono::Days::new(40);
        record(case, &step, today, cal).unwrap()
    }

    /// A review request forwarded to the higher body.
    fn request(at: NaiveDateTime) -> Step {
        let mut s = Step::new(StepKind::ReviewRequested, at, "wang");
        s.forwarded_to = Some("市退役军人事务局".into());
        s
    }

    fn accepted(on: NaiveDateTime, cal: &Calendar) -> CaseState {
        let reg = CaseState::registered(on);
        go(&reg, Step::new(StepKind::Accepted, on, "wang"), cal).1
    }

    #[test]
    fn a_reply_handed_over_on_1_september_may_be_reviewed_until_8_october() {
        // 2026-09-01 + 30 days = 2026-10-01, National Day; 1-7 October are holidays, so the
        // window ends on Thursday 8 October, the first working day.
        let cal = Calendar::published();
        let acc = accepted(t(2026, 8, 1), &cal);
        let reply = Step::reply(
            t(2026, 9, 1),
            "wang",
            "经核查，答复如下",
            Delivery::InPerson,
        );
        let (kept, replied) = go(&acc, reply, &cal);
        assert_eq!(kept.delivered_on, Some(d(2026, 9, 1)));
        let window = deadlines(&replied, &cal).review_request.unwrap();
        assert_eq!(window.last_day, d(2026, 10, 1));
        assert_eq!(window.end, d(2026, 10, 8));
        assert!(window.rolled());
        let on_time = request(t(2026, 10, 8));
        let (kept, _) = go(&replied, on_time, &cal);
        let timing = kept.timing.unwrap();
        assert_eq!(timing.kind, DeadlineKind::ReviewRequest);
        assert_eq!(timing.due, d(2026, 10, 8));
        assert!(!timing.is_late());
    }

    #[test]
    fn a_request_that_looks_late_is_recorded_with_its_reason() {
        let cal = Calendar::published();
        let acc = accepted(t(2026, 8, 1), &cal);
        let reply = Step::reply(t(2026, 9, 1), "wang", "答复", Delivery::InPerson);
        let (_, replied) = go(&acc, reply, &cal);
        let mut late = request(t(2026, 10, 9));
        let m = record(&replied, &late, d(2026, 10, 9), &cal).unwrap_err();
        assert_eq!(m.key, "petition.step.late_request_reason");
        assert_eq!(m.args, vec![("until", "2026-10-08".to_string())]);
        late.note = "本人称 9 月 10 日才收到答复书".into();
        let (kept, next) = go(&replied, late, &cal);
        assert_eq!(kept.timing.unwrap().late_days, 1);
        assert!(next.review_requested.is_some());
    }

    #[test]
    fn a_mailed_reply_waits_for_its_receipt() {
        let cal = Calendar::published();
        let acc = accepted(t(2026, 8, 1), &cal);
        let mut reply = Step::reply(t(2026, 9, 1), "wang", "答复", Delivery::Post);
        let (_, waiting) = go(&acc, reply.clone(), &cal);
        let dl = deadlines(&waiting, &cal);
        assert!(dl.review_awaiting_delivery);
        assert_eq!(dl.review_request, None);
        // a request before the receipt is known cannot be late
        let early = request(t(2026, 12, 1));
        assert_eq!(go(&waiting, early, &cal).0.timing, None);
        // the receipt recorded later
        assert!(check_late_delivery(&waiting, d(2026, 9, 4), d(2026, 9, 10)).is_ok());
        assert_eq!(
            check_late_delivery(&waiting, d(2026, 8, 31), d(2026, 9, 10))
                .unwrap_err()
                .key,
            "petition.delivery.before_reply"
        );
        assert_eq!(
            check_late_delivery(&waiting, d(2026, 9, 11), d(2026, 9, 10))
                .unwrap_err()
                .key,
            "petition.delivery.future"
        );
        reply.delivered_on = Some(d(2026, 9, 4));
        let (_, known) = go(&acc, reply, &cal);
        assert_eq!(
            check_late_delivery(&known, d(2026, 9, 4), d(2026, 9, 10))
                .unwrap_err()
                .key,
            "petition.delivery.already_known"
        );
        assert_eq!(
            deadlines(&known, &cal).review_request.unwrap().end,
            d(2026, 10, 8),
            "4 Sep + 30 = 4 Oct, a holiday"
        );
    }

    #[test]
    fn a_reply_needs_its_content_and_delivery() {
        let cal = Calendar::published();
        let acc = accepted(t(2026, 8, 1), &cal);
        let bare = Step::new(StepKind::Replied, t(2026, 9, 1), "wang");
        assert_eq!(
            record(&acc, &bare, d(2026, 9, 1), &cal).unwrap_err().key,
            "petition.step.reply_content_required"
        );
        let mut no_way = bare.clone();
        no_way.note = "答复".into();
        assert_eq!(
            record(&acc, &no_way, d(2026, 9, 1), &cal).unwrap_err().key,
            "petition.step.delivery_required"
        );
    }

    #[test]
    fn an_extension_after_the_legal_end_is_refused() {
        // accepted 2026-03-02: 60 days end on Friday 2026-05-01, a holiday (1-5 May); the
        // legal end is Wednesday 6 May. An extension that day is in time, the next day not.
        let cal = Calendar::published();
        let acc = accepted(t(2026, 3, 2), &cal);
        let mut ext = Step::new(StepKind::Extended, t(2026, 5, 6), "wang");
        ext.note = "情况复杂".into();
        ext.extension_days = Some(30);
        assert!(record(&acc, &ext, d(2026, 5, 6), &cal).is_ok());
        ext.at = t(2026, 5, 7);
        let m = record(&acc, &ext, d(2026, 5, 7), &cal).unwrap_err();
        assert_eq!(m.key, "petition.step.extend_after_due");
        assert_eq!(m.args, vec![("due", "2026-05-06".to_string())]);
    }

    #[test]
    fn a_late_acceptance_stays_late_by_its_days() {
        // received 2026-12-01: the 15-day notice limit ends 2026-12-16 (a Wednesday);
        // accepted 2027-01-05, 20 days late.
        let cal = Calendar::published();
        let reg = CaseState::registered(t(2026, 12, 1));
        let (kept, _) = go(
            &reg,
            Step::new(StepKind::Accepted, t(2027, 1, 5), "wang"),
            &cal,
        );
        let timing = kept.timing.unwrap();
        assert_eq!(timing.kind, DeadlineKind::Acceptance);
        assert_eq!(timing.due, d(2026, 12, 16));
        assert_eq!(timing.late_days, 20);
        assert!(timing.is_stations());
    }

    #[test]
    fn delivery_codes_round_trip() {
        for m in Delivery::ALL {
            assert_eq!(Delivery::from_code(m.code()), Some(m));
        }
        assert_eq!(Delivery::from_code("fax"), None);
    }
}
