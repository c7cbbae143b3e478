//! The one-line question at the bottom of the checklist screens, and the keymap sections
//! and hints while it has the focus.
use crate::tui::action::Action;
use crate::tui::screens::View;
use crate::tui::widgets::chrome;
use crate::tui::widgets::input::TextField;
use ratatui::Frame;
use ratatui::layout::Rect;

/// A one-line question at the bottom of a checklist screen: the label says what to type.
#[derive(Debug, Clone)]
pub struct Prompt<K> {
    pub kind: K,
    pub label: &'static str,
    pub field: TextField,
}

/// What a key did to an open prompt, for the screen that asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKey {
    /// Enter: the screen reads the answer.
    Answer,
    /// Esc: the screen closes the prompt.
    Cancel,
    /// The text was edited (or the key did nothing).
    Edited,
}

impl<K> Prompt<K> {
    pub fn new(kind: K, label: &'static str, value: &str) -> Prompt<K> {
        let mut field = TextField::default();
        field.set_value(value);
        Prompt { kind, label, field }
    }

    /// What a key does to the prompt: Enter answers, Esc cancels, any other key edits the
    /// text.
    pub fn key(&mut self, action: &Action) -> PromptKey {
        match action {
            Action::Open => PromptKey::Answer,
            Action::Back => PromptKey::Cancel,
            other => {
                self.field.apply(other);
                PromptKey::Edited
            }
        }
    }

    /// Draws the prompt in a three-row box and puts the terminal cursor in it.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let block = chrome::boxed(view.t(self.label), view).border_style(view.theme.focus);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        self.field.render(frame, inner, view.theme.input, true);
    }
}

/// The keymap sections of a screen while a prompt has the focus: Enter answers, Esc
/// cancels, everything typed is text.
/// `prompt` has no keys of its own: it names Enter "confirm" and Esc "cancel" in the hints.
pub const PROMPT_SECTIONS: &[&str] = &["prompt", "text", "list"];
pub const PROMPT_HINTS: &[Action] = &[Action::Open, Action::Back];
