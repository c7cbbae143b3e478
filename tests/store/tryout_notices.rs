//! A voided step no longer stands: no notice reports it. Seen at the desk: F4, a case,
//! `a` 受理, `v` void it, `n` — the menu still offered 受理告知书 and issued it.
#![allow(clippy::unwrap_used)]
use crate::common;

use chrono::{NaiveDate, NaiveDateTime};
use stationdesk::domain::petition::notice::NoticeKind;
use stationdesk::domain::petition::{PetitionInput, PetitionerInput, Step, StepKind};
use stationdesk::exchange::notices::{NoticeError, issue};

fn at(d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, d)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

#[test]
fn an_acceptance_notice_is_refused_once_the_acceptance_is_voided() {
    let clock = common::clock_at(at(1));
    let mut s = crate::common::store(None, clock.clone());
    let input = PetitionInput {
        channel: "来信".into(),
        received_at: "2026-12-01".into(),
        petitioners: vec![PetitionerInput {
            name: "李四".into(),
            address: "某村".into(),
            ..Default::default()
        }],
        people_count: "1".into(),
        subject: "优抚金".into(),
        request: "请求补发".into(),
        risk: "低".into(),
        handler: "wang".into(),
        ..Default::default()
    };
    let (id, _) = s
        .save_new_petition(&input.validate(at(1).date()).unwrap())
        .unwrap();
    clock.set(at(3));
    s.add_step(id, &Step::new(StepKind::Accepted, at(3), "wang"))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let case = s.petition(id).unwrap().unwrap();
    // Before the void the notice is issued: the refusal below is the void's doing.
    issue(
        &s,
        &case,
        NoticeKind::Accepted,
        Some(&dir.path().join("a.docx")),
    )
    .unwrap();
    s.void_step(id, 1, "误点受理").unwrap();
    let case = s.petition(id).unwrap().unwrap();
    let out = dir.path().join("b.docx");
    let refused = issue(&s, &case, NoticeKind::Accepted, Some(&out));
    assert!(
        matches!(refused, Err(NoticeError::Refused(_))),
        "{refused:?}"
    );
    assert!(!out.exists());
}
