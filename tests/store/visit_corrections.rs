//! Correcting a saved walk-in: rights (the registering officer on the day, an administrator
//! any day), the earlier version kept, every correction audited with before and after, a
//! correction over another desk's change stopped; linking a visitor's walk-ins to a record.
#![allow(clippy::unwrap_used)]
use crate::common;
use chrono::Duration;
use stationdesk::domain::officer::{HashCost, HashedPassword, Role};
use stationdesk::domain::visit::{Outcome, Visit, VisitInput};
use stationdesk::domain::visit_correction::VisitCorrection;
use stationdesk::store::{Store, StoreError};

fn walk_in(name: &str, phone: &str, summary: &str, handler: &str) -> Visit {
    VisitInput {
        visitor_name: name.into(),
        visitor_phone: phone.into(),
        purpose: Some(0),
        summary: summary.into(),
        outcome: "done".into(),
        handler: handler.into(),
        ..Default::default()
    }
    .validate(common::now())
    .unwrap()
}

/// A station with an administrator `boss` and two officers, `wang` and `li`.
fn station(store: &mut Store) {
    let hash = HashedPassword::with_cost("a long pass phrase", HashCost::TESTING).unwrap();
    store.add_officer("boss", "", Role::Admin, &hash).unwrap();
    store.add_officer("wang", "", Role::Officer, &hash).unwrap();
    store.add_officer("li", "", Role::Officer, &hash).unwrap();
}

fn correction(store: &Store, id: i64, summary: &str, reason: &str) -> VisitCorrection {
    let record = store.visit_record(id).unwrap().unwrap();
    let mut fields = record.visit.clone();
    fields.summary = summary.into();
    fields.outcome = Outcome::Referred {
        to: "县人社局".into(),
    };
    VisitCorrection {
        visit_id: id,
        version: record.version,
        fields,
        reason: reason.into(),
    }
}

#[test]
fn the_registering_officer_corrects_on_the_day_and_the_earlier_version_is_kept() {
    let clock = common::clock_at(common::now());
    let mut s = common::store_as("wang", None, clock.clone());
    station(&mut s);
    let id = s
        .save_visit(&walk_in("张三", "", "问抚恤金", "wang"))
        .unwrap();
    let v2 = s
        .correct_visit(&correction(&s, id, "问抚恤金补发", "漏记了补发"))
        .unwrap();
    assert_eq!(v2, 2);
    let record = s.visit_record(id).unwrap().unwrap();
    assert_eq!(record.visit.summary, "问抚恤金补发");
    assert_eq!(record.version, 2);
    assert_eq!(record.history.len(), 1);
    let kept = &record.history[0];
    assert_eq!(kept.version, 1);
    assert_eq!(kept.visit.summary, "问抚恤金");
    assert_eq!(kept.visit.outcome, Outcome::DoneOnSpot);
    assert_eq!(kept.corrected_by, "wang");
    assert_eq!(kept.reason, "漏记了补发");
    // Audited with the reason and each changed field before and after.
    let audit = s.audit_entries(None, None).unwrap();
    let last = audit.iter().rev().find(|e| e.action == "correct").unwrap();
    assert_eq!(
        (last.entity.as_str(), last.entity_id.as_str()),
        ("visit", id.to_string().as_str())
    );
    let json: serde_json::Value = serde_json::from_str(&last.summary).unwrap();
    assert_eq!(json["reason"], "漏记了补发");
    let changes = json["changes"].as_array().unwrap();
    let summary = changes.iter().find(|c| c["field"] == "summary").unwrap();
    assert_eq!(summary["before"], "问抚恤金");
    assert_eq!(summary["after"], "问抚恤金补发");
    assert!(changes.iter().any(|c| c["field"] == "outcome"
        && c["before"] == "当场办结"
        && c["after"].as_str().unwrap().contains("县人社局")));
    // The audit chain is still whole.
    assert!(s.verify_audit_chain().unwrap().first_break.is_none());
}

