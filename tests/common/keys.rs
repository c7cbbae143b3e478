//! Real key presses through the app's keymap, as a terminal delivers them: what the
//! keymap does not bind is dropped, exactly as in the program. Every key sent here is
//! counted in [`Harness::keys`], so a test that claims "N keys" reads the count of what it
//! really sent.
use super::Harness;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// The keys sent through this module, counted where they are sent.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct KeysSent {
    /// Single keys: F-keys, Enter, Tab, Ctrl+letter, a digit picked from a list.
    pub keys: usize,
    /// Characters typed as text by [`text`].
    pub typed: usize,
}

fn deliver(h: &mut Harness, code: KeyCode, mods: KeyModifiers) {
    let ev = Event::Key(KeyEvent::new(code, mods));
    if let Some(a) = h.app.action_for(&ev) {
        h.send(a);
    }
}

/// One key, counted in `h.keys.keys`.
pub fn press(h: &mut Harness, code: KeyCode, mods: KeyModifiers) {
    h.keys.keys += 1;
    deliver(h, code, mods);
}

pub fn key(h: &mut Harness, code: KeyCode) {
    press(h, code, KeyModifiers::NONE);
}

pub fn ctrl(h: &mut Harness, c: char) {
    press(h, KeyCode::Char(c), KeyModifiers::CONTROL);
}

/// Types `s` one character at a time, each counted in `h.keys.typed`.
pub fn text(h: &mut Harness, s: &str) {
    for c in s.chars() {
        h.keys.typed += 1;
        deliver(h, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

/// One key that the keymap must bind here: a test of a key's effect fails loudly when the
/// key does nothing.
pub fn bound(h: &mut Harness, code: KeyCode) {
    let ev = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    assert!(
        h.app.action_for(&ev).is_some(),
        "{code:?} is not bound here"
    );
    key(h, code);
}
