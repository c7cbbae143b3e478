use super::*;
use crate::domain::checklist::rule::{Frequency, default_rules};

fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

fn at(day: u32, h: u32) -> NaiveDateTime {
    d(day).and_hms_opt(h, 0, 0).unwrap()
}

fn rules() -> Vec<Rule> {
    default_rules()
        .unwrap()
        .into_iter()
        .enumerate()
        .map(|(i, r)| Rule {
            id: i as i64 + 1,
            title_zh: r.title_zh,
            title_en: r.title_en,
            frequency: r.frequency,
            required: r.required,
            check: r.check,
            position: i as i64 + 1,
            created_at: Some(at(1, 8)),
            retired_at: None,
        })
        .collect()
}

#[test]
fn instances_follow_the_weekday() {
    let rules = rules();
    // 27 November 2026 is a Friday, 26 a Thursday, 25 a Wednesday, 28 a Saturday.
    let friday = instances(d(27), &rules);
    assert!(friday.iter().any(|i| i.title_zh.contains("学习")));
    assert!(!friday.iter().any(|i| i.title_zh.contains("走访")));
    let thursday = instances(d(26), &rules);
    assert_eq!(thursday.len(), 8);
    assert!(!thursday.iter().any(|i| i.title_zh.contains("学习")));
    assert!(
        instances(d(25), &rules)
            .iter()
            .any(|i| i.title_zh.contains("走访"))
    );
    // Saturday the 28th is a day off: opened, it has no items.
    assert!(Day::open(d(28), &rules, false, at(28, 8)).items.is_empty());
    assert!(Day::open(d(26), &rules, false, at(26, 8)).items.is_empty());
}

#[test]
fn a_signed_day_is_locked_and_can_be_reopened() {
    let mut day = Day::open(d(26), &rules(), true, at(26, 8));
    let ids: Vec<i64> = day.items.iter().map(|i| i.rule_id).collect();
    for id in &ids {
        day.set_item(*id, ItemState::Done, "", "wang", at(26, 17))
            .unwrap();
    }
    day.sign("wang", at(26, 17)).unwrap();
    assert!(day.is_complete());
    assert_eq!(
        day.set_item(ids[0], ItemState::Open, "", "wang", at(26, 18)),
        Err(Refusal::Locked { date: d(26) })
    );
    assert_eq!(day.reopen("  "), Err(Refusal::ReasonNeeded));
    assert_eq!(day.reopen("补登一条来访").unwrap(), "补登一条来访");
    assert!(!day.is_signed());
    assert_eq!(day.reopen("again"), Err(Refusal::NotSigned { date: d(26) }));
}

#[test]
fn an_exception_needs_a_note_and_still_signs_complete() {
    let mut day = Day::open(d(26), &rules(), true, at(26, 8));
    let first = day.items[0].rule_id;
    let err = day
        .set_item(first, ItemState::Exception, " \n ", "wang", at(26, 9))
        .unwrap_err();
    assert!(
        err.msg(Lang::Zh)
            .render(Lang::Zh)
            .contains("来访人员均已登记")
    );
    day.set_item(
        first,
        ItemState::Exception,
        "停电，纸质登记",
        "wang",
        at(26, 9),
    )
    .unwrap();
    let ids: Vec<i64> = day.items.iter().skip(1).map(|i| i.rule_id).collect();
    for id in ids {
        day.set_item(
            id,
            ItemState::NotApplicable,
            "今日无此事",
            "wang",
            at(26, 9),
        )
        .unwrap();
    }
    day.sign("wang", at(26, 17)).unwrap();
    assert!(day.is_complete() && day.has_exceptions());
}

