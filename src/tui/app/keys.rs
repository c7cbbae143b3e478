//! From a terminal event to an action: the keymap sections in force (the gate's, help's or
//! the screen's), and typed characters that reach a focused field before the keymap.
use super::App;
use crate::tui::action::Action;
use crate::tui::keys::KeyChord;
use crossterm::event::{Event, KeyEventKind};

impl App {
    /// The keymap sections in force, most specific first.
    pub(super) fn sections(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = if let Some(gate) = &self.gate {
            gate.sections().to_vec()
        } else if self.help.is_some() {
            vec!["help"]
        } else {
            self.top().sections().to_vec()
        };
        out.push("global");
        out
    }

    /// The sections the help overlay explains: the screen's own and `global`.
    pub(super) fn help_sections(&self) -> Vec<&'static str> {
        let mut sections = self.top().sections().to_vec();
        sections.push("global");
        sections
    }

    pub(super) fn text_focused(&self) -> bool {
        if let Some(gate) = &self.gate {
            return gate.text_focused();
        }
        self.help.is_none() && self.top().text_focused()
    }

    /// Turns a terminal event into an action. Typed characters go to a focused text field
    /// before the keymap is asked, so `?`, `/`, Space and letters are always typeable.
    pub fn action_for(&self, event: &Event) -> Option<Action> {
        match event {
            // The answer to "still quit?": y (or the quit key again) quits,
            // any other key stays.
            Event::Key(key) if key.kind == KeyEventKind::Press && self.quit_asked => {
                let chord = KeyChord::from_event(key);
                let quit = matches!(chord.typed_char(), Some('y' | 'Y'))
                    || self.keymap.action(&["global"], &chord) == Some(Action::Quit);
                Some(if quit { Action::Quit } else { Action::Back })
            }
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                let chord = KeyChord::from_event(key);
                // While a save waits for another desk, "back" (Esc) gives the wait up and
                // leaves the form as it is.
                if self.write_wait.is_some()
                    && self.keymap.action(&self.sections(), &chord) == Some(Action::Back)
                {
                    return Some(Action::GiveUpWait);
                }
                // While an export or backup shows its line, Esc stops it.
                if !self.work.is_empty()
                    && self.keymap.action(&self.sections(), &chord) == Some(Action::Back)
                {
                    return Some(Action::StopWork);
                }
                if self.text_focused()
                    && let Some(c) = chord.typed_char()
                {
                    return Some(Action::Type(c));
                }
                self.keymap.action(&self.sections(), &chord)
            }
            Event::Paste(text) if self.text_focused() => Some(Action::Paste(text.clone())),
            Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
            _ => None,
        }
    }
}
