//! The intake through real keys: people on file suggested as a petitioner's name, ID
//! number or phone is typed, a pick filling the row and linking the record (the case then
//! in the person's profile); a village station offered 转报 only.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{ctrl, key, text};
use crossterm::event::KeyCode;
use stationdesk::domain::petition::{PetitionInput, PetitionerInput, StepKind};
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;
use stationdesk::tui::screens::ScreenId;

fn tabs(h: &mut Harness, n: usize) {
    for _ in 0..n {
        key(h, KeyCode::Tab);
    }
}

/// F4, Ctrl+N, the focus on the first petitioner's name.
fn open_form(h: &mut Harness) {
    key(h, KeyCode::F(4));
    ctrl(h, 'n');
    assert_eq!(h.app.screen_id(), ScreenId::PetitionForm);
    tabs(h, 2);
}

#[test]
fn a_suggestion_picked_by_name_fills_the_row_and_links_the_record() {
    let mut h = Harness::new(Lang::Zh);
    let yuchi = h.ids[3];
    open_form(&mut h);
    text(&mut h, "尉迟");
    let screen = h.draw(120, 40);
    assert!(screen.contains("在册人员"), "{screen}");
    assert!(screen.contains("尉迟恭"), "{screen}");
    // the ID number is masked in the list
    assert!(screen.contains("450104********"), "{screen}");
    key(&mut h, KeyCode::Enter);
    let screen = h.draw(120, 40);
    // the list went away, the row holds the record's name and phone
    assert!(!screen.contains("在册人员"), "{screen}");
    assert!(
        screen.contains("尉迟恭") && screen.contains("13600002222"),
        "{screen}"
    );
    // the focus is on the address: on to the subject and the request
    tabs(&mut h, 5);
    text(&mut h, "残疾等级评定");
    key(&mut h, KeyCode::Tab);
    text(&mut h, "请求重新评定");
    ctrl(&mut h, 's');
    let case = h.store.petition_by_case_no("2026-0001").unwrap().unwrap();
    assert_eq!(case.petition.petitioners[0].person_id, Some(yuchi));
    let today = common::now().date();
    let in_profile = h.store.petitions_of_person(yuchi, today).unwrap();
    assert_eq!(in_profile.len(), 1);
    assert_eq!(in_profile[0].case_no, "2026-0001");
}

#[test]
fn an_id_number_or_a_phone_typed_suggests_the_person_too() {
    let mut h = Harness::new(Lang::En);
    open_form(&mut h);
    // an ID number typed where the name goes
    text(&mut h, "450102198206");
    let screen = h.draw(120, 40);
    assert!(screen.contains("李四"), "{screen}");
    // Esc puts the list away and leaves the form open
    key(&mut h, KeyCode::Esc);
    assert_eq!(h.app.screen_id(), ScreenId::PetitionForm);
    assert!(!h.draw(120, 40).contains("People on file"));
    ctrl(&mut h, 'u');
    key(&mut h, KeyCode::Tab);
    text(&mut h, "1370000");
    let screen = h.draw(120, 40);
    assert!(screen.contains("People on file"), "{screen}");
    assert!(screen.contains("李四"), "{screen}");
    key(&mut h, KeyCode::Enter);
    let screen = h.draw(120, 40);
    assert!(
        screen.contains("李四") && screen.contains("13700003333"),
        "{screen}"
    );
    assert!(screen.contains("Linked"), "{screen}");
}

