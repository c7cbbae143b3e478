//! Walk-in registration through the app: the keystroke path, the forms, the register,
//! drafts, duplicates and store failures (their snapshots are in `walkin_snapshots`).
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{ctrl, key, text};
use crossterm::event::KeyCode;
use stationdesk::domain::visit::{Outcome, VisitInput};
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;
use stationdesk::tui::screens::ScreenId;

/// The harness signs in as the testing aid's officer.
fn officer() -> String {
    "tester".into()
}

fn today() -> chrono::NaiveDate {
    common::now().date()
}

/// F2, the name, Enter, Ctrl+N, a number, Tab, the summary, Tab, a number, Ctrl+S:
/// eight keys besides the two texts, as counted by the helpers that send them.
#[test]
fn a_walk_in_of_a_person_on_file_takes_eight_keys() {
    let mut h = Harness::new(Lang::Zh);
    let summary = "询问抚恤金发放";
    key(&mut h, KeyCode::F(2));
    text(&mut h, "zsf");
    key(&mut h, KeyCode::Enter);
    assert_eq!(h.app.screen_id(), ScreenId::Profile);
    ctrl(&mut h, 'n');
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    key(&mut h, KeyCode::Char('4'));
    key(&mut h, KeyCode::Tab);
    text(&mut h, summary);
    key(&mut h, KeyCode::Tab);
    key(&mut h, KeyCode::Char('1'));
    ctrl(&mut h, 's');
    assert_eq!(h.keys.keys, 8, "keys besides the two texts");
    assert_eq!(
        h.keys.typed,
        "zsf".chars().count() + summary.chars().count()
    );
    assert_eq!(h.app.screen_id(), ScreenId::Profile);
    let status = h.app.status().unwrap().text.clone();
    assert!(status.contains("已保存"), "{status}");
    let visits = h.store.visits_between(today(), today()).unwrap();
    assert_eq!(visits.len(), 1);
    let v = &visits[0];
    assert_eq!(v.person_id, Some(h.ids[0]));
    assert_eq!(v.visitor_name, "张三丰");
    assert_eq!(v.purpose, 3);
    assert_eq!(v.summary, "询问抚恤金发放");
    assert_eq!(v.outcome, Outcome::DoneOnSpot);
    assert_eq!(v.handler, officer());
    assert_eq!(v.arrived_at, common::now());
    // The profile shows it in its history.
    let screen = h.draw(120, 40);
    assert!(screen.contains("询问抚恤金发放"), "{screen}");
}

#[test]
fn errors_keep_the_form_and_point_at_the_first() {
    let mut h = Harness::new(Lang::En);
    key(&mut h, KeyCode::F(3));
    ctrl(&mut h, 'n');
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    let screen = h.draw(80, 24);
    assert!(screen.contains("Enter the visitor's name"), "{screen}");
    // The cursor is in the visitor field, on the form's first row.
    let (_, y) = h.cursor(80, 24);
    assert_eq!(y, 4);
    assert!(h.store.visits_between(today(), today()).unwrap().is_empty());
}

#[test]
fn a_follow_up_then_referral_outcome_shows_its_detail_field() {
    let mut h = Harness::new(Lang::Zh);
    key(&mut h, KeyCode::F(3));
    ctrl(&mut h, 'n');
    text(&mut h, "赵六");
    key(&mut h, KeyCode::Tab);
    text(&mut h, "13800005678");
    key(&mut h, KeyCode::Tab);
    text(&mut h, "1");
    key(&mut h, KeyCode::Tab);
    key(&mut h, KeyCode::Tab);
    text(&mut h, "3");
    key(&mut h, KeyCode::Tab);
    text(&mut h, "+7");
    ctrl(&mut h, 's');
    let v = &h.store.visits_between(today(), today()).unwrap()[0];
    assert_eq!(v.person_id, None);
    assert_eq!(v.visitor_phone, "13800005678");
    assert_eq!(
        v.outcome,
        Outcome::FollowUp {
            due: today() + chrono::Duration::days(7)
        }
    );
    // The register lists it; the follow-up is not due yet.
    let screen = h.draw(80, 24);
    assert!(screen.contains("赵六"), "{screen}");
}

