//! A visitor not on file gives an ID number: kept with the walk-in (read as the person form
//! reads it), matched first when their record is made; a link raises the walk-in's version,
//! so a correction opened before it is stopped naming who linked it, and a correction made
//! after it keeps the link; the audit ledger tells both in the reader's language.
#![allow(clippy::unwrap_used)]
use crate::common;
use chrono::Duration;
use stationdesk::domain::officer::{HashCost, HashedPassword, Role};
use stationdesk::domain::person::IdRule;
use stationdesk::domain::visit::{Visit, VisitInput};
use stationdesk::domain::visit_correction::VisitCorrection;
use stationdesk::exchange::exports::{ExportRequest, Ledger, build_table};
use stationdesk::exchange::table::Cell;
use stationdesk::i18n::Lang;
use stationdesk::store::{Store, StoreError};

fn walk_in(name: &str, phone: &str, id_number: &str) -> Visit {
    VisitInput {
        visitor_name: name.into(),
        visitor_phone: phone.into(),
        visitor_id_number: id_number.into(),
        purpose: Some(0),
        summary: "问政策".into(),
        outcome: "done".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(common::now())
    .unwrap()
}

fn station(store: &mut Store) {
    let hash = HashedPassword::with_cost("a long pass phrase", HashCost::TESTING).unwrap();
    store.add_officer("boss", "", Role::Admin, &hash).unwrap();
    store.add_officer("wang", "", Role::Officer, &hash).unwrap();
    store.add_officer("li", "", Role::Officer, &hash).unwrap();
}

/// 张三丰 as the sample people have him: his ID number ends in X.
fn zhang() -> stationdesk::domain::person::Person {
    common::sample_people()[0]
        .validate(IdRule::Required)
        .unwrap()
}

#[test]
fn the_same_id_number_is_offered_first_then_the_phone_then_the_name() {
    let clock = common::clock_at(common::now());
    let mut s = common::store_as("wang", None, clock.clone());
    let p = zhang();
    let by_name = s.save_visit(&walk_in("张三丰", "", "")).unwrap();
    clock.advance(Duration::minutes(1));
    let by_phone = s.save_visit(&walk_in("老张", &p.phone, "")).unwrap();
    clock.advance(Duration::minutes(1));
    // Given in the old 15-digit form: kept as the 18-digit number.
    let fifteen = format!("{}{}", &p.id_number[..6], &p.id_number[8..17]);
    let by_id = s.save_visit(&walk_in("张某", "", &fifteen)).unwrap();
    assert_eq!(
        s.visit(by_id).unwrap().unwrap().visitor_id_number,
        p.id_number
    );
    // Same name, another ID number: someone else, not offered.
    let other = s
        .save_visit(&walk_in("张三丰", "", "11010519491231002X"))
        .unwrap();
    let offered: Vec<i64> = s
        .unlinked_visits_matching(&p.name, &p.phone, &p.id_number)
        .unwrap()
        .iter()
        .filter_map(|v| v.id)
        .collect();
    assert_eq!(offered, vec![by_id, by_phone, by_name]);
    assert!(!offered.contains(&other));
    // A record without an ID number is offered the name and phone matches, the other too.
    let offered = s.unlinked_visits_matching(&p.name, "", "").unwrap();
    assert_eq!(offered.len(), 2);
}

#[test]
fn a_link_raises_the_version_and_a_correction_opened_before_it_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("link.db");
    let clock = common::clock_at(common::now());
    let mut wang = common::store_as("wang", Some(&path), clock.clone());
    station(&mut wang);
    let id = wang.save_visit(&walk_in("张三丰", "", "")).unwrap();
    // Wang opens a correction; meanwhile li puts the visitor on file and links it.
    let opened = wang.visit_record(id).unwrap().unwrap();
    assert_eq!(opened.version, 1);
    let mut li = common::store_as("li", Some(&path), clock.clone());
    clock.advance(Duration::minutes(2));
    let pid = li.save_person(&zhang()).unwrap();
    assert_eq!(li.link_visits(pid, &[id]).unwrap(), 1);
    let linked = wang.visit_record(id).unwrap().unwrap();
    assert_eq!(linked.version, 2);
    let mut fields = opened.visit.clone();
    fields.summary = "问政策，已答复".into();
    let stale = VisitCorrection {
        visit_id: id,
        version: opened.version,
        fields: fields.clone(),
        reason: "补记".into(),
    };
    match wang.correct_visit(&stale).unwrap_err() {
        StoreError::ChangedMeanwhile { actor, at } => {
            assert_eq!(actor, "li");
            assert_eq!(at, "2026-11-25 09:32:00");
        }
        other => panic!("{other:?}"),
    }
    // Over the linked version: saved, and still linked.
    let v3 = wang
        .correct_visit(&VisitCorrection {
            version: linked.version,
            ..stale
        })
        .unwrap();
    assert_eq!(v3, 3);
    let after = wang.visit_record(id).unwrap().unwrap();
    assert_eq!(after.visit.person_id, Some(pid));
    assert_eq!(after.visit.summary, "问政策，已答复");
    assert_eq!(wang.visits_of_person(pid).unwrap().len(), 1);
}

