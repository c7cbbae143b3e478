//! The bodies of the account screens at 80x24 and 120x40, in Chinese and English, each
//! with what it is about.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::screen::shots;
use common::{Harness, memory_store};
use stationdesk::domain::officer::{HashCost, HashedPassword, Role};
use stationdesk::i18n::{Lang, tf};
use stationdesk::store::Store;
use stationdesk::tui::action::Action;
use stationdesk::tui::session::{AuthInit, Start};

const PASSWORD: &str = "correct horse";

fn accounts() -> Store {
    let (mut store, _) = memory_store();
    let hash = HashedPassword::with_cost(PASSWORD, HashCost::TESTING).unwrap();
    store
        .add_officer("admin", "王管理", Role::Admin, &hash)
        .unwrap();
    store
        .add_officer("wangli", "王丽", Role::Officer, &hash)
        .unwrap();
    store
        .add_officer("ayi", "阿依古丽·买买提", Role::Officer, &hash)
        .unwrap();
    store
}

/// An app starting as `start` says: the first run on an empty store, or the login on the
/// accounts above.
fn starting(start: Start) -> impl Fn(Lang) -> Harness {
    move |lang| {
        let store = match start {
            Start::FirstRun => common::store(None, common::clock()),
            _ => accounts(),
        };
        let auth = AuthInit {
            start: start.clone(),
            ..AuthInit::default()
        };
        Harness::auth(lang, store, auth)
    }
}

fn sign_in(h: &mut Harness, user: &str, password: &str) {
    h.send(Action::ClearField);
    h.type_text(user);
    h.send(Action::Submit);
    h.type_text(password);
    h.send(Action::Submit);
}

#[test]
fn first_run() {
    let setup = |h: &mut Harness| {
        h.type_text("城关镇退役军人服务站");
        h.send(Action::Submit);
        h.send(Action::Submit);
        h.type_text("admin");
        h.send(Action::Submit);
        h.send(Action::Submit);
        h.type_text("secret12");
    };
    for s in shots("first_run", starting(Start::FirstRun), setup) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // What was typed shows, but the password only as one star a character.
        assert!(
            s.shows("城关镇退役军人服务站") && s.shows("admin"),
            "{}",
            s.body
        );
        assert!(s.shows(" ******** ") && !s.shows("secret12"), "{}", s.body);
        // No demo data on the real record; where practice belongs is said on one line.
        assert!(
            s.shows("stationdesk demo --db practice.db")
                && !s.shows("演示数据?")
                && !s.shows("demo data?"),
            "{}",
            s.body
        );
    }
}

#[test]
fn login_with_an_error() {
    let setup = |h: &mut Harness| {
        sign_in(h, "wangli", "wrong password");
        h.type_text("abc");
    };
    for s in shots("login_error", starting(Start::Login), setup) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // The refusal, the user name kept, the new password masked.
        assert!(s.shows(&s.t("auth.login.bad_credentials")), "{}", s.body);
        assert!(s.shows("wangli") && s.shows(" *** "), "{}", s.body);
        assert!(!s.shows("wrong password") && !s.shows("abc"), "{}", s.body);
    }
}

#[test]
fn lock() {
    let setup = |h: &mut Harness| {
        sign_in(h, "wangli", PASSWORD);
        h.send(Action::GotoLookup);
        h.type_text("zsf");
        h.send(Action::Lock);
    };
    for s in shots("lock", starting(Start::Login), setup) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // Who locked it and when; nothing of the lookup beneath.
        let intro = tf(
            s.lang,
            "tui_auth.lock.intro",
            &[("name", &"王丽"), ("time", &"09:30")],
        );
        assert!(s.shows(&intro), "{}", s.body);
        assert!(!s.shows("张三丰") && !s.shows("zsf"), "{}", s.body);
    }
}

#[test]
fn officers_list() {
    let setup = |h: &mut Harness| {
        sign_in(h, "admin", PASSWORD);
        h.send(Action::Officers);
        h.send(Action::MoveDown);
    };
    for s in shots("officers", starting(Start::Login), setup) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // The three accounts by user name, each with its role.
        let (admin, officer) = (s.t("auth.role.admin"), s.t("auth.role.officer"));
        assert!(s.row("王管理").contains(&admin), "{}", s.body);
        assert!(s.row("阿依古丽·买买提").contains(&officer), "{}", s.body);
        assert!(s.row("王丽").contains(&officer), "{}", s.body);
        let at = |name: &str| s.body.find(name).unwrap();
        assert!(
            at("admin ") < at("ayi ") && at("ayi ") < at("wangli "),
            "{}",
            s.body
        );
    }
}

#[test]
fn officers_add_form() {
    let setup = |h: &mut Harness| {
        sign_in(h, "admin", PASSWORD);
        h.send(Action::Officers);
        h.send(Action::NewItem);
        h.type_text("zhaomin");
        h.send(Action::Submit);
        h.type_text("赵敏");
    };
    for s in shots("officers_add", starting(Start::Login), setup) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // The new account's dialog over the list, with what was typed.
        assert!(s.shows(&s.t("tui_auth.officers.add_title")), "{}", s.body);
        assert!(s.row("zhaomin").contains(&s.t("tui_auth.field.username")));
        assert!(s.shows("赵敏"), "{}", s.body);
    }
}
