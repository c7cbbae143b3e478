//! How keys, paste, worker results and sizes move the app.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::press;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use stationdesk::i18n::Lang;
use stationdesk::tui::action::{Action, Loaded};
use stationdesk::tui::data::SearchResult;
use stationdesk::tui::effect::{DbJob, Effect};
use stationdesk::tui::screens::ScreenId;
use stationdesk::tui::screens::people::jobs::PeopleJob;

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

#[test]
fn shortcut_characters_are_typed_inside_the_search_box() {
    let mut h = Harness::new(Lang::Zh);
    // On the dashboard `?` opens the help and `/` goes to the search box.
    press(&mut h, KeyCode::Char('?'), KeyModifiers::SHIFT);
    assert!(h.app.help_open());
    press(&mut h, KeyCode::Esc, KeyModifiers::NONE);
    assert!(!h.app.help_open());
    press(&mut h, KeyCode::Char('/'), KeyModifiers::NONE);
    assert_eq!(h.app.screen_id(), ScreenId::Lookup);
    // In the box every character is text, Space and `?` and `/` included.
    for c in "a ?/q".chars() {
        assert_eq!(
            h.app.action_for(&key(KeyCode::Char(c), KeyModifiers::NONE)),
            Some(Action::Type(c))
        );
    }
    // F1 still opens the help, Ctrl+Q still quits.
    assert_eq!(
        h.app.action_for(&key(KeyCode::F(1), KeyModifiers::NONE)),
        Some(Action::Help)
    );
    assert_eq!(
        h.app
            .action_for(&key(KeyCode::Char('q'), KeyModifiers::CONTROL)),
        Some(Action::Quit)
    );
}

#[test]
fn only_key_presses_count() {
    let h = Harness::new(Lang::Zh);
    let mut release = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(h.app.action_for(&Event::Key(release)), None);
    let mut repeat = release;
    repeat.kind = KeyEventKind::Repeat;
    assert_eq!(h.app.action_for(&Event::Key(repeat)), None);
}

#[test]
fn paste_goes_into_the_focused_field_only() {
    let mut h = Harness::new(Lang::Zh);
    assert_eq!(h.app.action_for(&Event::Paste("张".into())), None);
    h.send(Action::GotoLookup);
    let action = h.app.action_for(&Event::Paste("张三\n".into())).unwrap();
    h.send(action);
    let screen = h.draw(80, 24);
    assert!(screen.contains("张三丰"), "{screen}");
}

#[test]
fn opening_a_profile_loads_it_and_writes_an_audit_record() {
    let mut h = Harness::new(Lang::Zh);
    h.send(Action::GotoLookup);
    h.type_text("zsf");
    let effects = h.app.update(Action::Open);
    let zhang = h.ids[0];
    assert!(matches!(effects[0], Effect::Db(DbJob::People(PeopleJob::Profile(id))) if id == zhang));
    assert!(matches!(&effects[1], Effect::Db(job) if *job == DbJob::viewed_person(zhang)));
    h.perform(effects);
    assert_eq!(h.app.screen_id(), ScreenId::Profile);
    let audit = h.store.audit_entries(None, None).unwrap();
    let last = audit.last().unwrap();
    assert_eq!(
        (
            last.action.as_str(),
            last.entity.as_str(),
            last.entity_id.clone()
        ),
        ("view", "person", zhang.to_string())
    );
    h.send(Action::Back);
    assert_eq!(h.app.screen_id(), ScreenId::Lookup);
}