#[test]
fn a_required_item_not_applicable_needs_a_note() {
    let mut day = Day::open(d(26), &rules(), true, at(26, 8));
    let item = day.items.iter().find(|i| i.required).unwrap().clone();
    let err = day
        .set_item(
            item.rule_id,
            ItemState::NotApplicable,
            " ",
            "wang",
            at(26, 9),
        )
        .unwrap_err();
    assert!(matches!(err, Refusal::NotApplicableNeedsNote { .. }));
    assert!(err.msg(Lang::Zh).render(Lang::Zh).contains(&item.title_zh));
    day.set_item(
        item.rule_id,
        ItemState::NotApplicable,
        "今日停电",
        "wang",
        at(26, 9),
    )
    .unwrap();
    if let Some(optional) = day.items.iter().find(|i| !i.required).map(|i| i.rule_id) {
        day.set_item(optional, ItemState::NotApplicable, "", "wang", at(26, 9))
            .unwrap();
    }
}

#[test]
fn required_open_items_block_the_sign_off_by_name() {
    let mut rules = rules();
    rules.push(Rule {
        id: 99,
        title_zh: "可选项".into(),
        title_en: "Optional".into(),
        frequency: Frequency::Workdays,
        required: false,
        check: None,
        position: 99,
        created_at: None,
        retired_at: None,
    });
    let mut day = Day::open(d(26), &rules, true, at(26, 8));
    let ids: Vec<i64> = day.items.iter().map(|i| i.rule_id).collect();
    // Everything but the backup and the optional item.
    for id in ids.iter().filter(|id| **id != 7 && **id != 99) {
        day.set_item(*id, ItemState::Done, "", "wang", at(26, 9))
            .unwrap();
    }
    let err = day.sign("wang", at(26, 17)).unwrap_err();
    let en = err.msg(Lang::En).render(Lang::En);
    assert!(en.contains("Data backed up today"), "{en}");
    assert!(!en.contains("Optional"), "{en}");
    assert!(
        err.msg(Lang::Zh)
            .render(Lang::Zh)
            .contains("今日数据已备份")
    );
    day.set_item(7, ItemState::Done, "", "wang", at(26, 17))
        .unwrap();
    day.sign("wang", at(26, 17)).unwrap();
    assert_eq!(day.signed_by.as_deref(), Some("wang"));
    assert_eq!(
        day.sign("li", at(26, 18)),
        Err(Refusal::AlreadySigned { date: d(26) })
    );
}

#[test]
fn unknown_items_long_notes_and_holidays_are_refused() {
    let mut day = Day::open(d(26), &rules(), true, at(26, 8));
    assert_eq!(
        day.set_item(404, ItemState::Done, "", "wang", at(26, 9)),
        Err(Refusal::NoSuchItem { rule_id: 404 })
    );
    let long = "字".repeat(NOTE_MAX + 1);
    assert_eq!(
        day.set_item(1, ItemState::Exception, &long, "wang", at(26, 9)),
        Err(Refusal::NoteTooLong)
    );
    let mut holiday = Day::open(d(26), &rules(), false, at(26, 8));
    assert_eq!(
        holiday.sign("wang", at(26, 9)),
        Err(Refusal::NotWorkingDay { date: d(26) })
    );
}

#[test]
fn a_correction_of_a_past_day_needs_a_reason() {
    // Sunday 2026-11-29 made a working day on the day: no reason needed.
    let mut sunday = Day::blank(d(29), false);
    sunday.set_working(true, "", d(29)).unwrap();
    assert!(sunday.is_working_day());
    assert_eq!(sunday.marked, Some(true));
    sunday.open_items(&rules(), at(29, 8));
    assert!(!sunday.items.is_empty());
    // Thursday the 26th, corrected a week later.
    let mut past = Day::blank(d(26), true);
    assert_eq!(
        past.set_working(false, " ", d(30)),
        Err(Refusal::CorrectionNeedsReason { date: d(26) })
    );
    assert_eq!(
        past.set_working(false, "县里放假", d(30)).unwrap(),
        "县里放假"
    );
    assert!(!past.is_working_day());
    // back to what the calendar says: no correction left
    past.set_working(true, "弄错了", d(30)).unwrap();
    assert_eq!(past.marked, None);
    let mut signed = Day::open(d(26), &rules(), true, at(26, 8));
    signed.signed_at = Some(at(26, 17));
    assert_eq!(
        signed.set_working(false, "x", d(30)),
        Err(Refusal::Locked { date: d(26) })
    );
}
