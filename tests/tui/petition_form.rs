//! The petition intake form through real keys: paragraphs in the request, facts and
//! reasons (Enter breaks the line, Tab leaves, paste keeps lines), the cursor on the right
//! column for Chinese text, more petitioners, drafts, and the discard question.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{ctrl, key, text};
use crossterm::event::KeyCode;
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;
use stationdesk::tui::screens::ScreenId;

fn tabs(h: &mut Harness, n: usize) {
    for _ in 0..n {
        key(h, KeyCode::Tab);
    }
}

/// F4, Ctrl+N, and the first petitioner's name and phone; the focus is left on the phone.
fn open_with_petitioner(h: &mut Harness, name: &str) {
    key(h, KeyCode::F(4));
    ctrl(h, 'n');
    assert_eq!(h.app.screen_id(), ScreenId::PetitionForm);
    tabs(h, 2);
    text(h, name);
    key(h, KeyCode::Tab);
    text(h, "13900002222");
}

/// From the phone to the subject: address, count, representatives, agents, category.
fn to_subject(h: &mut Harness) {
    tabs(h, 6);
}

fn only_case(h: &Harness) -> stationdesk::domain::petition::PetitionCase {
    h.store.petition_by_case_no("2026-0001").unwrap().unwrap()
}

/// The row of the screen a text is drawn on.
fn row_of(screen: &str, text: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains(text))
}

#[test]
fn a_two_line_chinese_request_is_kept_with_its_line_break() {
    let mut h = Harness::new(Lang::Zh);
    open_with_petitioner(&mut h, "王五");
    to_subject(&mut h);
    text(&mut h, "退役金发放延迟");
    key(&mut h, KeyCode::Tab);
    text(&mut h, "要求补发两年退役金");
    key(&mut h, KeyCode::Enter);
    // Still in the request: the cursor is at the start of its second line.
    assert_eq!(h.app.screen_id(), ScreenId::PetitionForm);
    let (x0, y0) = h.cursor(120, 40);
    text(&mut h, "并说明原因ab");
    let (x1, y1) = h.cursor(120, 40);
    // Five Chinese characters and two letters: twelve columns, on the same row.
    assert_eq!((x1 - x0, y1), (12, y0));
    let screen = h.draw(120, 40);
    let first = row_of(&screen, "要求补发两年退役金").unwrap();
    assert_eq!(row_of(&screen, "并说明原因ab"), Some(first + 1), "{screen}");
    assert_eq!(usize::from(y1), first + 1);
    // Tab leaves the paragraph for the facts.
    key(&mut h, KeyCode::Tab);
    text(&mut h, "2024 年起停发");
    ctrl(&mut h, 's');
    let screen = h.draw(120, 40);
    assert!(screen.contains("已登记 2026-0001"), "{screen}");
    let case = only_case(&h);
    assert_eq!(case.petition.request, "要求补发两年退役金\n并说明原因ab");
    assert_eq!(case.petition.facts, "2024 年起停发");
}

#[test]
fn a_pasted_paragraph_keeps_its_lines_and_is_not_cut_at_200() {
    let mut h = Harness::new(Lang::En);
    open_with_petitioner(&mut h, "王五");
    to_subject(&mut h);
    text(&mut h, "pension");
    key(&mut h, KeyCode::Tab);
    text(&mut h, "pay it");
    tabs(&mut h, 2); // facts, reasons
    let long = "理".repeat(600);
    h.send(Action::Paste(format!("第一段\r\n{long}\n第三段")));
    ctrl(&mut h, 's');
    let case = only_case(&h);
    assert_eq!(case.petition.reasons, format!("第一段\n{long}\n第三段"));
    assert_eq!(case.petition.request, "pay it");
}

#[test]
fn a_long_paragraph_scrolls_inside_its_field_and_keeps_the_cursor_in_view() {
    let mut h = Harness::new(Lang::Zh);
    open_with_petitioner(&mut h, "王五");
    to_subject(&mut h);
    text(&mut h, "事项");
    key(&mut h, KeyCode::Tab);
    for n in 1..=9 {
        text(&mut h, &format!("第{n}行"));
        key(&mut h, KeyCode::Enter);
    }
    text(&mut h, "最后一行");
    let screen = h.draw(80, 24);
    let (_, y) = h.cursor(80, 24);
    // The field shows at most six rows: the first lines scrolled away, the last in view
    // with the cursor on it.
    assert!(!screen.contains("第1行"), "{screen}");
    assert_eq!(
        row_of(&screen, "最后一行"),
        Some(usize::from(y)),
        "{screen}"
    );
}