#[test]
fn stale_search_results_are_dropped() {
    let mut h = Harness::new(Lang::Zh);
    h.send(Action::GotoLookup);
    // Keep the worker's answers back, as if they were slow.
    let first = h.app.update(Action::Type('z'));
    let second = h.app.update(Action::Type('s'));
    let generation = |effects: &[Effect]| match &effects[0] {
        Effect::Search { generation, .. } => *generation,
        other => panic!("{other:?}"),
    };
    let (g1, g2) = (generation(&first), generation(&second));
    assert!(g2 > g1);
    // The answer for "z" arrives last and is ignored; only the one for "zs" shows.
    let old = stationdesk::tui::jobs::search(&mut h.engine, &h.store, "z", g1).unwrap();
    let fresh = SearchResult {
        generation: g2,
        query: "zs".into(),
        rows: Vec::new(),
        owner: None,
    };
    h.send(Action::Loaded(Loaded::Search(fresh)));
    h.send(Action::Loaded(Loaded::Search(old)));
    let screen = h.draw(80, 24);
    assert!(!screen.contains("张三丰"), "{screen}");
}

#[test]
fn the_cursor_sits_after_the_typed_text_by_display_width() {
    let mut h = Harness::new(Lang::Zh);
    h.send(Action::GotoLookup);
    h.type_text("欧阳x");
    // Box border at column 0, text from column 1: 欧阳 is 4 columns, x one more.
    assert_eq!(h.cursor(80, 24), (6, 3));
    h.send(Action::CursorLeft);
    h.send(Action::CursorLeft);
    assert_eq!(h.cursor(80, 24), (3, 3));
}

#[test]
fn escape_clears_the_box_then_goes_home() {
    let mut h = Harness::new(Lang::En);
    h.send(Action::FocusSearch);
    h.type_text("li");
    h.send(Action::Back);
    assert_eq!(h.app.screen_id(), ScreenId::Lookup);
    h.send(Action::Back);
    assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
}

#[test]
fn quit_and_terminate_end_the_program() {
    let mut h = Harness::new(Lang::En);
    h.send(Action::Terminate);
    assert!(h.app.should_quit());
    let mut h = Harness::new(Lang::En);
    press(&mut h, KeyCode::Char('q'), KeyModifiers::CONTROL);
    assert!(h.app.should_quit());
}

#[test]
fn every_size_from_tiny_up_draws_without_panicking() {
    let mut states: Vec<Harness> = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        states.push(Harness::new(lang));
        let mut h = Harness::new(lang);
        h.send(Action::GotoLookup);
        h.type_text("4501");
        states.push(h);
        let mut h = Harness::new(lang);
        h.send(Action::GotoLookup);
        h.type_text("阿依");
        h.send(Action::Open);
        states.push(h);
        let mut h = Harness::new(lang);
        h.send(Action::Help);
        states.push(h);
    }
    for h in &mut states {
        for w in (10..=80).step_by(7).chain([79, 80, 81, 119, 120]) {
            for rows in (3..=24).step_by(3).chain([23, 24, 25, 40]) {
                let screen = h.draw(w, rows);
                if w < 80 || rows < 24 {
                    assert!(!screen.contains("F2"), "only the notice below 80x24");
                }
            }
        }
    }
}

#[test]
fn the_index_note_shows_until_the_index_is_ready() {
    use stationdesk::tui::app::{App, AppInit};
    let (app, _) = App::new(AppInit {
        lang: Lang::En,
        theme: stationdesk::tui::theme::Theme::fallback(),
        keymap: stationdesk::tui::keymap::Keymap::defaults(),
        station: "S".into(),
        officer: None,
        now: common::now(),
        notices: Vec::new(),
        auth: Default::default(),
    });
    let backend = ratatui::backend::TestBackend::new(80, 24);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    let screen = terminal.backend().to_string();
    assert!(screen.contains("Loading the index"), "{screen}");
}

#[test]
fn compound_surnames_are_found_by_their_initials() {
    for (query, name) in [
        ("ycg", "尉迟恭"),
        ("oyxw", "欧阳修文"),
        ("aygl", "阿依古丽"),
    ] {
        let mut h = Harness::new(Lang::Zh);
        h.send(Action::GotoLookup);
        h.type_text(query);
        let screen = h.draw(80, 24);
        assert!(screen.contains(name), "{query}: {screen}");
    }
}
