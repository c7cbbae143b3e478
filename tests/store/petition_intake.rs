//! Intake through the store, on a fixed clock: a fax, an anonymous letter with no notice
//! deadline, a 交办 case whose 办结报告 is due and then late, a forwarded case that stays
//! open and is reopened, a village station's same-day 转报, the channel kept with a
//! refusal, and a version 8 database upgraded without loss.
#![allow(clippy::unwrap_used)]
use crate::common;
use chrono::{NaiveDate, NaiveDateTime};
use common::clock_at;
use stationdesk::clock::FixedClock;
use stationdesk::domain::petition::{
    Channel, DeadlineKind, Delivery, Petition, PetitionInput, PetitionType, PetitionerInput,
    Redirect, Source, Status, Step, StepKind,
};
use stationdesk::store::Store;
use stationdesk::store::migrations::{MIGRATIONS, latest};
use stationdesk::store::petitions::LedgerFilter;
use std::sync::Arc;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(h, 0, 0).unwrap()
}

fn input(received: &str) -> PetitionInput {
    PetitionInput {
        channel: "来信".into(),
        received_at: received.into(),
        petitioners: vec![PetitionerInput {
            name: "张三丰".into(),
            address: "城关镇东街1号".into(),
            ..Default::default()
        }],
        subject: "优待证未办理".into(),
        request: "请求依法处理".into(),
        handler: "wang".into(),
        ..Default::default()
    }
}

fn valid(i: PetitionInput) -> Petition {
    i.validate(day(2100, 1, 1)).unwrap()
}

fn store(clock: &Arc<FixedClock>) -> Store {
    common::store_as("wang", None, clock.clone())
}

#[test]
fn a_fax_is_saved_and_read_back() {
    let clock = clock_at(at(2026, 11, 25, 9));
    let mut s = store(&clock);
    let mut i = input("2026-11-25 08:00");
    i.channel = "传真".into();
    i.kind = "建议意见".into();
    let (id, _) = s.save_new_petition(&valid(i)).unwrap();
    let case = s.petition(id).unwrap().unwrap();
    assert_eq!(case.petition.channel, Channel::Fax);
    assert_eq!(case.petition.kind, Some(PetitionType::Suggestion));
}

#[test]
fn an_anonymous_letter_saves_with_no_notice_deadline() {
    let clock = clock_at(at(2026, 12, 1, 9));
    let mut s = store(&clock);
    let mut i = input("2026-12-01 08:00");
    i.petitioners = vec![PetitionerInput {
        name: "不详".into(),
        address: "不详".into(),
        ..Default::default()
    }];
    let (id, _) = s.save_new_petition(&valid(i)).unwrap();
    let case = s.petition(id).unwrap().unwrap();
    assert!(case.petition.anonymous);
    assert!(case.state.intake.anonymous);
    let row = &s.ledger(&LedgerFilter::default(), day(2027, 1, 5)).unwrap()[0];
    assert_eq!(row.next_due, None, "no 受理告知 deadline runs");
    // weeks later, not overdue on the dashboard either
    assert_eq!(s.count_due(day(2027, 1, 5)).unwrap().overdue, 0);
    // no petitioner row at all, the box ticked
    let mut bare = input("2026-12-01 08:30");
    bare.petitioners.clear();
    bare.anonymous = true;
    let (id, _) = s.save_new_petition(&valid(bare)).unwrap();
    assert!(
        s.petition(id)
            .unwrap()
            .unwrap()
            .petition
            .petitioners
            .is_empty()
    );
}

