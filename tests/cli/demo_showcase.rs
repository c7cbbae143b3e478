//! Issue 16, the demo data: `stationdesk demo` includes one case of each kind the intake and
//! the procedure record (a fax, an anonymous letter, a 交办 case with its assigner's
//! deadline, a 转送 awaiting feedback, a refusal with its channel, a high-risk case with its
//! 上报 record, a voided step), and the same clock gives the same cases.
#![allow(clippy::unwrap_used)]
use crate::common::clock_at;
use chrono::NaiveDateTime;
use stationdesk::domain::petition::deadlines::DeadlineKind;
use stationdesk::domain::petition::{Channel, Redirect, Risk, Source, Status, StepKind};
use stationdesk::store::Store;
use stationdesk::store::petitions::{LedgerFilter, LedgerRow};
use std::path::Path;
use std::process::Command;

const NOW: &str = "2026-11-25 10:00";

fn demo(db: &Path) -> Store {
    let out = Command::new(env!("CARGO_BIN_EXE_stationdesk"))
        .arg("--db")
        .arg(db)
        .args(["demo", "--people", "60", "--seed", "5"])
        .env("STATIONDESK_CONFIG_DIR", db.with_extension("config"))
        .env("STATIONDESK_NOW", NOW)
        .env_remove("STATIONDESK_DB")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let now = NaiveDateTime::parse_from_str(NOW, "%Y-%m-%d %H:%M").unwrap();
    Store::open_with_clock(db, clock_at(now)).unwrap()
}

fn ledger(store: &Store) -> Vec<LedgerRow> {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    store.ledger(&LedgerFilter::default(), today).unwrap()
}

#[test]
fn the_demo_shows_every_kind_of_case() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(&dir.path().join("a.db"));
    let rows = ledger(&store);
    let cases: Vec<_> = rows
        .iter()
        .map(|r| store.petition(r.id).unwrap().unwrap())
        .collect();
    let find = |what: &str, test: &dyn Fn(usize) -> bool| {
        (0..rows.len())
            .find(|i| test(*i))
            .unwrap_or_else(|| panic!("the demo has no {what}"))
    };
    find("fax", &|i| rows[i].channel == Channel::Fax);
    let anonymous = find("anonymous letter", &|i| cases[i].petition.anonymous);
    assert_eq!(rows[anonymous].next_due, None, "no notice deadline runs");
    let assigned = find("交办 case", &|i| {
        cases[i].petition.source == Source::Assigned
    });
    assert!(cases[assigned].petition.assigner_due.is_some());
    assert!(!cases[assigned].petition.assigner.is_empty());
    let forwarded = find("转送 awaiting feedback", &|i| {
        rows[i].status == Status::Forwarded
            && matches!(rows[i].next_due, Some((DeadlineKind::Feedback, _)))
    });
    assert!(cases[forwarded].state.feedback_received.is_none());
    find("refusal with its channel", &|i| {
        store
            .steps(rows[i].id)
            .unwrap()
            .iter()
            .any(|s| s.kind == StepKind::NotAccepted && s.redirect == Some(Redirect::Arbitration))
    });
    find("high-risk case reported upward", &|i| {
        rows[i].risk == Risk::High && !store.risk_reports(rows[i].id).unwrap().is_empty()
    });
    find("voided step", &|i| {
        store
            .steps(rows[i].id)
            .unwrap()
            .iter()
            .any(|s| s.voided.is_some())
    });

    // The same clock and seed give the same cases.
    let again = demo(&dir.path().join("b.db"));
    let summary = |rows: &[LedgerRow]| {
        rows.iter()
            .map(|r| (r.case_no.clone(), r.channel, r.status, r.next_due))
            .collect::<Vec<_>>()
    };
    assert_eq!(summary(&rows), summary(&ledger(&again)));
}
