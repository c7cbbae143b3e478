//! The end-of-day checklist through the store: days, locking, reopening, history, live items.
// A test that cannot build its fixture should stop at once; the helpers outside `#[test]`
// functions are test code too.
#![allow(clippy::unwrap_used)]
use crate::common;
use chrono::{NaiveDate, NaiveDateTime};
use stationdesk::clock::FixedClock;
use stationdesk::domain::checklist::{
    DayStatus, Frequency, ItemState, LiveCheck, LiveFacts, LiveState, Rate, Refusal, RuleInput,
};
use stationdesk::domain::visit::VisitInput;
use stationdesk::i18n::Lang;
use stationdesk::store::Store;
use stationdesk::store::checklist::{ChecklistError, HighRiskCounts};
use std::sync::Arc;

// November 2026: Monday the 23rd, Wednesday the 25th, Thursday the 26th, Friday the 27th,
// Saturday the 28th.
fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
    d(day).and_hms_opt(h, m, 0).unwrap()
}

fn store_at(now: NaiveDateTime) -> (Arc<FixedClock>, Store) {
    let clock = common::clock_at(now);
    let store = common::store_as("wang", None, clock.clone());
    (clock, store)
}

fn resolve_all(store: &mut Store, date: NaiveDate) {
    let day = store.open_checklist_day(date).unwrap();
    for item in &day.items {
        store
            .set_checklist_item(date, item.rule_id, ItemState::Done, "")
            .unwrap();
    }
}

fn refusal(e: ChecklistError) -> Refusal {
    match e {
        ChecklistError::Refused(r) => r,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn instances_depend_on_the_weekday() {
    let (clock, mut s) = store_at(at(26, 9, 0));
    let thursday = s.open_checklist_day(d(26)).unwrap();
    assert_eq!(thursday.items.len(), 8);
    assert!(!thursday.items.iter().any(|i| i.title_zh.contains("学习")));
    clock.set(at(27, 9, 0));
    let friday = s.open_checklist_day(d(27)).unwrap();
    assert!(friday.items.iter().any(|i| i.title_zh.contains("学习")));
    clock.set(at(28, 9, 0));
    let saturday = s.open_checklist_day(d(28)).unwrap();
    assert!(saturday.items.is_empty());
    assert!(!saturday.is_working_day());
    // Opening again gives the same day, not a second set of items.
    assert_eq!(s.open_checklist_day(d(27)).unwrap(), friday);
    // A future day cannot be opened.
    assert_eq!(
        refusal(s.open_checklist_day(d(30)).unwrap_err()),
        Refusal::FutureDay { date: d(30) }
    );
}

#[test]
fn sign_off_locks_and_reopening_keeps_a_reason() {
    let (clock, mut s) = store_at(at(26, 9, 0));
    let day = s.open_checklist_day(d(26)).unwrap();
    let first = day.items[0].rule_id;
    // An exception needs a note.
    let err = s
        .set_checklist_item(d(26), first, ItemState::Exception, "  ")
        .unwrap_err();
    assert!(matches!(refusal(err), Refusal::ExceptionNeedsNote { .. }));
    resolve_all(&mut s, d(26));
    s.set_checklist_item(d(26), first, ItemState::Exception, "系统故障，改用纸质登记")
        .unwrap();
    clock.set(at(26, 17, 5));
    let signed = s.sign_checklist_day(d(26)).unwrap();
    assert_eq!(signed.signed_by.as_deref(), Some("wang"));
    assert_eq!(signed.signed_at, Some(at(26, 17, 5)));
    // Locked: no change, no second signature.
    let err = s
        .set_checklist_item(d(26), first, ItemState::Done, "")
        .unwrap_err();
    assert_eq!(refusal(err.clone()), Refusal::Locked { date: d(26) });
    assert!(err.msg(Lang::Zh).render(Lang::Zh).contains("2026-11-26"));
    assert!(matches!(
        refusal(s.sign_checklist_day(d(26)).unwrap_err()),
        Refusal::AlreadySigned { .. }
    ));
    // Reopening needs a reason, which is kept with the signature it undid.
    assert_eq!(
        refusal(s.reopen_checklist_day(d(26), "").unwrap_err()),
        Refusal::ReasonNeeded
    );
    s.set_actor("li");
    clock.set(at(26, 17, 30));
    let reopened = s.reopen_checklist_day(d(26), "漏登一位来访人员").unwrap();
    assert!(!reopened.is_signed());
    let reopens = s.checklist_reopens(d(26)).unwrap();
    assert_eq!(reopens.len(), 1);
    assert_eq!(reopens[0].reason, "漏登一位来访人员");
    assert_eq!(reopens[0].officer, "li");
    assert_eq!(reopens[0].signed_by.as_deref(), Some("wang"));
    s.set_checklist_item(d(26), first, ItemState::Done, "")
        .unwrap();
    s.sign_checklist_day(d(26)).unwrap();
    let audit = s.audit_entries(None, None).unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.action == "reopen" && a.summary == "漏登一位来访人员" && a.actor == "li")
    );
    assert_eq!(audit.iter().filter(|a| a.action == "sign").count(), 2);
}

