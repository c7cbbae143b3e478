//! Two desks on one file: an edit saved over a record the other desk changed since it was
//! read is refused with who changed it and when; nothing is overwritten silently.
#![allow(clippy::unwrap_used)]
use crate::common;
use stationdesk::store::{ChangeFeed, StoreError};

#[test]
fn an_edit_over_another_desk_s_change_is_refused_with_who_and_when() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desks.db");
    let mut a = common::store_as("wangli", Some(&path), common::clock());
    common::fill(&mut a);
    let mut b = common::store_as("zhaomin", Some(&path), common::clock());
    let id = a
        .person_by_id_number(&common::sample_people()[0].id_number)
        .unwrap()
        .unwrap()
        .id
        .unwrap();
    // Both desks open the record.
    let mut on_a = a.person(id).unwrap().unwrap();
    let mut on_b = b.person(id).unwrap().unwrap();
    assert!(on_a.version > 0);
    on_b.phone = "13900001111".into();
    b.save_person(&on_b).unwrap();
    on_a.notes = "desk A's note".into();
    let err = a.save_person(&on_a).unwrap_err();
    match &err {
        StoreError::ChangedMeanwhile { actor, at } => {
            assert_eq!(actor, "zhaomin");
            assert_eq!(at, &common::now().format("%Y-%m-%d %H:%M:%S").to_string());
        }
        other => panic!("{other:?}"),
    }
    // B's change stands, A's was not written.
    let stored = a.person(id).unwrap().unwrap();
    assert_eq!(stored.phone, "13900001111");
    assert_ne!(stored.notes, "desk A's note");
    // Read again, A's edit goes through.
    let mut fresh = stored;
    fresh.notes = "desk A's note".into();
    a.save_person(&fresh).unwrap();
    assert_eq!(a.person(id).unwrap().unwrap().notes, "desk A's note");
    // Both saves are in the change log the desks follow.
    let log = b.changes_since(0, 10_000).unwrap();
    assert!(
        log.iter()
            .filter(|c| c.entity_id == id && c.is("person"))
            .count()
            >= 3
    );
}
