//! Issuing a notice from the case view: `n` offers the notices the case's steps allow,
//! Enter writes the chosen one into the documents folder, the status line names the file,
//! and the case lists it in its history.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::bound;
use crossterm::event::KeyCode;
use stationdesk::domain::petition::{PetitionInput, PetitionerInput, Step, StepKind};
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;
use stationdesk::tui::screens::ScreenId;

#[test]
fn n_then_enter_issues_the_latest_steps_notice_and_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::on_file(Lang::En, dir.path());
    let p = PetitionInput {
        channel: "来信".into(),
        received_at: "2026-11-20 09:00".into(),
        petitioners: vec![PetitionerInput {
            name: "张三丰".into(),
            address: "城关镇东街1号".into(),
            ..Default::default()
        }],
        subject: "优待证未办理".into(),
        request: "请求尽快办理".into(),
        handler: "tester".into(),
        ..Default::default()
    }
    .validate(common::now().date())
    .unwrap();
    let (id, case_no) = h.store.save_new_petition(&p).unwrap();
    let accepted = chrono::NaiveDateTime::parse_from_str("2026-11-24 10:00", "%Y-%m-%d %H:%M");
    h.store
        .add_step(
            id,
            &Step::new(StepKind::Accepted, accepted.unwrap(), "tester"),
        )
        .unwrap();
    h.send(Action::GotoPetitions);
    h.send(Action::Open);
    assert_eq!(h.app.screen_id(), ScreenId::PetitionCase);
    bound(&mut h, KeyCode::Char('n'));
    let screen = h.draw(120, 40);
    // The chooser offers the receipt and the acceptance notice, on the latter.
    assert!(screen.contains("> 信访事项受理告知书"), "{screen}");
    assert!(screen.contains("信访事项登记回执"), "{screen}");
    assert!(!screen.contains("信访事项处理意见书"), "{screen}");
    bound(&mut h, KeyCode::Enter);
    let file = format!("{case_no}-信访事项受理告知书.docx");
    assert!(dir.path().join("documents").join(&file).is_file());
    let screen = h.draw(160, 40);
    assert!(screen.contains("Notice issued: documents/"), "{screen}");
    assert!(screen.contains("Notices"), "{screen}");
    assert!(screen.contains(&file), "{screen}");
    let listed = h.store.notices_issued(id).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].kind, "accepted");
    // Esc closes the chooser without issuing anything.
    bound(&mut h, KeyCode::Char('n'));
    bound(&mut h, KeyCode::Esc);
    assert_eq!(h.app.screen_id(), ScreenId::PetitionCase);
    assert_eq!(h.store.notices_issued(id).unwrap().len(), 1);
}
