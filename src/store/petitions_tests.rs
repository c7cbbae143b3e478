//! Registration, steps and the ledger on an in-memory store.
use super::*;
use crate::clock::FixedClock;
use crate::domain::petition::{PetitionInput, PetitionerInput};
use std::sync::Arc;

fn store() -> Store {
    let at = NaiveDate::from_ymd_opt(2026, 11, 25)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let mut s = Store::open_in_memory(Arc::new(FixedClock::new(at))).unwrap();
    s.set_actor("wang");
    s
}

fn petition() -> Petition {
    PetitionInput {
        channel: "visit".into(),
        received_at: "2026-11-25 08:30".into(),
        petitioners: vec![PetitionerInput {
            name: "张三丰".into(),
            phone: "13800001234".into(),
            ..Default::default()
        }],
        representatives: "甲、乙".into(),
        subject: "优待证".into(),
        request: "请求办理".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
    .unwrap()
}

#[test]
fn a_saved_petition_reads_back_whole() {
    let mut s = store();
    let p = petition();
    let (id, no) = s.save_new_petition(&p).unwrap();
    assert_eq!(no, "2026-0001");
    let back = s.petition(id).unwrap().unwrap();
    assert_eq!(back.petition, p);
    assert_eq!(back.case_no, no);
    assert_eq!(back.state.status, Status::Registered);
    let steps = s.steps(id).unwrap();
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0].officer, "wang");
    assert_eq!(
        s.petition_by_case_no("２０２６-０００１")
            .unwrap()
            .unwrap()
            .id,
        id
    );
    assert!(s.petition(id + 1).unwrap().is_none());
    let audit = s.audit_entries(None, None).unwrap();
    assert_eq!(audit.last().unwrap().entity, "petition");
}

#[test]
fn steps_are_append_only() {
    let mut s = store();
    let (id, _) = s.save_new_petition(&petition()).unwrap();
    assert!(
        s.conn()
            .execute("UPDATE petition_steps SET officer = 'x'", ())
            .is_err()
    );
    assert!(s.conn().execute("DELETE FROM petition_steps", ()).is_err());
    assert_eq!(s.steps(id).unwrap().len(), 1);
}

#[test]
fn refused_steps_change_nothing() {
    let mut s = store();
    let (id, _) = s.save_new_petition(&petition()).unwrap();
    let at = NaiveDate::from_ymd_opt(2026, 11, 25)
        .unwrap()
        .and_hms_opt(8, 45, 0)
        .unwrap();
    let err = s
        .add_step(id, &Step::new(StepKind::Replied, at, "wang"))
        .unwrap_err();
    assert_eq!(err.msg().key, "petition.step.reply_before_acceptance");
    let future = at + chrono::Duration::days(1);
    let err = s
        .add_step(id, &Step::new(StepKind::Accepted, future, "wang"))
        .unwrap_err();
    assert_eq!(err.msg().key, "petition.step.future");
    let err = s
        .add_step(999, &Step::new(StepKind::Accepted, at, "wang"))
        .unwrap_err();
    assert_eq!(err.msg().key, "petition.store.not_found");
    assert_eq!(s.steps(id).unwrap().len(), 1);
}

#[test]
fn an_unknown_person_is_not_linked() {
    let mut s = store();
    let mut p = petition();
    p.petitioners[0].person_id = Some(42);
    assert!(matches!(
        s.save_new_petition(&p),
        Err(PetitionError::Store(StoreError::NotFound(_)))
    ));
    // a receipt later today than the clock is refused too
    let mut late = petition();
    late.received_at += chrono::Duration::hours(3);
    assert_eq!(
        s.save_new_petition(&late).unwrap_err().msg().key,
        "petition.received_future"
    );
    // the failed saves used no number
    assert_eq!(s.save_new_petition(&petition()).unwrap().1, "2026-0001");
}
