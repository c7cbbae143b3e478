//! The checklist's history: a month's calendar, missed days and the compliance rate that
//! inspectors ask for. Pure arithmetic over days the store has loaded.
//!
//! Days before the checklist was first used (`started`) are not held against the station:
//! a station that installs the program mid-month has not missed the first half of it.
//! Today counts only once it is signed, so the rate does not drop every morning.
use super::day::Day;
use super::rule::Rule;
use crate::domain::calendar::Calendar;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// How a date looks on the history calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayStatus {
    /// Signed, every required item resolved, no exception.
    Done,
    /// Signed, with some item a documented exception: signed all the same.
    SignedWithExceptions,
    /// Opened but not signed (a past day).
    Partial,
    /// A past working day never opened, so never signed.
    Missed,
    /// A day off: a weekend, a published holiday, or a day marked off.
    NotWorking,
    /// After today.
    Future,
    /// Today, not signed yet.
    Today,
    /// A working day before the checklist was first used.
    BeforeStart,
}

impl DayStatus {
    /// The catalog key of the status's name, for the calendar's legend.
    pub fn label_key(self) -> &'static str {
        match self {
            DayStatus::Done => "checklist.status_done",
            DayStatus::SignedWithExceptions => "checklist.status_signed_exceptions",
            DayStatus::Partial => "checklist.status_partial",
            DayStatus::Missed => "checklist.status_missed",
            DayStatus::NotWorking => "checklist.status_not_working",
            DayStatus::Future => "checklist.status_future",
            DayStatus::Today => "checklist.status_today",
            DayStatus::BeforeStart => "checklist.status_before_start",
        }
    }
}

/// The dates of a month; empty for a month that does not exist.
pub fn month_days(year: i32, month: u32) -> Vec<NaiveDate> {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Vec::new();
    };
    first
        .iter_days()
        .take_while(|d| d.month() == month)
        .collect()
}

/// Whether `date` is a working day: the stored day's own status (the calendar's, or an
/// officer's correction), or the calendar's for a date never stored.
fn working(date: NaiveDate, day: Option<&Day>, cal: &Calendar) -> bool {
    day.map_or_else(|| cal.is_working_day(date), Day::is_working_day)
}

/// The status of one date. `day` is the stored day of that date, if any.
pub fn day_status(
    date: NaiveDate,
    today: NaiveDate,
    started: Option<NaiveDate>,
    day: Option<&Day>,
    cal: &Calendar,
) -> DayStatus {
    if !working(date, day, cal) {
        return DayStatus::NotWorking;
    }
    if date > today {
        return DayStatus::Future;
    }
    match day {
        Some(d) if d.is_signed() => {
            if d.has_exceptions() {
                DayStatus::SignedWithExceptions
            } else {
                DayStatus::Done
            }
        }
        _ if date == today => DayStatus::Today,
        Some(d) if d.opened_at.is_some() => DayStatus::Partial,
        _ if started.is_none_or(|s| date < s) => DayStatus::BeforeStart,
        _ => DayStatus::Missed,
    }
}

fn by_date(days: &[Day]) -> HashMap<NaiveDate, &Day> {
    days.iter().map(|d| (d.date, d)).collect()
}

/// Every date of a month with its status.
pub fn month_calendar(
    year: i32,
    month: u32,
    today: NaiveDate,
    started: Option<NaiveDate>,
    days: &[Day],
    cal: &Calendar,
) -> Vec<(NaiveDate, DayStatus)> {
    let index = by_date(days);
    month_days(year, month)
        .into_iter()
        .map(|date| {
            let status = day_status(date, today, started, index.get(&date).copied(), cal);
            (date, status)
        })
        .collect()
}

/// Past working days from `since` (inclusive) to before `today` that have no sign-off, whether
/// never opened or opened and left unsigned, oldest first. Days before `started` do not count;
/// a holiday is not a working day, a make-up Saturday or Sunday is.
pub fn missed_days(
    today: NaiveDate,
    since: NaiveDate,
    started: Option<NaiveDate>,
    days: &[Day],
    cal: &Calendar,
) -> Vec<NaiveDate> {
    let Some(start) = started.map(|s| s.max(since)) else {
        return Vec::new();
    };
    let index = by_date(days);
    start
        .iter_days()
        .take_while(|d| *d < today)
        .filter(|d| {
            let day = index.get(d).copied();
            working(*d, day, cal) && !day.is_some_and(Day::is_signed)
        })
        .collect()
}

/// A rate as a count over a count, so the screen can show "18/20" as well as the percentage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rate {
    pub done: u32,
    pub due: u32,
}

impl Rate {
    /// The percentage, `None` when nothing was due (which is not 0 % and not 100 %).
    pub fn percent(&self) -> Option<f64> {
        (self.due > 0).then(|| f64::from(self.done) * 100.0 / f64::from(self.due))
    }
}

/// One rule's compliance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRate {
    pub rule_id: i64,
    pub title_zh: String,
    pub title_en: String,
    /// Days the item was done or not applicable, over working days it was due.
    pub rate: Rate,
}

/// A month's compliance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compliance {
    /// Complete signed days over counted working days.
    pub overall: Rate,
    /// Per rule, in rule order, for the rules due at least once in the month (retired rules
    /// included: their history still counts).
    pub rules: Vec<RuleRate>,
}

/// The compliance of a month. The counted days are the working days of the month from
/// `started`, up to yesterday, plus today once signed. A rule is due on an opened day when
/// the day has its item (the items are what the day was judged by); on a day never opened,
/// when the rule applied on that date.
pub fn compliance(
    year: i32,
    month: u32,
    today: NaiveDate,
    started: Option<NaiveDate>,
    rules: &[Rule],
    days: &[Day],
    cal: &Calendar,
) -> Compliance {
    let Some(start) = started else {
        return Compliance::default();
    };
    let index = by_date(days);
    let counted: Vec<(NaiveDate, Option<&Day>)> = month_days(year, month)
        .into_iter()
        .map(|date| (date, index.get(&date).copied()))
        .filter(|(date, day)| {
            *date >= start
                && working(*date, *day, cal)
                && (*date < today || (*date == today && day.is_some_and(Day::is_signed)))
        })
        .collect();
    let mut overall = Rate::default();
    for (_, day) in &counted {
        overall.due += 1;
        if day.is_some_and(Day::is_complete) {
            overall.done += 1;
        }
    }
    let mut ordered: Vec<&Rule> = rules.iter().collect();
    ordered.sort_by_key(|r| (r.position, r.id));
    let rates = ordered
        .into_iter()
        .filter_map(|rule| {
            let mut rate = Rate::default();
            for (date, day) in &counted {
                match day.filter(|d| d.opened_at.is_some()) {
                    Some(d) => {
                        if let Some(item) = d.item(rule.id) {
                            rate.due += 1;
                            if item.state.is_followed() {
                                rate.done += 1;
                            }
                        }
                    }
                    None if rule.applies_on(*date) => rate.due += 1,
                    None => {}
                }
            }
            (rate.due > 0).then(|| RuleRate {
                rule_id: rule.id,
                title_zh: rule.title_zh.clone(),
                title_en: rule.title_en.clone(),
                rate,
            })
        })
        .collect();
    Compliance {
        overall,
        rules: rates,
    }
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
