//! The end-of-day checklist of the posted duty rules (工作制度上墙).
//!
//! Rules say which items a day has ([`rule`]); a day is opened with those items, ticked,
//! and signed off, which locks it ([`day`]), and a change it does not allow is refused with
//! a reason ([`refusal`]); some items can be answered from the data ([`live`]); the history
//! turns the days into a calendar and a compliance rate ([`history`]); and after a set time
//! an unsigned day earns a reminder ([`nudge`]).
//!
//! Working days are the working calendar's ([`crate::domain::calendar`]): published holidays
//! are days off, make-up Saturdays and Sundays are working days. An administrator may correct
//! a day's status (a local holiday, a day the calendar does not know); a past day needs a
//! reason.
pub mod day;
pub mod history;
pub mod live;
pub mod nudge;
pub mod refusal;
pub mod rule;

pub use day::{Day, Item, ItemState, NOTE_MAX, instances};
pub use history::{
    Compliance, DayStatus, Rate, RuleRate, compliance, day_status, missed_days, month_calendar,
    month_days,
};
pub use live::{LiveCheck, LiveFacts, LiveState};
pub use nudge::{default_nudge_after, parse_nudge_after, should_nudge};
pub use refusal::Refusal;
pub use rule::{DEFAULT_RULES_TOML, Frequency, Rule, RuleInput, default_rules, parse_rules};
