//! The end-of-day nudge: after a set time, quitting with today's checklist unsigned asks
//! first, because an unsigned day is what an inspector finds missing.
use crate::domain::text::fold_width;
use crate::i18n::Msg;
use chrono::{NaiveDateTime, NaiveTime};

/// The default of the config's `checklist_nudge_after`: half an hour before a usual 17:00
/// closing, so there is time to finish the list.
pub fn default_nudge_after() -> NaiveTime {
    NaiveTime::from_hms_opt(16, 30, 0).unwrap_or(NaiveTime::MIN)
}

/// Parses `checklist_nudge_after` (`HH:MM`; full-width digits are folded). Empty means the
/// default.
pub fn parse_nudge_after(text: &str) -> Result<NaiveTime, Msg> {
    let folded = fold_width(text);
    let t = folded.trim();
    if t.is_empty() {
        return Ok(default_nudge_after());
    }
    NaiveTime::parse_from_str(t, "%H:%M")
        .map_err(|_| Msg::new("checklist.nudge_after_invalid").arg("value", t))
}

/// Whether to remind the officer to sign off: a working day, not yet signed, at or after
/// `after`.
pub fn should_nudge(
    now: NaiveDateTime,
    after: NaiveTime,
    day_signed: bool,
    working_day: bool,
) -> bool {
    working_day && !day_signed && now.time() >= after
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn now(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 26)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn parse_the_setting() {
        assert_eq!(parse_nudge_after("").unwrap(), default_nudge_after());
        assert_eq!(
            parse_nudge_after(" １７:００ ").unwrap(),
            NaiveTime::from_hms_opt(17, 0, 0).unwrap()
        );
        assert_eq!(
            parse_nudge_after("25:00").unwrap_err().key,
            "checklist.nudge_after_invalid"
        );
    }

    #[test]
    fn nudge_only_late_on_an_unsigned_working_day() {
        let after = default_nudge_after();
        assert!(!should_nudge(now(16, 29), after, false, true));
        assert!(should_nudge(now(16, 30), after, false, true));
        assert!(!should_nudge(now(17, 0), after, true, true));
        assert!(!should_nudge(now(17, 0), after, false, false));
    }
}
