//! The daily report's checklist figure is the day's, not the month's.
#![allow(clippy::unwrap_used)]
use crate::common;

use chrono::NaiveDate;
use stationdesk::domain::checklist::ItemState;
use stationdesk::domain::report::Period;
use stationdesk::i18n::Lang;
use stationdesk::store::report_data::gather;

fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

#[test]
fn a_day_report_counts_that_day_alone() {
    // The checklist starts on Monday the 2nd; only Tuesday the 24th is signed.
    let clock = common::clock_at(d(2).and_hms_opt(8, 0, 0).unwrap());
    let mut s = crate::common::store(None, clock.clone());
    s.set_actor("wang");
    s.ensure_default_rules().unwrap();
    clock.set(d(24).and_hms_opt(17, 0, 0).unwrap());
    let day = s.open_checklist_day(d(24)).unwrap();
    for item in &day.items {
        s.set_checklist_item(d(24), item.rule_id, ItemState::Done, "")
            .unwrap();
    }
    s.sign_checklist_day(d(24)).unwrap();
    let today = d(25);
    let signed = gather(&s, Period::Day(d(24)), today, Lang::Zh).unwrap();
    assert_eq!(
        (
            signed.checklist.signed_complete,
            signed.checklist.working_days
        ),
        (1, 1)
    );
    assert_eq!(signed.checklist.rate, Some(100.0));
    let missed = gather(&s, Period::Day(d(23)), today, Lang::Zh).unwrap();
    assert_eq!(
        (
            missed.checklist.signed_complete,
            missed.checklist.working_days
        ),
        (0, 1)
    );
    assert_eq!(missed.checklist.rate, Some(0.0));
    // A Sunday has no checklist to judge.
    let sunday = gather(&s, Period::Day(d(22)), today, Lang::Zh).unwrap();
    assert_eq!(sunday.checklist.working_days, 0);
    assert_eq!(sunday.checklist.rate, None);
    // The month still counts every working day from the 2nd to the 24th.
    let month = gather(&s, Period::month_of(today), today, Lang::Zh).unwrap();
    assert_eq!(month.checklist.signed_complete, 1);
    assert!(month.checklist.working_days > 10, "{:?}", month.checklist);
}
