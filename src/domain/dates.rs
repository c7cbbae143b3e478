//! Dates as officers and spreadsheets write them.
use super::text::fold_width;
use crate::i18n::Msg;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};

/// Parses `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYYMMDD` and `YYYY年M月D日`.
pub fn parse_date(text: &str) -> Result<NaiveDate, Msg> {
    let folded = fold_width(text);
    let t = folded.trim();
    if t.is_empty() {
        return Err(Msg::new("date.empty"));
    }
    let unified: String = t
        .replace(['年', '月', '/', '.'], "-")
        .trim_end_matches('日')
        .to_string();
    let parsed = if unified.len() == 8 && unified.bytes().all(|b| b.is_ascii_digit()) {
        NaiveDate::parse_from_str(&unified, "%Y%m%d").ok()
    } else {
        NaiveDate::parse_from_str(&unified, "%Y-%m-%d").ok()
    };
    match parsed {
        Some(d) if (1880..=2100).contains(&d.year()) => Ok(d),
        _ => Err(Msg::new("date.invalid").arg("value", t)),
    }
}

/// A date typed in a form: a full date, or a shortcut relative to `today`:
/// `t`/`今天` today, `昨天`/`yesterday`, `+N` / `-N` days from today.
pub fn parse_date_input(text: &str, today: NaiveDate) -> Result<NaiveDate, Msg> {
    let folded = fold_width(text);
    let t = folded.trim();
    match t.to_lowercase().as_str() {
        "t" | "今" | "今天" | "today" => return Ok(today),
        "昨" | "昨天" | "yesterday" => return Ok(today - Duration::days(1)),
        "前天" => return Ok(today - Duration::days(2)),
        "明天" | "tomorrow" => return Ok(today + Duration::days(1)),
        _ => {}
    }
    if let Some(sign) = t.chars().next().filter(|c| *c == '+' || *c == '-') {
        let rest = &t[1..];
        if !rest.is_empty() && rest.len() <= 5 && rest.bytes().all(|b| b.is_ascii_digit()) {
            let n: i64 = rest.parse().unwrap_or(0);
            let days = if sign == '+' { n } else { -n };
            return Ok(today + Duration::days(days));
        }
    }
    parse_date(t)
}

/// A date and time as typed in a form, the one grammar of every date-and-time field: the date
/// as [`parse_date_input`] reads it (`t`, `-1`, `昨天`, a full date), then optionally `HH:MM`
/// or `HH:MM:SS`, after a space, a `T`, or straight after a word (`昨天15:30`). A time alone
/// is on `today`. Returns the date and the time if one was typed; `None` if it is not a date.
pub fn parse_date_time_parts(
    text: &str,
    today: NaiveDate,
) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let folded = fold_width(text);
    let t = folded.trim();
    if t.is_empty() {
        return None;
    }
    let (date_part, time) = split_time(t);
    let date = if date_part.is_empty() {
        time?;
        today
    } else {
        parse_date_input(date_part, today).ok()?
    };
    Some((date, time))
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M"))
        .ok()
}

/// Splits a trailing time off what was typed: `("昨天", Some(15:30))` from `昨天 15:30`.
fn split_time(t: &str) -> (&str, Option<NaiveTime>) {
    if let Some(time) = parse_time(t) {
        return ("", Some(time));
    }
    if let Some((head, tail)) = t.rsplit_once([' ', 'T'])
        && let Some(time) = parse_time(tail)
    {
        return (head.trim(), Some(time));
    }
    // `昨天15:30`: a time straight after a word (never after a digit, which would be a date).
    let start = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == ':')
        .last()
        .map(|(i, _)| i);
    if let Some(i) = start
        && i > 0
        && t[..i]
            .chars()
            .last()
            .is_some_and(|c| !c.is_ascii_digit() && !"+-/.".contains(c))
        && let Some(time) = parse_time(&t[i..])
    {
        return (t[..i].trim(), Some(time));
    }
    (t, None)
}