#[test]
fn a_required_open_item_blocks_sign_off_by_name() {
    let (_clock, mut s) = store_at(at(25, 16, 0));
    let day = s.open_checklist_day(d(25)).unwrap();
    for item in day.items.iter().filter(|i| !i.title_zh.contains("备份")) {
        // The Wednesday home-visit item is optional: leave it open.
        if item.required {
            s.set_checklist_item(d(25), item.rule_id, ItemState::Done, "")
                .unwrap();
        }
    }
    let err = s.sign_checklist_day(d(25)).unwrap_err();
    let zh = err.msg(Lang::Zh).render(Lang::Zh);
    let en = err.msg(Lang::En).render(Lang::En);
    assert!(zh.contains("今日数据已备份"), "{zh}");
    assert!(!zh.contains("走访"), "{zh}");
    assert!(en.contains("Data backed up today"), "{en}");
    let backup = day
        .items
        .iter()
        .find(|i| i.check == Some(LiveCheck::BackupToday))
        .unwrap();
    // A required item not applicable says why.
    assert!(matches!(
        refusal(
            s.set_checklist_item(d(25), backup.rule_id, ItemState::NotApplicable, "")
                .unwrap_err()
        ),
        Refusal::NotApplicableNeedsNote { .. }
    ));
    s.set_checklist_item(
        d(25),
        backup.rule_id,
        ItemState::NotApplicable,
        "县里统一备份",
    )
    .unwrap();
    assert!(s.sign_checklist_day(d(25)).unwrap().is_signed());
}

