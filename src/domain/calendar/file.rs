//! The calendar file an administrator imports when the State Council publishes a year.
//!
//! One year per file, one line per day or run of days, `date,kind`:
//!
//! ```text
//! # 2027 年部分节假日安排
//! date,kind
//! 2027-01-01,holiday
//! 2027-02-06~2027-02-12,holiday
//! 2027-02-14,workday
//! ```
//!
//! `kind` is `holiday` (or 休) or `workday` (or 班, a make-up working Saturday or Sunday).
//! A date may be a run `FROM~TO` (inclusive). The header line, blank lines and lines
//! starting with `#` are skipped; a comma, a full-width comma or a tab separates the two.
use super::{DayKind, is_weekend};
use crate::domain::dates::parse_date;
use crate::domain::text::fold_width;
use crate::i18n::Msg;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// The largest file read: a year has 366 days, each on a line of a few dozen bytes.
pub const MAX_BYTES: u64 = 64 * 1024;
/// At most this many problems are listed; the rest are counted.
pub const MAX_PROBLEMS: usize = 20;

/// A year's special days, as read from a file and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarYear {
    pub year: i32,
    /// In date order, each date once.
    pub days: Vec<(NaiveDate, DayKind)>,
}

impl CalendarYear {
    pub fn count(&self, kind: DayKind) -> usize {
        self.days.iter().filter(|(_, k)| *k == kind).count()
    }
}

fn dates_of(text: &str, line: usize) -> Result<Vec<NaiveDate>, Msg> {
    let one = |t: &str| {
        parse_date(t).map_err(|_| {
            Msg::new("calendar.file.date_invalid")
                .arg("line", line)
                .arg("value", t.trim())
        })
    };
    let run = text.split_once('~').or_else(|| text.split_once(".."));
    match run {
        None => Ok(vec![one(text)?]),
        Some((from, to)) => {
            let (from, to) = (one(from)?, one(to)?);
            if to < from || (to - from).num_days() > 366 {
                return Err(Msg::new("calendar.file.run_invalid")
                    .arg("line", line)
                    .arg("value", text.trim()));
            }
            Ok(from.iter_days().take_while(|d| *d <= to).collect())
        }
    }
}

/// Reads and checks a calendar file: dates real, kinds known, one year, no date twice, a
/// make-up working day only on a Saturday or Sunday. Returns every problem found (the first
/// [`MAX_PROBLEMS`], then a count), each naming its line.
pub fn parse_calendar_file(text: &str) -> Result<CalendarYear, Vec<Msg>> {
    let mut problems: Vec<Msg> = Vec::new();
    let mut seen: HashMap<NaiveDate, usize> = HashMap::new();
    let mut days: Vec<(NaiveDate, DayKind)> = Vec::new();
    let mut year: Option<(i32, usize)> = None;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut first_data = true;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let folded = fold_width(raw);
        let trimmed = folded.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = trimmed.split([',', '，', '\t']).map(str::trim).collect();
        let header = first_data
            && fields
                .first()
                .is_some_and(|f| matches!(f.to_lowercase().as_str(), "date" | "日期"));
        first_data = false;
        if header {
            continue;
        }
        let [date_text, kind_text] = fields.as_slice() else {
            problems.push(Msg::new("calendar.file.line_invalid").arg("line", line));
            continue;
        };
        let kind = DayKind::parse(kind_text);
        if kind.is_none() {
            problems.push(
                Msg::new("calendar.file.kind_invalid")
                    .arg("line", line)
                    .arg("value", kind_text),
            );
        }
        let dates = match dates_of(date_text, line) {
            Ok(d) => d,
            Err(m) => {
                problems.push(m);
                continue;
            }
        };
        let Some(kind) = kind else { continue };
        for date in dates {
            match year {
                None => year = Some((date.year(), line)),
                Some((y, _)) if y != date.year() => {
                    problems.push(
                        Msg::new("calendar.file.mixed_years")
                            .arg("line", line)
                            .arg("date", date)
                            .arg("year", y),
                    );
                    continue;
                }
                Some(_) => {}
            }
            if let Some(first) = seen.get(&date) {
                problems.push(
                    Msg::new("calendar.file.duplicate")
                        .arg("line", line)
                        .arg("date", date)
                        .arg("first", first),
                );
                continue;
            }
            if kind == DayKind::Workday && !is_weekend(date) {
                problems.push(
                    Msg::new("calendar.file.workday_on_weekday")
                        .arg("line", line)
                        .arg("date", date),
                );
                continue;
            }
            seen.insert(date, line);
            days.push((date, kind));
        }
    }
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(Msg::new("calendar.file.more_problems").arg("count", more));
    }
    match year {
        _ if !problems.is_empty() => Err(problems),
        None => Err(vec![Msg::new("calendar.file.empty")]),
        Some((year, _)) => {
            days.sort_by_key(|(d, _)| *d);
            Ok(CalendarYear { year, days })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn keys(r: Result<CalendarYear, Vec<Msg>>) -> Vec<&'static str> {
        r.unwrap_err().iter().map(|m| m.key).collect()
    }

    #[test]
    fn a_good_file_with_runs_comments_and_a_header() {
        let text = "\u{feff}# 2027\ndate,kind\n\n2027-01-01,holiday\n2027/02/06~2027/02/08，休\n2027-02-14\tworkday\n";
        let y = parse_calendar_file(text).unwrap();
        assert_eq!(y.year, 2027);
        assert_eq!(y.count(DayKind::Holiday), 4);
        assert_eq!(y.count(DayKind::Workday), 1);
        assert_eq!(y.days[0], (d(2027, 1, 1), DayKind::Holiday));
        assert_eq!(y.days.last().unwrap(), &(d(2027, 2, 14), DayKind::Workday));
    }

    #[test]
    fn every_problem_is_named_with_its_line() {
        let text = "2027-01-01,holiday\n2027-02-30,holiday\n2027-03-01,rest\n2028-01-03,holiday\n2027-01-01,holiday\n2027-01-04,workday\n2027-01-05\n2027-02-09~2027-02-01,holiday\n";
        let errs = parse_calendar_file(text).unwrap_err();
        let ks: Vec<_> = errs.iter().map(|m| m.key).collect();
        assert_eq!(
            ks,
            vec![
                "calendar.file.date_invalid",
                "calendar.file.kind_invalid",
                "calendar.file.mixed_years",
                "calendar.file.duplicate",
                "calendar.file.workday_on_weekday",
                "calendar.file.line_invalid",
                "calendar.file.run_invalid",
            ]
        );
        assert!(errs[0].args.contains(&("line", "2".to_string())));
        assert!(errs[3].args.contains(&("first", "1".to_string())));
    }

    #[test]
    fn an_empty_file_is_refused() {
        assert_eq!(
            keys(parse_calendar_file("# nothing\ndate,kind\n")),
            vec!["calendar.file.empty"]
        );
    }

    #[test]
    fn problems_are_capped() {
        let text: String = (0..30).map(|_| "x,holiday\n").collect();
        let errs = parse_calendar_file(&text).unwrap_err();
        assert_eq!(errs.len(), MAX_PROBLEMS + 1);
        assert_eq!(errs.last().unwrap().key, "calendar.file.more_problems");
    }
}
