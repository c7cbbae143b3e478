use super::*;
use crate::domain::checklist::day::ItemState;
use crate::domain::checklist::rule::Frequency;
use chrono::NaiveDateTime;

fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

fn at(day: u32) -> NaiveDateTime {
    d(day).and_hms_opt(17, 0, 0).unwrap()
}

fn rule(id: i64, frequency: Frequency) -> Rule {
    Rule {
        id,
        title_zh: format!("规则{id}"),
        title_en: format!("Rule {id}"),
        frequency,
        required: true,
        check: None,
        position: id,
        created_at: None,
        retired_at: None,
    }
}

fn day(date: u32, rules: &[Rule], states: &[ItemState], signed: bool) -> Day {
    let mut day = Day::open(d(date), rules, true, at(date));
    for (item, state) in day.items.iter_mut().zip(states) {
        item.state = *state;
    }
    if signed {
        day.signed_by = Some("wang".into());
        day.signed_at = Some(at(date));
    }
    day
}

#[test]
fn months() {
    assert_eq!(month_days(2026, 2).len(), 28);
    assert_eq!(month_days(2028, 2).len(), 29);
    assert!(month_days(2026, 13).is_empty());
}

#[test]
fn the_calendar_of_a_month() {
    // November 2026: the 2nd is a Monday. The checklist starts on Tuesday the 3rd; today
    // is Wednesday the 11th.
    let rules = vec![rule(1, Frequency::Workdays)];
    let done = ItemState::Done;
    let mut holiday = Day::open(d(6), &rules, true, at(6));
    holiday.marked = Some(false);
    let days = vec![
        day(3, &rules, &[done], true),
        day(4, &rules, &[ItemState::Exception], true),
        day(5, &rules, &[done], false),
        holiday,
        // the 9th and the 10th never opened
        day(11, &rules, &[done], false),
    ];
    let wk = Calendar::weekdays_only();
    let cal = month_calendar(2026, 11, d(11), Some(d(3)), &days, &wk);
    assert_eq!(cal.len(), 30);
    let status = |n: u32| cal[n as usize - 1].1;
    assert_eq!(status(1), DayStatus::NotWorking); // Sunday
    assert_eq!(status(2), DayStatus::BeforeStart);
    assert_eq!(status(3), DayStatus::Done);
    assert_eq!(status(4), DayStatus::SignedWithExceptions);
    assert_eq!(status(5), DayStatus::Partial);
    assert_eq!(status(6), DayStatus::NotWorking);
    assert_eq!(status(9), DayStatus::Missed);
    assert_eq!(status(11), DayStatus::Today);
    assert_eq!(status(12), DayStatus::Future);
    assert_eq!(
        missed_days(d(11), d(1), Some(d(3)), &days, &wk),
        vec![d(5), d(9), d(10)]
    );
    assert!(missed_days(d(11), d(1), None, &days, &wk).is_empty());
}

#[test]
fn holidays_are_not_missed_and_make_up_days_are_due() {
    // The checklist started on 2025-12-29 and nothing was signed since. Today is
    // 2026-01-06: 1-3 January are holidays, Sunday the 4th a make-up working day.
    let cal = Calendar::published();
    let day = |y, m, n| NaiveDate::from_ymd_opt(y, m, n).unwrap();
    let today = day(2026, 1, 6);
    let missed = missed_days(today, day(2025, 12, 29), Some(day(2025, 12, 29)), &[], &cal);
    assert_eq!(
        missed,
        vec![
            day(2025, 12, 29),
            day(2025, 12, 30),
            day(2025, 12, 31),
            day(2026, 1, 4),
            day(2026, 1, 5)
        ]
    );
    assert!(!missed.contains(&day(2026, 1, 1)));
    let month = month_calendar(2026, 1, today, Some(day(2025, 12, 29)), &[], &cal);
    assert_eq!(month[0].1, DayStatus::NotWorking);
    assert_eq!(month[3].1, DayStatus::Missed);
}