#[test]
fn missed_days_and_holidays() {
    // The checklist starts on Monday the 16th.
    let (clock, mut s) = store_at(at(16, 9, 0));
    resolve_all(&mut s, d(16));
    s.sign_checklist_day(d(16)).unwrap();
    // Tuesday the 17th: opened, never signed. Wednesday the 18th: a holiday.
    clock.set(at(17, 9, 0));
    s.open_checklist_day(d(17)).unwrap();
    s.set_checklist_working(d(18), false, "").unwrap();
    // Thursday the 19th and Friday the 20th: nothing. Today is Monday the 23rd.
    clock.set(at(23, 9, 0));
    assert_eq!(
        s.checklist_missed_days(d(23), d(1)).unwrap(),
        vec![d(17), d(19), d(20)]
    );
    // A late sign-off of the 17th takes it off the list.
    resolve_all(&mut s, d(17));
    s.sign_checklist_day(d(17)).unwrap();
    assert_eq!(
        s.checklist_missed_days(d(23), d(1)).unwrap(),
        vec![d(19), d(20)]
    );
    // Marking the 19th as a holiday after the fact, too: a past day needs a reason.
    assert!(matches!(
        refusal(s.set_checklist_working(d(19), false, " ").unwrap_err()),
        Refusal::CorrectionNeedsReason { .. }
    ));
    s.set_checklist_working(d(19), false, "县里通知临时放假")
        .unwrap();
    assert!(s.open_checklist_day(d(19)).unwrap().items.is_empty());
    assert_eq!(s.checklist_missed_days(d(23), d(1)).unwrap(), vec![d(20)]);
    // A signed day cannot be marked.
    assert!(matches!(
        refusal(s.set_checklist_working(d(16), false, "弄错了").unwrap_err()),
        Refusal::Locked { .. }
    ));

    let cal = s.checklist_month_calendar(2026, 11, d(23)).unwrap();
    let status = |n: u32| cal[n as usize - 1].1;
    assert_eq!(status(13), DayStatus::BeforeStart);
    assert_eq!(status(16), DayStatus::Done);
    assert_eq!(status(17), DayStatus::Done);
    assert_eq!(status(18), DayStatus::NotWorking);
    assert_eq!(status(20), DayStatus::Missed);
    assert_eq!(status(21), DayStatus::NotWorking);
    assert_eq!(status(23), DayStatus::Today);
    assert_eq!(status(24), DayStatus::Future);
    assert!(
        s.checklist_month_calendar(2026, 13, d(23))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn compliance_of_a_month() {
    // Start Monday the 16th; today Friday the 20th, unsigned.
    let (clock, mut s) = store_at(at(16, 9, 0));
    let rules = s.open_checklist_day(d(16)).unwrap().items;
    let files = rules
        .iter()
        .find(|i| i.title_zh.contains("档案"))
        .unwrap()
        .rule_id;
    // 16th: complete.
    resolve_all(&mut s, d(16));
    s.sign_checklist_day(d(16)).unwrap();
    // 17th: complete but the files item not applicable (counts as followed).
    clock.set(at(17, 9, 0));
    resolve_all(&mut s, d(17));
    s.set_checklist_item(d(17), files, ItemState::NotApplicable, "档案室装修")
        .unwrap();
    s.sign_checklist_day(d(17)).unwrap();
    // 18th: signed with the files item an exception.
    clock.set(at(18, 9, 0));
    resolve_all(&mut s, d(18));
    s.set_checklist_item(d(18), files, ItemState::Exception, "档案柜锁坏了，已报修")
        .unwrap();
    s.sign_checklist_day(d(18)).unwrap();
    // 19th: never opened. 20th: today, not signed.
    clock.set(at(20, 9, 0));
    resolve_all(&mut s, d(20));
    let c = s.checklist_compliance(2026, 11, d(20)).unwrap();
    // Counted days: 16, 17, 18, 19 (today is not signed). Complete: 16, 17, and 18 (its
    // exception is documented: signed all the same).
    assert_eq!(c.overall, Rate { done: 3, due: 4 });
    assert_eq!(c.overall.percent(), Some(75.0));
    let files_rate = c.rules.iter().find(|r| r.rule_id == files).unwrap().rate;
    // Due 16–19; followed on 16 and 17.
    assert_eq!(files_rate, Rate { done: 2, due: 4 });
    // The Friday study item is due on no counted day yet.
    assert!(!c.rules.iter().any(|r| r.title_zh.contains("学习")));
    // Once today is signed it counts, complete: 4 of 5; the study item is due once.
    s.sign_checklist_day(d(20)).unwrap();
    let c = s.checklist_compliance(2026, 11, d(20)).unwrap();
    assert_eq!(c.overall, Rate { done: 4, due: 5 });
    let study = c
        .rules
        .iter()
        .find(|r| r.title_zh.contains("学习"))
        .unwrap();
    assert_eq!(study.rate, Rate { done: 1, due: 1 });

    // Wednesday the 18th has the optional home-visit item as well.
    let rows = s.checklist_rows(d(18), d(18)).unwrap();
    assert_eq!(rows.len(), 9);
    let row = rows.iter().find(|r| r.title_zh.contains("档案")).unwrap();
    assert_eq!(row.result, ItemState::Exception);
    assert_eq!(row.note, "档案柜锁坏了，已报修");
    assert_eq!(row.officer.as_deref(), Some("wang"));
    assert_eq!(row.signed_by.as_deref(), Some("wang"));
    assert_eq!(s.checklist_rows(d(1), d(30)).unwrap().len(), 8 + 8 + 9 + 9);
}

#[test]
fn live_items_read_the_data() {
    let (clock, mut s) = store_at(at(26, 10, 0));
    let visit = |outcome: &str, follow: &str| {
        VisitInput {
            visitor_name: "张三".into(),
            purpose: Some(0),
            outcome: outcome.into(),
            follow_up_date: follow.into(),
            handler: "wang".into(),
            ..Default::default()
        }
        .validate(at(26, 10, 0))
        .unwrap()
    };
    s.save_visit(&visit("done", "")).unwrap();
    let due_today = s.save_visit(&visit("follow_up", "t")).unwrap();
    s.save_visit(&visit("follow_up", "+3")).unwrap();

    let facts = s
        .checklist_live_facts(
            d(26),
            HighRiskCounts {
                new_today: 2,
                unreported: 1,
            },
        )
        .unwrap();
    assert_eq!(facts.visits_today, 3);
    assert!(facts.visits_without_outcome.is_empty());
    assert_eq!(facts.follow_ups_due_today_open, 1);
    assert!(!facts.backup_made_today);

    let day = s.open_checklist_day(d(26)).unwrap();
    let state = |check: LiveCheck, facts: &LiveFacts| {
        day.items
            .iter()
            .find(|i| i.check == Some(check))
            .and_then(|i| i.live_state(facts))
            .unwrap()
    };
    assert_eq!(state(LiveCheck::VisitsHaveOutcome, &facts), LiveState::Ok);
    assert!(matches!(
        state(LiveCheck::FollowUpsHandled, &facts),
        LiveState::Attention(_)
    ));
    assert!(matches!(
        state(LiveCheck::HighRiskReported, &facts),
        LiveState::Attention(_)
    ));
    assert!(matches!(
        state(LiveCheck::BackupToday, &facts),
        LiveState::Attention(_)
    ));

    s.complete_follow_up(due_today, "已回电").unwrap();
    s.set_setting("last_backup_at", "2026-11-25 18:00:00")
        .unwrap();
    let facts = s
        .checklist_live_facts(d(26), HighRiskCounts::default())
        .unwrap();
    assert_eq!(facts.follow_ups_due_today_open, 0);
    assert!(
        !facts.backup_made_today,
        "yesterday's backup is not today's"
    );
    clock.set(at(26, 16, 0));
    s.set_setting("last_backup_at", "2026-11-26 15:59:00")
        .unwrap();
    let facts = s
        .checklist_live_facts(d(26), HighRiskCounts::default())
        .unwrap();
    assert!(facts.backup_made_today);
    for check in LiveCheck::ALL {
        assert_eq!(state(check, &facts), LiveState::Ok, "{check:?}");
    }
}

#[test]
fn rules_are_administered_and_retired_rules_keep_their_history() {
    let (clock, mut s) = store_at(at(25, 9, 0));
    let wednesday = s.open_checklist_day(d(25)).unwrap();
    let roster = wednesday
        .items
        .iter()
        .find(|i| i.title_zh.contains("值班"))
        .unwrap()
        .rule_id;
    resolve_all(&mut s, d(25));
    s.sign_checklist_day(d(25)).unwrap();

    // Retire the roster rule and add a Thursday rule, then reorder.
    s.retire_checklist_rule(roster).unwrap();
    assert!(matches!(
        refusal(s.retire_checklist_rule(roster).unwrap_err()),
        Refusal::NoSuchRule { .. }
    ));
    let meeting = s
        .add_checklist_rule(&RuleInput {
            title_zh: "周四站务例会".into(),
            title_en: "Thursday station meeting".into(),
            frequency: Frequency::from_iso_numbers(&[4]).unwrap(),
            required: true,
            check: None,
        })
        .unwrap();
    assert!(matches!(
        refusal(
            s.add_checklist_rule(&RuleInput {
                title_zh: " ".into(),
                title_en: String::new(),
                frequency: Frequency::Workdays,
                required: true,
                check: None,
            })
            .unwrap_err()
        ),
        Refusal::InvalidRule(_)
    ));
    s.reorder_checklist_rules(&[meeting]).unwrap();
    let active = s.checklist_rules(false).unwrap();
    assert_eq!(active[0].id, meeting);
    assert!(!active.iter().any(|r| r.id == roster));
    assert!(
        s.checklist_rules(true)
            .unwrap()
            .iter()
            .any(|r| r.id == roster)
    );
    assert!(s.reorder_checklist_rules(&[roster]).is_err());

    // Editing a rule does not rewrite the days already opened.
    let mut edited = active[0].clone();
    edited.title_zh = "周四下午站务例会".into();
    s.update_checklist_rule(
        meeting,
        &RuleInput {
            title_zh: edited.title_zh.clone(),
            title_en: edited.title_en.clone(),
            frequency: edited.frequency.clone(),
            required: false,
            check: None,
        },
    )
    .unwrap();

    clock.set(at(26, 9, 0));
    let thursday = s.open_checklist_day(d(26)).unwrap();
    assert!(!thursday.items.iter().any(|i| i.rule_id == roster));
    assert_eq!(thursday.items[0].title_zh, "周四下午站务例会");
    assert!(!thursday.items[0].required);
    // The Wednesday keeps the retired rule's item.
    let kept = s.checklist_day(d(25)).unwrap().unwrap();
    assert!(kept.items.iter().any(|i| i.rule_id == roster));
    // And its compliance still counts for the days it applied.
    resolve_all(&mut s, d(26));
    s.sign_checklist_day(d(26)).unwrap();
    let c = s.checklist_compliance(2026, 11, d(26)).unwrap();
    let rate = c.rules.iter().find(|r| r.rule_id == roster).unwrap().rate;
    assert_eq!(rate, Rate { done: 1, due: 1 });
}
