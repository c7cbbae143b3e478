//! The checklist screens: ticking, not applicable, exceptions with notes, the sign-off
//! that locks the day, the end-of-day reminder (their snapshots are in
//! `checklist_snapshots`).
#![allow(clippy::unwrap_used)]
use crate::common;
use stationdesk::domain::officer::Role;
use stationdesk::tui::session::{AuthInit, Session};

use chrono::NaiveDate;
use common::Harness;
use common::keys::press;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use stationdesk::domain::checklist::ItemState;
use stationdesk::i18n::Lang;
use stationdesk::tui::action::{Action, Loaded, ShellLoaded};
use stationdesk::tui::app::{App, AppInit};
use stationdesk::tui::keymap::Keymap;
use stationdesk::tui::screens::ScreenId;
use stationdesk::tui::theme::Theme;

pub(super) const OFFICER: &str = "wang";

fn today() -> NaiveDate {
    common::now().date()
}

/// The shared harness with a signed-in administrator, so that names in the list are fixed.
fn harness(lang: Lang) -> Harness {
    harness_as(lang, Role::Admin)
}

fn harness_as(lang: Lang, role: Role) -> Harness {
    let mut h = Harness::new(lang);
    let mut session = Session::test_officer(OFFICER);
    session.role = role;
    let (app, effects) = App::new(AppInit {
        lang,
        theme: Theme::fallback(),
        keymap: Keymap::defaults(),
        station: "城关镇退役军人服务站".into(),
        officer: Some(OFFICER.into()),
        now: common::now(),
        notices: Vec::new(),
        auth: AuthInit {
            session: Some(session),
            ..AuthInit::default()
        },
    });
    h.app = app;
    h.perform(effects);
    let people = h.engine.len();
    h.send(Action::Loaded(Loaded::Shell(ShellLoaded::IndexReady {
        people,
    })));
    h
}

pub(super) fn key(h: &mut Harness, c: char) {
    press(h, KeyCode::Char(c), KeyModifiers::NONE);
}

pub(super) fn ctrl(h: &mut Harness, c: char) {
    press(h, KeyCode::Char(c), KeyModifiers::CONTROL);
}

fn states(h: &Harness) -> Vec<ItemState> {
    let day = h.store.checklist_day(today()).unwrap().unwrap();
    day.items.iter().map(|i| i.state).collect()
}

fn status(h: &Harness) -> String {
    h.app.status().map(|s| s.text.clone()).unwrap_or_default()
}

pub(super) fn open_checklist(lang: Lang) -> Harness {
    let mut h = harness(lang);
    press(&mut h, KeyCode::F(5), KeyModifiers::NONE);
    assert_eq!(h.app.screen_id(), ScreenId::Checklist);
    h
}

/// Every required item of the day ticked: Space ticks and moves on; Down steps over an
/// optional item.
pub(super) fn tick_required(h: &mut Harness) {
    let day = h.store.checklist_day(today()).unwrap().unwrap();
    for item in &day.items {
        if item.required {
            key(h, ' ');
        } else {
            press(h, KeyCode::Down, KeyModifiers::NONE);
        }
    }
}

#[test]
fn opening_the_tab_creates_the_day_from_the_default_rules() {
    let h = open_checklist(Lang::Zh);
    let day = h.store.checklist_day(today()).unwrap().unwrap();
    // 25 November 2026 is a Wednesday: the home-visit rule applies, the Friday study not.
    assert_eq!(day.items.len(), 9);
    assert!(states(&h).iter().all(|s| *s == ItemState::Open));
}