#[test]
fn a_petition_outcome_opens_the_petition_form_prefilled() {
    let mut h = Harness::new(Lang::Zh);
    key(&mut h, KeyCode::F(2));
    text(&mut h, "zsf");
    key(&mut h, KeyCode::Enter);
    ctrl(&mut h, 'n');
    text(&mut h, "10");
    key(&mut h, KeyCode::Tab);
    text(&mut h, "要求补发两年抚恤金");
    key(&mut h, KeyCode::Tab);
    text(&mut h, "4");
    ctrl(&mut h, 's');
    let visit = h.store.visits_between(today(), today()).unwrap()[0].clone();
    assert_eq!(visit.outcome, Outcome::ToPetition);
    // The intake form opens with the visitor and the request filled in, on the subject.
    assert_eq!(h.app.screen_id(), ScreenId::PetitionForm);
    let screen = h.draw(120, 40);
    assert!(screen.contains("张三丰"), "{screen}");
    assert!(screen.contains("要求补发两年抚恤金"), "{screen}");
    text(&mut h, "抚恤金补发");
    ctrl(&mut h, 's');
    let after = h.draw(120, 40);
    let linked = h.store.visit(visit.id.unwrap()).unwrap().unwrap();
    assert!(linked.petition_id.is_some(), "{after}");
    let petition_id = linked
        .petition_id
        .expect("the walk-in is linked to its petition");
    let case = h.store.petition(petition_id).unwrap().unwrap();
    assert_eq!(case.petition.subject, "抚恤金补发");
    assert_eq!(case.petition.request, "要求补发两年抚恤金");
    assert_eq!(case.petition.petitioners[0].name, "张三丰");
    // Still the person on file, with the phone from the record.
    assert_eq!(case.petition.petitioners[0].person_id, Some(h.ids[0]));
    assert_eq!(case.petition.petitioners[0].phone, "13800001234");
}

#[test]
fn the_profile_registers_a_petition_for_the_person() {
    let mut h = Harness::new(Lang::Zh);
    key(&mut h, KeyCode::F(2));
    text(&mut h, "zsf");
    key(&mut h, KeyCode::Enter);
    h.draw(120, 40);
    ctrl(&mut h, 'p');
    assert_eq!(h.app.screen_id(), ScreenId::PetitionForm);
    let screen = h.draw(120, 40);
    assert!(screen.contains("张三丰"), "{screen}");
}

#[test]
fn enter_on_a_follow_up_marks_it_done_with_a_note() {
    let mut h = Harness::new(Lang::Zh);
    let visit = VisitInput {
        visitor_name: "李四".into(),
        purpose: Some(0),
        outcome: "follow_up".into(),
        follow_up_date: "t".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(common::now())
    .unwrap();
    let id = h.store.save_visit(&visit).unwrap();
    key(&mut h, KeyCode::F(3));
    // The visit itself, then its follow-up.
    key(&mut h, KeyCode::Down);
    key(&mut h, KeyCode::Enter);
    text(&mut h, "已电话回复");
    key(&mut h, KeyCode::Enter);
    let v = h.store.visit(id).unwrap().unwrap();
    assert!(v.follow_up_done_at.is_some());
    assert_eq!(v.follow_up_note, "已电话回复");
    let screen = h.draw(80, 24);
    assert!(screen.contains("已办结"), "{screen}");
}

#[test]
fn the_dashboard_counts_walk_ins_and_follow_ups() {
    let mut h = Harness::new(Lang::En);
    for (outcome, date) in [("done", ""), ("follow_up", "t")] {
        let v = VisitInput {
            visitor_name: "李四".into(),
            purpose: Some(0),
            outcome: outcome.into(),
            follow_up_date: date.into(),
            handler: "wang".into(),
            ..Default::default()
        }
        .validate(common::now())
        .unwrap();
        h.store.save_visit(&v).unwrap();
    }
    key(&mut h, KeyCode::F(3));
    key(&mut h, KeyCode::Esc);
    assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
    let screen = h.draw(120, 40);
    assert!(screen.contains("1 / 0"), "{screen}");
}

#[test]
fn a_new_person_from_lookup_with_the_id_filling_sex_and_birth() {
    let mut h = Harness::new(Lang::Zh);
    key(&mut h, KeyCode::F(2));
    text(&mut h, "王五");
    ctrl(&mut h, 'n');
    assert_eq!(h.app.screen_id(), ScreenId::PersonForm);
    key(&mut h, KeyCode::Tab);
    let id = common::id_number("450102", "19700101", false, None);
    text(&mut h, &id);
    let screen = h.draw(80, 24);
    assert!(screen.contains("1970-01-01"), "{screen}");
    assert!(screen.contains("女"), "{screen}");
    for _ in 0..5 {
        key(&mut h, KeyCode::Tab);
    }
    text(&mut h, "1");
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::Profile);
    let p = h.store.person_by_id_number(&id).unwrap().unwrap();
    assert_eq!(p.name, "王五");
    // The next lookup finds the new person by initials and by the ID tail.
    for query in ["ww", &id[14..]] {
        key(&mut h, KeyCode::F(2));
        ctrl(&mut h, 'u');
        text(&mut h, query);
        let screen = h.draw(120, 40);
        assert!(
            screen.contains(&stationdesk::domain::mask::mask_id(&id)),
            "{query}: {screen}"
        );
    }
}

