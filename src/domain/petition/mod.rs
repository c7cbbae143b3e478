//! Petitions (信访): the intake form's rules, the lifecycle of a case, its statutory
//! deadlines, case numbers and the notices (文书) the petitioner receives. Pure: no SQL, no
//! terminal.
pub mod channel;
pub mod deadlines;
pub mod higher;
pub mod intake;
#[cfg(test)]
mod intake_tests;
pub mod lifecycle;
pub mod notice;
pub mod record;
pub mod referral;
pub mod risk_report;
pub mod status;
pub mod types;
pub mod validate;
pub mod void;

pub use deadlines::{
    DeadlineKind, Deadlines, Due, Timing, Urgency, acceptance_due, deadlines, next_due,
    open_window, timing, urgency, urgency_of,
};
pub use higher::{awaited, awaiting_receipt, is_higher_bodys};
pub use intake::{Intake, PetitionType, Redirect, Source, StationLevel};
pub use lifecycle::{CaseState, MAX_EXTENSION_DAYS, Status, Step, StepKind, apply};
pub use record::{Delivery, check_late_delivery, record};
pub use risk_report::{ReportMethod, RiskReport};
pub use types::{
    Channel, Flags, LONG_TEXT_MAX, Petition, PetitionField, PetitionFieldError, PetitionInput,
    Petitioner, PetitionerInput, Risk, SUBJECT_MAX, parse_datetime_input,
};
pub use validate::same_matter;
pub use void::{StepVoid, check_void};

use crate::domain::calendar::Calendar;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A registered case: its row id, case number, content and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PetitionCase {
    pub id: i64,
    /// `YYYY-NNNN`, see [`format_case_no`].
    pub case_no: String,
    pub petition: Petition,
    pub state: CaseState,
}

/// The case number: the year of receipt and the case's place in that year, `2026-0001`.
/// Past 9999 cases a year the sequence simply grows a digit rather than wrapping.
pub fn format_case_no(year: i32, seq: u32) -> String {
    format!("{year:04}-{seq:04}")
}

/// Reads a case number back into `(year, seq)`, accepting full-width digits.
pub fn parse_case_no(text: &str) -> Option<(i32, u32)> {
    let folded = crate::domain::text::fold_width(text);
    let (y, n) = folded.trim().split_once('-')?;
    if y.len() != 4 || n.len() < 4 || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = y.parse::<i32>().ok()?;
    let seq = n.parse::<u32>().ok().filter(|s| *s > 0)?;
    Some((year, seq))
}

/// The year whose counter numbers a petition: the year it was received.
pub fn case_year(petition: &Petition) -> i32 {
    petition.received_at.year()
}

/// Why an earlier case makes a new petition on the same matter a repeat (重复访).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepeatReason {
    /// The earlier case was accepted and is still being dealt with within its time limit:
    /// the petitioner is to wait for it.
    OpenWithinDeadline,
    /// The earlier case went through re-review, which is final.
    ClosedAfterReReview,
}

impl RepeatReason {
    /// The catalog key of the reason's explanation.
    pub fn label_key(self) -> &'static str {
        match self {
            RepeatReason::OpenWithinDeadline => "petition.repeat.open_within_deadline",
            RepeatReason::ClosedAfterReReview => "petition.repeat.closed_after_rereview",
        }
    }
}