#[test]
fn another_officer_or_a_later_day_is_refused_and_an_administrator_may_any_day() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rights.db");
    let clock = common::clock_at(common::now());
    let mut wang = common::store_as("wang", Some(&path), clock.clone());
    station(&mut wang);
    let id = wang
        .save_visit(&walk_in("张三", "", "问抚恤金", "wang"))
        .unwrap();
    // Another officer: refused, saying who registered it and who may correct it.
    let mut li = common::store_as("li", Some(&path), clock.clone());
    let err = li
        .correct_visit(&correction(&li, id, "改", "笔误"))
        .unwrap_err();
    match &err {
        StoreError::NotAllowed(m) => {
            assert_eq!(m.key, "record_walkins.not_your_walkin");
            let text = m.render(stationdesk::i18n::Lang::Zh);
            assert!(text.contains("wang") && text.contains("管理员"), "{text}");
        }
        other => panic!("{other:?}"),
    }
    // No reason: refused before anything else.
    let err = wang
        .correct_visit(&correction(&wang, id, "改", "  "))
        .unwrap_err();
    assert!(matches!(&err, StoreError::NotAllowed(m) if m.key == "record_walkins.reason_missing"));
    // The next day the officer who registered it may not.
    clock.set(common::now() + Duration::days(1));
    let err = wang
        .correct_visit(&correction(&wang, id, "改", "笔误"))
        .unwrap_err();
    assert!(matches!(&err, StoreError::NotAllowed(m) if m.key == "record_walkins.not_today"));
    assert!(wang.visit_record(id).unwrap().unwrap().history.is_empty());
    // An administrator may, any day.
    clock.set(common::now() + Duration::days(30));
    let mut boss = common::store_as("boss", Some(&path), clock.clone());
    boss.correct_visit(&correction(&boss, id, "管理员更正", "核对原始登记表"))
        .unwrap();
    let record = boss.visit_record(id).unwrap().unwrap();
    assert_eq!(record.visit.summary, "管理员更正");
    assert_eq!(record.history[0].corrected_by, "boss");
}

#[test]
fn a_correction_over_another_desk_s_change_is_stopped_with_who_and_when() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.db");
    let clock = common::clock_at(common::now());
    let mut a = common::store_as("boss", Some(&path), clock.clone());
    station(&mut a);
    let id = a
        .save_visit(&walk_in("张三", "", "问抚恤金", "boss"))
        .unwrap();
    let mut b = common::store_as("boss", Some(&path), clock.clone());
    // Both desks open it; the other desk saves first.
    let on_a = correction(&a, id, "A 的更正", "A");
    let on_b = correction(&b, id, "B 的更正", "B");
    clock.advance(Duration::minutes(3));
    b.correct_visit(&on_b).unwrap();
    let err = a.correct_visit(&on_a).unwrap_err();
    match &err {
        StoreError::ChangedMeanwhile { actor, at } => {
            assert_eq!(actor, "boss");
            assert_eq!(at, "2026-11-25 09:33:00");
        }
        other => panic!("{other:?}"),
    }
    // B's stands; A's was not written; one version kept.
    let record = a.visit_record(id).unwrap().unwrap();
    assert_eq!(record.visit.summary, "B 的更正");
    assert_eq!(record.history.len(), 1);
}

#[test]
fn a_visitor_s_walk_ins_are_linked_to_the_record_made_for_them() {
    let clock = common::clock_at(common::now());
    let mut s = common::store_as("wang", None, clock.clone());
    let by_name = s
        .save_visit(&walk_in("王𠮷", "", "问优待证", "wang"))
        .unwrap();
    let by_phone = s
        .save_visit(&walk_in("小王", "138-0013-8000", "再来问", "wang"))
        .unwrap();
    let _other = s
        .save_visit(&walk_in("李四", "13900000000", "别人", "wang"))
        .unwrap();
    let matches = s
        .unlinked_visits_matching("王𠮷", "13800138000", "")
        .unwrap();
    let ids: Vec<i64> = matches.iter().filter_map(|v| v.id).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&by_name) && ids.contains(&by_phone));
    let person = common::sample_people()[0]
        .validate(stationdesk::domain::person::IdRule::Required)
        .unwrap();
    let pid = s.save_person(&person).unwrap();
    assert_eq!(s.link_visits(pid, &ids).unwrap(), 2);
    assert_eq!(s.visits_of_person(pid).unwrap().len(), 2);
    assert!(
        s.unlinked_visits_matching("王𠮷", "13800138000", "")
            .unwrap()
            .is_empty()
    );
    // Linking again changes nothing; each link was audited once.
    assert_eq!(s.link_visits(pid, &ids).unwrap(), 0);
    let links = s
        .audit_entries(None, None)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "link" && e.entity == "visit")
        .count();
    assert_eq!(links, 2);
}
