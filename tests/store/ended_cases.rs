//! A forwarded case is an ended case in the monthly figures, and the petitions export shows a
//! replied case's review window as the case screen does.
#![allow(clippy::unwrap_used)]
use crate::common;

use chrono::{NaiveDate, NaiveDateTime};
use stationdesk::domain::petition::{Delivery, PetitionInput, PetitionerInput, Step, StepKind};
use stationdesk::domain::report::Period;
use stationdesk::exchange::Cell;
use stationdesk::exchange::exports::{ExportRequest, Ledger, build_table};
use stationdesk::i18n::{Lang, t};
use stationdesk::store::Store;
use stationdesk::store::report_data::gather;

fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

fn at(day: u32, h: u32) -> NaiveDateTime {
    d(day).and_hms_opt(h, 0, 0).unwrap()
}

/// Two cases received on the 2nd: one forwarded on the 3rd, one replied in person on the 20th.
fn fixture() -> Store {
    let clock = common::clock_at(at(2, 9));
    let mut store = crate::common::store(None, clock.clone());
    store.set_actor("wang");
    for (i, subject) in ["转送的事项", "答复的事项"].into_iter().enumerate() {
        clock.set(at(2, 9));
        let petition = PetitionInput {
            channel: "来访".into(),
            received_at: "2026-11-02 09:00".into(),
            petitioners: vec![PetitionerInput {
                name: format!("信访人{}", ["甲", "乙"][i]),
                phone: "13800001234".into(),
                ..Default::default()
            }],
            subject: subject.into(),
            request: "请求依法处理".into(),
            risk: "低".into(),
            handler: "wang".into(),
            ..Default::default()
        }
        .validate(d(2))
        .unwrap();
        let (id, _) = store.save_new_petition(&petition).unwrap();
        if i == 0 {
            clock.set(at(3, 9));
            let mut step = Step::new(StepKind::Forwarded, at(3, 9), "wang");
            step.forwarded_to = Some("县人社局".into());
            store.add_step(id, &step).unwrap();
        } else {
            for (kind, day) in [(StepKind::Accepted, 3), (StepKind::InProgress, 4)] {
                clock.set(at(day, 9));
                store
                    .add_step(id, &Step::new(kind, at(day, 9), "wang"))
                    .unwrap();
            }
            clock.set(at(20, 9));
            let reply = Step::reply(at(20, 9), "wang", "经核查，已答复", Delivery::InPerson);
            store.add_step(id, &reply).unwrap();
        }
    }
    clock.set(at(25, 10));
    store
}

#[test]
fn a_forwarded_case_counts_as_closed_in_the_month() {
    let store = fixture();
    let r = gather(&store, Period::month_of(d(25)), d(25), Lang::Zh).unwrap();
    assert_eq!(r.petitions.received, 2);
    assert_eq!(r.petitions.closed, 1, "{:?}", r.petitions);
}

#[test]
fn the_export_shows_a_replied_cases_review_window() {
    let store = fixture();
    let table = build_table(
        &store,
        &ExportRequest {
            ledger: Ledger::Petitions,
            from: None,
            to: None,
            unmasked: false,
            lang: Lang::Zh,
            today: d(25),
        },
    )
    .unwrap();
    let col = |key: &str| {
        let head = t(Lang::Zh, key);
        table.headers.iter().position(|h| *h == head).unwrap()
    };
    let subject = col("export.subject");
    let row = table
        .rows
        .iter()
        .find(|r| r[subject] == Cell::Text("答复的事项".into()))
        .unwrap();
    // Received in person on Friday the 20th: 30 days, to Sunday 20 December, rolled to Monday.
    assert_eq!(
        row[col("export.next_deadline")],
        Cell::Text(t(Lang::Zh, "petition.deadline.review_request")),
        "{row:?}"
    );
    assert_eq!(
        row[col("export.deadline_date")],
        Cell::Date(NaiveDate::from_ymd_opt(2026, 12, 21).unwrap()),
        "{row:?}"
    );
    // The forwarded case awaits the receiving body's feedback, 15 days after forwarding.
    let forwarded = table
        .rows
        .iter()
        .find(|r| r[subject] == Cell::Text("转送的事项".into()))
        .unwrap();
    assert_eq!(
        forwarded[col("export.next_deadline")],
        Cell::Text(t(Lang::Zh, "petition.deadline.feedback"))
    );
    assert_eq!(
        forwarded[col("export.deadline_date")],
        Cell::Date(NaiveDate::from_ymd_opt(2026, 11, 18).unwrap())
    );
}
