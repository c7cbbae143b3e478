//! The one router: every job answers through `jobs::run` (the harness calls the same one as
//! the database worker), each failure said as what failed; and every action decided as
//! bindable or not in one place, each bindable one keyed and explained by the help.
use crate::common;

use common::Harness;
use common::keys::key;
use crossterm::event::KeyCode;
use stationdesk::i18n::{Lang, Msg, catalog};
use stationdesk::store::Store;
use stationdesk::tui::action::{Action, ActionKind, Binding, Loaded, Owner, ShellLoaded};
use stationdesk::tui::effect::DbJob;
use stationdesk::tui::form::{DraftJob, DraftSlot};
use stationdesk::tui::jobs;
use stationdesk::tui::keymap::{Keymap, SECTIONS};
use stationdesk::tui::screens::checklist::data::ChecklistJob;
use stationdesk::tui::screens::people::jobs::PeopleJob;
use stationdesk::tui::screens::walkins::jobs::{WalkinJob, WalkinLoaded};
use stationdesk::tui::screens::{IndexStatus, ScreenId, View};
use stationdesk::tui::theme::Theme;
use stationdesk::tui::widgets::{chrome, help};
use strum::IntoEnumIterator;

/// Renames the walk-ins table away behind the store's back, so that reading the register
/// fails as a damaged database would.
fn lose_the_visits_table(db: &std::path::Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("ALTER TABLE visits RENAME TO visits_gone;")
        .unwrap();
}

/// A register that cannot be read is said so, not "not saved" as if a follow-up had
/// failed.
#[test]
fn a_register_that_cannot_be_read_says_so() {
    for (lang, unread, not_saved) in [
        (Lang::Zh, "未能读取今日来访登记", "未能保存"),
        (Lang::En, "walk-in register could not be read", "Not saved"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = Harness::on_file(lang, dir.path());
        lose_the_visits_table(&dir.path().join("desk.db"));
        key(&mut h, KeyCode::F(3));
        assert_eq!(h.app.screen_id(), ScreenId::Walkins);
        let status = h.app.status().expect("a message").clone();
        assert!(status.is_error, "{}", status.text);
        assert!(status.text.contains(unread), "{}", status.text);
        assert!(!status.text.contains(not_saved), "{}", status.text);
        assert!(status.text.contains("visits"), "{}", status.text);
    }
}

/// The worker's answer to the same job, and who takes it: the register, not a form.
#[test]
fn a_failed_register_read_belongs_to_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let mut store = Store::open_with_clock(&db, common::clock()).unwrap();
    common::fill(&mut store);
    lose_the_visits_table(&db);
    let day = common::now().date();
    let job = DbJob::Walkins(WalkinJob::Today(day));
    let answer = jobs::run(&mut store, job, Lang::Zh, &mut |_| {});
    assert!(
        matches!(&answer, Loaded::Walkin(WalkinLoaded::TodayFailed(_))),
        "{answer:?}"
    );
    assert_eq!(answer.owner(), Owner::Screen(ScreenId::Walkins));
}

/// The message of a failure the shell shows.
fn failure(answer: &Loaded) -> &Msg {
    match answer {
        Loaded::Shell(ShellLoaded::Failed(msg)) => msg,
        other => panic!("not a failure: {other:?}"),
    }
}

/// On a database that takes no writes, each write is answered as not written, in the words
/// of what it was; none is said as a failed read, and none goes unanswered.
#[test]
fn failed_writes_are_said_as_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let ids = {
        let mut store = Store::open_with_clock(&db, common::clock()).unwrap();
        common::fill(&mut store)
    };
    let mut store = Store::open_read_only_for_tests(&db).unwrap();
    let day = common::now().date();
    let slot = DraftSlot::new("visit", String::new(), "tester".into(), ScreenId::VisitForm);
    let cases = [
        (
            DbJob::People(PeopleJob::Delete(ids[1])),
            "tui.router.not_saved",
        ),
        (DbJob::viewed_person(ids[0]), "tui.router.view_not_recorded"),
        (
            DbJob::Checklist(ChecklistJob::Working {
                date: day,
                working: false,
                reason: "the county closed the office".into(),
                officer: "tester".into(),
            }),
            "tui.router.not_saved",
        ),
        (
            DbJob::Draft(DraftJob::Save {
                slot: slot.clone(),
                body: "{}".into(),
            }),
            "tui.router.draft_not_kept",
        ),
        (
            DbJob::Draft(DraftJob::Delete(slot)),
            "tui.router.draft_not_kept",
        ),
    ];
    for (job, key) in cases {
        let shown = format!("{job:?}");
        let answer = jobs::run(&mut store, job, Lang::Zh, &mut |_| {});
        assert_eq!(failure(&answer).key, key, "{shown}: {answer:?}");
    }
    // Reads still answer with what they read.
    let profile = jobs::run(
        &mut store,
        DbJob::People(PeopleJob::Profile(ids[0])),
        Lang::Zh,
        &mut |_| {},
    );
    assert!(matches!(profile, Loaded::Profile(_)), "{profile:?}");
}