/// A new person whose ID number is on file (another desk may have saved it a second ago)
/// opens that record instead of a second one, and the status line says so: it never stays
/// on "saving".
#[test]
fn a_new_person_with_an_id_on_file_opens_that_record() {
    let mut h = Harness::new(Lang::Zh);
    key(&mut h, KeyCode::F(2));
    ctrl(&mut h, 'n');
    text(&mut h, "张三");
    key(&mut h, KeyCode::Tab);
    let zhang = common::sample_people()[0].id_number.clone();
    text(&mut h, &zhang);
    for _ in 0..5 {
        key(&mut h, KeyCode::Tab);
    }
    text(&mut h, "1");
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::Profile);
    let status = h.app.status().unwrap().text.clone();
    assert!(!status.contains("保存中"), "{status}");
    assert!(status.contains("张三丰"), "{status}");
    let screen = h.draw(120, 40);
    assert!(screen.contains("档案: 张三丰"), "{screen}");
    assert_eq!(h.store.count_people().unwrap(), 5);
}

#[test]
fn same_name_and_birth_may_be_saved_anyway() {
    let mut h = Harness::new(Lang::Zh);
    key(&mut h, KeyCode::F(2));
    ctrl(&mut h, 'n');
    text(&mut h, "李四");
    for _ in 0..3 {
        key(&mut h, KeyCode::Tab);
    }
    text(&mut h, "1982-06-11");
    for _ in 0..3 {
        key(&mut h, KeyCode::Tab);
    }
    text(&mut h, "1");
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::PersonForm);
    text(&mut h, "s");
    assert_eq!(h.app.screen_id(), ScreenId::Profile);
    assert_eq!(h.store.count_people().unwrap(), 6);
}

#[test]
fn a_visitor_not_on_file_is_put_on_file_from_the_walk_in_form() {
    let mut h = Harness::new(Lang::Zh);
    key(&mut h, KeyCode::F(3));
    ctrl(&mut h, 'n');
    text(&mut h, "赵六");
    key(&mut h, KeyCode::Tab);
    key(&mut h, KeyCode::Tab);
    text(&mut h, "2");
    ctrl(&mut h, 'n');
    assert_eq!(h.app.screen_id(), ScreenId::PersonForm);
    for _ in 0..6 {
        key(&mut h, KeyCode::Tab);
    }
    text(&mut h, "1");
    ctrl(&mut h, 's');
    // Back in the walk-in form, with the person and the purpose kept.
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    key(&mut h, KeyCode::Tab);
    key(&mut h, KeyCode::Tab);
    text(&mut h, "1");
    ctrl(&mut h, 's');
    let v = &h.store.visits_between(today(), today()).unwrap()[0];
    assert!(v.person_id.is_some());
    assert_eq!(v.visitor_name, "赵六");
    assert_eq!(v.purpose, 1);
}

