//! Random and mutated input to every parser: never a panic, always a value or a message.
#![allow(clippy::unwrap_used)]
use proptest::prelude::*;
use stationdesk::config::Config;
use stationdesk::domain::dates::{parse_date, parse_date_input, parse_month_or_date};
use stationdesk::domain::id_number::IdNumber;
use stationdesk::domain::name::parse_name;
use stationdesk::domain::person::{IdRule, PersonInput};
use stationdesk::domain::phone::Phone;
use stationdesk::domain::visit::VisitInput;
use stationdesk::i18n::Lang;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// Strings near the valid ones: digits, X, separators, full-width forms, CJK, controls.
fn near_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just('0'),
            Just('1'),
            Just('9'),
            Just('x'),
            Just('X'),
            Just('-'),
            Just(' '),
            Just('.'),
            Just('E'),
            Just('+'),
            Just('/'),
            Just('年'),
            Just('月'),
            Just('日'),
            Just('１'),
            Just('·'),
            Just('张'),
            Just('\u{1b}'),
            Just('\u{0}'),
            Just('\u{202e}'),
            any::<char>()
        ],
        0..40,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn id_numbers_never_panic(s in near_text()) {
        if let Err(m) = IdNumber::parse(&s) {
            prop_assert!(!m.render(Lang::Zh).is_empty());
        }
    }

    #[test]
    fn valid_ids_survive_mutation(seq in 0u16..1000, days in 0i64..30000, pos in 0usize..18, c in prop::char::range('0', '9')) {
        let birth = chrono::NaiveDate::from_ymd_opt(1930, 1, 1).unwrap() + chrono::Duration::days(days);
        let id = IdNumber::compose("450102", birth, seq).unwrap();
        prop_assert_eq!(IdNumber::parse(&id.to_string().to_lowercase()).unwrap(), id.clone());
        let mut chars: Vec<char> = id.to_string().chars().collect();
        chars[pos] = c;
        let mutated: String = chars.into_iter().collect();
        // A single changed digit is caught by the check character unless nothing changed.
        if mutated != id.to_string() {
            prop_assert!(IdNumber::parse(&mutated).is_err());
        }
    }

    #[test]
    fn phones_dates_names_never_panic(s in near_text()) {
        let _ = Phone::parse(&s);
        let _ = parse_date(&s);
        let _ = parse_date_input(&s, today());
        let _ = parse_month_or_date(&s);
        if let Ok(name) = parse_name(&s) {
            prop_assert!(!name.chars().any(char::is_control), "control characters never stay in a name");
        }
    }

    #[test]
    fn person_and_visit_forms_never_panic(a in near_text(), b in near_text(), c in near_text(), d in near_text()) {
        let input = PersonInput { name: a.clone(), id_number: b.clone(), phone: c.clone(), birth_date: d.clone(), category: a.clone(), enlist_date: b.clone(), discharge_date: c.clone(), disability_grade: d.clone(), notes: a.clone(), ..Default::default() };
        let _ = input.validate(IdRule::Required);
        let _ = input.validate(IdRule::Optional);
        let visit = VisitInput { visitor_name: a, visitor_phone: b, arrived_at: c, follow_up_date: d.clone(), outcome: d, purpose: Some(3), ..Default::default() };
        let _ = visit.validate(today().and_hms_opt(12, 0, 0).unwrap());
    }

    #[test]
    fn config_files_never_panic(s in "\\PC{0,200}") {
        if let Err(m) = Config::parse(&s) {
            prop_assert_eq!(m.key, "config.invalid");
        }
    }

    #[test]
    fn theme_files_never_panic(s in "\\PC{0,300}", key in "(text|muted|focus|error|border|x)", value in "(\"#[0-9a-fA-F]{0,7}\"|\"[a-z_]{0,12}\"|[0-9]{1,5}|\\{\\}|\\[\\])") {
        let _ = stationdesk::tui::theme::Theme::parse("t", &s);
        let _ = stationdesk::tui::theme::Theme::parse("t", &format!("[colors]\n{key} = {value}\n[styles]\n{key} = {value}\n"));
    }

    #[test]
    fn keymap_files_never_panic(s in "\\PC{0,300}", section in "(global|lookup|x)", action in "(quit|help|open|nope)", key in "(\"ctrl-q\"|\"F13\"|\"\"|\"alt+shift+\"|\"ctrl+\u{4e2d}\"|\"[a-z+-]{0,12}\"|\\[\"a\", 3\\]|7)") {
        let mut keymap = stationdesk::tui::keymap::Keymap::defaults();
        let _ = keymap.merge(&s);
        let _ = keymap.merge(&format!("[{section}]\n{action} = {key}\n"));
    }

    #[test]
    fn config_like_text_never_panics(key in "(lang|theme|db|idle_lock_minutes|station_name|x)", value in "(\"[a-z]{0,5}\"|[0-9]{1,12}|-1|true|\\[\\]|\\{\\})") {
        let _ = Config::parse(&format!("{key} = {value}\n"));
    }
}
