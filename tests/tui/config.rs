//! The user's keymap and theme files: overrides merge, bad files fall back with a message
//! that names the bad entry.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;
use stationdesk::tui::keymap::Keymap;
use stationdesk::tui::keys::KeyChord;
use stationdesk::tui::theme::Theme;

fn dir_with(file: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    dir
}

fn chord(text: &str) -> KeyChord {
    KeyChord::parse(text).unwrap()
}

#[test]
fn defaults_bind_the_documented_keys() {
    let map = Keymap::defaults();
    let global = ["global"];
    assert_eq!(map.action(&global, &chord("F1")), Some(Action::Help));
    assert_eq!(map.action(&global, &chord("?")), Some(Action::Help));
    assert_eq!(map.action(&global, &chord("F2")), Some(Action::GotoLookup));
    assert_eq!(map.action(&global, &chord("F6")), Some(Action::GotoReports));
    assert_eq!(map.action(&global, &chord("/")), Some(Action::FocusSearch));
    assert_eq!(
        map.action(&global, &chord("Ctrl+F")),
        Some(Action::FocusSearch)
    );
    assert_eq!(map.action(&global, &chord("Ctrl+L")), Some(Action::Lock));
    assert_eq!(map.action(&global, &chord("Ctrl+Q")), Some(Action::Quit));
    let list = ["list"];
    for (k, a) in [
        ("Up", Action::MoveUp),
        ("PgDn", Action::PageDown),
        ("Home", Action::First),
        ("End", Action::Last),
        ("Enter", Action::Open),
        ("Esc", Action::Back),
    ] {
        assert_eq!(map.action(&list, &chord(k)), Some(a));
    }
    assert_eq!(
        map.action(&["lookup"], &chord("Ctrl+N")),
        Some(Action::NewItem)
    );
    let form = ["form"];
    assert_eq!(map.action(&form, &chord("Tab")), Some(Action::NextField));
    assert_eq!(
        map.action(&form, &chord("Shift+Tab")),
        Some(Action::PrevField)
    );
    assert_eq!(map.action(&form, &chord("Ctrl+S")), Some(Action::Save));
    assert_eq!(
        map.action(&["checklist"], &chord("Space")),
        Some(Action::Toggle)
    );
}

#[test]
fn every_bindable_action_has_a_name_in_both_catalogs() {
    for action in Action::bindable() {
        let key = action.label_key().unwrap();
        for lang in [Lang::Zh, Lang::En] {
            assert!(
                stationdesk::i18n::catalog(lang).contains_key(&key),
                "{key} missing in {lang:?}"
            );
        }
    }
}

#[test]
fn a_user_file_overrides_single_bindings() {
    let dir = dir_with("keymap.toml", "[global]\nquit = [\"Ctrl+X\"]\n");
    let (map, problem) = Keymap::load(dir.path());
    assert_eq!(problem, None);
    assert_eq!(
        map.action(&["global"], &chord("Ctrl+X")),
        Some(Action::Quit)
    );
    assert_eq!(map.action(&["global"], &chord("Ctrl+Q")), None);
    // Everything else keeps its default.
    assert_eq!(map.action(&["global"], &chord("F1")), Some(Action::Help));
    // The help overlay and hints read the same table.
    let mut h = Harness::with(Lang::En, Theme::fallback(), map, Vec::new());
    h.send(Action::Help);
    let screen = h.draw(80, 24);
    assert!(screen.contains("Ctrl+X    Quit"), "{screen}");
}

#[test]
fn a_key_taken_over_leaves_its_old_action() {
    let dir = dir_with("keymap.toml", "[global]\nlock = \"F2\"\n");
    let (map, problem) = Keymap::load(dir.path());
    assert_eq!(problem, None);
    assert_eq!(map.action(&["global"], &chord("F2")), Some(Action::Lock));
}

#[test]
fn a_bad_user_file_names_the_entry_and_the_defaults_stay() {
    let cases = [
        ("[global]\nquit = [\"Hyper+Q\"]\n", "global.quit", "Hyper+Q"),
        ("[global]\nfly = [\"F9\"]\n", "global.fly", "fly"),
        ("[nowhere]\nquit = [\"F9\"]\n", "nowhere", "nowhere"),
        ("[global]\nquit = 5\n", "global.quit", "quit"),
        ("[global\nquit = 5\n", "keymap.toml", "keymap.toml"),
    ];
    for (text, entry, detail) in cases {
        let dir = dir_with("keymap.toml", text);
        let (map, problem) = Keymap::load(dir.path());
        assert_eq!(map, Keymap::defaults(), "{text}");
        let problem = problem.expect("a message");
        for lang in [Lang::Zh, Lang::En] {
            let msg = problem.render(lang);
            assert!(msg.contains(entry) && msg.contains(detail), "{msg}");
        }
    }
    // The message reaches the status line.
    let dir = dir_with("keymap.toml", "[global]\nquit = [\"Hyper+Q\"]\n");
    let (map, problem) = Keymap::load(dir.path());
    let mut h = Harness::with(
        Lang::En,
        Theme::fallback(),
        map,
        problem.into_iter().collect(),
    );
    let screen = h.draw(120, 40);
    assert!(screen.contains("Hyper+Q"), "{screen}");
}

#[test]
fn bundled_themes_load_by_name() {
    let empty = tempfile::tempdir().unwrap();
    for name in ["default", "light", "high-contrast", "mono"] {
        let (theme, problem) = Theme::load(Some(name), empty.path());
        assert_eq!(problem, None, "{name}");
        assert_eq!(theme.name, name);
    }
    let (theme, problem) = Theme::load(None, empty.path());
    assert_eq!((theme.name.as_str(), problem), ("default", None));
}

#[test]
fn a_user_theme_loads_and_falls_back_per_role() {
    let dir = dir_with("themes/station.toml", "[accent]\nfg = \"#ff8800\"\n");
    let (theme, problem) = Theme::load(Some("station"), dir.path());
    assert_eq!(problem, None);
    assert_eq!(theme.name, "station");
    let orange = Some(ratatui::style::Color::Rgb(0xff, 0x88, 0x00));
    assert_eq!(theme.accent.fg, orange);
    assert_eq!(theme.title.fg, orange, "title falls back to accent");
}

#[test]
fn a_bad_theme_gives_the_default_and_a_message() {
    let cases = [
        ("[text]\nfg = \"chartreusey\"\n", "chartreusey"),
        ("[txet]\nfg = \"red\"\n", "txet"),
        ("[text]\nblink = true\n", "blink"),
        ("[text\n", "station.toml"),
    ];
    for (text, named) in cases {
        let dir = dir_with("themes/station.toml", text);
        let (theme, problem) = Theme::load(Some("station"), dir.path());
        assert_eq!(theme, Theme::fallback());
        let msg = problem.expect("a message").render(Lang::En);
        assert!(msg.contains(named), "{msg}");
    }
    let empty = tempfile::tempdir().unwrap();
    for name in ["nosuch", "../etc/passwd"] {
        let (theme, problem) = Theme::load(Some(name), empty.path());
        assert_eq!(theme, Theme::fallback());
        assert!(problem.unwrap().render(Lang::Zh).contains(name));
    }
}