#[test]
fn a_store_failure_keeps_the_form_and_its_text() {
    let mut h = Harness::new(Lang::Zh);
    key(&mut h, KeyCode::F(3));
    ctrl(&mut h, 'n');
    text(&mut h, "赵六");
    key(&mut h, KeyCode::Tab);
    key(&mut h, KeyCode::Tab);
    text(&mut h, "1");
    key(&mut h, KeyCode::Tab);
    h.send(Action::Paste("字".repeat(1900)));
    key(&mut h, KeyCode::Tab);
    text(&mut h, "1");
    let pages: i64 = 1;
    h.store.set_page_limit_for_tests(pages);
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    assert!(h.app.status().unwrap().is_error);
    let screen = h.draw(80, 24);
    assert!(screen.contains("赵六"), "{screen}");
}

/// A full disk, then a read-only file: each save is refused with a message saying why,
/// the form keeps every typed character, nothing half-saved is left; once the disk is
/// writable again the same form saves whole.
#[test]
fn a_full_disk_and_a_read_only_file_keep_the_form_and_a_retry_saves_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let mut h = Harness::on_file(Lang::Zh, dir.path());
    let summary = "字".repeat(1900);
    key(&mut h, KeyCode::F(3));
    ctrl(&mut h, 'n');
    text(&mut h, "赵六");
    key(&mut h, KeyCode::Tab);
    key(&mut h, KeyCode::Tab);
    text(&mut h, "1");
    key(&mut h, KeyCode::Tab);
    h.send(Action::Paste(summary.clone()));
    key(&mut h, KeyCode::Tab);
    text(&mut h, "1");
    let day = common::now().date();
    let count = |h: &Harness| h.store.visits_between(day, day).unwrap().len();

    h.store.set_page_limit_for_tests(1);
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    let status = h.app.status().unwrap();
    assert!(
        status.is_error && status.text.contains("磁盘已满"),
        "{}",
        status.text
    );
    assert!(h.draw(80, 24).contains("赵六"));
    assert_eq!(count(&h), 0, "nothing half-saved");

    let writable = std::mem::replace(
        &mut h.store,
        stationdesk::store::Store::open_read_only_for_tests(&path).unwrap(),
    );
    drop(writable);
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    let status = h.app.status().unwrap();
    assert!(
        status.is_error && status.text.contains("只读"),
        "{}",
        status.text
    );
    assert!(h.draw(80, 24).contains("赵六"));

    h.store = common::store(Some(&path), common::clock());
    h.store.set_actor("tester");
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::Walkins);
    let saved = h.store.visits_between(day, day).unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].visitor_name, "赵六");
    assert_eq!(saved[0].summary, summary, "every character typed");
}

#[test]
fn esc_on_an_edited_form_asks_and_a_draft_is_kept_on_the_clock() {
    let mut h = Harness::new(Lang::Zh);
    key(&mut h, KeyCode::F(3));
    ctrl(&mut h, 'n');
    text(&mut h, "赵六");
    for _ in 0..6 {
        h.send(Action::Tick(common::now()));
    }
    let draft = h.store.draft("visit", "", &officer()).unwrap().unwrap();
    assert!(draft.body.contains("赵六"), "{}", draft.body);
    key(&mut h, KeyCode::Esc);
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    text(&mut h, "y");
    assert_eq!(h.app.screen_id(), ScreenId::Walkins);
    // Discarded: the draft is gone.
    assert!(h.store.draft("visit", "", &officer()).unwrap().is_none());
}

#[test]
fn a_draft_is_offered_when_the_form_opens_again() {
    let mut h = Harness::new(Lang::Zh);
    h.store
        .save_draft("visit", "", &officer(), r#"{"visitor_name":"赵六"}"#)
        .unwrap();
    key(&mut h, KeyCode::F(3));
    ctrl(&mut h, 'n');
    let screen = h.draw(80, 24);
    assert!(screen.contains("09:30"), "{screen}");
    text(&mut h, "y");
    let screen = h.draw(80, 24);
    assert!(screen.contains("赵六"), "{screen}");
}
