//! The bodies of the dashboard, lookup and profile screens at 80x24 and 120x40, in Chinese
//! and English, with names that test column arithmetic: 阿依古丽·买买提 (long, with a
//! middle dot), 欧阳 and 尉迟 (compound surnames), and an ID number ending in X; the one
//! snapshot of the frame around every screen; and the notice of a terminal too small.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::history::{PETITION_SUBJECT, WALKIN_SUMMARIES};
use common::screen::{CHROME_ABOVE, CHROME_BELOW, LANGS, rows_text, shots};
use stationdesk::i18n::{Lang, t, tf};
use stationdesk::tui::action::Action;

fn lookup(h: &mut Harness, query: &str) {
    h.send(Action::GotoLookup);
    h.type_text(query);
}

fn profile(h: &mut Harness, query: &str) {
    lookup(h, query);
    h.send(Action::Open);
}

/// The sample people, and 张三丰's two walk-ins and petition.
fn with_history(lang: Lang) -> Harness {
    let mut h = Harness::new(lang);
    common::history::add(&mut h.store, h.ids[0]);
    h
}

#[test]
fn dashboard() {
    for s in shots("dashboard", Harness::new, |_| {}) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // The five sample people are counted in their tile.
        let tile = s.row(&s.t("tui.dashboard.people_on_file"));
        let mut inside = s.body.lines().skip_while(|l| *l != tile).skip(1).take(3);
        assert!(inside.any(|l| l.contains(" 5 ")), "{}\n{}", s.name, s.body);
        assert!(s.shows(&s.t("tui.dashboard.start_hint")), "{}", s.body);
    }
}

#[test]
fn lookup_empty() {
    for s in shots("lookup_empty", Harness::new, |h| h.send(Action::GotoLookup)) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // The placeholder asks for a query, and no one is listed before one is typed.
        let (name, town) = (s.t("tui.lookup.col.name"), s.t("tui.lookup.col.town"));
        let header = s
            .body
            .lines()
            .find(|l| l.contains(&name) && l.contains(&town));
        assert!(header.is_some(), "{}", s.body);
        assert!(!s.shows("张三丰"), "{}", s.body);
        assert!(s.shows(&s.t("tui.lookup.empty_hint")), "{}", s.body);
    }
}

#[test]
fn lookup_results() {
    let setup = |h: &mut Harness| {
        lookup(h, "4501");
        h.send(Action::MoveDown);
    };
    for s in shots("lookup_results", Harness::new, setup) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // The second row is chosen: 张三丰, with the ID masked but its X kept.
        let chosen = s.row("> ");
        assert!(chosen.contains("张三丰") && chosen.contains("450102********103X"));
        // The long minority name is whole, middle dot included, and the columns after it
        // stay in line with the others; only English at 80 columns, whose categories are
        // long, cuts it with an ellipsis so that the categories stay whole.
        let ayi = if s.lang == Lang::En && s.size.0 == 80 {
            let row = s.row("阿依");
            assert!(
                row.contains("… ") && s.shows("Martyr's survivor"),
                "{}",
                s.body
            );
            row
        } else {
            s.row("阿依古丽·买买提")
        };
        let zhang = s.row("张三丰");
        let col = |row: &str, text: &str| {
            let at = row.find(text).unwrap();
            unicode_width::UnicodeWidthStr::width(&row[..at])
        };
        assert_eq!(col(ayi, "450105"), col(zhang, "450102"), "{}", s.body);
        let count = tf(s.lang, "tui.lookup.count", &[("count", &5), ("n", &2)]);
        assert!(s.shows(&count), "{}", s.body);
    }
}

#[test]
fn profile_with_family_and_x_id() {
    for s in shots("profile", Harness::new, |h| profile(h, "zsf")) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // The ID in full, X included; the spouse in sight at every size.
        assert!(s.shows("45010219800305103X"), "{}", s.body);
        let family = s.row(&s.t("family.relation.spouse"));
        assert!(family.contains("李四"), "{}", s.body);
    }
}

#[test]
fn profile_of_a_long_minority_name() {
    for s in shots("profile_long_name", Harness::new, |h| profile(h, "阿依")) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        let name_row = s.row(&t(s.lang, "field.name"));
        assert!(name_row.contains("阿依古丽·买买提"), "{}", s.body);
        assert!(s.shows(&s.t("tui.profile.no_family")), "{}", s.body);
    }
}