#[test]
fn an_assigned_case_shows_its_report_due_and_late_after() {
    let clock = clock_at(at(2026, 12, 1, 9));
    let mut s = store(&clock);
    let mut i = input("2026-12-01 08:00");
    i.source = "上级交办".into();
    i.assigner = "县信访局".into();
    i.assigner_due = "2026-12-20".into();
    let (id, _) = s.save_new_petition(&valid(i)).unwrap();
    let case = s.petition(id).unwrap().unwrap();
    assert_eq!(case.petition.source, Source::Assigned);
    assert_eq!(case.petition.assigner, "县信访局");
    clock.set(at(2026, 12, 2, 9));
    s.add_step(
        id,
        &Step::new(StepKind::Accepted, at(2026, 12, 2, 9), "wang"),
    )
    .unwrap();
    clock.set(at(2026, 12, 18, 9));
    s.add_step(
        id,
        &Step::reply(at(2026, 12, 18, 9), "wang", "答复", Delivery::InPerson),
    )
    .unwrap();
    let row = &s
        .ledger(&LedgerFilter::default(), day(2026, 12, 18))
        .unwrap()[0];
    assert_eq!(
        row.next_due,
        Some((DeadlineKind::Report, day(2026, 12, 20)))
    );
    assert_eq!(s.count_due(day(2026, 12, 18)).unwrap().due_soon, 1);
    assert_eq!(s.count_due(day(2026, 12, 21)).unwrap().overdue, 1);
    clock.set(at(2026, 12, 22, 9));
    s.add_step(
        id,
        &Step::new(StepKind::ReportSent, at(2026, 12, 22, 9), "wang"),
    )
    .unwrap();
    let steps = s.steps(id).unwrap();
    let sent = steps.last().unwrap();
    assert_eq!(sent.kind, StepKind::ReportSent);
    assert_eq!(sent.timing.unwrap().late_days, 2);
    let row = &s
        .ledger(&LedgerFilter::default(), day(2026, 12, 22))
        .unwrap()[0];
    assert_eq!(row.next_due, None);
    // the ledger's late column keeps the late report
    assert_eq!(row.late, vec![(StepKind::ReportSent, 2)]);
}

#[test]
fn a_forwarded_case_stays_open_and_is_reopened() {
    let clock = clock_at(at(2026, 11, 2, 9));
    let mut s = store(&clock);
    let (id, _) = s
        .save_new_petition(&valid(input("2026-11-02 08:00")))
        .unwrap();
    let mut fwd = Step::new(StepKind::Forwarded, at(2026, 11, 3, 9), "wang");
    fwd.forwarded_to = Some("县人社局".into());
    clock.set(at(2026, 11, 3, 9));
    let state = s.add_step(id, &fwd).unwrap();
    assert!(state.status.is_open());
    let open = LedgerFilter {
        status: Some(Status::Forwarded),
        ..Default::default()
    };
    let row = &s.ledger(&open, day(2026, 11, 20)).unwrap()[0];
    assert_eq!(
        row.next_due,
        Some((DeadlineKind::Feedback, day(2026, 11, 18)))
    );
    clock.set(at(2026, 11, 20, 9));
    let mut fb = Step::new(StepKind::FeedbackReceived, at(2026, 11, 20, 9), "wang");
    fb.note = "人社局退回".into();
    let back = s.add_step(id, &fb).unwrap();
    assert_eq!(back.status, Status::FeedbackReceived);
    let mut re = Step::new(StepKind::Reopened, at(2026, 11, 20, 10), "li");
    re.note = "退回本站办理".into();
    clock.set(at(2026, 11, 20, 11));
    let state = s.add_step(id, &re).unwrap();
    assert_eq!(state.status, Status::InProgress);
    let steps = s.steps(id).unwrap();
    assert_eq!(steps.last().unwrap().officer, "li");
}

#[test]
fn a_village_station_passes_up_the_same_day() {
    let clock = clock_at(at(2026, 11, 25, 9));
    let mut s = store(&clock);
    s.set_setting("station_level", "village").unwrap();
    let (id, _) = s
        .save_new_petition(&valid(input("2026-11-25 08:00")))
        .unwrap();
    let case = s.petition(id).unwrap().unwrap();
    assert!(case.state.intake.passes_up);
    let row = &s
        .ledger(&LedgerFilter::default(), day(2026, 11, 25))
        .unwrap()[0];
    assert_eq!(
        row.next_due,
        Some((DeadlineKind::PassUp, day(2026, 11, 25)))
    );
}

#[test]
fn a_refusal_keeps_the_channel_to_use() {
    let clock = clock_at(at(2026, 11, 25, 9));
    let mut s = store(&clock);
    let (id, _) = s
        .save_new_petition(&valid(input("2026-11-25 08:00")))
        .unwrap();
    let mut no = Step::new(StepKind::NotAccepted, at(2026, 11, 25, 9), "wang");
    no.note = "属于劳动争议".into();
    no.redirect = Some(Redirect::Arbitration);
    s.add_step(id, &no).unwrap();
    let steps = s.steps(id).unwrap();
    assert_eq!(steps[1].redirect, Some(Redirect::Arbitration));
}