/// Service dates (enlistment, discharge) are often known only to the month: `YYYY-MM` or a
/// full date. Returns the normalised text (`YYYY-MM` or `YYYY-MM-DD`).
pub fn parse_month_or_date(text: &str) -> Result<String, Msg> {
    let folded = fold_width(text);
    let t = folded.trim();
    if let Ok(d) = parse_date(t) {
        return Ok(d.format("%Y-%m-%d").to_string());
    }
    let unified = t
        .replace(['年', '/', '.'], "-")
        .trim_end_matches('月')
        .to_string();
    let candidate = if unified.len() == 6 && unified.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}", &unified[..4], &unified[4..])
    } else {
        unified
    };
    if let Some((y, m)) = candidate.split_once('-')
        && y.len() == 4
        && let (Ok(year), Ok(month)) = (y.parse::<i32>(), m.parse::<u32>())
        && (1900..=2100).contains(&year)
        && (1..=12).contains(&month)
    {
        return Ok(format!("{year:04}-{month:02}"));
    }
    Err(Msg::new("date.month_invalid").arg("value", t))
}

/// Converts an Excel serial day number (1900 date system) into a date.
pub fn from_excel_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Excel counts 1900-02-29, which never was; serial 60 and later are off by one.
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_signed(Duration::days(serial.floor() as i64))
}

/// Age in whole years on `today`.
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> i32 {
    let mut age = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_usual_spellings() {
        for t in [
            "1980-03-05",
            "1980/03/05",
            "1980/3/5",
            "19800305",
            "1980.3.5",
            "1980年3月5日",
            "１９８０-０３-０５",
        ] {
            assert_eq!(parse_date(t).unwrap(), d(1980, 3, 5), "{t}");
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(parse_date("1981-02-29").unwrap_err().key, "date.invalid");
        assert_eq!(parse_date("2024-13-01").unwrap_err().key, "date.invalid");
        assert_eq!(parse_date("").unwrap_err().key, "date.empty");
        assert!(parse_date("2024-02-29").is_ok());
    }

    #[test]
    fn form_shortcuts() {
        let today = d(2026, 11, 25);
        assert_eq!(parse_date_input("t", today).unwrap(), today);
        assert_eq!(parse_date_input("+7", today).unwrap(), d(2026, 12, 2));
        assert_eq!(parse_date_input("-30", today).unwrap(), d(2026, 10, 26));
        assert_eq!(
            parse_date_input("2026-12-01", today).unwrap(),
            d(2026, 12, 1)
        );
    }

    #[test]
    fn dates_with_times() {
        let today = d(2026, 11, 25);
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        for (typed, want) in [
            ("15:30", (today, at(15, 30))),
            ("-1", (d(2026, 11, 24), None)),
            ("-1 15:30", (d(2026, 11, 24), at(15, 30))),
            ("昨天 15:30", (d(2026, 11, 24), at(15, 30))),
            ("昨天15:30", (d(2026, 11, 24), at(15, 30))),
            ("yesterday 15:30", (d(2026, 11, 24), at(15, 30))),
            ("Yesterday", (d(2026, 11, 24), None)),
            ("t 15:30", (today, at(15, 30))),
            ("2026-11-24 16:00", (d(2026, 11, 24), at(16, 0))),
            ("2026-11-24T16:00:00", (d(2026, 11, 24), at(16, 0))),
            ("2026/11/24 8:05", (d(2026, 11, 24), at(8, 5))),
        ] {
            assert_eq!(parse_date_time_parts(typed, today), Some(want), "{typed}");
        }
        for bad in ["", "25:00", "昨天 25:00", "2026-11-25 25:00", "soon"] {
            assert_eq!(parse_date_time_parts(bad, today), None, "{bad}");
        }
    }

    #[test]
    fn months_or_dates() {
        assert_eq!(parse_month_or_date("1998-09").unwrap(), "1998-09");
        assert_eq!(parse_month_or_date("1998/9").unwrap(), "1998-09");
        assert_eq!(parse_month_or_date("199809").unwrap(), "1998-09");
        assert_eq!(parse_month_or_date("1998年9月").unwrap(), "1998-09");
        assert_eq!(parse_month_or_date("1998-09-01").unwrap(), "1998-09-01");
        assert_eq!(
            parse_month_or_date("1998-13").unwrap_err().key,
            "date.month_invalid"
        );
    }

    #[test]
    fn excel_serials() {
        assert_eq!(from_excel_serial(45000.0).unwrap(), d(2023, 3, 15));
        assert_eq!(from_excel_serial(1.0).unwrap(), d(1899, 12, 31));
        assert!(from_excel_serial(-3.0).is_none());
    }

    #[test]
    fn ages() {
        assert_eq!(age_on(d(1980, 3, 5), d(2026, 3, 4)), 45);
        assert_eq!(age_on(d(1980, 3, 5), d(2026, 3, 5)), 46);
    }
}
