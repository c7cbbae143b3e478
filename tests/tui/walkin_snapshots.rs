//! The bodies of the walk-in and person forms and of today's register at 80x24 and
//! 120x40, in Chinese and English, each with what it is about.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{ctrl, key, text};
use common::screen::shots;
use crossterm::event::KeyCode;
use stationdesk::domain::visit::{VisitInput, purpose_name};
use stationdesk::i18n::{t, tf};

fn open_visit_form(h: &mut Harness) {
    key(h, KeyCode::F(2));
    text(h, "阿依");
    key(h, KeyCode::Enter);
    ctrl(h, 'n');
}

/// The start of a message, which the narrowest English form cuts at its right edge.
fn start_of(message: &str) -> String {
    message.chars().take(24).collect()
}

#[test]
fn snapshot_visit_form() {
    for s in shots("visit_form_empty", Harness::new, open_visit_form) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // The person on file is named, and every purpose is offered, numbered to 14.
        assert!(
            s.row(&s.t("tui.visit.person_on_file"))
                .contains("阿依古丽·买买提")
        );
        assert!(
            s.row(" 1 ").contains(&start_of(purpose_name(0, s.lang))),
            "{}",
            s.body
        );
        assert!(
            s.shows(&format!("14 {}", purpose_name(13, s.lang))),
            "{}",
            s.body
        );
    }
    let filled = |h: &mut Harness| {
        open_visit_form(h);
        text(h, "4");
        key(h, KeyCode::Tab);
        text(h, "询问抚恤金发放时间");
        key(h, KeyCode::Enter);
        text(h, "已告知");
        key(h, KeyCode::Tab);
        text(h, "2");
        key(h, KeyCode::Tab);
        text(h, "县人社局");
    };
    for s in shots("visit_form_filled", Harness::new, filled) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // The fourth purpose is chosen; the summary keeps its two lines; a referral shows
        // where to.
        assert!(
            s.row(&s.t("tui.visit.purpose"))
                .contains(purpose_name(3, s.lang))
        );
        let lines: Vec<&str> = s.body.lines().collect();
        let first = lines.iter().position(|l| l.contains("询问抚恤金发放时间"));
        assert!(lines[first.unwrap() + 1].contains("已告知"), "{}", s.body);
        assert!(s.row(&s.t("tui.visit.referred_to")).contains("县人社局"));
    }
    let errors = |h: &mut Harness| {
        key(h, KeyCode::F(3));
        ctrl(h, 'n');
        key(h, KeyCode::Tab);
        text(h, "123");
        key(h, KeyCode::Tab);
        key(h, KeyCode::Tab);
        key(h, KeyCode::Tab);
        text(h, "3");
        ctrl(h, 's');
    };
    for s in shots("visit_form_errors", Harness::new, errors) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // Each field in error has its message on the row below it.
        let lines: Vec<&str> = s.body.lines().collect();
        let below = |label: &str| {
            let field = format!("\"|{label}");
            // The label, then its mark or the gap before the value.
            let row = |l: &&str| {
                l.strip_prefix(&field)
                    .is_some_and(|r| r.starts_with(" *") || r.starts_with("  "))
            };
            let at = lines.iter().position(row).unwrap();
            lines[at + 1]
        };
        let visitor = s.t("visit.visitor_missing");
        let row = below(&s.t("tui.visit.visitor"));
        assert!(row.contains(&start_of(&visitor)), "{}: {row}", s.name);
        let phone = tf(s.lang, "phone.mobile", &[("value", &"123")]);
        let phone_field = t(s.lang, "field.phone");
        assert!(
            below(&phone_field).contains(&start_of(&phone)),
            "{}",
            s.body
        );
        let follow_up = s.t("visit.follow_up_missing");
        assert!(below(&s.t("tui.visit.follow_up_date")).contains(&start_of(&follow_up)));
    }
}

#[test]
fn snapshot_person_form() {
    let empty = |h: &mut Harness| {
        key(h, KeyCode::F(2));
        ctrl(h, 'n');
    };
    for s in shots("person_form_empty", Harness::new, empty) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        assert!(s.shows(&s.t("tui.person.title_new")), "{}", s.body);
        // A form taller than the screen says there is more below.
        if s.size == (80, 24) {
            assert!(s.shows(&s.t("tui.form.more_below")), "{}", s.body);
        }
    }
    let filled = |h: &mut Harness| {
        key(h, KeyCode::F(2));
        text(h, "zsf");
        key(h, KeyCode::Enter);
        text(h, "e");
    };
    for s in shots("person_form_filled", Harness::new, filled) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // Editing 张三丰: his record fills the form, the ID in full with its X.
        assert!(s.shows(&s.t("tui.person.title_edit")), "{}", s.body);
        assert!(
            s.row("45010219800305103X")
                .contains(&t(s.lang, "field.id_number"))
        );
    }
    let errors = |h: &mut Harness| {
        key(h, KeyCode::F(2));
        ctrl(h, 'n');
        key(h, KeyCode::Tab);
        text(h, "4.50102E+17");
        ctrl(h, 's');
    };
    for s in shots("person_form_errors", Harness::new, errors) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // An ID number that Excel turned into a number is named as such.
        let scientific = tf(s.lang, "id.scientific", &[("value", &"4.50102E+17")]);
        assert!(s.shows(&start_of(&scientific)), "{}", s.body);
        assert!(s.shows(&s.t("name.empty")), "{}", s.body);
    }
}

#[test]
fn snapshot_walkins_today() {
    let register = |h: &mut Harness| {
        for (name, purpose, outcome, date) in [
            ("阿依古丽·买买提", 3, "follow_up", "t"),
            ("欧阳修文", 1, "done", ""),
            ("尉迟恭", 9, "petition", ""),
        ] {
            let v = VisitInput {
                visitor_name: name.into(),
                purpose: Some(purpose),
                outcome: outcome.into(),
                follow_up_date: date.into(),
                summary: "询问优待证办理进度".into(),
                handler: "wangli".into(),
                ..Default::default()
            }
            .validate(common::now())
            .unwrap();
            h.store.save_visit(&v).unwrap();
        }
        key(h, KeyCode::F(3));
    };
    for s in shots("walkins_today", Harness::new, register) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // Three walk-ins, the first chosen; the follow-up due today is listed below them.
        assert!(s.shows(&tf(s.lang, "tui.walkins.visits", &[("count", &3)])));
        assert!(s.row("> ").contains("阿依古丽·买买提"), "{}", s.body);
        let due = s
            .body
            .lines()
            .filter(|l| l.contains("阿依古丽·买买提"))
            .count();
        assert_eq!(due, 2, "{}", s.body);
        assert!(
            s.row("尉迟恭").contains(purpose_name(9, s.lang)),
            "{}",
            s.body
        );
    }
}