/// Whether an earlier case on the same matter makes a new petition a repeat, on `today`.
/// Following DOMAIN.md, from the case's facts: accepted and still within its legal time
/// limit (the handling limit, or the higher body's answer to a pending review or re-review),
/// or closed after re-review. Whether someone recorded the reply or clicked 办结 does not
/// change the limit: a replied case is no longer "within its deadline" once the limit has
/// passed, and a case closed early still is until then. A case not yet accepted, not
/// accepted or forwarded does not make a repeat; nor does one the station let run overdue:
/// coming back about an overdue case is chasing, not repeating.
pub fn repeat_reason(case: &CaseState, today: NaiveDate, cal: &Calendar) -> Option<RepeatReason> {
    if case.rereview_answered.is_some() {
        return Some(RepeatReason::ClosedAfterReReview);
    }
    let accepted =
        case.accepted.is_some() && !matches!(case.status, Status::NotAccepted | Status::Forwarded);
    if !accepted {
        return None;
    }
    let handling = deadlines::deadlines(case, cal).handling;
    let within_handling = handling.is_some_and(|due| due.end >= today);
    let within_review = awaited(case, cal).is_some_and(|(_, due)| due.end >= today);
    (within_handling || within_review).then_some(RepeatReason::OpenWithinDeadline)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, catalog};
    use chrono::NaiveDateTime;

    fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    #[test]
    fn case_numbers() {
        assert_eq!(format_case_no(2026, 1), "2026-0001");
        assert_eq!(format_case_no(2026, 12345), "2026-12345");
        assert_eq!(parse_case_no("2026-0042"), Some((2026, 42)));
        assert_eq!(parse_case_no("２０２６-００４２"), Some((2026, 42)));
        assert_eq!(parse_case_no("2026-42"), None);
        assert_eq!(parse_case_no("2026-0000"), None);
        assert_eq!(parse_case_no("26-0001"), None);
        assert_eq!(parse_case_no("x"), None);
    }

    #[test]
    fn repeats_follow_the_rule() {
        let today = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let cal = Calendar::published();
        let repeat_reason = |c: &CaseState, d: NaiveDate| repeat_reason(c, d, &cal);
        let reg = CaseState::registered(at(2026, 4, 1));
        assert_eq!(repeat_reason(&reg, today), None, "not yet accepted");
        let acc = apply(&reg, &Step::new(StepKind::Accepted, at(2026, 4, 2), "w")).unwrap();
        assert_eq!(
            repeat_reason(&acc, today),
            Some(RepeatReason::OpenWithinDeadline)
        );
        // handling due 2026-06-01 (a Monday); after that the station is overdue, and it is
        // no repeat
        let later = NaiveDate::from_ymd_opt(2026, 6, 2).unwrap();
        assert_eq!(repeat_reason(&acc, later), None);
        let replied = apply(&acc, &Step::new(StepKind::Replied, at(2026, 4, 20), "w")).unwrap();
        // Replied: within the handling limit it is still a repeat, after it no longer,
        // whether or not anyone clicked 办结.
        assert_eq!(
            repeat_reason(&replied, today),
            Some(RepeatReason::OpenWithinDeadline)
        );
        assert_eq!(repeat_reason(&replied, later), None);
        let closed = apply(&replied, &Step::new(StepKind::Closed, at(2026, 4, 21), "w")).unwrap();
        assert_eq!(
            repeat_reason(&closed, today),
            Some(RepeatReason::OpenWithinDeadline)
        );
        assert_eq!(repeat_reason(&closed, later), None);
        let mut c = apply(
            &closed,
            &Step::new(StepKind::ReviewRequested, at(2026, 4, 22), "w"),
        )
        .unwrap();
        for kind in [
            StepKind::ReviewAnswered,
            StepKind::ReReviewRequested,
            StepKind::ReReviewAnswered,
            StepKind::Closed,
        ] {
            c = apply(&c, &Step::new(kind, at(2026, 4, 23), "w")).unwrap();
        }
        assert_eq!(
            repeat_reason(&c, NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()),
            Some(RepeatReason::ClosedAfterReReview)
        );
    }

    /// Keys built by `label_key()` are not literals the global catalog test can see.
    #[test]
    fn every_label_key_is_in_both_catalogs() {
        let mut keys: Vec<&str> = Vec::new();
        keys.extend(Channel::ALL.iter().map(|c| c.label_key()));
        keys.extend(Risk::ALL.iter().map(|r| r.label_key()));
        keys.extend(Status::ALL.iter().map(|s| s.label_key()));
        keys.extend(StepKind::ALL.iter().map(|k| k.label_key()));
        keys.extend(PetitionField::ALL.iter().map(|f| f.label_key()));
        keys.extend(Delivery::ALL.iter().map(|d| d.label_key()));
        keys.extend(
            [
                DeadlineKind::Acceptance,
                DeadlineKind::Handling,
                DeadlineKind::ReviewRequest,
                DeadlineKind::ReviewAnswer,
                DeadlineKind::ReReviewRequest,
                DeadlineKind::ReReviewAnswer,
            ]
            .iter()
            .map(|k| k.label_key()),
        );
        keys.extend(
            Flags {
                repeat: true,
                skip_level: true,
                collective: true,
            }
            .label_keys(),
        );
        keys.extend([
            RepeatReason::OpenWithinDeadline.label_key(),
            RepeatReason::ClosedAfterReReview.label_key(),
        ]);
        for lang in [Lang::Zh, Lang::En] {
            for k in &keys {
                assert!(catalog(lang).contains_key(*k), "{lang:?} lacks {k}");
            }
        }
    }
}
