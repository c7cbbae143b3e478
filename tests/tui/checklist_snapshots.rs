//! The bodies of the checklist screens at 80x24 and 120x40, in Chinese and English, each
//! with what it is about; the help's box alone.
#![allow(clippy::unwrap_used)]
use crate::checklist::{OFFICER, ctrl, key, open_checklist, tick_required};
use crate::common;

use common::Harness;
use common::keys::press;
use common::screen::shots;
use crossterm::event::{KeyCode, KeyModifiers};
use stationdesk::i18n::{t, tf};

#[test]
fn snapshot_checklist_open() {
    let setup = |h: &mut Harness| {
        // Space ticks and moves on; the second item is required, so not applicable asks why.
        key(h, ' ');
        key(h, 'n');
        h.type_text("no visitors");
        press(h, KeyCode::Enter, KeyModifiers::NONE);
    };
    for s in shots("checklist_open", open_checklist, setup) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // The first item ticked by wang, the second (chosen) not applicable.
        let counts: [(&str, &dyn std::fmt::Display); 3] =
            [("done", &2), ("total", &9), ("required", &6)];
        assert!(s.shows(&tf(s.lang, "tui.checklist.unsigned", &counts)));
        assert!(s.row("  [x] * ").contains("wang 09:30"), "{}", s.body);
        assert!(s.row("> ").starts_with("\"|> [-] * "), "{}", s.body);
        assert!(s.shows("no visitors"), "{}", s.body);
    }
}

#[test]
fn snapshot_checklist_exception_note() {
    let setup = |h: &mut Harness| {
        press(h, KeyCode::Down, KeyModifiers::NONE);
        key(h, 'x');
        h.type_text("停电，纸质登记 power cut");
        press(h, KeyCode::Enter, KeyModifiers::NONE);
        press(h, KeyCode::Down, KeyModifiers::NONE);
        key(h, 'x');
        h.type_text("阿依古丽·买买提");
    };
    for s in shots("checklist_exception", open_checklist, setup) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // The first exception keeps its note; the second's note is being typed.
        let note = format!(
            "{}停电，纸质登记 power cut",
            s.t("tui.checklist.note_label")
        );
        assert!(s.shows(&note), "{}", s.body);
        assert!(s.shows(&s.t("tui.checklist.note_prompt")), "{}", s.body);
        assert!(s.shows("阿依古丽·买买提"), "{}", s.body);
    }
}

#[test]
fn snapshot_checklist_signed() {
    let setup = |h: &mut Harness| {
        tick_required(h);
        ctrl(h, 's');
    };
    for s in shots("checklist_signed", open_checklist, setup) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // Signed and locked; the optional item stays open.
        let signed = tf(
            s.lang,
            "tui.checklist.signed",
            &[("officer", &OFFICER), ("at", &"2026-11-25 09:30")],
        );
        assert!(s.shows(&signed), "{}", s.body);
        assert_eq!(s.body.matches("[x] * ").count(), 8, "{}", s.body);
        assert!(s.row("> ").contains("[ ]   "), "{}", s.body);
    }
}

#[test]
fn snapshot_history_and_compliance() {
    let setup = |h: &mut Harness| {
        tick_required(h);
        ctrl(h, 's');
        key(h, 'h');
    };
    for s in shots("checklist_history", open_checklist, setup) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // November, with today signed: the month complies fully, one of one day.
        let month = tf(
            s.lang,
            "tui.checklist.month_title",
            &[("year", &2026), ("month", &11)],
        );
        assert!(s.row(&s.t("tui.checklist.history_title")).contains(&month));
        assert!(s.row("25").contains("25[x]"), "{}", s.body);
        let overall = tf(
            s.lang,
            "tui.checklist.compliance_overall",
            &[("percent", &"100%"), ("done", &1), ("due", &1)],
        );
        // (English at 80 columns cuts the sentence: its start is enough.)
        let start: String = overall.chars().take(12).collect();
        assert!(s.shows(&start), "{}", s.body);
    }
}

#[test]
fn snapshot_rules() {
    for s in shots("checklist_rules", open_checklist, |h| key(h, 'r')) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // Ten rules, numbered; the tenth, home visits, weekly and not required.
        assert!(s.row("> ").contains(" 1 "), "{}", s.body);
        let tenth = s.row(" 10 ");
        assert!(
            tenth.trim_end_matches([' ', '|', '"']).ends_with("[ ]"),
            "{tenth}"
        );
    }
}

#[test]
fn snapshot_checklist_help() {
    for (lang, code) in common::screen::LANGS {
        let mut h = open_checklist(lang);
        key(&mut h, '?');
        let screen = t(lang, "tui.screen.checklist");
        let title = tf(lang, "tui.help.title", &[("screen", &screen)]);
        for (w, rows) in common::screen::SIZES {
            // The help's box alone: at 80x24 it covers the tabs and the status line too.
            let help = h.draw_box(w, rows, &title);
            insta::assert_snapshot!(format!("checklist_help_{code}_{w}x{rows}"), &help);
            // The checklist's own keys are listed.
            let sign = help.lines().find(|l| l.contains("Ctrl+S")).unwrap();
            assert!(sign.contains(&t(lang, "tui.action.sign_day")), "{help}");
            // ... first, before the generic keys, so they need no scrolling.
            let row = |k: &str| {
                let start = format!("{k} ");
                help.lines()
                    .position(|l| l.get(2..).is_some_and(|r| r.starts_with(&start)))
            };
            for own in ["Space", "Ctrl+S", "n", "x", "h"] {
                assert!(row(own).unwrap() < row("F2").unwrap(), "{own}: {help}");
            }
        }
    }
}