#[test]
fn ctrl_p_adds_a_second_petitioner() {
    let mut h = Harness::new(Lang::En);
    open_with_petitioner(&mut h, "王五");
    ctrl(&mut h, 'p');
    text(&mut h, "赵六");
    let screen = h.draw(120, 40);
    assert!(screen.contains("Petitioner's name 2"), "{screen}");
    // Focus went to the new row's name; the rows after it are where they were.
    ctrl(&mut h, 'p');
    ctrl(&mut h, 'p');
    let status = h.app.status().unwrap().text.clone();
    assert!(status.contains("At most 3"), "{status}");
    // Back up to the subject: from the third name, phone, address, then the rest.
    tabs(&mut h, 3 + 4);
    text(&mut h, "pension");
    key(&mut h, KeyCode::Tab);
    text(&mut h, "pay it");
    ctrl(&mut h, 's');
    let case = only_case(&h);
    let names: Vec<&str> = case
        .petition
        .petitioners
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["王五", "赵六"]);
    assert_eq!(case.petition.people_count, 2);
}

#[test]
fn typed_text_survives_as_a_draft_and_is_offered_again() {
    let mut h = Harness::new(Lang::Zh);
    open_with_petitioner(&mut h, "王五");
    ctrl(&mut h, 'p');
    text(&mut h, "赵六");
    tabs(&mut h, 3 + 4);
    text(&mut h, "事项");
    key(&mut h, KeyCode::Tab);
    text(&mut h, "第一行");
    key(&mut h, KeyCode::Enter);
    text(&mut h, "第二行");
    for _ in 0..6 {
        h.send(Action::Tick(common::now()));
    }
    let draft = h.store.draft("petition", "", "tester").unwrap().unwrap();
    assert!(draft.body.contains("第一行\\n第二行"), "{}", draft.body);
    // The program is killed here: a fresh app on the same database offers the draft.
    let store = std::mem::replace(&mut h.store, common::memory_store().0);
    let mut h2 = Harness::new(Lang::Zh);
    h2.store = store;
    key(&mut h2, KeyCode::F(4));
    ctrl(&mut h2, 'n');
    let screen = h2.draw(120, 40);
    assert!(screen.contains("草稿"), "{screen}");
    text(&mut h2, "y");
    let screen = h2.draw(120, 40);
    assert!(
        screen.contains("赵六") && screen.contains("第二行"),
        "{screen}"
    );
    ctrl(&mut h2, 's');
    let case = h2.store.petition_by_case_no("2026-0001").unwrap().unwrap();
    assert_eq!(case.petition.request, "第一行\n第二行");
    assert_eq!(case.petition.petitioners.len(), 2);
    // Saved: the draft is gone.
    assert!(h2.store.draft("petition", "", "tester").unwrap().is_none());
}

#[test]
fn esc_asks_before_throwing_typing_away() {
    let mut h = Harness::new(Lang::En);
    key(&mut h, KeyCode::F(4));
    ctrl(&mut h, 'n');
    // Untouched: Esc leaves at once.
    key(&mut h, KeyCode::Esc);
    assert_eq!(h.app.screen_id(), ScreenId::Petitions);
    open_with_petitioner(&mut h, "王五");
    key(&mut h, KeyCode::Esc);
    assert_eq!(h.app.screen_id(), ScreenId::PetitionForm);
    assert!(h.draw(120, 40).contains("Discard them?"));
    text(&mut h, "n");
    assert_eq!(h.app.screen_id(), ScreenId::PetitionForm);
    key(&mut h, KeyCode::Esc);
    text(&mut h, "y");
    assert_eq!(h.app.screen_id(), ScreenId::Petitions);
    assert!(h.store.petition_by_case_no("2026-0001").unwrap().is_none());
}

#[test]
fn the_profile_prefills_the_person_and_links_the_case() {
    let mut h = Harness::new(Lang::Zh);
    key(&mut h, KeyCode::F(2));
    text(&mut h, "zsf");
    key(&mut h, KeyCode::Enter);
    h.draw(120, 40);
    ctrl(&mut h, 'p');
    assert_eq!(h.app.screen_id(), ScreenId::PetitionForm);
    tabs(&mut h, 2 + 3 + 4);
    text(&mut h, "优待证");
    key(&mut h, KeyCode::Tab);
    text(&mut h, "要求办理");
    ctrl(&mut h, 's');
    let case = only_case(&h);
    assert_eq!(case.petition.petitioners[0].name, "张三丰");
    assert_eq!(case.petition.petitioners[0].person_id, Some(h.ids[0]));
}