#[test]
fn space_ticks_n_marks_not_applicable_and_o_reopens() {
    let mut h = open_checklist(Lang::Zh);
    key(&mut h, ' ');
    assert_eq!(states(&h)[0], ItemState::Done);
    let day = h.store.checklist_day(today()).unwrap().unwrap();
    assert_eq!(day.items[0].officer.as_deref(), Some(OFFICER));
    // Space moved on to the second item, which is required: not applicable asks why.
    key(&mut h, 'n');
    assert_eq!(states(&h)[1], ItemState::Open);
    press(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    assert!(status(&h).contains("必须填写说明"), "{}", status(&h));
    assert_eq!(states(&h)[1], ItemState::Open);
    h.type_text("今日无来访");
    press(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(states(&h)[1], ItemState::NotApplicable);
    let day = h.store.checklist_day(today()).unwrap().unwrap();
    assert_eq!(day.items[1].note, "今日无来访");
    key(&mut h, 'o');
    assert_eq!(states(&h)[1], ItemState::Open);
    press(&mut h, KeyCode::Up, KeyModifiers::NONE);
    key(&mut h, ' ');
    assert_eq!(states(&h)[0], ItemState::Open, "Space again unticks");
}

#[test]
fn a_day_of_eight_required_items_is_signed_in_ten_keys() {
    let mut h = harness(Lang::En);
    let before = h.keys.keys;
    press(&mut h, KeyCode::F(5), KeyModifiers::NONE);
    let day = h.store.checklist_day(today()).unwrap().unwrap();
    let required = day.items.iter().filter(|i| i.required).count();
    assert_eq!(required, 8);
    // The optional home-visit item is the last: Space after Space, then Ctrl+S.
    assert!(!day.items.last().unwrap().required);
    for _ in 0..required {
        key(&mut h, ' ');
    }
    ctrl(&mut h, 's');
    let day = h.store.checklist_day(today()).unwrap().unwrap();
    assert!(day.is_signed(), "{}", status(&h));
    assert_eq!(
        day.items
            .iter()
            .filter(|i| i.state == ItemState::Done)
            .count(),
        8
    );
    let used = h.keys.keys - before;
    assert!(used <= 10, "{used} keys");
}

#[test]
fn an_exception_asks_for_a_note_and_requires_one() {
    let mut h = open_checklist(Lang::Zh);
    key(&mut h, 'x');
    // The prompt has the focus: letters are typed, not shortcuts.
    assert_eq!(
        h.app.action_for(&Event::Key(KeyEvent::new(
            KeyCode::Char('n'),
            KeyModifiers::NONE
        ))),
        Some(Action::Type('n'))
    );
    press(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    assert!(status(&h).contains("必须填写说明"), "{}", status(&h));
    assert_eq!(states(&h)[0], ItemState::Open);
    h.type_text("停电，纸质登记");
    press(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    let day = h.store.checklist_day(today()).unwrap().unwrap();
    assert_eq!(day.items[0].state, ItemState::Exception);
    assert_eq!(day.items[0].note, "停电，纸质登记");
    let screen = h.draw(80, 24);
    assert!(
        screen.contains("[!]") && screen.contains("停电"),
        "{screen}"
    );
    // Esc cancels a prompt without changing anything.
    press(&mut h, KeyCode::Down, KeyModifiers::NONE);
    key(&mut h, 'x');
    h.type_text("abc");
    press(&mut h, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(states(&h)[1], ItemState::Open);
    assert_eq!(h.app.screen_id(), ScreenId::Checklist);
}

#[test]
fn a_required_open_item_blocks_the_sign_off_by_name() {
    let mut h = open_checklist(Lang::En);
    tick_required(&mut h);
    // Untick the backup (the seventh item): the selection rests on the last.
    for _ in 0..2 {
        press(&mut h, KeyCode::Up, KeyModifiers::NONE);
    }
    key(&mut h, ' ');
    assert_eq!(states(&h)[6], ItemState::Open);
    ctrl(&mut h, 's');
    let text = status(&h);
    assert!(text.contains("Data backed up today"), "{text}");
    assert!(
        !text.contains("Home visits"),
        "optional items do not block: {text}"
    );
    assert!(!h.store.checklist_day(today()).unwrap().unwrap().is_signed());
}

#[test]
fn signing_locks_the_day_and_reopening_needs_a_reason() {
    let mut h = open_checklist(Lang::Zh);
    tick_required(&mut h);
    ctrl(&mut h, 's');
    let day = h.store.checklist_day(today()).unwrap().unwrap();
    assert_eq!(day.signed_by.as_deref(), Some(OFFICER));
    let screen = h.draw(80, 24);
    assert!(screen.contains("已由 wang"), "{screen}");
    // Locked: ticks are refused with a message, the stored day does not change.
    let before = states(&h);
    press(&mut h, KeyCode::Home, KeyModifiers::NONE);
    key(&mut h, ' ');
    assert!(status(&h).contains("锁定"), "{}", status(&h));
    key(&mut h, 'x');
    assert!(status(&h).contains("锁定"));
    assert_eq!(states(&h), before);
    // Reopen: a reason is required.
    key(&mut h, 'u');
    press(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    assert!(status(&h).contains("理由"), "{}", status(&h));
    h.type_text("补登一条来访");
    press(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    assert!(!h.store.checklist_day(today()).unwrap().unwrap().is_signed());
    let reopens = h.store.checklist_reopens(today()).unwrap();
    assert_eq!(reopens[0].reason, "补登一条来访");
    assert_eq!(reopens[0].officer, OFFICER);
}

#[test]
fn the_nudge_asks_after_the_set_time_and_not_before() {
    // 09:30: quitting with the list unsigned just quits.
    let mut h = harness(Lang::Zh);
    assert!(!h.app.nudge_now());
    ctrl(&mut h, 'q');
    assert!(h.app.should_quit());

    // 17:00: it asks; n stays, y quits.
    let mut h = harness(Lang::Zh);
    h.send(Action::Tick(today().and_hms_opt(17, 0, 0).unwrap()));
    ctrl(&mut h, 'q');
    assert!(!h.app.should_quit());
    assert_eq!(status(&h), "今天的工作清单还未签字，仍要退出吗？(y/n)");
    key(&mut h, 'n');
    assert!(!h.app.should_quit());
    assert!(h.app.status().is_none());
    ctrl(&mut h, 'q');
    key(&mut h, 'y');
    assert!(h.app.should_quit());

    // Signed: no question.
    let mut h = open_checklist(Lang::Zh);
    tick_required(&mut h);
    ctrl(&mut h, 's');
    h.send(Action::Tick(today().and_hms_opt(17, 0, 0).unwrap()));
    ctrl(&mut h, 'q');
    assert!(h.app.should_quit());
}

#[test]
fn the_reminder_time_comes_from_the_setting() {
    let mut h = harness(Lang::En);
    h.app
        .set_nudge_after(chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    assert!(h.app.nudge_now());
    ctrl(&mut h, 'q');
    assert!(!h.app.should_quit());
    assert!(status(&h).contains("Quit anyway"));
}

#[test]
fn a_holiday_mark_empties_the_day_and_it_is_not_nudged() {
    let mut h = open_checklist(Lang::Zh);
    key(&mut h, 'w');
    let day = h.store.checklist_day(today()).unwrap().unwrap();
    assert_eq!(day.marked, Some(false));
    assert!(!day.is_working_day());
    let screen = h.draw(80, 24);
    assert!(screen.contains("非工作日"), "{screen}");
    h.send(Action::Tick(today().and_hms_opt(17, 0, 0).unwrap()));
    assert!(!h.app.nudge_now());
    key(&mut h, 'w');
    assert!(
        h.store
            .checklist_day(today())
            .unwrap()
            .unwrap()
            .is_working_day()
    );
}

#[test]
fn the_history_opens_a_past_day_read_only() {
    let mut h = open_checklist(Lang::Zh);
    key(&mut h, 'h');
    assert_eq!(h.app.screen_id(), ScreenId::ChecklistHistory);
    press(&mut h, KeyCode::Left, KeyModifiers::NONE);
    press(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(h.app.screen_id(), ScreenId::Checklist);
    let screen = h.draw(80, 24);
    assert!(screen.contains("2026-11-24"), "{screen}");
    key(&mut h, ' ');
    assert!(status(&h).contains("只能查看"), "{}", status(&h));
    press(&mut h, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(h.app.screen_id(), ScreenId::ChecklistHistory);
    // Months change with PgUp/PgDn.
    press(&mut h, KeyCode::PageDown, KeyModifiers::NONE);
    let screen = h.draw(80, 24);
    assert!(screen.contains("2026年12月"), "{screen}");
    press(&mut h, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut h, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
}

#[test]
fn rules_are_added_moved_and_retired() {
    let mut h = open_checklist(Lang::Zh);
    key(&mut h, 'r');
    assert_eq!(h.app.screen_id(), ScreenId::ChecklistRules);
    ctrl(&mut h, 'n');
    press(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    assert!(status(&h).contains("中文标题"), "{}", status(&h));
    h.type_text("每日例会");
    press(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    h.type_text("Daily meeting");
    press(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    h.type_text("8");
    press(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    assert!(status(&h).contains("7（周日）"), "{}", status(&h));
    press(&mut h, KeyCode::Backspace, KeyModifiers::NONE);
    h.type_text("1,3");
    press(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    key(&mut h, 'n');
    press(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    let rules = h.store.checklist_rules(false).unwrap();
    let added = rules.last().unwrap();
    assert_eq!(added.title_en, "Daily meeting");
    assert!(!added.required);
    let id = added.id;
    press(&mut h, KeyCode::End, KeyModifiers::NONE);
    key(&mut h, 'k');
    let rules = h.store.checklist_rules(false).unwrap();
    assert_eq!(rules[rules.len() - 2].id, id, "moved up one");
    key(&mut h, 'd');
    key(&mut h, 'y');
    press(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    let rules = h.store.checklist_rules(false).unwrap();
    assert!(!rules.iter().any(|r| r.id == id));
    assert!(
        h.store
            .checklist_rule(id)
            .unwrap()
            .unwrap()
            .retired_at
            .is_some()
    );
}

#[test]
fn the_dashboard_shows_the_state_of_today() {
    let mut h = open_checklist(Lang::Zh);
    tick_required(&mut h);
    ctrl(&mut h, 's');
    press(&mut h, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
    let screen = h.draw(80, 24);
    assert!(screen.contains("8/9 OK"), "{screen}");
    assert!(screen.contains("近30天漏签"), "{screen}");
}

/// The checklist's own words have no East-Asian-ambiguous character: each is as wide in a
/// Chinese terminal setup as in any other.
#[test]
fn checklist_strings_have_no_ambiguous_symbols() {
    use unicode_width::UnicodeWidthChar;
    for lang in [Lang::Zh, Lang::En] {
        for (key, text) in stationdesk::i18n::catalog(lang) {
            let ours = key.starts_with("tui.checklist.")
                || Action::bindable()[31..]
                    .iter()
                    .any(|a| a.label_key().as_deref() == Some(key.as_str()));
            if !ours {
                continue;
            }
            for c in text.chars() {
                assert_eq!(c.width(), c.width_cjk(), "{key}: {c:?} in {text}");
            }
        }
    }
}

#[test]
fn an_officer_who_is_not_an_administrator_cannot_reopen_or_edit_the_rules() {
    let mut h = harness_as(Lang::En, Role::Officer);
    h.send(Action::GotoChecklist);
    h.send(Action::ChecklistRules);
    assert_eq!(h.app.screen_id(), ScreenId::Checklist);
    assert!(h.app.status().unwrap().is_error);
    h.send(Action::MarkHoliday);
    assert!(h.app.status().unwrap().is_error);
    let day = h.store.checklist_day(today()).unwrap();
    assert!(
        day.is_none_or(|d| d.is_working_day()),
        "a clerk must not mark a holiday"
    );
}

#[test]
fn a_signed_day_with_a_documented_exception_shows_as_signed() {
    let mut h = open_checklist(Lang::Zh);
    key(&mut h, 'x');
    h.type_text("停电，纸质登记");
    press(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    press(&mut h, KeyCode::Down, KeyModifiers::NONE);
    let day = h.store.checklist_day(today()).unwrap().unwrap();
    for item in day.items.iter().skip(1) {
        if item.required {
            key(&mut h, ' ');
        } else {
            press(&mut h, KeyCode::Down, KeyModifiers::NONE);
        }
    }
    ctrl(&mut h, 's');
    assert!(
        h.store.checklist_day(today()).unwrap().unwrap().is_signed(),
        "{}",
        status(&h)
    );
    key(&mut h, 'h');
    let screen = h.draw(120, 40);
    assert!(screen.contains("25[*]"), "{screen}");
    assert!(screen.contains("已签字(有例外)"), "{screen}");
    assert!(
        !screen.contains("25[~]") && !screen.contains(" 0%（"),
        "{screen}"
    );
    let overall = stationdesk::i18n::tf(
        Lang::Zh,
        "tui.checklist.compliance_overall",
        &[("percent", &"100%"), ("done", &1), ("due", &1)],
    );
    assert!(screen.contains(&overall), "{screen}");
}
