//! Issue 16, the county's monthly figures: anonymity as recorded at intake, the breakdowns
//! by source and type, and a handled-late count that takes every late step of the
//! station's own (a village station's 转报, the 办结报告 owed to an assigner) but never a
//! voided step.
#![allow(clippy::unwrap_used)]
use crate::common;

use chrono::{NaiveDate, NaiveDateTime};
use stationdesk::domain::petition::{
    Delivery, PetitionInput, PetitionType, PetitionerInput, Source, Step, StepKind,
};
use stationdesk::domain::report::Period;
use stationdesk::i18n::Lang;
use stationdesk::store::Store;
use stationdesk::store::report_data::gather;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, d).unwrap()
}

fn at(d: u32) -> NaiveDateTime {
    day(d).and_hms_opt(10, 0, 0).unwrap()
}

fn input(received: u32, name: &str) -> PetitionInput {
    PetitionInput {
        channel: "来信".into(),
        received_at: format!("2027-01-{received:02} 09:00"),
        petitioners: vec![PetitionerInput {
            name: name.into(),
            address: "某村".into(),
            ..Default::default()
        }],
        subject: "优抚金".into(),
        request: "请求补发".into(),
        handler: "wang".into(),
        ..Default::default()
    }
}

fn january(s: &Store) -> stationdesk::domain::report::PetitionFigures {
    gather(
        s,
        Period::Month {
            year: 2027,
            month: 1,
        },
        day(31),
        Lang::Zh,
    )
    .unwrap()
    .petitions
}

#[test]
fn figures_count_recorded_anonymity_source_type_and_a_late_report_to_the_assigner() {
    let clock = common::clock_at(at(13));
    let mut s = common::store_as("wang", None, clock);
    // 交办 by the county bureau, its report due the 8th; sent on the 13th: 5 days late.
    let mut assigned = input(4, "李四");
    assigned.source = "交办".into();
    assigned.assigner = "县信访局".into();
    assigned.assigner_due = "2027-01-08".into();
    assigned.kind = "申诉求决".into();
    let (a, _) = s
        .save_new_petition(&assigned.validate(day(4)).unwrap())
        .unwrap();
    // An anonymous letter signed with a name that cannot be traced.
    let mut letter = input(5, "张某");
    letter.anonymous = true;
    letter.kind = "检举控告".into();
    s.save_new_petition(&letter.validate(day(5)).unwrap())
        .unwrap();
    s.add_step(a, &Step::new(StepKind::Accepted, at(5), "wang"))
        .unwrap();
    let reply = Step::reply(at(7), "wang", "已补发", Delivery::InPerson);
    s.add_step(a, &reply).unwrap();
    s.add_step(a, &Step::new(StepKind::ReportSent, at(13), "wang"))
        .unwrap();

    let f = january(&s);
    assert_eq!(
        f.handled_late, 1,
        "the late 办结报告 is the station's late step"
    );
    let line = |k: &str| f.counts.flagged.iter().find(|(l, _)| *l == k).unwrap().1;
    assert_eq!(line("report_petitions.anonymous").cases, 1);
    let rows = |title: &str| {
        f.counts
            .breakdowns
            .iter()
            .find(|b| b.title_key == title)
            .unwrap_or_else(|| panic!("no breakdown {title}"))
            .rows
            .iter()
            .map(|(label, n)| (*label, n.cases))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        rows("report_petitions.by_source"),
        [
            (Source::Assigned.label_key(), 1),
            (Source::Local.label_key(), 1)
        ]
    );
    assert_eq!(
        rows("report_petitions.by_type"),
        [
            (PetitionType::Appeal.label_key(), 1),
            (PetitionType::Accusation.label_key(), 1)
        ]
    );
    // Voided, the late report no longer counts.
    let sent = s.steps(a).unwrap().len() - 1;
    s.void_step(a, sent, "误录").unwrap();
    assert_eq!(january(&s).handled_late, 0);
}

#[test]
fn a_village_stations_late_pass_up_counts_as_handled_late() {
    let clock = common::clock_at(at(4));
    let mut s = common::store_as("wang", None, clock.clone());
    s.set_setting("station_level", "village").unwrap();
    let (id, _) = s
        .save_new_petition(&input(4, "李四").validate(day(4)).unwrap())
        .unwrap();
    clock.set(at(6));
    let mut up = Step::new(StepKind::PassedUp, at(6), "wang");
    up.forwarded_to = Some("城关镇信访办".into());
    s.add_step(id, &up).unwrap();
    assert_eq!(january(&s).handled_late, 1);
}
