//! The home screen says when drafts are waiting: how many, and how to get back to them.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;

const OFFICER: &str = "tester";

fn home(h: &mut Harness) -> String {
    h.send(Action::GotoDashboard);
    h.draw(120, 40)
}

#[test]
fn a_waiting_draft_is_named_with_the_way_back() {
    let mut h = Harness::new(Lang::Zh);
    h.store.set_actor(OFFICER);
    let screen = home(&mut h);
    assert!(!screen.contains("草稿"), "{screen}");
    // A walk-in for 张三丰 (the first person on file) left half typed.
    let id = h.ids[0].to_string();
    h.store
        .save_draft("visit", &id, OFFICER, r#"{"summary":"询问"}"#)
        .unwrap();
    let screen = home(&mut h);
    assert!(
        screen.contains("张三丰的来访登记有草稿未保存") && screen.contains("Ctrl+N"),
        "{screen}"
    );
    // Two more: the count, and the newest of them.
    h.store.save_draft("person", "", OFFICER, "{}").unwrap();
    h.store.save_draft("petition", "", OFFICER, "{}").unwrap();
    let screen = home(&mut h);
    assert!(screen.contains("有 3 份表单草稿未保存"), "{screen}");
    // Another officer's draft is theirs to finish.
    let mut h = Harness::new(Lang::En);
    h.store.set_actor(OFFICER);
    h.store.save_draft("person", "", "someone", "{}").unwrap();
    let screen = home(&mut h);
    assert!(!screen.contains("draft"), "{screen}");
}