/// Every action name a keymap file uses: `(section, name)`.
fn default_keymap_names() -> Vec<(String, String)> {
    let text = include_str!("../../src/tui/keymap-default.toml");
    let table: toml::Table = text.parse().unwrap();
    table
        .iter()
        .flat_map(|(section, entries)| {
            let entries = entries.as_table().unwrap();
            entries
                .keys()
                .map(move |name| (section.clone(), name.clone()))
        })
        .collect()
}

/// `GiveUpWait` → `give_up_wait`: the name a keymap would use.
fn snake(kind: ActionKind) -> String {
    let mut out = String::new();
    for (i, c) in format!("{kind:?}").chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The help overlay's lines for `sections` (with `global`), as `(action, label)`.
fn help_lines(keymap: &Keymap, lang: Lang, section: &str) -> Vec<(Action, String)> {
    let theme = Theme::fallback();
    let index = IndexStatus::default();
    let view = View {
        lang,
        theme: &theme,
        keymap,
        today: common::now().date(),
        index: &index,
    };
    let sections = [section, "global"];
    [false, true]
        .iter()
        .flat_map(|focused| help::entries(&view, &sections, *focused))
        .map(|(_, action)| {
            let label = chrome::action_label(&view, &sections, &action).unwrap_or_default();
            (action, label)
        })
        .collect()
}

/// Walks every action: each is decided in `ActionKind::binding`. A bindable one has a
/// keymap name, a description in both languages, and a key in the default keymap that the
/// help overlay lists (or, for the one that has no default key, once a user binds it); one
/// that is not bindable has no keymap name. And every name the default keymap uses is a
/// bindable action.
#[test]
fn every_action_is_decided_and_each_bindable_one_is_keyed_and_explained() {
    // The default keymap names bindable actions only (a name that is not would make the
    // whole file refused, and the program deaf).
    let in_file = default_keymap_names();
    for (section, name) in &in_file {
        let action = Action::from_name(name);
        assert!(
            action.as_ref().is_some_and(Action::is_bindable),
            "[{section}] {name} is not a bindable action"
        );
    }
    let defaults = Keymap::defaults();
    let mut walked = 0;
    for kind in ActionKind::iter() {
        walked += 1;
        let name = snake(kind);
        let (action, default_key) = match kind.binding() {
            Binding::DefaultKey(a) => (a, true),
            Binding::NoDefaultKey(a) => (a, false),
            Binding::NotBindable => {
                assert_eq!(Action::from_name(&name), None, "{name} is not bindable");
                continue;
            }
        };
        assert_eq!(action.name().as_deref(), Some(name.as_str()));
        assert_eq!(Action::from_name(&name), Some(action.clone()));
        let label_key = action.label_key().unwrap();
        for lang in [Lang::Zh, Lang::En] {
            assert!(
                catalog(lang).contains_key(&label_key),
                "{label_key} {lang:?}"
            );
        }
        let sections: Vec<&str> = SECTIONS
            .iter()
            .copied()
            .filter(|s| defaults.bindings(s).iter().any(|(a, _)| *a == action))
            .collect();
        let (keymap, sections) = if default_key {
            assert!(
                in_file.iter().any(|(_, n)| *n == name),
                "{name} has no key in keymap-default.toml"
            );
            assert!(!sections.is_empty(), "{name} is bound in no section");
            (defaults.clone(), sections)
        } else {
            assert!(sections.is_empty(), "{name} has a default key after all");
            let mut user = Keymap::defaults();
            user.merge(&format!("[global]\n{name} = [\"F12\"]\n"))
                .unwrap();
            (user, vec!["global"])
        };
        for section in sections {
            for lang in [Lang::Zh, Lang::En] {
                let lines = help_lines(&keymap, lang, section);
                let line = lines.iter().find(|(a, _)| *a == action);
                let Some((_, label)) = line else {
                    panic!("the help of [{section}] does not list {name}");
                };
                assert!(
                    !label.is_empty() && !label.starts_with("tui."),
                    "{name} in [{section}]: {label}"
                );
            }
        }
    }
    assert!(walked > Action::bindable().len());
}

/// A query typed while the index was being rebuilt (a person just saved) was answered from
/// the old index and never asked again: the new person stayed unfound. Now the swap of the
/// index asks the lookup's query again.
#[test]
fn a_new_index_asks_the_lookups_query_again() {
    let mut h = Harness::new(Lang::Zh);
    key(&mut h, KeyCode::F(2));
    h.type_text("oyx");
    let effects = h
        .app
        .update(Action::Loaded(Loaded::Shell(ShellLoaded::IndexReady {
            people: 9,
        })));
    assert!(
        effects.iter().any(|e| matches!(
            e,
            stationdesk::tui::effect::Effect::Search { query, .. } if query == "oyx"
        )),
        "{effects:?}"
    );
}
