//! Voiding a step recorded by mistake (作废): an administrator's act, with a reason. The
//! step is kept and shown struck through with who voided it, when and why; the case's
//! status, deadlines and lateness then follow the remaining steps. Never a deletion.
use super::lifecycle::{CaseState, Step, StepKind};
use crate::i18n::Msg;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Who voided a step, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepVoid {
    pub by: String,
    pub at: NaiveDateTime,
    pub reason: String,
}

/// Whether the step at `index` of `steps` (oldest first, the registration at 0) may be
/// voided with `reason`, and the case as the remaining steps make it. Refused for the
/// registration (the petition itself is the record), a step already voided, an empty
/// reason, and a step later steps depend on (void those first, newest first).
pub fn check_void(steps: &[Step], index: usize, reason: &str) -> Result<CaseState, Msg> {
    let Some(step) = steps.get(index) else {
        return Err(Msg::new("petition.void.no_such_step"));
    };
    if step.kind == StepKind::Registered {
        return Err(Msg::new("petition.void.registration"));
    }
    if step.voided.is_some() {
        return Err(Msg::new("petition.void.already"));
    }
    if reason.trim().is_empty() {
        return Err(Msg::new("petition.void.reason_required"));
    }
    let mut rest = steps.to_vec();
    if let Some(s) = rest.get_mut(index) {
        s.voided = Some(StepVoid {
            by: String::new(),
            at: step.at,
            reason: reason.to_string(),
        });
    }
    CaseState::replay(&rest).map_err(|_| Msg::new("petition.void.later_steps_depend"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::petition::lifecycle::Status;
    use chrono::NaiveDate;

    fn at(day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, day)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    fn steps() -> Vec<Step> {
        let mut ext = Step::new(StepKind::Extended, at(3), "wang");
        ext.note = "情况复杂".into();
        ext.extension_days = Some(30);
        vec![
            Step::new(StepKind::Registered, at(1), "wang"),
            Step::new(StepKind::Accepted, at(2), "wang"),
            ext,
            Step::new(StepKind::Replied, at(4), "wang"),
        ]
    }

    #[test]
    fn a_voided_step_is_kept_and_the_status_follows_the_rest() {
        let mut s = steps();
        let after = check_void(&s, 3, "误点答复").unwrap();
        assert_eq!(after.status, Status::Extended);
        assert_eq!(after.replied, None);
        s[3].voided = Some(StepVoid {
            by: "admin".into(),
            at: at(5),
            reason: "误点答复".into(),
        });
        // kept: four steps still, the case replays past the voided one
        assert_eq!(s.len(), 4);
        assert_eq!(CaseState::replay(&s).unwrap(), after);
        // the extension can now be voided as well, and the handling limit is 60 days again
        let back = check_void(&s, 2, "未经批准").unwrap();
        assert_eq!(back.status, Status::Accepted);
        assert_eq!(back.extension_days, None);
    }

    #[test]
    fn what_may_not_be_voided() {
        let s = steps();
        let key = |i, r| check_void(&s, i, r).unwrap_err().key;
        assert_eq!(key(0, "x"), "petition.void.registration");
        assert_eq!(key(3, "  "), "petition.void.reason_required");
        assert_eq!(key(9, "x"), "petition.void.no_such_step");
        // the reply follows the acceptance: void the reply first
        assert_eq!(key(1, "x"), "petition.void.later_steps_depend");
        let mut v = s.clone();
        v[3].voided = Some(StepVoid {
            by: "a".into(),
            at: at(5),
            reason: "r".into(),
        });
        assert_eq!(
            check_void(&v, 3, "again").unwrap_err().key,
            "petition.void.already"
        );
    }
}
