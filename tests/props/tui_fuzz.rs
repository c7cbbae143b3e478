//! Random terminal events through the whole app — keys with any modifiers, pasted Chinese
//! with escape sequences and control characters inside, releases, resizes from tiny to
//! large — drawn after every event: never a panic, and never an escape character in a
//! drawn cell.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use proptest::prelude::*;
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        4 => prop::sample::select(
            "azsfeynxhjkdrpuw0123456789 ?/-·张三丰李四阿依古丽询问抚恤金"
                .chars()
                .collect::<Vec<_>>()
        )
        .prop_map(KeyCode::Char),
        1 => any::<char>().prop_map(KeyCode::Char),
        2 => (1u8..=12).prop_map(KeyCode::F),
        4 => prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Insert,
        ]),
    ]
}

fn modifiers() -> impl Strategy<Value = KeyModifiers> {
    prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
        KeyModifiers::CONTROL | KeyModifiers::SHIFT,
    ])
}

/// Pasted text: Chinese, a middle dot, line breaks, escape sequences, controls, markup.
fn pasted() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "张三丰",
            "阿依古丽·买买提",
            "欧阳",
            "\n",
            "\r\n",
            "\t",
            "\u{1b}[31m",
            "\u{1b}]0;title\u{7}",
            "\u{1b}[2J",
            "\u{0}",
            "\u{202e}",
            "e\u{301}",
            "👨\u{200d}👩\u{200d}👧",
            "'; DROP TABLE people; --",
            "<script>",
            "13800001234",
            "450102198003051234",
        ]),
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        12 => (key_code(), modifiers()).prop_map(|(c, m)| Event::Key(KeyEvent::new(c, m))),
        1 => (key_code(), modifiers()).prop_map(|(c, m)| {
            let mut k = KeyEvent::new(c, m);
            k.kind = KeyEventKind::Release;
            Event::Key(k)
        }),
        1 => pasted().prop_map(Event::Paste),
        1 => (1u16..=160, 1u16..=50).prop_map(|(w, h)| Event::Resize(w, h)),
    ]
}

/// The sizes a frame is drawn at after each event, cycling.
const SIZES: [(u16, u16); 5] = [(80, 24), (120, 40), (100, 30), (79, 23), (12, 4)];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_events_never_panic(events in prop::collection::vec(event(), 1..60), zh in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let lang = if zh { Lang::Zh } else { Lang::En };
        let mut h = Harness::on_file(lang, dir.path());
        for (i, ev) in events.iter().enumerate() {
            let Some(action) = h.app.action_for(ev) else { continue };
            // Quitting or locking would end the exploration early; both are tested elsewhere.
            if matches!(action, Action::Quit | Action::Lock) {
                continue;
            }
            h.send(action);
            if i % 7 == 6 {
                h.send(Action::Tick(common::now()));
            }
            let (w, rows) = SIZES[i % SIZES.len()];
            let screen = h.draw(w, rows);
            prop_assert!(!screen.contains('\u{1b}'), "an escape character reached the screen:\n{}", screen);
        }
    }
}
