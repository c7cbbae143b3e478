//! A save that names its form's draft removes it in the save's own transaction: the record
//! and the draft's removal commit together or not at all, for every form that keeps drafts.
use super::*;
use crate::clock::FixedClock;
use crate::domain::person::{IdRule, Person, PersonInput};
use crate::domain::petition::{Petition, PetitionInput, PetitionerInput};
use crate::domain::visit::{Visit, VisitInput};
use std::sync::Arc;

fn now() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap()
}

fn store() -> Store {
    let mut s = Store::open_in_memory(Arc::new(FixedClock::new(now()))).unwrap();
    s.set_actor("wang");
    s
}

const VISIT: DraftKey = DraftKey {
    form: "visit",
    key: "",
    officer: "wang",
};
const PERSON: DraftKey = DraftKey {
    form: "person",
    key: "",
    officer: "wang",
};
const PETITION: DraftKey = DraftKey {
    form: "petition",
    key: "visit-1",
    officer: "wang",
};

fn keep(s: &Store, d: DraftKey) {
    s.save_draft(d.form, d.key, d.officer, "{\"summary\":\"typed\"}")
        .unwrap();
}

fn kept(s: &Store, d: DraftKey) -> bool {
    s.draft(d.form, d.key, d.officer).unwrap().is_some()
}

fn count(s: &Store, table: &str) -> i64 {
    s.conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), (), |r| r.get(0))
        .unwrap()
}

/// Makes removing any draft fail, as a disk error inside the transaction would.
fn break_draft_removal(s: &Store) {
    s.conn()
        .execute_batch(
            "CREATE TEMP TRIGGER no_draft_delete BEFORE DELETE ON main.drafts \
             BEGIN SELECT RAISE(ABORT, 'draft removal failed'); END;",
        )
        .unwrap();
}

fn visit(person_id: Option<i64>) -> Visit {
    VisitInput {
        person_id,
        visitor_name: "赵六".into(),
        purpose: Some(0),
        summary: "询问优待证".into(),
        outcome: "done".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(now())
    .unwrap()
}

fn person(id_number: &str) -> Person {
    PersonInput {
        name: "钱七".into(),
        id_number: id_number.into(),
        category: "退役士兵".into(),
        ..Default::default()
    }
    .validate(IdRule::Optional)
    .unwrap()
}

fn petition(from_visit: Option<i64>) -> Petition {
    let mut p = PetitionInput {
        channel: "visit".into(),
        received_at: "2026-11-25 08:30".into(),
        petitioners: vec![PetitionerInput {
            name: "张三丰".into(),
            phone: "13800001234".into(),
            ..Default::default()
        }],
        subject: "优待证".into(),
        request: "请求办理".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(now().date())
    .unwrap();
    p.from_visit = from_visit;
    p
}

#[test]
fn a_saved_walk_in_takes_its_draft_with_it() {
    let mut s = store();
    keep(&s, VISIT);
    keep(&s, DraftKey { key: "7", ..VISIT });
    s.save_visit_clearing_draft(&visit(None), Some(VISIT))
        .unwrap();
    assert_eq!(count(&s, "visits"), 1);
    assert!(!kept(&s, VISIT));
    // Only the form's own draft: another record's stays.
    assert!(kept(&s, DraftKey { key: "7", ..VISIT }));
    // Without a key nothing else is touched.
    keep(&s, VISIT);
    s.save_visit(&visit(None)).unwrap();
    assert!(kept(&s, VISIT));
}

#[test]
fn a_walk_in_that_fails_keeps_its_draft() {
    let mut s = store();
    keep(&s, VISIT);
    // Nobody has id 999: the foreign key refuses the row.
    assert!(
        s.save_visit_clearing_draft(&visit(Some(999)), Some(VISIT))
            .is_err()
    );
    assert_eq!(count(&s, "visits"), 0);
    assert!(kept(&s, VISIT));
}

#[test]
fn a_walk_in_and_its_draft_removal_are_one_transaction() {
    let mut s = store();
    keep(&s, VISIT);
    break_draft_removal(&s);
    assert!(
        s.save_visit_clearing_draft(&visit(None), Some(VISIT))
            .is_err()
    );
    // The removal failed, so the walk-in and its audit record were rolled back with it.
    assert_eq!(count(&s, "visits"), 0);
    assert_eq!(count(&s, "audit"), 0);
    assert!(kept(&s, VISIT));
}

#[test]
fn a_saved_person_takes_the_draft_with_it_and_a_refused_one_keeps_it() {
    let mut s = store();
    keep(&s, PERSON);
    let id = s
        .save_person_clearing_draft(&person("11010519491231002X"), Some(PERSON))
        .unwrap();
    assert!(!kept(&s, PERSON));
    // The same ID number again is refused: the typing survives.
    keep(&s, PERSON);
    let err = s
        .save_person_clearing_draft(&person("11010519491231002X"), Some(PERSON))
        .unwrap_err();
    assert!(
        matches!(err, crate::store::StoreError::Duplicate(_)),
        "{err:?}"
    );
    assert!(kept(&s, PERSON));
    // An edit's draft is keyed by the record.
    let edit = DraftKey { key: "1", ..PERSON };
    keep(&s, edit);
    let mut p = s.person(id).unwrap().unwrap();
    p.phone = "13800001234".into();
    s.save_person_clearing_draft(&p, Some(edit)).unwrap();
    assert!(!kept(&s, edit));
    assert!(kept(&s, PERSON));
}

#[test]
fn a_person_and_its_draft_removal_are_one_transaction() {
    let mut s = store();
    keep(&s, PERSON);
    break_draft_removal(&s);
    assert!(
        s.save_person_clearing_draft(&person(""), Some(PERSON))
            .is_err()
    );
    assert_eq!(s.count_people().unwrap(), 0);
    assert!(kept(&s, PERSON));
}

#[test]
fn a_registered_petition_takes_its_draft_with_it_and_links_its_walk_in() {
    let mut s = store();
    let visit_id = s.save_visit(&visit(None)).unwrap();
    assert_eq!(visit_id, 1, "the draft key names walk-in 1");
    keep(&s, PETITION);
    let (id, _) = s
        .save_new_petition_clearing_draft(&petition(Some(visit_id)), Some(PETITION))
        .unwrap();
    assert!(!kept(&s, PETITION));
    assert_eq!(s.visit(visit_id).unwrap().unwrap().petition_id, Some(id));
}

#[test]
fn a_refused_petition_keeps_its_draft() {
    let mut s = store();
    keep(&s, PETITION);
    let mut late = petition(None);
    late.received_at = now() + chrono::Duration::hours(1);
    assert!(
        s.save_new_petition_clearing_draft(&late, Some(PETITION))
            .is_err()
    );
    let mut ghost = petition(None);
    ghost.petitioners[0].person_id = Some(999);
    assert!(
        s.save_new_petition_clearing_draft(&ghost, Some(PETITION))
            .is_err()
    );
    assert_eq!(count(&s, "petitions"), 0);
    assert!(kept(&s, PETITION));
}

#[test]
fn a_petition_and_its_draft_removal_are_one_transaction() {
    let mut s = store();
    keep(&s, PETITION);
    break_draft_removal(&s);
    assert!(
        s.save_new_petition_clearing_draft(&petition(None), Some(PETITION))
            .is_err()
    );
    assert_eq!(count(&s, "petitions"), 0);
    assert_eq!(count(&s, "case_counters"), 0);
    assert!(kept(&s, PETITION));
}