#[test]
fn compliance_by_hand() {
    // Rules: 1 every working day; 2 on Fridays (the 6th and the 13th); 3 retired on
    // Wednesday the 11th. Start Monday 2 November, today Friday 13 November, signed.
    // Working days counted: 2,3,4,5,6,9,10,11,12,13 = 10 (none marked).
    let mut r3 = rule(3, Frequency::Workdays);
    r3.retired_at = Some(at(11));
    let rules = vec![
        rule(1, Frequency::Workdays),
        rule(2, Frequency::from_iso_numbers(&[5]).unwrap()),
        r3,
    ];
    let (done, na, ex, open) = (
        ItemState::Done,
        ItemState::NotApplicable,
        ItemState::Exception,
        ItemState::Open,
    );
    let days = vec![
        // Mon 2: complete.
        day(2, &rules, &[done, done], true),
        // Tue 3: item 3 a documented exception: signed, complete.
        day(3, &rules, &[done, ex], true),
        // Wed 4: opened, not signed; rule 1 done, rule 3 open.
        day(4, &rules, &[done, open], false),
        // Thu 5: never opened.
        // Fri 6: complete; rule 2 not applicable.
        day(6, &rules, &[done, na, done], true),
        // Mon 9, Tue 10: never opened.
        // Wed 11: rule 3 is retired from today: items 1 only. Complete.
        day(11, &rules, &[done], true),
        // Thu 12: complete.
        day(12, &rules, &[done], true),
        // Fri 13 (today): signed, rule 2 an exception.
        day(13, &rules, &[done, ex], true),
    ];
    let c = compliance(
        2026,
        11,
        d(13),
        Some(d(2)),
        &rules,
        &days,
        &Calendar::weekdays_only(),
    );
    // Complete (signed) days: 2, 3, 6, 11, 12, 13 = 6 of 10.
    assert_eq!(c.overall, Rate { done: 6, due: 10 });
    assert_eq!(c.overall.percent(), Some(60.0));
    let rate = |id: i64| c.rules.iter().find(|r| r.rule_id == id).unwrap().rate;
    // Rule 1: due all 10 days, done on 2,3,4,6,11,12,13 = 7.
    assert_eq!(rate(1), Rate { done: 7, due: 10 });
    // Rule 2: due on 6 and 13; followed on 6 only.
    assert_eq!(rate(2), Rate { done: 1, due: 2 });
    // Rule 3: due 2,3,4,5,6,9,10 = 7 (retired the 11th); done on 2 and 6.
    assert_eq!(rate(3), Rate { done: 2, due: 7 });

    // The same morning before the sign-off, today does not count yet.
    let mut unsigned = days.clone();
    if let Some(last) = unsigned.last_mut() {
        last.signed_at = None;
    }
    let c = compliance(
        2026,
        11,
        d(13),
        Some(d(2)),
        &rules,
        &unsigned,
        &Calendar::weekdays_only(),
    );
    assert_eq!(c.overall, Rate { done: 5, due: 9 });
    assert_eq!(Rate::default().percent(), None);
    assert_eq!(
        compliance(
            2026,
            11,
            d(13),
            None,
            &rules,
            &days,
            &Calendar::weekdays_only()
        ),
        Compliance::default()
    );
}

#[test]
fn items_judge_an_opened_day() {
    // A rule added on the 4th after the day was opened is not due on the 4th.
    let mut late = rule(2, Frequency::Workdays);
    late.created_at = Some(at(4));
    let day4 = day(4, &[rule(1, Frequency::Workdays)], &[ItemState::Done], true);
    let c = compliance(
        2026,
        11,
        d(5),
        Some(d(4)),
        &[rule(1, Frequency::Workdays), late],
        &[day4],
        &Calendar::weekdays_only(),
    );
    assert!(c.rules.iter().all(|r| r.rule_id != 2));
}
