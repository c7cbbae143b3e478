//! At 80 columns a table's columns share the width by what they hold: categories, towns and
//! ledger statuses whole, a long name cut with "…" (issue 18, item 2), on the demo data.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::screen::shots;
use stationdesk::domain::category::display_name;
use stationdesk::domain::petition::Status;
use stationdesk::i18n::{Lang, t, tf};
use stationdesk::tui::action::Action;
use stationdesk::tui::effect::Effect;

const LONG_NAME: &str = "欧阳娜迪拉·阿不都热合曼";

/// The sample people, 400 demo people with their walk-ins and petitions, and three 欧阳 of
/// the longest categories, one of them from a town of four characters and one with a name
/// longer than any column gives.
fn demo_desk(lang: Lang) -> Harness {
    let mut h = Harness::new(lang);
    let mut people: Vec<_> = stationdesk::demo::generate(400, 3).collect();
    for (p, (name, category, town)) in people.iter_mut().zip([
        (LONG_NAME, "烈士遗属", "城关镇"),
        ("欧阳建国", "带病回乡退伍军人", "石埠街道"),
        ("欧阳秀英", "病故军人遗属", "青山镇"),
    ]) {
        p.name = name.into();
        p.categories = vec![category.to_string()];
        p.town = town.into();
    }
    h.store.upsert_people(&people, "demo").unwrap();
    stationdesk::demo::activity::write(&mut h.store, 3, common::now()).unwrap();
    h.perform(vec![Effect::ReloadIndex]);
    h
}

#[test]
fn lookup_columns_hold_whole_categories_and_towns() {
    let setup = |h: &mut Harness| {
        h.send(Action::GotoLookup);
        h.type_text("欧阳");
    };
    for s in shots("deskday_lookup", demo_desk, setup) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // Chinese categories whole at every size; English ones whole from 120 columns, and at
        // 80 "Martyr's survivor" whole (the longest ones, of 26 columns, end with "…").
        let whole: &[&str] = if s.lang == Lang::En && s.size.0 == 80 {
            &["烈士遗属"]
        } else {
            &["烈士遗属", "病故军人遗属", "带病回乡退伍军人"]
        };
        for category in whole {
            let name = display_name(category, s.lang);
            assert!(s.shows(name), "{}: {name} cut\n{}", s.name, s.body);
        }
        assert!(s.shows("石埠街道"), "{}", s.body);
        // The long name is cut with an ellipsis, never in half a character.
        let row = s.row("450127********4916");
        assert!(row.contains("欧阳") && row.contains('…'), "{row}");
        assert!(!s.shows(LONG_NAME), "{}", s.body);
    }
}

#[test]
fn ledger_statuses_are_whole_at_80_columns() {
    let setup = |h: &mut Harness| h.send(Action::GotoPetitions);
    for s in shots("deskday_ledger", demo_desk, setup) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        let labels: Vec<String> = Status::ALL
            .iter()
            .map(|st| t(s.lang, st.label_key()))
            .collect();
        let rows: Vec<&str> = s.body.lines().filter(|l| l.contains("2026-")).collect();
        assert!(rows.len() > 3, "{}", s.body);
        for row in rows.iter().skip(1) {
            assert!(
                labels.iter().any(|l| row.contains(&format!(" {l} "))),
                "{}: a status is cut in {row}",
                s.name
            );
        }
    }
}

/// A status message too long for its row beside the index's note is never cut inside a
/// word: the note yields, and the message wraps onto a second row (issue 18, item 2).
#[test]
fn a_long_status_message_wraps_and_the_counter_yields() {
    use stationdesk::tui::action::{Loaded, ShellLoaded};
    use stationdesk::tui::export_jobs::Exported;
    let file = "/home/desk/stationdesk/exports/walkins-2026-11-25-receipts/2026-0004.xlsx";
    for (lang, code) in common::screen::LANGS {
        let mut h = Harness::new(lang);
        h.send(Action::Loaded(Loaded::Shell(ShellLoaded::Exported(Ok(
            Exported {
                file: file.into(),
                rows: 12,
            },
        )))));
        let buffer = h.buffer(80, 24);
        // The status area grew to rows 21 and 22, above the key hints.
        let status = common::screen::rows_text(&buffer, 21..23);
        insta::assert_snapshot!(format!("deskday_status_{code}_80x24"), &status);
        let flat: String = status.lines().collect::<Vec<_>>().join("\n");
        assert!(flat.contains(file), "{flat}");
        let note = tf(lang, "tui.app.index_ready", &[("count", &5)]);
        assert!(!flat.contains(&note), "{flat}");
    }
}

/// With no working day signed this month, the checklist tile's title has no dangling dash.
#[test]
fn the_month_tile_title_has_no_dangling_dash() {
    for s in shots("deskday_dashboard", Harness::new, |_| {}) {
        let title = s.t("record_deskday3.checklist_month_none");
        assert!(s.shows(&format!("+ {title} -")), "{}", s.body);
        assert!(!s.shows(&format!("{title} - ")), "{}", s.body);
    }
}
