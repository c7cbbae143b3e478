//! China's working calendar (法定节假日与调休): which dates are working days.
//!
//! Each November the State Council publishes the next year's statutory holidays and the
//! weekend days that become working days (调休上班). A year with published data follows it;
//! a year without falls back to Monday–Friday, and [`Calendar::has_year`] lets every screen
//! and command say so. Pure: the store loads the days, this decides.
pub mod file;
pub mod published;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What the published calendar says of a date that is not an ordinary Monday–Friday or
/// weekend day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// 法定节假日 (or a rest day within its run): not a working day.
    Holiday,
    /// 调休上班: a Saturday or Sunday that is a working day.
    Workday,
}

impl DayKind {
    /// The stable code kept in the database and written in calendar files.
    pub fn code(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Workday => "workday",
        }
    }

    /// Reads the code, or the words an officer types: `休`/`假`/`节假日` for a holiday,
    /// `班`/`上班`/`调休上班` for a make-up working day.
    pub fn parse(text: &str) -> Option<DayKind> {
        match text.trim().to_lowercase().as_str() {
            "holiday" | "休" | "假" | "节假日" | "放假" => Some(DayKind::Holiday),
            "workday" | "班" | "上班" | "调休上班" | "补班" => Some(DayKind::Workday),
            _ => None,
        }
    }
}

/// How a date stands in the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayClass {
    /// Monday to Friday, not a holiday.
    Working,
    /// A Saturday or Sunday made a working day (调休上班).
    MakeUp,
    /// A published holiday.
    Holiday,
    /// A Saturday or Sunday.
    Weekend,
}

impl DayClass {
    pub fn is_working(self) -> bool {
        matches!(self, DayClass::Working | DayClass::MakeUp)
    }
}

/// A Saturday or Sunday.
pub fn is_weekend(date: NaiveDate) -> bool {
    date.weekday().number_from_monday() >= 6
}

/// The working calendar: the published years and their special days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, DayKind>,
    years: BTreeSet<i32>,
}

impl Calendar {
    /// A calendar with no published year: every date is Monday–Friday.
    pub fn weekdays_only() -> Calendar {
        Calendar::default()
    }

    /// The years shipped with the program (2025 and 2026), as DOMAIN.md lists them.
    pub fn published() -> Calendar {
        let mut cal = Calendar::default();
        for year in published::PUBLISHED {
            cal.add_year(year.year, &year.days());
        }
        cal
    }

    /// Adds (or replaces) a year's special days. Days outside `year` are ignored: a year's
    /// data speaks only for that year.
    pub fn add_year(&mut self, year: i32, days: &[(NaiveDate, DayKind)]) {
        self.days.retain(|d, _| d.year() != year);
        self.years.insert(year);
        for (date, kind) in days.iter().filter(|(d, _)| d.year() == year) {
            self.days.insert(*date, *kind);
        }
    }

    /// Whether the year's holidays and make-up days are known. Without them the calendar
    /// counts Monday to Friday only, which misses that year's holidays.
    pub fn has_year(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    /// The years with data, oldest first.
    pub fn years(&self) -> Vec<i32> {
        self.years.iter().copied().collect()
    }

    /// The special days of a year, in date order.
    pub fn special_days(&self, year: i32) -> Vec<(NaiveDate, DayKind)> {
        self.days
            .iter()
            .filter(|(d, _)| d.year() == year)
            .map(|(d, k)| (*d, *k))
            .collect()
    }

    /// How `date` stands.
    pub fn class(&self, date: NaiveDate) -> DayClass {
        match self.days.get(&date) {
            Some(DayKind::Holiday) => DayClass::Holiday,
            Some(DayKind::Workday) => DayClass::MakeUp,
            None if is_weekend(date) => DayClass::Weekend,
            None => DayClass::Working,
        }
    }

    /// A working day: Monday–Friday that is not a holiday, or a make-up Saturday or Sunday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.class(date).is_working()
    }

