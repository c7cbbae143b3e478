//! Every write of a followed record leaves a change row in its own transaction, with the
//! writer's name and clock; a write that fails leaves none.
use super::*;
use crate::clock::FixedClock;
use crate::domain::person::{IdRule, Person, PersonInput};
use crate::domain::visit::VisitInput;
use chrono::NaiveDateTime;
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

fn person(name: &str, id_number: &str) -> Person {
    PersonInput {
        name: name.into(),
        id_number: id_number.into(),
        category: "退役士兵".into(),
        ..Default::default()
    }
    .validate(IdRule::Optional)
    .unwrap()
}

#[test]
fn a_saved_person_is_logged_with_who_and_when() {
    let mut s = store();
    assert_eq!(s.change_seq().unwrap(), 0);
    let id = s.save_person(&person("钱七", "")).unwrap();
    let seq = s.change_seq().unwrap();
    assert!(seq > 0);
    let all = s.changes_since(0, 100).unwrap();
    let mine: Vec<_> = all.iter().filter(|c| c.is(PERSON)).collect();
    assert_eq!(mine.len(), 1, "{all:?}");
    assert_eq!(mine[0].entity_id, id);
    assert_eq!(mine[0].op, Op::Insert);
    assert_eq!(mine[0].actor, "wang");
    assert_eq!(mine[0].at, "2026-11-25 09:30:00");

    let mut edited = s.person(id).unwrap().unwrap();
    edited.notes = "改过".into();
    s.set_actor("li");
    s.save_person(&edited).unwrap();
    let after = s.changes_since(seq, 100).unwrap();
    assert!(after.iter().all(|c| c.seq > seq));
    let last = s.last_change(PERSON, id).unwrap().unwrap();
    assert_eq!((last.op, last.actor.as_str()), (Op::Update, "li"));
    assert_eq!(s.change_seq().unwrap(), after.last().unwrap().seq);
}

#[test]
fn walk_ins_and_family_links_are_logged_and_a_failed_write_is_not() {
    let mut s = store();
    let a = s.save_person(&person("钱七", "")).unwrap();
    let b = s.save_person(&person("钱八", "")).unwrap();
    let before = s.change_seq().unwrap();
    let visit = VisitInput {
        person_id: Some(a),
        visitor_name: "钱七".into(),
        purpose: Some(0),
        summary: "询问优待证".into(),
        outcome: "done".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(now())
    .unwrap();
    let vid = s.save_visit(&visit).unwrap();
    s.link_family(&crate::domain::person::FamilyLink {
        person_id: a,
        relative_id: b,
        relation: "配偶".into(),
    })
    .unwrap();
    let entities: Vec<(String, i64)> = s
        .changes_since(before, 100)
        .unwrap()
        .into_iter()
        .map(|c| (c.entity, c.entity_id))
        .collect();
    assert!(entities.contains(&(VISIT.to_string(), vid)), "{entities:?}");
    assert!(
        entities.contains(&(FAMILY_LINK.to_string(), a)),
        "{entities:?}"
    );

    // A duplicate ID number is refused; the refused write leaves no change behind.
    let with_id = s
        .save_person(&person("孙九", "110101199003074514"))
        .unwrap();
    let seq = s.change_seq().unwrap();
    assert!(
        s.save_person(&person("孙十", "110101199003074514"))
            .is_err()
    );
    assert_eq!(s.change_seq().unwrap(), seq);
    assert_eq!(
        s.last_change(PERSON, with_id).unwrap().unwrap().op,
        Op::Insert
    );
}

#[test]
fn another_connection_sees_the_changes_of_this_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let clock: crate::clock::SharedClock = Arc::new(FixedClock::new(now()));
    let mut a = Store::open_with_clock(&path, clock.clone()).unwrap();
    let b = Store::open_existing_with_clock(&path, clock).unwrap();
    let seen = b.change_seq().unwrap();
    let id = a.save_person(&person("钱七", "")).unwrap();
    let news = b.changes_since(seen, 10).unwrap();
    assert_eq!(news.len(), 1);
    assert_eq!((news[0].entity.as_str(), news[0].entity_id), (PERSON, id));
}

#[test]
fn pruning_keeps_the_newest_and_a_follower_behind_it_reads_everything_again() {
    let mut s = store();
    let behind = s.change_seq().unwrap();
    for name in ["孙一", "孙二", "孙三", "孙四", "孙五", "孙六"] {
        s.save_person(&person(name, "")).unwrap();
    }
    let newest = s.change_seq().unwrap();
    let mut caught_up = newest - 1;
    assert!(s.prune_changes(2).unwrap() >= 4);
    assert_eq!(s.oldest_seq().unwrap(), newest - 1);
    assert_eq!(s.change_seq().unwrap(), newest);
    // Even keeping none, the newest stays: its number is never handed out again.
    s.prune_changes(0).unwrap();
    assert_eq!(s.oldest_seq().unwrap(), newest);
    let next = s.save_person(&person("孙九", "")).unwrap();
    assert_eq!(
        s.last_change(PERSON, next).unwrap().unwrap().seq,
        newest + 1
    );

    // A follower that had read up to the one before the newest goes on as usual.
    let batches = crate::tui::follow::read(&s, &mut caught_up).unwrap();
    let ids: Vec<i64> = batches.concat().iter().map(|c| c.entity_id).collect();
    assert_eq!(ids, vec![next - 1, next]);
    // One that had read less lost changes: everything changed, for every kind of record.
    let mut seen = behind;
    let batches = crate::tui::follow::read(&s, &mut seen).unwrap();
    assert_eq!(seen, newest + 1);
    let all = batches.concat();
    assert!(all.iter().any(|c| c.is(EVERYTHING)));
    assert!(all.iter().any(|c| c.is(PERSON)));
    assert!(all.iter().any(|c| c.is(VISIT)));
}
