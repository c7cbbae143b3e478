//! The working calendar through the store (issue 16, items 1, 2 and 7): petition deadlines
//! rolled past holidays, the review window from the day the reply was received, late steps
//! that stay late in the case, the ledger, the export and the monthly figures, and the
//! checklist's working days.
#![allow(clippy::unwrap_used)]
use chrono::{NaiveDate, NaiveDateTime};
use stationdesk::clock::FixedClock;
use stationdesk::domain::calendar::file::parse_calendar_file;
use stationdesk::domain::checklist::DayStatus;
use stationdesk::domain::petition::{
    DeadlineKind, Delivery, PetitionInput, PetitionerInput, Step, StepKind, deadlines,
};
use stationdesk::domain::report::Period;
use stationdesk::exchange::Cell;
use stationdesk::exchange::exports::{ExportRequest, Ledger, build_table};
use stationdesk::i18n::Lang;
use stationdesk::store::Store;
use stationdesk::store::migrations::MIGRATIONS;
use stationdesk::store::petitions::LedgerFilter;
use stationdesk::store::report_data::gather;
use std::sync::Arc;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(10, 0, 0).unwrap()
}

fn store_at(now: NaiveDateTime) -> (Arc<FixedClock>, Store) {
    let clock = Arc::new(FixedClock::new(now));
    let mut store = crate::common::store(None, clock.clone());
    store.set_actor("wang");
    (clock, store)
}

