//! Layout defects seen in use (issue 18): the profile's history ran over the box's right
//! border at 120x40, and a form's error messages were cut at the field's width.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::screen::shots;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stationdesk::i18n::{Msg, t};
use stationdesk::tui::action::Action;

fn with_history(lang: stationdesk::i18n::Lang) -> Harness {
    let mut h = Harness::new(lang);
    common::history::add(&mut h.store, h.ids[0]);
    h
}

/// Every row of a body drawn in a box ends on the box's right border.
fn rows_keep_the_right_border(body: &str) -> Result<(), String> {
    for line in body.lines() {
        let line = line.trim_end();
        if !(line.ends_with("|\"") || line.ends_with("+\"")) {
            return Err(format!("over the border: {line}\n{body}"));
        }
    }
    Ok(())
}

#[test]
fn the_profile_history_keeps_inside_its_box_at_every_size() {
    let open = |h: &mut Harness| {
        h.send(Action::GotoLookup);
        h.type_text("zsf");
        h.send(Action::Open);
    };
    for s in shots("profile_history", with_history, open) {
        rows_keep_the_right_border(&s.body).unwrap();
        if s.size != (120, 40) {
            continue;
        }
        // Beside the record, every summary is there whole, on its own line when the
        // column is narrow.
        for summary in common::history::WALKIN_SUMMARIES {
            assert!(s.shows(summary), "{}: {summary}\n{}", s.name, s.body);
        }
        assert!(s.shows(common::history::PETITION_SUBJECT), "{}", s.body);
    }
}

#[test]
fn a_long_form_error_wraps_under_its_field() {
    let press = |h: &mut Harness, code: KeyCode, modifiers: KeyModifiers| {
        let event = crossterm::event::Event::Key(KeyEvent::new(code, modifiers));
        if let Some(action) = h.app.action_for(&event) {
            h.send(action);
        }
    };
    let errors = |h: &mut Harness| {
        press(h, KeyCode::F(3), KeyModifiers::NONE);
        press(h, KeyCode::Char('n'), KeyModifiers::CONTROL);
        press(h, KeyCode::Tab, KeyModifiers::NONE);
        h.type_text("123");
        press(h, KeyCode::Char('s'), KeyModifiers::CONTROL);
    };
    for s in shots("visit_form_errors", Harness::new, errors) {
        rows_keep_the_right_border(&s.body).unwrap();
        let phone = Msg::new("phone.mobile").arg("value", "123");
        for message in [t(s.lang, "visit.visitor_missing"), phone.render(s.lang)] {
            // Chinese has no spaces to break at: look for each piece of ten characters.
            let chars: Vec<char> = message.chars().collect();
            for piece in message.split_whitespace().flat_map(|w| {
                let w: Vec<char> = w.chars().collect();
                w.chunks(10).map(String::from_iter).collect::<Vec<_>>()
            }) {
                assert!(
                    s.body.contains(&piece),
                    "{}: \"{piece}\" of \"{}\" is cut:\n{}",
                    s.name,
                    String::from_iter(chars.iter()),
                    s.body
                );
            }
        }
    }
}
