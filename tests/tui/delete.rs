//! Deleting a record from its profile: administrators only, asked twice, and never a record
//! with walk-ins or petitions on it.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::{Harness, memory_store};
use stationdesk::domain::officer::Role;
use stationdesk::domain::visit::VisitInput;
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;
use stationdesk::tui::screens::ScreenId;
use stationdesk::tui::session::{AuthInit, Session};

fn harness(role: Role) -> Harness {
    let (store, _) = memory_store();
    let mut session = Session::test_officer("tester");
    session.role = role;
    let mut h = Harness::auth(
        Lang::Zh,
        store,
        AuthInit {
            session: Some(session),
            ..AuthInit::default()
        },
    );
    h.ids = (1..=5).collect();
    h
}

fn open(h: &mut Harness, query: &str) {
    h.send(Action::GotoLookup);
    h.send(Action::ClearField);
    h.type_text(query);
    h.send(Action::Open);
    assert_eq!(h.app.screen_id(), ScreenId::Profile);
}

#[test]
fn an_administrator_deletes_a_record_without_history_after_a_second_press() {
    let mut h = harness(Role::Admin);
    let before = h.store.count_people().unwrap();
    open(&mut h, "ycg"); // 尉迟恭
    h.send(Action::DeleteRecord);
    let screen = h.draw(100, 30);
    assert!(screen.contains("再按一次 Delete"), "{screen}");
    assert_eq!(
        h.store.count_people().unwrap(),
        before,
        "one press deletes nothing"
    );
    h.send(Action::DeleteRecord);
    assert_eq!(h.store.count_people().unwrap(), before - 1);
    assert_eq!(h.app.screen_id(), ScreenId::Lookup);
    assert!(h.app.status().unwrap().text.contains("已删除"));
    // The lookup no longer offers it.
    h.send(Action::ClearField);
    h.type_text("ycg");
    let screen = h.draw(100, 30);
    assert!(!screen.contains("尉迟恭"), "{screen}");
    // The audit trail keeps who deleted whom, with the ID masked.
    let audit = h.store.audit_entries(None, None).unwrap();
    let row = audit.iter().find(|r| r.action == "delete").unwrap();
    assert_eq!(row.entity, "person");
    assert!(row.summary.starts_with("尉迟恭 "), "{}", row.summary);
    assert!(row.summary.contains('*'), "{}", row.summary);
}

#[test]
fn any_other_key_cancels_the_pending_delete() {
    let mut h = harness(Role::Admin);
    let before = h.store.count_people().unwrap();
    open(&mut h, "ycg");
    h.send(Action::DeleteRecord);
    h.send(Action::MoveDown);
    let screen = h.draw(100, 30);
    assert!(!screen.contains("再按一次 Delete"), "{screen}");
    h.send(Action::DeleteRecord);
    assert_eq!(h.store.count_people().unwrap(), before);
}

#[test]
fn an_officer_may_not_delete() {
    let mut h = harness(Role::Officer);
    let before = h.store.count_people().unwrap();
    open(&mut h, "ycg");
    h.send(Action::DeleteRecord);
    h.send(Action::DeleteRecord);
    let status = h.app.status().unwrap();
    assert!(status.is_error, "{}", status.text);
    assert_eq!(h.store.count_people().unwrap(), before);
}

#[test]
fn a_record_with_walk_ins_is_kept_and_the_refusal_says_why() {
    let mut h = harness(Role::Admin);
    let visit = VisitInput {
        person_id: Some(1),
        visitor_name: "张三丰".into(),
        purpose: Some(0),
        outcome: "done".into(),
        handler: "tester".into(),
        ..Default::default()
    }
    .validate(common::now())
    .unwrap();
    h.store.save_visit(&visit).unwrap();
    open(&mut h, "zsf");
    h.send(Action::DeleteRecord);
    h.send(Action::DeleteRecord);
    assert_eq!(h.app.screen_id(), ScreenId::Profile);
    let status = h.app.status().unwrap();
    assert!(status.is_error);
    assert!(status.text.starts_with("不能删除"), "{}", status.text);
    assert!(status.text.contains("1 条来访记录"), "{}", status.text);
    assert!(h.store.person(1).unwrap().is_some());
}

#[test]
fn deleting_a_relative_removes_the_family_link_too() {
    let mut h = harness(Role::Admin);
    assert_eq!(h.store.family_of(1).unwrap().len(), 1);
    let (_, spouse) = &h.store.family_of(1).unwrap()[0];
    let spouse_id = spouse.id.unwrap();
    assert_eq!(h.store.delete_person(spouse_id).unwrap(), Ok(()));
    assert!(h.store.family_of(1).unwrap().is_empty());
    assert!(h.store.person(spouse_id).unwrap().is_none());
}