fn register(store: &mut Store, received: &str) -> i64 {
    let p = PetitionInput {
        channel: "来信".into(),
        received_at: received.into(),
        petitioners: vec![PetitionerInput {
            name: "张三丰".into(),
            address: "城关镇东街1号".into(),
            ..Default::default()
        }],
        subject: "优待证未办理".into(),
        request: "请求尽快办理".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(day(2100, 1, 1))
    .unwrap();
    store.save_new_petition(&p).unwrap().0
}

#[test]
fn a_reply_handed_over_on_1_september_leaves_the_review_open_until_8_october() {
    let (clock, mut s) = store_at(at(2026, 8, 3));
    let id = register(&mut s, "2026-08-03 09:00");
    s.add_step(id, &Step::new(StepKind::Accepted, at(2026, 8, 3), "wang"))
        .unwrap();
    clock.set(at(2026, 9, 1));
    let reply = Step::reply(
        at(2026, 9, 1),
        "wang",
        "经核查，答复如下",
        Delivery::InPerson,
    );
    s.add_step(id, &reply).unwrap();
    let case = s.petition(id).unwrap().unwrap();
    let cal = s.calendar().unwrap();
    let window = deadlines(&case.state, &cal).review_request.unwrap();
    // 1 September + 30 days = 1 October, National Day: the window ends on 8 October.
    assert_eq!(window.last_day, day(2026, 10, 1));
    assert_eq!(window.end, day(2026, 10, 8));
    // On the 8th the request is offered and recorded on time, without a reason.
    clock.set(at(2026, 10, 8));
    assert!(
        stationdesk::tui::screens::petitions::step::allowed_steps(
            &case.state,
            at(2026, 10, 8),
            "wang"
        )
        .contains(&StepKind::ReviewRequested)
    );
    let mut request = Step::new(StepKind::ReviewRequested, at(2026, 10, 8), "wang");
    request.forwarded_to = Some("市退役军人事务局".into());
    s.add_step(id, &request).unwrap();
    let steps = s.steps(id).unwrap();
    let timing = steps.last().unwrap().timing.unwrap();
    assert_eq!(timing.kind, DeadlineKind::ReviewRequest);
    assert_eq!(timing.due, day(2026, 10, 8));
    assert!(!timing.is_late());
    assert_eq!(steps[2].delivery, Some(Delivery::InPerson));
    assert_eq!(steps[2].delivered_on, Some(day(2026, 9, 1)));
}

#[test]
fn a_request_after_the_window_is_recorded_with_its_reason_and_marked() {
    let (clock, mut s) = store_at(at(2026, 8, 3));
    let id = register(&mut s, "2026-08-03 09:00");
    s.add_step(id, &Step::new(StepKind::Accepted, at(2026, 8, 3), "wang"))
        .unwrap();
    clock.set(at(2026, 9, 1));
    s.add_step(
        id,
        &Step::reply(at(2026, 9, 1), "wang", "答复", Delivery::InPerson),
    )
    .unwrap();
    clock.set(at(2026, 10, 9));
    let mut late = Step::new(StepKind::ReviewRequested, at(2026, 10, 9), "wang");
    late.forwarded_to = Some("市退役军人事务局".into());
    let err = s.add_step(id, &late).unwrap_err();
    assert_eq!(err.msg().key, "petition.step.late_request_reason");
    late.note = "本人称答复书由邻居转交，9 月 12 日才收到".into();
    s.add_step(id, &late).unwrap();
    let t = s.steps(id).unwrap().last().unwrap().timing.unwrap();
    assert_eq!((t.due, t.late_days), (day(2026, 10, 8), 1));
    // The petitioner's lateness is not the station's: no late mark in the ledger.
    let row = &s
        .ledger(&LedgerFilter::default(), day(2026, 10, 9))
        .unwrap()[0];
    assert!(row.late.is_empty());
}

#[test]
fn a_case_accepted_20_days_late_stays_late_in_the_case_ledger_export_and_figures() {
    let (clock, mut s) = store_at(at(2026, 12, 1));
    let id = register(&mut s, "2026-12-01 09:00");
    clock.set(at(2027, 1, 5));
    s.add_step(id, &Step::new(StepKind::Accepted, at(2027, 1, 5), "wang"))
        .unwrap();
    // The case: the acceptance step keeps its deadline and its 20 days.
    let steps = s.steps(id).unwrap();
    let t = steps[1].timing.unwrap();
    assert_eq!(t.kind, DeadlineKind::Acceptance);
    assert_eq!(t.due, day(2026, 12, 16));
    assert_eq!(t.late_days, 20);
    // Moving on does not erase it.
    clock.set(at(2027, 1, 20));
    s.add_step(
        id,
        &Step::reply(at(2027, 1, 20), "wang", "答复", Delivery::InPerson),
    )
    .unwrap();
    let steps = s.steps(id).unwrap();
    assert_eq!(steps[1].timing.unwrap().late_days, 20);
    assert!(!steps[2].timing.unwrap().is_late());
    // The ledger.
    let rows = s
        .ledger(&LedgerFilter::default(), day(2027, 1, 20))
        .unwrap();
    assert_eq!(rows[0].late, vec![(StepKind::Accepted, 20)]);
    // The export.
    let req = ExportRequest {
        ledger: Ledger::Petitions,
        from: None,
        to: None,
        unmasked: false,
        lang: Lang::Zh,
        today: day(2027, 1, 20),
    };
    let table = build_table(&s, &req).unwrap();
    let col = table.headers.iter().position(|h| h == "逾期办理").unwrap();
    assert_eq!(table.rows[0][col], Cell::Text("受理逾期20天".into()));
    let en = build_table(
        &s,
        &ExportRequest {
            lang: Lang::En,
            ..req
        },
    )
    .unwrap();
    assert_eq!(
        en.rows[0][col],
        Cell::Text("Accept 20 days late".into()),
        "{:?}",
        en.headers
    );
    // The monthly figures: January 2027, when the late step was taken, not December.
    let jan = gather(
        &s,
        Period::month_of(day(2027, 1, 5)),
        day(2027, 1, 20),
        Lang::Zh,
    )
    .unwrap();
    assert_eq!(jan.petitions.handled_late, 1);
    let dec = gather(
        &s,
        Period::month_of(day(2026, 12, 1)),
        day(2027, 1, 20),
        Lang::Zh,
    )
    .unwrap();
    assert_eq!(dec.petitions.handled_late, 0);
    let text = stationdesk::cli::report::to_text(&jan, Lang::Zh);
    assert!(
        text.lines()
            .any(|l| l.contains("信访逾期办理") && l.trim_end().ends_with('1')),
        "{text}"
    );
}

#[test]
fn steps_recorded_before_the_upgrade_are_judged_once() {
    if crate::common::pg::file_only("steps_recorded_before_the_upgrade_are_judged_once") {
        return;
    }
    // A version 6 database with a case received 2026-12-01 and accepted 2027-01-05.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        for (v, sql) in MIGRATIONS.iter().filter(|(v, _)| *v <= 6) {
            c.execute_batch(sql).unwrap();
            c.execute_batch(&format!(
                "PRAGMA user_version = {v}; PRAGMA application_id = {};",
                stationdesk::store::APPLICATION_ID
            ))
            .unwrap();
        }
        c.execute_batch(
            "INSERT INTO petitions(id, case_no, channel, received_at, people_count, subject,
               request, risk, handler, status, created_at, updated_at)
             VALUES (1, '2026-0001', 'letter', '2026-12-01 09:00:00', 1, '优待证', '请求办理',
               'low', 'wang', 'accepted', '2026-12-01 09:00:00', '2027-01-05 10:00:00');
             INSERT INTO petitioners(petition_id, seq, name, address) VALUES (1, 0, '张三', '某村');
             INSERT INTO petition_steps(petition_id, kind, at, officer, recorded_at, recorded_by)
             VALUES (1, 'registered', '2026-12-01 09:00:00', 'wang', '2026-12-01 09:00:00', 'wang'),
                    (1, 'accepted', '2027-01-05 10:00:00', 'wang', '2027-01-05 10:00:00', 'wang'),
                    (1, 'replied', '2027-01-20 10:00:00', 'wang', '2027-01-20 10:00:00', 'wang');",
        )
        .unwrap();
    }
    let clock = Arc::new(FixedClock::new(at(2027, 2, 1)));
    let s = Store::open_with_clock(&crate::common::pg::db(&path), clock).unwrap();
    let steps = s.steps(1).unwrap();
    assert_eq!(steps[1].timing.unwrap().late_days, 20);
    // an old reply counts as handed over on its day
    let case = s.petition(1).unwrap().unwrap();
    assert_eq!(case.state.reply_received, Some(day(2027, 1, 20)));
    let rows = s.ledger(&LedgerFilter::default(), day(2027, 2, 1)).unwrap();
    assert_eq!(rows[0].late, vec![(StepKind::Accepted, 20)]);
    assert!(s.calendar().unwrap().has_year(2026));
}