    /// `date` itself when it is a working day, else the first working day after it: where
    /// a period whose last day is `date` ends (民法典 art. 203).
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date;
        // A run of holidays and weekends is at most a few weeks; the bound only keeps a
        // malformed calendar from looping.
        for _ in 0..366 {
            if self.is_working_day(d) {
                return d;
            }
            match d.succ_opt() {
                Some(next) => d = next,
                None => return d,
            }
        }
        date
    }

    /// The dates of a month with their class; empty for a month that does not exist.
    pub fn month(&self, year: i32, month: u32) -> Vec<(NaiveDate, DayClass)> {
        let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
            return Vec::new();
        };
        first
            .iter_days()
            .take_while(|d| d.month() == month)
            .map(|d| (d, self.class(d)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn published_holidays_and_make_up_days() {
        let cal = Calendar::published();
        assert!(cal.has_year(2025) && cal.has_year(2026) && !cal.has_year(2027));
        assert!(!cal.is_working_day(d(2026, 1, 1)), "New Year's Day");
        assert!(cal.is_working_day(d(2026, 1, 4)), "a make-up Sunday");
        assert_eq!(cal.class(d(2026, 1, 4)), DayClass::MakeUp);
        assert!(!cal.is_working_day(d(2026, 10, 7)));
        assert!(cal.is_working_day(d(2026, 10, 10)), "a make-up Saturday");
        assert!(!cal.is_working_day(d(2025, 10, 8)));
        assert!(cal.is_working_day(d(2025, 9, 28)));
        assert!(!cal.is_working_day(d(2026, 11, 28)), "an ordinary Saturday");
        assert!(cal.is_working_day(d(2026, 11, 27)));
    }

    #[test]
    fn a_year_without_data_is_monday_to_friday() {
        let cal = Calendar::published();
        // 2027-01-01 is a Friday: without the 2027 data it counts as working.
        assert!(cal.is_working_day(d(2027, 1, 1)));
        assert!(!cal.is_working_day(d(2027, 1, 2)));
        assert_eq!(
            Calendar::weekdays_only().class(d(2026, 1, 1)),
            DayClass::Working
        );
    }

    #[test]
    fn periods_roll_to_the_next_working_day() {
        let cal = Calendar::published();
        assert_eq!(cal.next_working_day(d(2026, 10, 1)), d(2026, 10, 8));
        assert_eq!(cal.next_working_day(d(2026, 10, 8)), d(2026, 10, 8));
        // Saturday 2026-10-10 is a make-up working day
        assert_eq!(cal.next_working_day(d(2026, 10, 10)), d(2026, 10, 10));
        assert_eq!(cal.next_working_day(d(2026, 2, 15)), d(2026, 2, 24));
        assert_eq!(cal.next_working_day(d(2026, 11, 28)), d(2026, 11, 30));
        assert_eq!(cal.next_working_day(NaiveDate::MAX), NaiveDate::MAX);
    }

    #[test]
    fn adding_a_year_replaces_only_that_year() {
        let mut cal = Calendar::published();
        cal.add_year(
            2027,
            &[
                (d(2027, 1, 1), DayKind::Holiday),
                (d(2026, 12, 31), DayKind::Holiday),
            ],
        );
        assert!(cal.has_year(2027));
        assert!(!cal.is_working_day(d(2027, 1, 1)));
        assert!(cal.is_working_day(d(2026, 12, 31)), "other years untouched");
        cal.add_year(2026, &[]);
        assert!(cal.is_working_day(d(2026, 1, 2)));
        assert_eq!(cal.years(), vec![2025, 2026, 2027]);
    }

    #[test]
    fn kinds_read_codes_and_words() {
        for k in [DayKind::Holiday, DayKind::Workday] {
            assert_eq!(DayKind::parse(k.code()), Some(k));
        }
        assert_eq!(DayKind::parse(" 休 "), Some(DayKind::Holiday));
        assert_eq!(DayKind::parse("班"), Some(DayKind::Workday));
        assert_eq!(DayKind::parse("x"), None);
    }
}