#[test]
fn a_version_eight_database_upgrades_without_loss() {
    if crate::common::pg::file_only("a_version_eight_database_upgrades_without_loss") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v8.db");
    let clock = clock_at(at(2026, 11, 25, 9));
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA foreign_keys=ON;").unwrap();
        for (v, sql) in MIGRATIONS.iter().filter(|(v, _)| *v <= 8) {
            conn.execute_batch(sql).unwrap();
            conn.execute_batch(&format!("PRAGMA user_version = {v}"))
                .unwrap();
        }
        conn.execute_batch(&format!(
            "PRAGMA application_id = {};
             INSERT INTO petitions(case_no, channel, received_at, people_count, subject,
               request, risk, handler, status, created_at, updated_at)
             VALUES ('2026-0001', 'letter', '2026-11-20 08:00:00', 1, '旧案', '请求', 'low',
               'wang', 'registered', '2026-11-20 08:00:00', '2026-11-20 08:00:00');
             INSERT INTO case_counters(year, last) VALUES (2026, 1);
             INSERT INTO petitioners(petition_id, seq, name, address) VALUES (1, 0, '李四', '某村');
             INSERT INTO petition_steps(petition_id, kind, at, officer, recorded_at, recorded_by)
             VALUES (1, 'registered', '2026-11-20 08:00:00', 'wang', '2026-11-20 08:00:00', 'wang');",
            stationdesk::store::APPLICATION_ID
        ))
        .unwrap();
    }
    let mut s = common::store_as("wang", Some(&path), clock.clone());
    assert_eq!(s.schema_version().unwrap(), latest());
    let old = s.petition(1).unwrap().unwrap();
    assert_eq!(old.petition.subject, "旧案");
    assert_eq!(old.petition.petitioners[0].name, "李四");
    assert_eq!(old.petition.source, Source::Local);
    assert!(!old.petition.anonymous);
    assert_eq!(old.petition.kind, None);
    let mut i = input("2026-11-25 08:00");
    i.channel = "fax".into();
    let (id, _) = s.save_new_petition(&valid(i)).unwrap();
    assert_eq!(
        s.petition(id).unwrap().unwrap().petition.channel,
        Channel::Fax
    );
    let c = rusqlite::Connection::open(&path).unwrap();
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let fk: i64 = c
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0);
}

#[test]
fn the_export_holds_source_type_anonymity_and_the_channel_told() {
    use stationdesk::exchange::exports::{ExportRequest, Ledger, build_table};
    use stationdesk::exchange::table::Cell;
    use stationdesk::i18n::Lang;
    let clock = clock_at(at(2026, 12, 1, 9));
    let mut s = store(&clock);
    let mut assigned = input("2026-12-01 08:00");
    assigned.source = "交办".into();
    assigned.assigner = "县信访局".into();
    assigned.assigner_due = "2026-12-20".into();
    assigned.kind = "检举控告".into();
    s.save_new_petition(&valid(assigned)).unwrap();
    let mut anon = input("2026-12-01 08:30");
    anon.anonymous = true;
    anon.petitioners.clear();
    let (refused, _) = s.save_new_petition(&valid(anon)).unwrap();
    let mut no = Step::new(StepKind::NotAccepted, at(2026, 12, 1, 9), "wang");
    no.note = "属于行政复议范围".into();
    no.redirect = Some(Redirect::AdminReview);
    s.add_step(refused, &no).unwrap();
    let table = build_table(
        &s,
        &ExportRequest {
            ledger: Ledger::Petitions,
            from: None,
            to: None,
            unmasked: false,
            lang: Lang::Zh,
            today: day(2026, 12, 1),
        },
    )
    .unwrap();
    let col = |name: &str| table.headers.iter().position(|h| h == name).unwrap();
    let text = |row: usize, name: &str| table.rows[row][col(name)].clone();
    assert_eq!(text(0, "来源"), Cell::Text("上级交办".into()));
    assert_eq!(text(0, "交办/转送机关"), Cell::Text("县信访局".into()));
    assert_eq!(text(0, "交办期限"), Cell::Date(day(2026, 12, 20)));
    assert_eq!(text(0, "类别"), Cell::Text("检举控告".into()));
    assert_eq!(text(1, "匿名"), Cell::Text("匿名".into()));
    assert_eq!(text(1, "告知途径"), Cell::Text("行政复议".into()));
}