#[test]
fn importing_a_year_moves_the_running_deadlines() {
    // Received 2026-12-17: 15 days end on Friday 1 January 2027, a working day while 2027
    // has no data; once its New Year holiday is imported the legal end is Monday the 4th.
    let (_clock, mut s) = store_at(at(2026, 12, 17));
    let id = register(&mut s, "2026-12-17 09:00");
    let due = |s: &Store| {
        s.ledger(&LedgerFilter::default(), day(2026, 12, 17))
            .unwrap()
            .into_iter()
            .find(|r| r.id == id)
            .unwrap()
            .next_due
    };
    assert_eq!(due(&s), Some((DeadlineKind::Acceptance, day(2027, 1, 1))));
    let year = parse_calendar_file("2027-01-01~2027-01-03,holiday\n").unwrap();
    s.set_actor("boss");
    let done = s.import_calendar_year(&year, "2027.csv", false).unwrap();
    assert_eq!(done.deadlines_moved, 1);
    assert_eq!(due(&s), Some((DeadlineKind::Acceptance, day(2027, 1, 4))));
}

#[test]
fn new_years_day_is_not_missed_and_the_make_up_sunday_is_signed() {
    // The checklist starts on Monday 2025-12-29; today is Tuesday 2026-01-06.
    let (clock, mut s) = store_at(at(2025, 12, 29));
    s.ensure_default_rules().unwrap();
    clock.set(at(2026, 1, 6));
    let missed = s
        .checklist_missed_days(day(2026, 1, 6), day(2025, 12, 1))
        .unwrap();
    assert!(!missed.contains(&day(2026, 1, 1)), "{missed:?}");
    assert!(!missed.contains(&day(2026, 1, 2)), "{missed:?}");
    assert!(missed.contains(&day(2026, 1, 4)), "{missed:?}");
    // Sunday the 4th is a make-up working day: it has its items and can be signed.
    let sunday = s.open_checklist_day(day(2026, 1, 4)).unwrap();
    assert!(sunday.is_working_day());
    assert!(!sunday.items.is_empty());
    for item in &sunday.items {
        s.set_checklist_item(
            day(2026, 1, 4),
            item.rule_id,
            stationdesk::domain::checklist::ItemState::Done,
            "",
        )
        .unwrap();
    }
    s.sign_checklist_day(day(2026, 1, 4)).unwrap();
    let missed = s
        .checklist_missed_days(day(2026, 1, 6), day(2025, 12, 1))
        .unwrap();
    assert!(!missed.contains(&day(2026, 1, 4)));
    // New Year's Day has no list to sign.
    assert!(
        s.open_checklist_day(day(2026, 1, 1))
            .unwrap()
            .items
            .is_empty()
    );
    let month = s
        .checklist_month_calendar(2026, 1, day(2026, 1, 6))
        .unwrap();
    assert_eq!(month[0].1, DayStatus::NotWorking);
    assert_eq!(month[3].1, DayStatus::Done);
}

#[test]
fn a_past_days_status_is_corrected_with_a_reason_and_audited() {
    let (clock, mut s) = store_at(at(2026, 11, 23));
    s.ensure_default_rules().unwrap();
    clock.set(at(2026, 11, 27));
    // Tuesday the 24th was a local holiday the calendar does not know.
    let err = s
        .set_checklist_working(day(2026, 11, 24), false, "")
        .unwrap_err();
    assert_eq!(err.msg(Lang::Zh).key, "calendar.correction_needs_reason");
    s.set_actor("boss");
    let d = s
        .set_checklist_working(day(2026, 11, 24), false, "县委通知全县放假一天")
        .unwrap();
    assert!(!d.is_working_day());
    let back = s.checklist_day(day(2026, 11, 24)).unwrap().unwrap();
    assert_eq!(back.mark_reason, "县委通知全县放假一天");
    let missed = s
        .checklist_missed_days(day(2026, 11, 27), day(2026, 11, 23))
        .unwrap();
    assert_eq!(
        missed,
        vec![day(2026, 11, 23), day(2026, 11, 25), day(2026, 11, 26)]
    );
    // A Saturday worked for an inspection: made a working day, its list is due.
    s.set_checklist_working(day(2026, 11, 21), true, "迎检加班")
        .unwrap();
    let audit = s.audit_entries(None, None).unwrap();
    let marks: Vec<_> = audit
        .iter()
        .filter(|e| e.entity == "checklist_day" && e.action.starts_with("mark_"))
        .collect();
    assert_eq!(marks.len(), 2);
    assert_eq!(marks[0].actor, "boss");
    assert!(marks[0].summary.contains("县委通知"), "{:?}", marks[0]);
}
