//! Broken user files are shown in the program at start: every one named, with the line and
//! column and what is wrong in the user's language, while the program runs on the defaults.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use stationdesk::config::Config;
use stationdesk::i18n::{Lang, Msg};
use stationdesk::tui::action::Action;
use stationdesk::tui::keymap::Keymap;
use stationdesk::tui::theme::Theme;

/// A config directory with a bad config, a bad keymap and a bad theme, and what the
/// program makes of them as it starts.
fn three_bad_files() -> (tempfile::TempDir, Keymap, Theme, Vec<Msg>) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("config.toml"), "lang = \"zh\"\ncolour = 1\n").unwrap();
    std::fs::write(
        d.join("keymap.toml"),
        "[global]\nhelp = [\"F1\"]\nfly = [\"F9\"]\n",
    )
    .unwrap();
    std::fs::create_dir_all(d.join("themes")).unwrap();
    std::fs::write(
        d.join("themes/station.toml"),
        "[text]\nbold = true\n\n[error]\nfg = \"chartreusey\"\n",
    )
    .unwrap();
    let (config, config_problem) = Config::load_from(&d.join("config.toml"));
    assert_eq!(
        config,
        Config::default(),
        "the defaults stand in for the bad file"
    );
    let (keymap, keymap_problem) = Keymap::load(d);
    assert_eq!(keymap, Keymap::defaults());
    let (theme, theme_problem) = Theme::load(Some("station"), d);
    assert_eq!(theme, Theme::fallback());
    let notices = [config_problem, keymap_problem, theme_problem]
        .into_iter()
        .map(Option::unwrap)
        .collect();
    (dir, keymap, theme, notices)
}

/// toml's and serde's English, which must never reach a Chinese screen.
const PARSER_WORDS: [&str; 4] = ["unknown field", "expected", "invalid", "TOML parse error"];

#[test]
fn every_bad_file_is_named_at_start_with_its_line_and_column_in_chinese() {
    let (_dir, keymap, theme, notices) = three_bad_files();
    let mut h = Harness::with(Lang::Zh, theme, keymap, notices);
    let screen = h.draw(80, 24);
    for (file, place) in [
        ("config.toml", "第 2 行第 1 列"),
        ("keymap.toml", "第 3 行第 1 列"),
        ("station.toml", "第 5 行第 1 列"),
    ] {
        assert!(screen.contains(file), "{file} not named:\n{screen}");
        assert!(screen.contains(place), "{place} not shown:\n{screen}");
    }
    assert!(
        screen.contains("colour") && screen.contains("global.fly"),
        "{screen}"
    );
    assert!(screen.contains("chartreusey"), "{screen}");
    for word in PARSER_WORDS {
        assert!(!screen.contains(word), "{word}:\n{screen}");
    }
    // Any key closes it, and the program goes on with the defaults.
    h.send(Action::MoveDown);
    let screen = h.draw(80, 24);
    assert!(!screen.contains("config.toml"), "{screen}");
}

#[test]
fn the_notice_speaks_english_when_asked() {
    let (_dir, keymap, theme, notices) = three_bad_files();
    let mut h = Harness::with(Lang::En, theme, keymap, notices);
    let screen = h.draw(120, 40);
    for part in ["line 2, column 1", "line 3, column 1", "line 5, column 1"] {
        assert!(screen.contains(part), "{part}:\n{screen}");
    }
    assert!(screen.contains("Press any key to close"), "{screen}");
}

#[test]
fn a_wrong_value_in_the_config_says_what_was_wanted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "# desk 3\nidle_lock_minutes = \"soon\"\n").unwrap();
    let (_, problem) = Config::load_from(&path);
    let zh = problem.unwrap().render(Lang::Zh);
    assert!(zh.contains("第 2 行"), "{zh}");
    assert!(
        zh.contains("idle_lock_minutes") && zh.contains("整数"),
        "{zh}"
    );
    for word in PARSER_WORDS {
        assert!(!zh.contains(word), "{zh}");
    }
}
