//! The account screens drawn at 80x24 and 120x40, in Chinese and English.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::{Harness, memory_store};
use stationdesk::domain::officer::{HashCost, HashedPassword, Role};
use stationdesk::i18n::Lang;
use stationdesk::store::Store;
use stationdesk::tui::action::Action;
use stationdesk::tui::session::{AuthInit, Start};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [(Lang, &str); 2] = [(Lang::Zh, "zh"), (Lang::En, "en")];
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

fn each(name: &str, start: Start, setup: impl Fn(&mut Harness)) {
    for (lang, code) in LANGS {
        let store = match start {
            Start::FirstRun => Store::open_in_memory(common::clock()).unwrap(),
            _ => accounts(),
        };
        let auth = AuthInit {
            start: start.clone(),
            ..AuthInit::default()
        };
        let mut h = Harness::auth(lang, store, auth);
        setup(&mut h);
        for (w, rows) in SIZES {
            insta::assert_snapshot!(format!("{name}_{code}_{w}x{rows}"), h.draw(w, rows));
        }
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
    each("first_run", Start::FirstRun, |h| {
        h.type_text("城关镇退役军人服务站");
        h.send(Action::Submit);
        h.send(Action::Submit);
        h.type_text("admin");
        h.send(Action::Submit);
        h.send(Action::Submit);
        h.type_text("secret12");
    });
}

#[test]
fn login_with_an_error() {
    each("login_error", Start::Login, |h| {
        sign_in(h, "wangli", "wrong password");
        h.type_text("abc");
    });
}

#[test]
fn lock() {
    each("lock", Start::Login, |h| {
        sign_in(h, "wangli", PASSWORD);
        h.send(Action::GotoLookup);
        h.type_text("zsf");
        h.send(Action::Lock);
    });
}

#[test]
fn officers_list() {
    each("officers", Start::Login, |h| {
        sign_in(h, "admin", PASSWORD);
        h.send(Action::Officers);
        h.send(Action::MoveDown);
    });
}

#[test]
fn officers_add_form() {
    each("officers_add", Start::Login, |h| {
        sign_in(h, "admin", PASSWORD);
        h.send(Action::Officers);
        h.send(Action::NewItem);
        h.type_text("zhaomin");
        h.send(Action::Submit);
        h.type_text("赵敏");
    });
}
