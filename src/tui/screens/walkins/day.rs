//! The day the walk-ins board shows: typed as every date field takes it (`-1`, `昨天`,
//! `2026-12-01`), or as a month and day (`12-01`, `12月1日`), the latest such day that is not
//! after today.
use crate::domain::dates::parse_date_input;
use crate::domain::text::fold_width;
use crate::i18n::Msg;
use chrono::{Datelike, NaiveDate};

/// The day typed, as of `today`; a day after today has no register yet and is refused.
pub fn parse_board_day(text: &str, today: NaiveDate) -> Result<NaiveDate, Msg> {
    let day = parse_date_input(text, today).or_else(|e| month_day(text, today).ok_or(e))?;
    if day > today {
        return Err(Msg::new("record_walkins.future_day").arg("day", day));
    }
    Ok(day)
}

/// `M-D`, `M/D`, `M.D` or `M月D日` in the latest year that puts it on or before today.
fn month_day(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let folded = fold_width(text);
    let unified = folded
        .trim()
        .replace(['月', '/', '.'], "-")
        .trim_end_matches('日')
        .to_string();
    let (m, d) = unified.split_once('-')?;
    let (m, d) = (m.parse::<u32>().ok()?, d.parse::<u32>().ok()?);
    let this_year = NaiveDate::from_ymd_opt(today.year(), m, d);
    match this_year {
        Some(day) if day <= today => Some(day),
        _ => NaiveDate::from_ymd_opt(today.year() - 1, m, d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn the_date_field_shorthands_and_month_day() {
        let today = day(2026, 12, 5);
        for (typed, want) in [
            ("-1", day(2026, 12, 4)),
            ("昨天", day(2026, 12, 4)),
            ("2026-12-01", day(2026, 12, 1)),
            ("12-01", day(2026, 12, 1)),
            ("12月1日", day(2026, 12, 1)),
            ("１２－０１", day(2026, 12, 1)),
            // Not yet this year: last year's.
            ("12-31", day(2025, 12, 31)),
            ("t", today),
        ] {
            assert_eq!(parse_board_day(typed, today), Ok(want), "{typed}");
        }
        assert_eq!(
            parse_board_day("+1", today).map_err(|m| m.key),
            Err("record_walkins.future_day")
        );
        assert_eq!(
            parse_board_day("13-45", today).map_err(|m| m.key),
            Err("date.invalid")
        );
    }
}
