//! Issue 16, items 3, 5 and 6 in the store: a voided step is kept and the case follows the
//! rest (status, deadline, lateness in the ledger and the figures); only an administrator
//! voids; a review answer awaited from the higher body is not the station's overdue item;
//! a high-risk case registered that day answers the checklist from its report upward.
#![allow(clippy::unwrap_used)]
use crate::common;

use chrono::{NaiveDate, NaiveDateTime};
use stationdesk::domain::officer::{HashCost, HashedPassword, Role};
use stationdesk::domain::petition::{
    Delivery, PetitionInput, PetitionerInput, ReportMethod, RiskReport, Status, Step, StepKind,
};
use stationdesk::store::Store;
use stationdesk::store::petitions::LedgerFilter;

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

fn petition(received: &str, people: &str, risk: &str) -> stationdesk::domain::petition::Petition {
    PetitionInput {
        channel: "来信".into(),
        received_at: received.into(),
        petitioners: vec![PetitionerInput {
            name: "李四".into(),
            address: "某村".into(),
            ..Default::default()
        }],
        people_count: people.into(),
        subject: "优抚金".into(),
        request: "请求补发".into(),
        risk: risk.into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(NaiveDate::from_ymd_opt(2027, 1, 5).unwrap())
    .unwrap()
}

/// Received 2026-12-01, accepted late on 2027-01-05 (20 days past 2026-12-16).
fn late_case() -> (Store, std::sync::Arc<stationdesk::clock::FixedClock>, i64) {
    let clock = common::clock_at(at(2026, 12, 1));
    let mut s = crate::common::store(None, clock.clone());
    s.set_actor("wang");
    let (id, _) = s
        .save_new_petition(&petition("2026-12-01", "1", "低"))
        .unwrap();
    clock.set(at(2027, 1, 5));
    s.add_step(id, &Step::new(StepKind::Accepted, at(2027, 1, 5), "wang"))
        .unwrap();
    (s, clock, id)
}

#[test]
fn a_voided_step_is_kept_and_the_status_lateness_and_figures_follow_the_rest() {
    let (mut s, _clock, id) = late_case();
    let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
    assert_eq!(s.count_handled_late(day(1, 1), day(1, 31)).unwrap(), 1);
    let state = s.void_step(id, 1, "误点受理，实为不予受理").unwrap();
    assert_eq!(state.status, Status::Registered);
    let steps = s.steps(id).unwrap();
    assert_eq!(steps.len(), 2, "the voided step is kept");
    let v = steps[1].voided.as_ref().unwrap();
    assert_eq!(
        (v.by.as_str(), v.reason.as_str()),
        ("wang", "误点受理，实为不予受理")
    );
    let case = s.petition(id).unwrap().unwrap();
    assert_eq!(case.state.status, Status::Registered);
    let rows = s.ledger(&LedgerFilter::default(), day(1, 5)).unwrap();
    assert_eq!(rows[0].status, Status::Registered);
    assert!(
        rows[0].late.is_empty(),
        "a voided step's lateness is not counted"
    );
    assert_eq!(s.count_handled_late(day(1, 1), day(1, 31)).unwrap(), 0);
    // the acceptance deadline runs again: overdue since 2026-12-16
    assert_eq!(
        rows[0].next_due.map(|(_, d)| d),
        Some(NaiveDate::from_ymd_opt(2026, 12, 16).unwrap())
    );
    assert_eq!(
        s.void_step(id, 1, "again").unwrap_err().msg().key,
        "petition.void.already"
    );
}

#[test]
fn only_an_administrator_voids_a_step() {
    let (mut s, _clock, id) = late_case();
    let pw = HashedPassword::with_cost("correct horse 1", HashCost::TESTING).unwrap();
    s.add_officer("boss", "", Role::Admin, &pw).unwrap();
    s.add_officer("wang", "王", Role::Officer, &pw).unwrap();
    s.set_actor("wang");
    assert_eq!(
        s.void_step(id, 1, "误点").unwrap_err().msg().key,
        "petition.void.admin_only"
    );
    assert_eq!(s.steps(id).unwrap()[1].voided, None);
    s.set_actor("boss");
    s.void_step(id, 1, "误点").unwrap();
    assert_eq!(s.steps(id).unwrap()[1].voided.as_ref().unwrap().by, "boss");
}

#[test]
fn a_review_answer_awaited_from_the_higher_body_is_not_counted_overdue() {
    let clock = common::clock_at(at(2026, 3, 2));
    let mut s = crate::common::store(None, clock.clone());
    s.set_actor("wang");
    let (id, _) = s
        .save_new_petition(&petition("2026-03-02", "1", "低"))
        .unwrap();
    s.add_step(id, &Step::new(StepKind::Accepted, at(2026, 3, 2), "wang"))
        .unwrap();
    clock.set(at(2026, 3, 20));
    s.add_step(
        id,
        &Step::reply(
            at(2026, 3, 20),
            "wang",
            "经核查答复如下",
            Delivery::InPerson,
        ),
    )
    .unwrap();
    clock.set(at(2026, 4, 1));
    let mut req = Step::new(StepKind::ReviewRequested, at(2026, 4, 1), "wang");
    req.forwarded_to = Some("市退役军人事务局".into());
    s.add_step(id, &req).unwrap();
    // the answer was due in early May; on 1 July the station has nothing overdue
    let july = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    clock.set(july.and_hms_opt(9, 0, 0).unwrap());
    let due = s.count_due(july).unwrap();
    assert_eq!(due.overdue, 0);
    let filter = LedgerFilter {
        overdue_only: true,
        ..Default::default()
    };
    assert!(s.ledger(&filter, july).unwrap().is_empty());
    assert_eq!(
        s.steps(id).unwrap()[3].forwarded_to.as_deref(),
        Some("市退役军人事务局")
    );
}

#[test]
fn a_high_risk_petition_of_twelve_unreported_is_an_exception_until_reported() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    let clock = common::clock_at(at(2026, 11, 2));
    let mut s = crate::common::store(None, clock.clone());
    s.set_actor("wang");
    let (id, _) = s
        .save_new_petition(&petition("2026-11-02", "12", "高"))
        .unwrap();
    let counts = s.high_risk_counts(today).unwrap();
    assert_eq!((counts.new_today, counts.unreported), (1, 1));
    let facts = s.checklist_live_facts(today, counts).unwrap();
    assert_eq!(facts.high_risk_unreported, 1);
    assert_eq!(s.count_high_risk_unreported().unwrap(), 1);
    clock.set(today.and_hms_opt(15, 0, 0).unwrap());
    s.record_risk_report(
        id,
        &RiskReport {
            to: "县信访局值班室".into(),
            method: ReportMethod::Phone,
            at: today.and_hms_opt(14, 30, 0).unwrap(),
            by: "wang".into(),
        },
    )
    .unwrap();
    let counts = s.high_risk_counts(today).unwrap();
    assert_eq!((counts.new_today, counts.unreported), (1, 0));
    assert_eq!(s.count_high_risk_unreported().unwrap(), 0);
    let reports = s.risk_reports(id).unwrap();
    assert_eq!(reports[0].to, "县信访局值班室");
    assert_eq!(reports[0].method, ReportMethod::Phone);
}