#[test]
fn a_village_station_is_offered_pass_up_only() {
    let mut h = Harness::new(Lang::Zh);
    h.store.set_setting("station_level", "village").unwrap();
    h.store.set_actor("wang");
    let p = PetitionInput {
        channel: "来访".into(),
        received_at: "2026-11-25 08:00".into(),
        petitioners: vec![PetitionerInput {
            name: "王五".into(),
            phone: "13800001234".into(),
            ..Default::default()
        }],
        subject: "优待证".into(),
        request: "请求办理".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(common::now().date())
    .unwrap();
    let (id, _) = h.store.save_new_petition(&p).unwrap();
    h.send(Action::GotoPetitions);
    h.send(Action::Open);
    h.send(Action::AddStep);
    let screen = h.draw(120, 40);
    let kinds = screen
        .lines()
        .find(|l| l.contains("步骤") && l.contains('<'))
        .unwrap();
    assert!(kinds.contains("< 转报 >"), "{screen}");
    assert!(!kinds.contains("受理"), "{screen}");
    // the same-day limit among the deadlines
    assert!(screen.contains("转报期限（当日）"), "{screen}");
    tabs(&mut h, 3); // time, note, the body passed up to
    text(&mut h, "城关镇退役军人服务站");
    ctrl(&mut h, 's');
    // The confirmation shows what will be recorded; Enter records it.
    key(&mut h, KeyCode::Enter);
    let steps = h.store.steps(id).unwrap();
    assert_eq!(steps.last().unwrap().kind, StepKind::PassedUp);
    assert_eq!(
        steps.last().unwrap().forwarded_to.as_deref(),
        Some("城关镇退役军人服务站")
    );
}

#[test]
fn a_town_station_is_not_offered_pass_up() {
    let mut h = Harness::new(Lang::Zh);
    h.store.set_setting("station_level", "town").unwrap();
    h.store.set_actor("wang");
    let p = PetitionInput {
        channel: "传真".into(),
        received_at: "2026-11-25 08:00".into(),
        petitioners: vec![PetitionerInput {
            name: "王五".into(),
            phone: "13800001234".into(),
            ..Default::default()
        }],
        subject: "优待证".into(),
        request: "请求办理".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(common::now().date())
    .unwrap();
    h.store.save_new_petition(&p).unwrap();
    h.send(Action::GotoPetitions);
    h.send(Action::Open);
    h.send(Action::AddStep);
    let screen = h.draw(120, 40);
    let kinds = screen
        .lines()
        .find(|l| l.contains("步骤") && l.contains('<'))
        .unwrap();
    assert!(kinds.contains("受理") && kinds.contains("转送"), "{screen}");
    assert!(!kinds.contains("转报"), "{screen}");
}

#[test]
fn the_ledger_filters_by_type() {
    let mut h = Harness::new(Lang::Zh);
    h.store.set_actor("wang");
    for (subject, kind) in [("建议增设服务点", "建议意见"), ("补发抚恤金", "申诉求决")]
    {
        let p = PetitionInput {
            channel: "来信".into(),
            received_at: "2026-11-25 08:00".into(),
            petitioners: vec![PetitionerInput {
                name: "王五".into(),
                address: "城关镇".into(),
                ..Default::default()
            }],
            subject: subject.into(),
            request: "请求办理".into(),
            handler: "wang".into(),
            kind: kind.into(),
            ..Default::default()
        }
        .validate(common::now().date())
        .unwrap();
        h.store.save_new_petition(&p).unwrap();
    }
    key(&mut h, KeyCode::F(4));
    let screen = h.draw(120, 40);
    assert!(screen.contains("建议增设服务点") && screen.contains("补发抚恤金"));
    ctrl(&mut h, 'y'); // 建议意见
    let screen = h.draw(120, 40);
    assert!(screen.contains("建议增设服务点"), "{screen}");
    assert!(!screen.contains("补发抚恤金"), "{screen}");
    ctrl(&mut h, 'y'); // 检举控告: none
    ctrl(&mut h, 'y'); // 申诉求决
    let screen = h.draw(120, 40);
    assert!(screen.contains("补发抚恤金") && !screen.contains("建议增设服务点"));
}

#[test]
fn an_anonymous_letters_case_says_why_no_notice_deadline_runs() {
    let mut h = Harness::new(Lang::Zh);
    h.store.set_actor("wang");
    let p = PetitionInput {
        channel: "来信".into(),
        received_at: "2026-11-01 08:00".into(),
        petitioners: vec![PetitionerInput {
            name: "匿名".into(),
            address: "不详".into(),
            ..Default::default()
        }],
        subject: "反映某村低保问题".into(),
        request: "请求调查".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(common::now().date())
    .unwrap();
    h.store.save_new_petition(&p).unwrap();
    h.send(Action::GotoPetitions);
    // received 24 days ago, and still nothing overdue
    let screen = h.draw(120, 40);
    let row = screen
        .lines()
        .find(|l| l.contains("反映某村低保问题"))
        .unwrap();
    assert!(!row.contains("逾期"), "{screen}");
    h.send(Action::Open);
    let screen = h.draw(120, 40);
    assert!(
        screen.contains("匿名信：无法告知信访人，不计受理告知期限"),
        "{screen}"
    );
}

#[test]
fn an_assigned_case_shows_its_report_due_then_overdue() {
    let mut h = Harness::new(Lang::Zh);
    h.store.set_actor("wang");
    let p = PetitionInput {
        channel: "来信".into(),
        received_at: "2026-11-10 08:00".into(),
        petitioners: vec![PetitionerInput {
            name: "王五".into(),
            address: "城关镇".into(),
            ..Default::default()
        }],
        subject: "上级交办的事项".into(),
        request: "请求办理".into(),
        handler: "wang".into(),
        source: "上级交办".into(),
        assigner: "县信访局".into(),
        assigner_due: "2026-11-20".into(),
        ..Default::default()
    }
    .validate(common::now().date())
    .unwrap();
    h.store.save_new_petition(&p).unwrap();
    h.send(Action::GotoPetitions);
    // the report's date (11-20) passed before the acceptance limit (11-25): it leads
    let screen = h.draw(120, 40);
    let row = screen
        .lines()
        .find(|l| l.contains("上级交办的事项"))
        .unwrap();
    assert!(row.contains("逾期5天"), "{screen}");
    h.send(Action::Open);
    let screen = h.draw(120, 40);
    let line = screen.lines().find(|l| l.contains("办结报告期限")).unwrap();
    assert!(
        line.contains("2026-11-20") && line.contains("逾期5天"),
        "{screen}"
    );
    assert!(screen.contains("上级交办  县信访局"), "{screen}");
}
