//! The holidays and make-up working days the State Council published for 2025 and 2026,
//! shipped with the program (DOMAIN.md, "Working days"). Later years are imported by an
//! administrator (`stationdesk calendar import`).
use super::DayKind;
use chrono::NaiveDate;

/// A day of the year as `(month, day)`.
pub type MonthDay = (u32, u32);

/// One published year: its holiday runs (first and last day, inclusive) and its make-up
/// working days.
pub struct PublishedYear {
    pub year: i32,
    pub holidays: &'static [(MonthDay, MonthDay)],
    pub workdays: &'static [MonthDay],
}

impl PublishedYear {
    /// Every special day of the year, holidays first, each run spelled out.
    pub fn days(&self) -> Vec<(NaiveDate, DayKind)> {
        let date = |(m, d): MonthDay| NaiveDate::from_ymd_opt(self.year, m, d);
        let mut out = Vec::new();
        for (from, to) in self.holidays {
            if let (Some(from), Some(to)) = (date(*from), date(*to)) {
                out.extend(
                    from.iter_days()
                        .take_while(|d| *d <= to)
                        .map(|d| (d, DayKind::Holiday)),
                );
            }
        }
        out.extend(
            self.workdays
                .iter()
                .filter_map(|md| date(*md))
                .map(|d| (d, DayKind::Workday)),
        );
        out
    }
}

/// 2025 and 2026, exactly as published.
pub const PUBLISHED: &[PublishedYear] = &[
    PublishedYear {
        year: 2025,
        holidays: &[
            ((1, 1), (1, 1)),
            ((1, 28), (2, 4)),
            ((4, 4), (4, 6)),
            ((5, 1), (5, 5)),
            ((5, 31), (6, 2)),
            ((10, 1), (10, 8)),
        ],
        workdays: &[(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)],
    },
    PublishedYear {
        year: 2026,
        holidays: &[
            ((1, 1), (1, 3)),
            ((2, 15), (2, 23)),
            ((4, 4), (4, 6)),
            ((5, 1), (5, 5)),
            ((6, 19), (6, 21)),
            ((9, 25), (9, 27)),
            ((10, 1), (10, 7)),
        ],
        workdays: &[(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::is_weekend;

    #[test]
    fn every_published_date_is_real_and_make_up_days_are_weekends() {
        for year in PUBLISHED {
            let days = year.days();
            let holidays = days.iter().filter(|(_, k)| *k == DayKind::Holiday).count();
            let workdays: Vec<_> = days
                .iter()
                .filter(|(_, k)| *k == DayKind::Workday)
                .collect();
            assert_eq!(workdays.len(), year.workdays.len(), "{}", year.year);
            assert!(
                workdays.iter().all(|(d, _)| is_weekend(*d)),
                "{}",
                year.year
            );
            let expected: usize = match year.year {
                // 1 + 8 + 3 + 5 + 3 + 8
                2025 => 28,
                // 3 + 9 + 3 + 5 + 3 + 3 + 7
                _ => 33,
            };
            assert_eq!(holidays, expected, "{}", year.year);
        }
    }
}
