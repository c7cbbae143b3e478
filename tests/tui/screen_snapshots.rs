//! Every screen drawn at 80x24 and 120x40, in Chinese and English, with names that test
//! column arithmetic: 阿依古丽·买买提 (long, with a middle dot), 欧阳 and 尉迟 (compound
//! surnames), and an ID number ending in X.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [(Lang, &str); 2] = [(Lang::Zh, "zh"), (Lang::En, "en")];

fn each(name: &str, setup: impl Fn(&mut Harness)) {
    for (lang, code) in LANGS {
        let mut h = Harness::new(lang);
        setup(&mut h);
        for (w, rows) in SIZES {
            insta::assert_snapshot!(format!("{name}_{code}_{w}x{rows}"), h.draw(w, rows));
        }
    }
}

#[test]
fn dashboard() {
    each("dashboard", |_| {});
}

#[test]
fn lookup_empty() {
    each("lookup_empty", |h| h.send(Action::GotoLookup));
}

#[test]
fn lookup_results() {
    each("lookup_results", |h| {
        h.send(Action::GotoLookup);
        h.type_text("4501");
        h.send(Action::MoveDown);
    });
}

#[test]
fn profile_with_family_and_x_id() {
    each("profile", |h| {
        h.send(Action::GotoLookup);
        h.type_text("zsf");
        h.send(Action::Open);
    });
}

#[test]
fn profile_of_a_long_minority_name() {
    each("profile_long_name", |h| {
        h.send(Action::GotoLookup);
        h.type_text("阿依");
        h.send(Action::Open);
    });
}

#[test]
fn help_overlay() {
    each("help_lookup", |h| {
        h.send(Action::GotoLookup);
        h.send(Action::Help);
    });
}

#[test]
fn too_small() {
    for (lang, code) in LANGS {
        let mut h = Harness::new(lang);
        insta::assert_snapshot!(format!("too_small_{code}"), h.draw(60, 20));
    }
}
