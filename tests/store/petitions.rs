//! Petitions through the store: case numbers under concurrency, the lifecycle, the ledger,
//! the dashboard counts and the repeat check, on a fixed clock.
// The whole file is test code; clippy's allow-unwrap-in-tests only covers `#[test]`
// functions, not the helpers beside them.
#![allow(clippy::unwrap_used)]
use crate::common;
use chrono::{NaiveDate, NaiveDateTime};
use common::clock_at;
use stationdesk::clock::FixedClock;
use stationdesk::domain::person::{IdRule, PersonInput};
use stationdesk::domain::petition::{
    DeadlineKind, Delivery, Petition, PetitionInput, PetitionerInput, RepeatReason, Risk, Status,
    Step, StepKind, Urgency,
};
use stationdesk::store::Store;
use stationdesk::store::migrations::{MIGRATIONS, latest};
use stationdesk::store::petitions::{DueCounts, LedgerFilter, PetitionError, Who};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(h, 0, 0).unwrap()
}

fn memory_store(clock: &Arc<FixedClock>) -> Store {
    common::store_as("wang", None, clock.clone())
}

/// A valid petition received at `received` by `name` about `subject`.
fn petition(received: &str, name: &str, subject: &str) -> Petition {
    PetitionInput {
        channel: "来访".into(),
        received_at: received.into(),
        petitioners: vec![PetitionerInput {
            name: name.into(),
            phone: "13800001234".into(),
            address: "城关镇东街1号".into(),
            ..Default::default()
        }],
        subject: subject.into(),
        request: "请求依法处理".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(day(2100, 1, 1))
    .unwrap()
}

fn step(kind: StepKind, when: NaiveDateTime) -> Step {
    let mut s = Step::new(kind, when, "wang");
    match kind {
        StepKind::NotAccepted => s.note = "不属于受理范围".into(),
        StepKind::Extended => {
            s.note = "情况复杂，需调查".into();
            s.extension_days = Some(30);
        }
        StepKind::Forwarded => s.forwarded_to = Some("县人社局".into()),
        StepKind::Replied | StepKind::ReviewAnswered => {
            s.note = "经核查，答复如下".into();
            s.delivery = Some(Delivery::InPerson);
        }
        StepKind::ReviewRequested | StepKind::ReReviewRequested => {
            s.forwarded_to = Some("市退役军人事务局".into());
        }
        _ => {}
    }
    s
}

fn file_store(path: &Path, clock: &Arc<FixedClock>) -> Store {
    common::store_as("wang", Some(path), clock.clone())
}

#[test]
fn case_numbers_are_unique_and_gap_free_across_connections() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let clock = clock_at(at(2026, 11, 25, 9));
    // Create and migrate once, so the threads race on saving, not on creating the file.
    drop(file_store(&path, &clock));
    let handles: Vec<_> = (0..2)
        .map(|desk| {
            let path = path.clone();
            let clock = clock.clone();
            std::thread::spawn(move || {
                let mut s = file_store(&path, &clock);
                (0..50)
                    .map(|i| {
                        let p = petition("2026-11-25 08:00", "张三丰", &format!("事项 {desk}-{i}"));
                        s.save_new_petition(&p).unwrap().1
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut all = Vec::new();
    for h in handles {
        let numbers = h.join().unwrap();
        // each desk sees its own numbers rise
        assert!(numbers.windows(2).all(|w| w[0] < w[1]));
        all.extend(numbers);
    }
    let unique: BTreeSet<String> = all.iter().cloned().collect();
    let expected: BTreeSet<String> = (1..=100).map(|n| format!("2026-{n:04}")).collect();
    assert_eq!(all.len(), 100);
    assert_eq!(unique, expected);
    let s = file_store(&path, &clock);
    assert_eq!(
        s.ledger(&LedgerFilter::default(), day(2026, 11, 25))
            .unwrap()
            .len(),
        100
    );
    assert!(s.integrity_ok().unwrap());
}

const CHILD_DB: &str = "STATIONDESK_TEST_PETITION_DB";

/// Run by [`case_numbers_are_unique_across_processes`] in child processes; does nothing
/// when run on its own.
#[test]
#[ignore = "a helper the process test runs in child processes"]
fn child_process_saves_petitions() {
    let Ok(path) = std::env::var(CHILD_DB) else {
        return;
    };
    let clock = clock_at(at(2026, 11, 25, 9));
    let mut s = file_store(Path::new(&path), &clock);
    for i in 0..25 {
        let p = petition("2026-11-25 08:00", "李四", &format!("事项 {i}"));
        let (_, no) = s.save_new_petition(&p).unwrap();
        println!("CASE {no}");
    }
}

#[test]
fn case_numbers_are_unique_across_processes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desks.db");
    let clock = clock_at(at(2026, 11, 25, 9));
    drop(file_store(&path, &clock));
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..2)
        .map(|_| {
            std::process::Command::new(&exe)
                .args([
                    "petitions::child_process_saves_petitions",
                    "--exact",
                    "--ignored",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(CHILD_DB, crate::common::pg::db(&path))
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut numbers = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "a child failed");
        let text = String::from_utf8(out.stdout).unwrap();
        numbers.extend(
            text.lines()
                // libtest may print "test … ... " on the same line as the first output
                .filter_map(|l| l.find("CASE ").map(|i| l[i + 5..].trim().to_string())),
        );
    }
    let unique: BTreeSet<String> = numbers.iter().cloned().collect();
    let expected: BTreeSet<String> = (1..=50).map(|n| format!("2026-{n:04}")).collect();
    assert_eq!(numbers.len(), 50);
    assert_eq!(unique, expected);
}

#[test]
fn the_year_of_receipt_numbers_the_case_and_a_new_year_starts_at_one() {
    let clock = clock_at(at(2027, 1, 2, 9));
    let mut s = memory_store(&clock);
    let save = |s: &mut Store, when: &str| {
        s.save_new_petition(&petition(when, "王五", "事项"))
            .unwrap()
            .1
    };
    assert_eq!(save(&mut s, "2026-12-31 16:00"), "2026-0001");
    assert_eq!(save(&mut s, "2026-12-31 23:59"), "2026-0002");
    assert_eq!(save(&mut s, "2027-01-01 00:00"), "2027-0001");
    // a 2026 letter registered late continues 2026's sequence
    assert_eq!(save(&mut s, "2026-12-30 10:00"), "2026-0003");
    assert_eq!(save(&mut s, "2027-01-02 08:00"), "2027-0002");
}

#[test]
fn a_case_goes_through_its_whole_life_in_the_store() {
    let clock = clock_at(at(2026, 1, 10, 17));
    let mut s = memory_store(&clock);
    let (id, _) = s
        .save_new_petition(&petition("2026-01-10 09:00", "赵六", "抚恤金未发放"))
        .unwrap();
    let ledger = |s: &Store, today| s.ledger(&LedgerFilter::default(), today).unwrap();
    let row = &ledger(&s, day(2026, 1, 10))[0];
    assert_eq!(row.status, Status::Registered);
    // 15 days end on Sunday the 25th: the legal end is Monday the 26th
    assert_eq!(
        row.next_due,
        Some((DeadlineKind::Acceptance, day(2026, 1, 26)))
    );

    let go = |s: &mut Store, kind, when: NaiveDateTime| {
        clock.set(when);
        s.add_step(id, &step(kind, when)).unwrap()
    };
    go(&mut s, StepKind::Accepted, at(2026, 1, 20, 10));
    go(&mut s, StepKind::InProgress, at(2026, 1, 21, 10));
    let state = go(&mut s, StepKind::Extended, at(2026, 3, 1, 10));
    assert_eq!(state.status, Status::Extended);
    // accepted 2026-01-20: 60 days to 2026-03-21, 30 more to 2026-04-20
    let row = &ledger(&s, day(2026, 3, 1))[0];
    assert_eq!(
        row.next_due,
        Some((DeadlineKind::Handling, day(2026, 4, 20)))
    );

    clock.set(at(2026, 3, 2, 10));
    let err = s
        .add_step(id, &step(StepKind::Extended, at(2026, 3, 2, 10)))
        .unwrap_err();
    assert!(matches!(err, PetitionError::Refused(_)));
    assert_eq!(err.msg().key, "petition.step.one_extension");

    go(&mut s, StepKind::Replied, at(2026, 4, 10, 10));
    let state = go(&mut s, StepKind::Closed, at(2026, 4, 11, 10));
    assert_eq!(state.status, Status::Closed);
    let row = &ledger(&s, day(2026, 4, 11))[0];
    assert_eq!(row.closed_at, Some(at(2026, 4, 11, 10)));
    assert_eq!(row.next_due, None);

    // review reopens it; its answer (due 8 June) is the higher body's, awaited, not the
    // station's next deadline
    go(&mut s, StepKind::ReviewRequested, at(2026, 5, 8, 10));
    let row = &ledger(&s, day(2026, 5, 8))[0];
    assert_eq!(row.closed_at, None);
    assert_eq!(row.next_due, None);
    go(&mut s, StepKind::ReviewAnswered, at(2026, 6, 1, 10));
    clock.set(at(2026, 7, 2, 10));
    // a day after the window (1 July) the request is recorded only with its reason
    let err = s
        .add_step(id, &step(StepKind::ReReviewRequested, at(2026, 7, 2, 10)))
        .unwrap_err();
    assert_eq!(err.msg().key, "petition.step.late_request_reason");
    go(&mut s, StepKind::ReReviewRequested, at(2026, 7, 1, 10));
    go(&mut s, StepKind::ReReviewAnswered, at(2026, 7, 20, 10));
    let state = go(&mut s, StepKind::Closed, at(2026, 7, 21, 10));
    assert_eq!(state.status, Status::Closed);

    let steps = s.steps(id).unwrap();
    let kinds: Vec<StepKind> = steps.iter().map(|x| x.kind).collect();
    assert_eq!(kinds.len(), 11);
    assert_eq!(kinds[0], StepKind::Registered);
    assert_eq!(steps[3].note, "情况复杂，需调查");
    assert_eq!(steps[3].extension_days, Some(30));
    let back = s.petition(id).unwrap().unwrap();
    assert_eq!(back.state, state);
    // every step is in the audit trail, attributed
    let audit = s.audit_entries(None, None).unwrap();
    let steps_audited = audit
        .iter()
        .filter(|e| e.entity == "petition" && e.action == "step")
        .count();
    assert_eq!(steps_audited, 10);
    assert!(audit.iter().all(|e| e.actor == "wang"));
}

#[test]
fn ledger_filters() {
    let clock = clock_at(at(2026, 3, 31, 18));
    let mut s = memory_store(&clock);
    let mut high = petition("2026-03-01 09:00", "钱七", "宅基地纠纷");
    high.risk = Risk::High;
    let (a, a_no) = s.save_new_petition(&high).unwrap();
    let (b, _) = s
        .save_new_petition(&petition("2026-03-20 09:00", "孙八", "优待证未办理"))
        .unwrap();
    let (c, _) = s
        .save_new_petition(&petition("2026-03-30 09:00", "周九", "就业安置"))
        .unwrap();
    s.add_step(c, &step(StepKind::NotAccepted, at(2026, 3, 31, 9)))
        .unwrap();
    let today = day(2026, 3, 31);
    let ids = |f: LedgerFilter| -> Vec<i64> {
        s.ledger(&f, today)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect()
    };
    assert_eq!(ids(LedgerFilter::default()), vec![a, b, c]);
    // a: received 03-01, acceptance due 03-16, still registered: overdue
    assert_eq!(
        ids(LedgerFilter {
            overdue_only: true,
            ..Default::default()
        }),
        vec![a]
    );
    assert_eq!(
        ids(LedgerFilter {
            risk: Some(Risk::High),
            ..Default::default()
        }),
        vec![a]
    );
    assert_eq!(
        ids(LedgerFilter {
            status: Some(Status::NotAccepted),
            ..Default::default()
        }),
        vec![c]
    );
    assert_eq!(
        ids(LedgerFilter {
            from: Some(day(2026, 3, 20)),
            to: Some(day(2026, 3, 20)),
            ..Default::default()
        }),
        vec![b]
    );
    assert_eq!(
        ids(LedgerFilter {
            from: Some(day(2026, 3, 2)),
            ..Default::default()
        }),
        vec![b, c]
    );
    assert_eq!(
        ids(LedgerFilter {
            text: "孙八".into(),
            ..Default::default()
        }),
        vec![b]
    );
    assert_eq!(
        ids(LedgerFilter {
            text: a_no.clone(),
            ..Default::default()
        }),
        vec![a]
    );
    assert_eq!(
        ids(LedgerFilter {
            text: "优待证".into(),
            ..Default::default()
        }),
        vec![b]
    );
    // characters that mean something to LIKE mean nothing here
    assert!(
        ids(LedgerFilter {
            text: "%".into(),
            ..Default::default()
        })
        .is_empty()
    );
    let rows = s.ledger(&LedgerFilter::default(), today).unwrap();
    assert_eq!(rows[0].urgency, Urgency::Overdue);
    assert_eq!(rows[0].first_petitioner, "钱七");
    assert_eq!(rows[1].urgency, Urgency::None); // due 04-04, four days away
    assert_eq!(rows[2].urgency, Urgency::None);
    assert_eq!(rows[2].closed_at, Some(at(2026, 3, 31, 9)));
}

#[test]
fn due_counts_on_a_fixed_clock() {
    let clock = clock_at(at(2026, 2, 26, 9));
    let mut s = memory_store(&clock);
    // acceptance due Saturday 2026-02-28, a make-up working day: two days away on 02-26
    s.save_new_petition(&petition("2026-02-13 09:00", "吴十", "事项一"))
        .unwrap();
    // acceptance due 2026-02-25: overdue on 02-26
    let mut risky = petition("2026-02-10 09:00", "郑一", "事项二");
    risky.risk = Risk::High;
    let (late, _) = s.save_new_petition(&risky).unwrap();
    // far away
    s.save_new_petition(&petition("2026-02-26 08:00", "王二", "事项三"))
        .unwrap();
    let today = day(2026, 2, 26);
    assert_eq!(
        s.count_due(today).unwrap(),
        DueCounts {
            due_soon: 1,
            overdue: 1,
            high_risk_open: 1
        }
    );
    // deciding the late one stops it being overdue; a high-risk case ended is not counted
    let mut refuse = step(StepKind::NotAccepted, at(2026, 2, 26, 9));
    refuse.note = "已由法院受理".into();
    s.add_step(late, &refuse).unwrap();
    assert_eq!(
        s.count_due(today).unwrap(),
        DueCounts {
            due_soon: 1,
            overdue: 0,
            high_risk_open: 0
        }
    );
    // a day past 02-28 the first is overdue
    assert_eq!(s.count_due(day(2026, 3, 1)).unwrap().overdue, 1);
    assert_eq!(s.count_due(day(2026, 2, 28)).unwrap().due_soon, 1);
    // one received a day later ends on Sunday 1 March: its legal end is Monday the 2nd
    s.save_new_petition(&petition("2026-02-14 09:00", "冯三", "事项四"))
        .unwrap();
    let c = s.count_due(day(2026, 3, 2)).unwrap();
    assert_eq!((c.overdue, c.due_soon), (1, 1));
}

#[test]
fn repeat_check_by_person_and_by_name() {
    let clock = clock_at(at(2026, 4, 1, 9));
    let mut s = memory_store(&clock);
    let person = PersonInput {
        name: "张三丰".into(),
        category: "退役士兵".into(),
        ..Default::default()
    }
    .validate(IdRule::Optional)
    .unwrap();
    let pid = s.save_person(&person).unwrap();
    let mut p = petition("2026-03-01 09:00", "张三丰", "优待证未办理");
    p.petitioners[0].person_id = Some(pid);
    let (id, no) = s.save_new_petition(&p).unwrap();
    let today = day(2026, 4, 1);
    // registered but not accepted: not a repeat yet
    assert!(
        s.repeat_check(Who::Person(pid), "优待证未办理", today)
            .unwrap()
            .is_empty()
    );
    s.add_step(id, &step(StepKind::Accepted, at(2026, 3, 5, 9)))
        .unwrap();
    let hits = s
        .repeat_check(Who::Person(pid), "关于优待证未办理的问题", today)
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].case_no, no);
    assert_eq!(hits[0].reason, RepeatReason::OpenWithinDeadline);
    assert_eq!(
        s.repeat_check(Who::Name("张三丰"), "优待证未办理", today)
            .unwrap()
            .len(),
        1
    );
    // another matter, another person: no
    assert!(
        s.repeat_check(Who::Person(pid), "宅基地纠纷", today)
            .unwrap()
            .is_empty()
    );
    assert!(
        s.repeat_check(Who::Name("李四"), "优待证未办理", today)
            .unwrap()
            .is_empty()
    );
    // past the handling deadline (accepted 03-05: 60 days end on 05-04, within the May Day
    // holiday, so on Wednesday 05-06) it is the station's delay
    assert_eq!(
        s.repeat_check(Who::Person(pid), "优待证未办理", day(2026, 5, 6))
            .unwrap()
            .len(),
        1
    );
    assert!(
        s.repeat_check(Who::Person(pid), "优待证未办理", day(2026, 5, 7))
            .unwrap()
            .is_empty()
    );
    let rows = s.petitions_of_person(pid, today).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].id, id);
}

#[test]
fn a_version_one_database_upgrades_with_or_without_walk_ins() {
    if crate::common::pg::file_only("a_version_one_database_upgrades_with_or_without_walk_ins") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let clock = clock_at(at(2026, 11, 25, 9));
    for with_two in [false, true] {
        let path = dir.path().join(format!("v1-{with_two}.db"));
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0].1).unwrap();
            let mut version = 1;
            if with_two {
                // The walk-ins migration (2): tables petitions do not use, which later
                // migrations of walk-ins alter.
                conn.execute_batch(MIGRATIONS[1].1).unwrap();
                version = 2;
            }
            conn.execute_batch(&format!(
                "PRAGMA user_version = {version}; PRAGMA application_id = {};",
                stationdesk::store::APPLICATION_ID
            ))
            .unwrap();
        }
        let mut s = file_store(&path, &clock);
        assert_eq!(s.schema_version().unwrap(), latest());
        let (_, no) = s
            .save_new_petition(&petition("2026-11-25 08:00", "张三丰", "事项"))
            .unwrap();
        assert_eq!(no, "2026-0001");
    }
}
