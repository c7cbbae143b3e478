//! Random and mutated bytes in the user's theme, keymap and config files, read through the
//! same loaders the program starts with: never a panic; a file that is not right is always
//! a message naming the file (and the defaults are used), a file that is right is used.
#![allow(clippy::unwrap_used)]
use proptest::prelude::*;
use stationdesk::config::Config;
use stationdesk::i18n::{Lang, Msg};
use stationdesk::tui::keymap::Keymap;
use stationdesk::tui::theme::{BUNDLED, Theme};
use std::path::Path;

const KEYMAP: &str = include_str!("../../src/tui/keymap-default.toml");
const CONFIG: &str = "lang = \"en\"\ntheme = \"light\"\nidle_lock_minutes = 5\nstation_name = \"城关镇退役军人服务站\"\nchecklist_nudge_after = \"16:30\"\n";

/// One change to a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = prop_oneof![
        Just(b'"'),
        Just(b'['),
        Just(b']'),
        Just(b'='),
        Just(b'\n'),
        Just(b'#'),
        Just(b','),
        Just(0xff),
        Just(0xe4),
        Just(0),
        any::<u8>(),
    ];
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(i, b)| Mutation::Replace(i, b)),
        (any::<usize>(), byte).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(text: &str, changes: &[Mutation]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for m in changes {
        let n = bytes.len().max(1);
        match *m {
            Mutation::Replace(i, b) if !bytes.is_empty() => bytes[i % n] = b,
            Mutation::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
            Mutation::Delete(i) if !bytes.is_empty() => {
                bytes.remove(i % n);
            }
            Mutation::Truncate(i) => bytes.truncate(i % (bytes.len() + 1)),
            _ => {}
        }
    }
    bytes
}

/// A message that tells the user which file is wrong, in both languages.
fn assert_clear(msg: &Msg, path: &Path) -> Result<(), TestCaseError> {
    for lang in [Lang::Zh, Lang::En] {
        let text = msg.render(lang);
        prop_assert!(
            text.contains(&path.display().to_string()),
            "{lang:?}: the message names the file: {text}"
        );
        prop_assert!(
            !text.contains("{path}") && !text.contains("{detail}"),
            "{text}"
        );
    }
    Ok(())
}

fn check_theme(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("themes")).unwrap();
    let path = dir.path().join("themes").join("mine.toml");
    std::fs::write(&path, bytes).unwrap();
    let (theme, problem) = Theme::load(Some("mine"), dir.path());
    match std::str::from_utf8(bytes) {
        Err(_) => {
            let msg = problem.expect("a file that is not UTF-8 is reported");
            prop_assert_eq!(msg.key, "tui.theme.not_utf8");
            assert_clear(&msg, &path)?;
            prop_assert_eq!(theme, Theme::fallback());
        }
        Ok(text) => match Theme::parse("mine", text) {
            Ok(parsed) => {
                // The one note a good file can get: the lockout rule is no longer its own.
                prop_assert!(problem.is_none_or(|m| m.key == "config.lockout_ignored"));
                prop_assert_eq!(theme, parsed);
            }
            Err(_) => {
                assert_clear(&problem.expect("a bad theme is reported"), &path)?;
                prop_assert_eq!(theme, Theme::fallback());
            }
        },
    }
    Ok(())
}

fn check_keymap(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keymap.toml");
    std::fs::write(&path, bytes).unwrap();
    let (keymap, problem) = Keymap::load(dir.path());
    match std::str::from_utf8(bytes) {
        Err(_) => {
            let msg = problem.expect("a file that is not UTF-8 is reported");
            prop_assert_eq!(msg.key, "tui.keymap.not_utf8");
            assert_clear(&msg, &path)?;
            prop_assert_eq!(keymap, Keymap::defaults());
        }
        Ok(text) => {
            let mut merged = Keymap::defaults();
            match merged.merge(text) {
                Ok(()) => {
                    prop_assert!(problem.is_none());
                    prop_assert_eq!(keymap, merged);
                }
                Err(_) => {
                    assert_clear(&problem.expect("a bad keymap is reported"), &path)?;
                    prop_assert_eq!(keymap, Keymap::defaults());
                }
            }
        }
    }
    Ok(())
}

fn check_config(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, bytes).unwrap();
    let (config, problem) = Config::load_from(&path);
    match std::str::from_utf8(bytes) {
        Err(_) => {
            let msg = problem.expect("a file that is not UTF-8 is reported");
            prop_assert_eq!(msg.key, "config.not_utf8");
            assert_clear(&msg, &path)?;
            prop_assert_eq!(config, Config::default());
        }
        Ok(text) => match Config::parse(text) {
            Ok(parsed) => {
                // The one note a good file can get: the lockout rule is no longer its own.
                prop_assert!(problem.is_none_or(|m| m.key == "config.lockout_ignored"));
                prop_assert_eq!(config, parsed);
            }
            Err(_) => {
                assert_clear(&problem.expect("a bad config is reported"), &path)?;
                prop_assert_eq!(config, Config::default());
            }
        },
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_in_a_theme_file(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check_theme(&bytes)?;
    }

    #[test]
    fn mutated_theme_files(which in 0..BUNDLED.len(), changes in prop::collection::vec(mutation(), 1..6)) {
        check_theme(&mutate(BUNDLED[which].1, &changes))?;
    }

    #[test]
    fn random_bytes_in_a_keymap_file(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check_keymap(&bytes)?;
    }

    #[test]
    fn mutated_keymap_files(changes in prop::collection::vec(mutation(), 1..6)) {
        check_keymap(&mutate(KEYMAP, &changes))?;
    }

    #[test]
    fn random_bytes_in_a_config_file(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check_config(&bytes)?;
    }

    #[test]
    fn mutated_config_files(changes in prop::collection::vec(mutation(), 1..6)) {
        check_config(&mutate(CONFIG, &changes))?;
    }
}

/// The case that motivated the byte-level tests: a file saved as GBK by a Windows editor
/// used to be skipped without a word.
#[test]
fn files_saved_as_gbk_are_reported_not_skipped() {
    let (gbk, _, _) = encoding_rs::GBK.encode("station_name = \"城关镇退役军人服务站\"\n");
    check_config(&gbk).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode("# 我的快捷键\n[global]\nquit = [\"Ctrl+Q\"]\n");
    check_keymap(&gbk).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode("# 我的主题\n[text]\nfg = \"white\"\n");
    check_theme(&gbk).unwrap();
}

/// A file that cannot be read at all (here a folder where the file should be) is named too.
#[test]
fn unreadable_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::create_dir(&config).unwrap();
    let (c, problem) = Config::load_from(&config);
    assert_eq!(c, Config::default());
    assert_eq!(problem.as_ref().unwrap().key, "config.unreadable");
    assert_clear(&problem.unwrap(), &config).unwrap();

    std::fs::create_dir(dir.path().join("keymap.toml")).unwrap();
    let (k, problem) = Keymap::load(dir.path());
    assert_eq!(k, Keymap::defaults());
    assert_eq!(problem.unwrap().key, "tui.keymap.unreadable");

    std::fs::create_dir_all(dir.path().join("themes").join("mine.toml")).unwrap();
    let (t, problem) = Theme::load(Some("mine"), dir.path());
    assert_eq!(t, Theme::fallback());
    assert_eq!(problem.unwrap().key, "tui.theme.unreadable");

    // No file at all is no problem.
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(
        Config::load_from(&empty.path().join("config.toml")),
        (Config::default(), None)
    );
    assert_eq!(Keymap::load(empty.path()), (Keymap::defaults(), None));
}
