//! Real key presses through the app's keymap, as a terminal delivers them: what the
//! keymap does not bind is dropped, exactly as in the program.
use super::Harness;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

pub fn press(h: &mut Harness, code: KeyCode, mods: KeyModifiers) {
    let ev = Event::Key(KeyEvent::new(code, mods));
    if let Some(a) = h.app.action_for(&ev) {
        h.send(a);
    }
}

pub fn key(h: &mut Harness, code: KeyCode) {
    press(h, code, KeyModifiers::NONE);
}

pub fn ctrl(h: &mut Harness, c: char) {
    press(h, KeyCode::Char(c), KeyModifiers::CONTROL);
}

/// Types `s` one character at a time.
pub fn text(h: &mut Harness, s: &str) {
    for c in s.chars() {
        key(h, KeyCode::Char(c));
    }
}
