//! `stationdesk calendar show YYYY[-MM]` and `stationdesk calendar import FILE`: the working
//! calendar as the program counts it (working days, holidays, make-up working days), and a
//! newly published year added by an administrator.
use super::admin::AdminArgs;
use super::{CliError, Ctx};
use crate::domain::calendar::file::{MAX_BYTES, parse_calendar_file};
use crate::domain::calendar::{Calendar, DayClass};
use crate::domain::officer::Permission;
use crate::i18n::{Lang, Msg, t, tf};
use chrono::{Datelike, NaiveDate};
use std::io::Read;
use std::path::Path;

/// `YYYY` or `YYYY-MM` (full-width digits and `年`/`月` accepted).
fn parse_period(text: &str) -> Option<(i32, Option<u32>)> {
    let folded = crate::domain::text::fold_width(text);
    let t = folded
        .trim()
        .trim_end_matches('月')
        .replace(['年', '/', '.'], "-");
    let (y, m) = match t.split_once('-') {
        Some((y, m)) => (y, Some(m)),
        None => (t.as_str(), None),
    };
    let year: i32 = y.parse().ok().filter(|y| (1900..=2100).contains(y))?;
    let month = match m {
        None => None,
        Some(m) => Some(m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?),
    };
    Some((year, month))
}

fn days_list(days: &[NaiveDate]) -> String {
    days.iter()
        .map(|d| d.day().to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One month: its working days, holidays and make-up working days, as day numbers.
pub fn month_text(cal: &Calendar, year: i32, month: u32, lang: Lang) -> String {
    let days = cal.month(year, month);
    let of = |f: &dyn Fn(DayClass) -> bool| -> Vec<NaiveDate> {
        days.iter()
            .filter(|(_, c)| f(*c))
            .map(|(d, _)| *d)
            .collect()
    };
    let working = of(&|c| c.is_working());
    let holidays = of(&|c| c == DayClass::Holiday);
    let make_up = of(&|c| c == DayClass::MakeUp);
    let mut out = format!(
        "{}\n",
        tf(
            lang,
            "calendar.show.month",
            &[("year", &year), ("month", &month)]
        )
    );
    out.push_str(&format!(
        "  {}\n",
        tf(
            lang,
            "calendar.show.working",
            &[("count", &working.len()), ("days", &days_list(&working))],
        )
    ));
    if !holidays.is_empty() {
        out.push_str(&format!(
            "  {}\n",
            tf(
                lang,
                "calendar.show.holidays",
                &[("count", &holidays.len()), ("days", &days_list(&holidays))],
            )
        ));
    }
    if !make_up.is_empty() {
        let named: Vec<String> = make_up
            .iter()
            .map(|d| {
                let weekday = format!("tui.checklist.weekday.{}", d.weekday().number_from_monday());
                tf(
                    lang,
                    "calendar.show.make_up_day",
                    &[("day", &d.day()), ("weekday", &t(lang, &weekday))],
                )
            })
            .collect();
        out.push_str(&format!(
            "  {}\n",
            tf(lang, "calendar.show.make_up", &[("days", &named.join(" "))])
        ));
    }
    out
}

/// The text `calendar show` prints for a year or a month.
pub fn show_text(cal: &Calendar, year: i32, month: Option<u32>, lang: Lang) -> String {
    let mut out = String::new();
    if cal.has_year(year) {
        out.push_str(&tf(lang, "calendar.show.known", &[("year", &year)]));
    } else {
        out.push_str(&tf(lang, "calendar.show.no_data", &[("year", &year)]));
    }
    out.push_str("\n\n");
    let months: Vec<u32> = match month {
        Some(m) => vec![m],
        None => (1..=12).collect(),
    };
    for m in &months {
        out.push_str(&month_text(cal, year, *m, lang));
    }
    if month.is_none() {
        let total: usize = months
            .iter()
            .map(|m| {
                cal.month(year, *m)
                    .iter()
                    .filter(|(_, c)| c.is_working())
                    .count()
            })
            .sum();
        out.push_str(&format!(
            "\n{}\n",
            tf(
                lang,
                "calendar.show.year_total",
                &[("year", &year), ("count", &total)]
            )
        ));
    }
    out
}

pub fn show(ctx: &Ctx, period: &str) -> Result<(), CliError> {
    let Some((year, month)) = parse_period(period) else {
        return Err(CliError::usage(ctx.msg(
            &Msg::new("calendar.show.period_invalid").arg("value", period),
        )));
    };
    let store = ctx.open_store()?;
    let cal = store.calendar().map_err(|e| ctx.store_error(e))?;
    print!("{}", show_text(&cal, year, month, ctx.lang));
    Ok(())
}

fn read_file(ctx: &Ctx, file: &Path) -> Result<String, CliError> {
    let fail = |detail: String| {
        CliError::user(
            ctx.msg(
                &Msg::new("calendar.import.unreadable")
                    .arg("file", file.display())
                    .arg("detail", detail),
            ),
        )
    };
    let f = std::fs::File::open(file).map_err(|e| fail(e.to_string()))?;
    let mut bytes = Vec::new();
    f.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(e.to_string()))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(CliError::user(
            ctx.msg(
                &Msg::new("calendar.import.too_large")
                    .arg("file", file.display())
                    .arg("max", MAX_BYTES / 1024),
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        CliError::user(ctx.msg(&Msg::new("calendar.import.not_utf8").arg("file", file.display())))
    })
}

pub fn import(ctx: &Ctx, file: &Path, replace: bool, admin: &AdminArgs) -> Result<(), CliError> {
    let mut store = ctx.open_store()?;
    super::admin::require(ctx, &mut store, admin, Permission::EditDutyRules)?;
    let text = read_file(ctx, file)?;
    let year = match parse_calendar_file(&text) {
        Ok(y) => y,
        Err(problems) => {
            for p in &problems {
                eprintln!("{}", ctx.msg(p));
            }
            return Err(CliError::user(ctx.msg(
                &Msg::new("calendar.import.refused").arg("file", file.display()),
            )));
        }
    };
    let source = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let done = store
        .import_calendar_year(&year, &source, replace)
        .map_err(|e| CliError::user(ctx.msg(&e.msg())))?;
    println!(
        "{}",
        ctx.msg(
            &Msg::new("calendar.import.done")
                .arg("year", done.year)
                .arg("holidays", done.holidays)
                .arg("workdays", done.workdays)
                .arg("moved", done.deadlines_moved)
        )
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        assert_eq!(parse_period("2026"), Some((2026, None)));
        assert_eq!(parse_period("2026-10"), Some((2026, Some(10))));
        assert_eq!(parse_period("２０２６年1月"), Some((2026, Some(1))));
        assert_eq!(parse_period("2026-13"), None);
        assert_eq!(parse_period("26"), None);
    }

    #[test]
    fn october_2026_in_words() {
        let text = month_text(&Calendar::published(), 2026, 10, Lang::En);
        assert!(text.contains("Holidays (7): 1 2 3 4 5 6 7"), "{text}");
        assert!(text.contains("Make-up working days: 10 (Sat)"), "{text}");
        assert!(text.contains("Working days (18): 8 9 10 12"), "{text}");
    }
}
