//! A rule's frequency and answers as the rules wizard writes and reads them: weekday numbers
//! typed in any width, yes or no, and the frequency in words.
use crate::domain::checklist::Frequency;
use crate::domain::text::fold_width;
use crate::i18n::{Lang, Msg, tf};
use crate::tui::screens::checklist::marks::weekday_number_key;

pub fn weekdays_text(f: &Frequency) -> String {
    match f {
        Frequency::Workdays => String::new(),
        Frequency::Weekdays(days) => days
            .iter()
            .map(|d| d.number_from_monday().to_string())
            .collect::<Vec<_>>()
            .join(","),
    }
}

/// Reads typed weekday numbers (`5`, `1,3`, `1 3`, full-width digits and commas too).
pub fn parse_weekdays(text: &str) -> Result<Frequency, Msg> {
    let folded = fold_width(text).replace(['、', '，'], ",");
    let parts: Vec<&str> = folded
        .split([',', ' '])
        .filter(|p| !p.trim().is_empty())
        .collect();
    if parts.is_empty() {
        return Ok(Frequency::Workdays);
    }
    let numbers: Option<Vec<u8>> = parts.iter().map(|p| p.trim().parse().ok()).collect();
    numbers
        .filter(|n| n.iter().all(|d| (1..=7).contains(d)))
        .and_then(|n| Frequency::from_iso_numbers(&n))
        .ok_or_else(|| Msg::new("checklist.rule_weekdays_invalid"))
}

/// Reads a yes or no.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    match fold_width(text).trim().to_lowercase().as_str() {
        "y" | "yes" | "1" | "是" => Some(true),
        "n" | "no" | "0" | "否" => Some(false),
        _ => None,
    }
}

/// The frequency in words.
pub fn frequency_text(f: &Frequency, lang: Lang) -> String {
    match f {
        Frequency::Workdays => crate::i18n::t(lang, "tui.checklist.freq_workdays"),
        Frequency::Weekdays(days) => {
            let names: Vec<String> = days
                .iter()
                .map(|d| crate::i18n::t(lang, weekday_number_key(d.number_from_monday())))
                .collect();
            tf(
                lang,
                "tui.checklist.freq_weekly",
                &[("days", &names.join(","))],
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_weekdays_and_answers() {
        assert_eq!(parse_weekdays(" ").unwrap(), Frequency::Workdays);
        assert_eq!(
            parse_weekdays("５，1").unwrap(),
            Frequency::from_iso_numbers(&[1, 5]).unwrap()
        );
        // a weekend duty is allowed: whether the day is worked is the calendar's to say
        assert_eq!(
            parse_weekdays("6").unwrap(),
            Frequency::from_iso_numbers(&[6]).unwrap()
        );
        assert!(parse_weekdays("8").is_err());
        assert!(parse_weekdays("x").is_err());
        assert_eq!(parse_yes_no(" Y "), Some(true));
        assert_eq!(parse_yes_no("否"), Some(false));
        assert_eq!(parse_yes_no("maybe"), None);
        assert_eq!(weekdays_text(&parse_weekdays("1 3").unwrap()), "1,3");
    }
}