/// 张三丰 with two walk-ins and a petition: the family stays in sight at every size; at
/// 120x40 the history shows beside the record.
#[test]
fn profile_with_history_and_family() {
    for s in shots("profile_history", with_history, |h| profile(h, "zsf")) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        assert!(
            s.row(&s.t("family.relation.spouse")).contains("李四"),
            "{}",
            s.body
        );
        if s.size == (120, 40) {
            for summary in WALKIN_SUMMARIES {
                assert!(s.shows(summary), "{}: {summary}\n{}", s.name, s.body);
            }
            assert!(s.shows(PETITION_SUBJECT), "{}", s.body);
        }
    }
}

/// Below 120 columns the history follows the record: End brings it into sight, newest
/// walk-in first.
#[test]
fn profile_history_at_80x24_scrolled_to_the_end() {
    for (lang, code) in LANGS {
        let mut h = with_history(lang);
        profile(&mut h, "zsf");
        h.send(Action::Last);
        let body = h.draw_body(80, 24);
        insta::assert_snapshot!(format!("profile_history_end_{code}_80x24"), &body);
        let row = |text: &str| body.find(text).unwrap_or_else(|| panic!("{text}\n{body}"));
        assert!(
            row(WALKIN_SUMMARIES[1]) < row(WALKIN_SUMMARIES[0]),
            "{body}"
        );
        assert!(body.contains(PETITION_SUBJECT), "{body}");
        assert!(body.contains(&t(lang, "tui.profile.petitions")), "{body}");
    }
}

/// The help over the lookup lists the lookup's keys; its snapshot holds its box alone.
#[test]
fn help_overlay() {
    for (lang, code) in LANGS {
        let mut h = Harness::new(lang);
        h.send(Action::GotoLookup);
        h.send(Action::Help);
        for (w, rows) in common::screen::SIZES {
            let title = tf(
                lang,
                "tui.help.title",
                &[("screen", &t(lang, "tui.screen.lookup"))],
            );
            let help = h.draw_box(w, rows, &title);
            insta::assert_snapshot!(format!("help_lookup_{code}_{w}x{rows}"), &help);
            let new_person = help.lines().find(|l| l.contains("Ctrl+N")).unwrap();
            assert!(
                new_person.contains(&t(lang, "tui.action_in.lookup.new_item")),
                "{help}"
            );
            // The screen's own keys come before the generic ones.
            let row = |k: &str| help.lines().position(|l| l.contains(k));
            assert!(row("Ctrl+N").unwrap() < row("F2 ").unwrap(), "{help}");
        }
    }
}

/// The frame around every screen: the title bar (station, officer, time), the tabs, the
/// status line and the key hints. The screens' own snapshots hold their bodies only.
#[test]
fn the_frame() {
    let mut h = Harness::new(Lang::Zh);
    lookup(&mut h, "4501");
    let (w, rows) = (80, 24);
    let frame = rows_text(&h.buffer(w, rows), 0..rows);
    insta::assert_snapshot!("frame_zh_80x24", &frame);
    let lines: Vec<&str> = frame.lines().collect();
    let title = lines[0];
    assert!(
        title.contains("城关镇退役军人服务站") && title.contains("tester"),
        "{title}"
    );
    assert!(title.contains("2026-11-25 09:30"), "{title}");
    for (key, tab) in [("F2", "查询"), ("F3", "来访"), ("F6", "报表")] {
        assert!(lines[1].contains(&format!("{key} {tab}")), "{}", lines[1]);
    }
    assert!(lines[22].contains("索引就绪：5 人"), "{}", lines[22]);
    assert!(lines[23].contains("F1 帮助"), "{}", lines[23]);
    // The body helper gives exactly the rows between.
    let body: String = lines[usize::from(CHROME_ABOVE)..usize::from(rows - CHROME_BELOW)]
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(h.draw_body(w, rows), body);
}

#[test]
fn too_small() {
    for (lang, code) in LANGS {
        let mut h = Harness::new(lang);
        // No frame and no body: the notice alone.
        let screen = rows_text(&h.buffer(60, 20), 0..20);
        insta::assert_snapshot!(format!("too_small_{code}"), &screen);
        let notice = tf(
            lang,
            "tui.app.too_small",
            &[("need_w", &80), ("need_h", &24), ("w", &60), ("h", &20)],
        );
        let words: String = screen
            .lines()
            .map(|l| l.trim_matches('"').trim())
            .collect::<Vec<_>>()
            .join(if lang == Lang::Zh { "" } else { " " });
        assert!(words.contains(notice.trim()), "{notice}\n{screen}");
    }
}