#[test]
fn a_visitor_s_id_number_is_corrected_kept_in_history_and_audited_masked() {
    let clock = common::clock_at(common::now());
    let mut s = common::store_as("wang", None, clock.clone());
    station(&mut s);
    let id = s.save_visit(&walk_in("赵六", "", "")).unwrap();
    let r = s.visit_record(id).unwrap().unwrap();
    let mut fields = r.visit.clone();
    fields.visitor_id_number = zhang().id_number;
    s.correct_visit(&VisitCorrection {
        visit_id: id,
        version: r.version,
        fields,
        reason: "补登身份证号".into(),
    })
    .unwrap();
    let r = s.visit_record(id).unwrap().unwrap();
    assert_eq!(r.visit.visitor_id_number, zhang().id_number);
    assert_eq!(r.history[0].visit.visitor_id_number, "");
    let audit = s.audit_entries(None, None).unwrap();
    let last = audit.iter().rev().find(|e| e.action == "correct").unwrap();
    assert!(last.summary.contains("450102********"), "{}", last.summary);
    assert!(
        !last.summary.contains(&zhang().id_number),
        "{}",
        last.summary
    );
}

#[test]
fn the_audit_ledger_tells_a_correction_and_a_link_in_chinese() {
    let clock = common::clock_at(common::now());
    let mut s = common::store_as("wang", None, clock.clone());
    station(&mut s);
    let id = s.save_visit(&walk_in("张三丰", "", "")).unwrap();
    let r = s.visit_record(id).unwrap().unwrap();
    let mut fields = r.visit.clone();
    fields.summary = "问优待证".into();
    s.correct_visit(&VisitCorrection {
        visit_id: id,
        version: r.version,
        fields,
        reason: "笔误".into(),
    })
    .unwrap();
    let pid = s.save_person(&zhang()).unwrap();
    s.link_visits(pid, &[id]).unwrap();
    let table = build_table(
        &s,
        &ExportRequest {
            ledger: Ledger::Audit,
            from: None,
            to: None,
            unmasked: false,
            lang: Lang::Zh,
            today: common::now().date(),
        },
    )
    .unwrap();
    let text = |c: &Cell| match c {
        Cell::Text(t) => t.clone(),
        _ => String::new(),
    };
    let visit_rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(text).collect::<Vec<_>>())
        .filter(|r| r[5] == id.to_string() && r[4] == "来访登记")
        .collect();
    let correct = visit_rows.iter().find(|r| r[3] == "更正").unwrap();
    assert!(
        correct[6].contains("笔误") && correct[6].contains("问政策 → 问优待证"),
        "{correct:?}"
    );
    let link = visit_rows.iter().find(|r| r[3] == "关联").unwrap();
    assert!(link[6].contains("张三丰"), "{link:?}");
    // No code the program writes is left for a Chinese reader.
    for row in &visit_rows {
        for code in [
            "correct",
            "visit",
            "summary",
            "reason",
            "person_id",
            "changes",
        ] {
            assert!(
                !row[3..].iter().any(|c| c.contains(code)),
                "{code}: {row:?}"
            );
        }
    }
}
