//! Any text through every validator of typed input.
#![no_main]
use libfuzzer_sys::fuzz_target;
use stationdesk::domain::{dates, id_number::IdNumber, name, phone::Phone};

fuzz_target!(|text: &str| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    let _ = IdNumber::parse(text);
    let _ = Phone::parse(text);
    let _ = dates::parse_date(text);
    let _ = dates::parse_date_input(text, today);
    let _ = dates::parse_month_or_date(text);
    let _ = name::parse_name(text);
    let _ = stationdesk::config::Config::parse(text);
});
