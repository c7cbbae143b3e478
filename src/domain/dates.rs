//! Dates as officers and spreadsheets write them.
use super::text::fold_width;
use crate::i18n::Msg;
use chrono::{Datelike, Duration, NaiveDate};

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
/// `t`/`今天` today, `+N` / `-N` days from today.
pub fn parse_date_input(text: &str, today: NaiveDate) -> Result<NaiveDate, Msg> {
    let folded = fold_width(text);
    let t = folded.trim();
    match t {
        "t" | "T" | "今" | "今天" | "today" => return Ok(today),
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
