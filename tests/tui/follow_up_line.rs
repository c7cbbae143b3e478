//! The follow-up line of the walk-ins screen (F3) shows what the visit was about, not only
//! the first line of its summary.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::key;
use crossterm::event::KeyCode;
use stationdesk::domain::visit::VisitInput;
use stationdesk::i18n::Lang;

fn follow_up(h: &mut Harness, summary: &str) {
    let visit = VisitInput {
        visitor_name: "李四".into(),
        purpose: Some(0),
        summary: summary.into(),
        outcome: "follow_up".into(),
        follow_up_date: "t".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(common::now())
    .unwrap();
    h.store.save_visit(&visit).unwrap();
}

fn follow_up_line(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("李四") && l.contains("反映"))
        .unwrap_or_else(|| panic!("no follow-up line:\n{screen}"))
        .to_string()
}

#[test]
fn the_summary_beyond_its_first_line_is_shown_joined() {
    let mut h = Harness::new(Lang::Zh);
    follow_up(&mut h, "反映：\n抚恤金未到账\n要求核实");
    key(&mut h, KeyCode::F(3));
    let line = follow_up_line(&h.draw(120, 40));
    assert!(line.contains("反映： / 抚恤金未到账 / 要求核实"), "{line}");
}

#[test]
fn a_long_summary_is_cut_at_the_width_with_an_ellipsis() {
    let mut h = Harness::new(Lang::Zh);
    follow_up(&mut h, &format!("反映：\n{}", "抚恤金未到账".repeat(20)));
    key(&mut h, KeyCode::F(3));
    let line = follow_up_line(&h.draw(80, 24));
    assert!(line.contains("反映： / 抚恤金"), "{line}");
    // The cut is marked where the box ends.
    let inside = line.split('|').nth(1).unwrap_or_default();
    assert!(inside.trim_end().ends_with('…'), "{line}");
}
