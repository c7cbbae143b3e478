//! One generic form state: the editors of the fields, the focus, the errors, whether it
//! was edited, the question being asked, and its draft.
mod drafts;
mod keys;
mod prompt;

pub use prompt::{Prompt, PromptChoice, PromptKey};

use crate::i18n::{Lang, Msg};
use crate::tui::form::draft::{DraftSlot, Drafting};
use crate::tui::form::spec::{FieldKind, FieldSpec, FormValues};
use crate::tui::form::textarea::TextArea;
use crate::tui::widgets::input::TextField;

/// What a conversion reports: the field key and what is wrong with it.
pub type FieldErrors = Vec<(&'static str, Msg)>;

/// The editor behind one field.
#[derive(Debug, Clone)]
pub enum Editor {
    Line(TextField),
    Area(TextArea),
    Choice {
        selected: Option<usize>,
        /// What has been typed to pick an option since the field got the focus.
        typed: String,
    },
    Check(bool),
}

const DISCARD: &str = "form.discard";
const KEEP: &str = "form.keep";
const RESTORE: &str = "form.restore";
const DROP_DRAFT: &str = "form.drop_draft";

/// What an action meant to the form, for the screen that owns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormEvent {
    /// Handled; nothing for the screen to do.
    None,
    /// The value of a field changed (the screen may fill others from it).
    Changed(&'static str),
    /// Ctrl+S: convert and save.
    Submit,
    /// Leave the form (it was not edited, or the changes were discarded).
    Close,
    /// The user answered the screen's own prompt.
    Answer(&'static str),
    /// Not a form action: the screen may use it.
    Unhandled,
}

#[derive(Debug, Clone)]
pub struct FormState {
    specs: Vec<FieldSpec>,
    editors: Vec<Editor>,
    hidden: Vec<bool>,
    focus: usize,
    errors: Vec<Option<Msg>>,
    dirty: bool,
    prompt: Option<Prompt>,
    drafting: Option<Drafting>,
    lang: Lang,
    /// Values of a found draft while the restore question is open.
    found_draft: Option<FormValues>,
    /// A save the county server could not take (it was away): ticks until it is tried
    /// again, and whether the try is due now.
    offline_retry: Option<u8>,
    retry_due: bool,
}

impl FormState {
    pub fn new(specs: Vec<FieldSpec>, lang: Lang) -> FormState {
        let editors = specs
            .iter()
            .map(|s| match &s.kind {
                FieldKind::Multiline { max } => Editor::Area(TextArea::new(*max)),
                FieldKind::Choice { .. } => Editor::Choice {
                    selected: None,
                    typed: String::new(),
                },
                FieldKind::Check => Editor::Check(false),
                _ => Editor::Line(TextField::default()),
            })
            .collect();
        let n = specs.len();
        FormState {
            specs,
            editors,
            hidden: vec![false; n],
            focus: 0,
            errors: vec![None; n],
            dirty: false,
            prompt: None,
            drafting: None,
            lang,
            found_draft: None,
            offline_retry: None,
            retry_due: false,
        }
    }

    /// Keeps drafts of this form in `slot`.
    pub fn with_drafts(mut self, slot: DraftSlot) -> FormState {
        self.drafting = Some(Drafting::new(slot));
        self
    }

    pub fn specs(&self) -> &[FieldSpec] {
        &self.specs
    }

    pub fn editors(&self) -> &[Editor] {
        &self.editors
    }

    pub fn errors(&self) -> &[Option<Msg>] {
        &self.errors
    }

    pub fn is_hidden(&self, i: usize) -> bool {
        self.hidden.get(i).copied().unwrap_or(true)
    }

    pub fn focus(&self) -> usize {
        self.focus
    }

    pub fn focused_key(&self) -> &'static str {
        self.specs.get(self.focus).map_or("", |s| s.key)
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn draft_saved_at(&self) -> Option<&str> {
        self.drafting.as_ref().and_then(|d| d.saved_at.as_deref())
    }

    fn index(&self, key: &str) -> Option<usize> {
        self.specs.iter().position(|s| s.key == key)
    }

    /// Whether typed characters should reach the form (always, unless nothing can take
    /// them): a choice takes digits and letters, a check takes Space, a prompt takes y/n.
    pub fn takes_typing(&self) -> bool {
        !self.specs.is_empty()
    }

    /// Whether the focused field edits text (Up/Down, Enter behave as in text).
    pub fn text_focused(&self) -> bool {
        self.prompt.is_none() && self.specs.get(self.focus).is_some_and(|s| s.kind.is_text())
    }

    /// Every value, by field key.
    pub fn values(&self) -> FormValues {
        let mut out = FormValues::default();
        for (spec, editor) in self.specs.iter().zip(&self.editors) {
            let value = match (editor, &spec.kind) {
                (Editor::Line(f), _) => f.value().to_string(),
                (Editor::Area(a), _) => a.value(),
                (Editor::Choice { selected, .. }, FieldKind::Choice { options }) => selected
                    .and_then(|i| options.get(i))
                    .map(|o| o.value.clone())
                    .unwrap_or_default(),
                (Editor::Check(b), _) => if *b { "1" } else { "" }.to_string(),
                _ => String::new(),
            };
            out.set(spec.key, value);
        }
        out
    }

    /// Sets one value as text (a choice by its option value, a check by non-empty);
    /// does not count as an edit.
    pub fn set(&mut self, key: &str, value: &str) {
        let Some(i) = self.index(key) else {
            return;
        };
        match (&mut self.editors[i], &self.specs[i].kind) {
            (Editor::Line(f), _) => f.set_value(value),
            (Editor::Area(a), _) => a.set_value(value),
            (Editor::Choice { selected, .. }, FieldKind::Choice { options }) => {
                *selected = options.iter().position(|o| o.value == value);
            }
            (Editor::Check(b), _) => *b = !value.is_empty(),
            _ => {}
        }
    }

    /// Sets every value found in `values`.
    pub fn set_values(&mut self, values: &FormValues) {
        for (k, v) in &values.0 {
            self.set(k, v);
        }
    }

    /// Counts the form as edited (values carried over from an edited form).
    pub fn mark_edited(&mut self) {
        self.dirty = true;
        if let Some(d) = &mut self.drafting {
            d.edited();
        }
    }

    /// Shows or hides a field (a department only when the outcome is "referred").
    pub fn set_visible(&mut self, key: &str, visible: bool) {
        if let Some(i) = self.index(key) {
            self.hidden[i] = !visible;
            if !visible {
                self.errors[i] = None;
            }
        }
        if self.is_hidden(self.focus) {
            self.move_focus(1);
        }
    }

    /// Numbers a field's label (`None`: no number), e.g. once a second row exists.
    pub fn set_number(&mut self, key: &str, n: Option<usize>) {
        if let Some(i) = self.index(key) {
            self.specs[i].number = n;
        }
    }

    /// Puts the focus on a field.
    pub fn focus_on(&mut self, key: &str) {
        if let Some(i) = self.index(key).filter(|i| !self.is_hidden(*i)) {
            self.focus = i;
            self.reset_typed();
        }
    }

    pub fn set_error(&mut self, key: &str, msg: Msg) {
        if let Some(i) = self.index(key) {
            self.errors[i] = Some(msg);
        }
    }

    pub fn clear_errors(&mut self) {
        self.errors.iter_mut().for_each(|e| *e = None);
    }

    /// Asks the user something; the answer comes back as [`FormEvent::Answer`].
    pub fn ask(&mut self, prompt: Prompt) {
        self.prompt = Some(prompt);
    }

    /// Applies a conversion's result: on errors, shows each beside its field, puts the
    /// cursor on the first one in form order and returns `None`.
    pub fn check<T>(&mut self, result: Result<T, FieldErrors>) -> Option<T> {
        self.clear_errors();
        match result {
            Ok(v) => Some(v),
            Err(errors) => {
                for (key, msg) in errors {
                    if let Some(i) = self.index(key)
                        && self.errors[i].is_none()
                    {
                        self.errors[i] = Some(msg);
                        self.hidden[i] = false;
                    }
                }
                if let Some(first) = self.errors.iter().position(Option::is_some) {
                    self.focus = first;
                    self.reset_typed();
                }
                None
            }
        }
    }

    fn reset_typed(&mut self) {
        for e in &mut self.editors {
            if let Editor::Choice { typed, .. } = e {
                typed.clear();
            }
        }
    }

    fn move_focus(&mut self, delta: isize) {
        let n = self.specs.len();
        if n == 0 {
            return;
        }
        let mut i = self.focus;
        for _ in 0..n {
            i = (i as isize + delta).rem_euclid(n as isize) as usize;
            if !self.hidden[i] {
                break;
            }
        }
        self.focus = i;
        self.reset_typed();
    }

    fn edited(&mut self) -> FormEvent {
        self.dirty = true;
        if let Some(d) = &mut self.drafting {
            d.edited();
        }
        self.errors[self.focus] = None;
        FormEvent::Changed(self.specs[self.focus].key)
    }
}
