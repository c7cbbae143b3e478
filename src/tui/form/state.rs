//! One generic form state: the editors of the fields, the focus, the errors, whether it
//! was edited, the question being asked, and its draft.
use crate::i18n::{Lang, Msg};
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::form::choice;
use crate::tui::form::draft::{DraftJob, DraftLoaded, DraftSlot, Drafting};
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

/// A key a prompt answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKey {
    Char(char),
    Enter,
    Esc,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptChoice {
    pub key: PromptKey,
    /// Catalog key of what the choice does (`tui.form.yes`).
    pub label_key: &'static str,
    /// What [`FormEvent::Answer`] reports.
    pub answer: &'static str,
}

/// A question on the form's bottom line; every other key waits until it is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub message: Msg,
    pub choices: Vec<PromptChoice>,
}

impl Prompt {
    /// A yes/no question: `y` answers `yes`, `n` and Esc answer `no`.
    pub fn yes_no(message: Msg, yes: &'static str, no: &'static str) -> Prompt {
        Prompt {
            message,
            choices: vec![
                PromptChoice {
                    key: PromptKey::Char('y'),
                    label_key: "tui.form.yes",
                    answer: yes,
                },
                PromptChoice {
                    key: PromptKey::Char('n'),
                    label_key: "tui.form.no",
                    answer: no,
                },
                PromptChoice {
                    key: PromptKey::Esc,
                    label_key: "tui.form.no",
                    answer: no,
                },
            ],
        }
    }
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

    /// Applies an action. Tick and draft answers go through [`FormState::background`].
    pub fn handle(&mut self, action: &Action) -> FormEvent {
        if let Some(prompt) = &self.prompt {
            let key = match action {
                Action::Type(c) => Some(PromptKey::Char(c.to_ascii_lowercase())),
                Action::Open => Some(PromptKey::Enter),
                Action::Back => Some(PromptKey::Esc),
                _ => None,
            };
            let Some(answer) =
                key.and_then(|k| prompt.choices.iter().find(|c| c.key == k).map(|c| c.answer))
            else {
                return FormEvent::None;
            };
            self.prompt = None;
            return self.answered(answer);
        }
        let Some(spec) = self.specs.get(self.focus) else {
            return FormEvent::Unhandled;
        };
        let kind = spec.kind.clone();
        match action {
            Action::NextField => {
                self.move_focus(1);
                return FormEvent::None;
            }
            Action::PrevField => {
                self.move_focus(-1);
                return FormEvent::None;
            }
            Action::Save => return FormEvent::Submit,
            Action::Back => {
                if self.dirty {
                    self.ask(Prompt::yes_no(Msg::new("tui.form.discard"), DISCARD, KEEP));
                    return FormEvent::None;
                }
                return FormEvent::Close;
            }
            _ => {}
        }
        let focus = self.focus;
        match (&mut self.editors[focus], &kind) {
            (Editor::Area(area), _) => match action {
                Action::MoveUp if area.at_first_line() => self.move_focus(-1),
                Action::MoveDown if area.at_last_line() => self.move_focus(1),
                other => {
                    if area.apply(other) {
                        return self.edited();
                    }
                    return if is_edit(other) {
                        FormEvent::None
                    } else {
                        FormEvent::Unhandled
                    };
                }
            },
            (Editor::Line(field), kind) => {
                let max = match kind {
                    FieldKind::Text { max } => *max,
                    _ => 40,
                };
                let field = field.clone();
                return self.edit_line(action, max, field);
            }
            (Editor::Choice { selected, typed }, FieldKind::Choice { options }) => {
                let len = options.len();
                match action {
                    Action::MoveUp | Action::MoveDown => {
                        let next = match (*selected, action) {
                            (None, _) => 0,
                            (Some(i), Action::MoveUp) => i.saturating_sub(1),
                            (Some(i), _) => (i + 1).min(len.saturating_sub(1)),
                        };
                        typed.clear();
                        if len > 0 && *selected != Some(next) {
                            *selected = Some(next);
                            return self.edited();
                        }
                    }
                    Action::First | Action::Last if len > 0 => {
                        let next = if *action == Action::First { 0 } else { len - 1 };
                        if *selected != Some(next) {
                            *selected = Some(next);
                            return self.edited();
                        }
                    }
                    Action::Type(c) if !c.is_whitespace() => {
                        typed.push(*c);
                        let mut found = choice::pick(options, typed, self.lang);
                        if found.is_none() {
                            *typed = c.to_string();
                            found = choice::pick(options, typed, self.lang);
                        }
                        if found.is_none() {
                            typed.clear();
                        }
                        if let Some(i) = found
                            && *selected != Some(i)
                        {
                            *selected = Some(i);
                            return self.edited();
                        }
                    }
                    Action::DeleteBack | Action::ClearField | Action::DeleteForward => {
                        typed.clear();
                        if selected.take().is_some() {
                            return self.edited();
                        }
                    }
                    Action::Open => self.move_focus(1),
                    other if is_edit(other) => {}
                    _ => return FormEvent::Unhandled,
                }
            }
            (Editor::Check(b), _) => match action {
                Action::Type(' ') | Action::Toggle => {
                    *b = !*b;
                    return self.edited();
                }
                Action::MoveUp => self.move_focus(-1),
                Action::MoveDown | Action::Open => self.move_focus(1),
                other if is_edit(other) => {}
                _ => return FormEvent::Unhandled,
            },
            _ => return FormEvent::Unhandled,
        }
        FormEvent::None
    }

    fn edit_line(&mut self, action: &Action, max: usize, mut field: TextField) -> FormEvent {
        match action {
            Action::MoveUp => self.move_focus(-1),
            Action::MoveDown | Action::Open => self.move_focus(1),
            other => {
                if field.apply(other) {
                    if field.value().chars().count() > max {
                        return FormEvent::None;
                    }
                    self.editors[self.focus] = Editor::Line(field);
                    return self.edited();
                }
                if !is_edit(other) {
                    return FormEvent::Unhandled;
                }
                self.editors[self.focus] = Editor::Line(field);
            }
        }
        FormEvent::None
    }

    fn answered(&mut self, answer: &'static str) -> FormEvent {
        match answer {
            DISCARD => FormEvent::Close,
            KEEP => FormEvent::None,
            RESTORE => {
                if let Some(values) = self.found_draft.take() {
                    self.set_values(&values);
                    self.dirty = true;
                }
                if let Some(d) = &mut self.drafting {
                    d.paused = false;
                }
                FormEvent::Changed("")
            }
            DROP_DRAFT => {
                self.found_draft = None;
                if let Some(d) = &mut self.drafting {
                    d.paused = false;
                }
                FormEvent::None
            }
            other => FormEvent::Answer(other),
        }
    }

    /// The job that looks for a draft: the effect of opening the form.
    pub fn draft_lookup(&self) -> Vec<Effect> {
        self.drafting
            .iter()
            .map(|d| Effect::Db(DbJob::Draft(DraftJob::Load(d.slot.clone()))))
            .collect()
    }

    /// The draft this form keeps, for its save job: the store removes it in the save's
    /// own transaction.
    pub fn draft_slot(&self) -> Option<DraftSlot> {
        self.drafting.as_ref().map(|d| d.slot.clone())
    }

    /// The job that forgets the draft: the changes are discarded (a save removes its draft
    /// itself, see [`FormState::draft_slot`]).
    pub fn draft_delete(&mut self) -> Vec<Effect> {
        match &mut self.drafting {
            Some(d) => {
                d.paused = true;
                vec![Effect::Db(DbJob::Draft(DraftJob::Delete(d.slot.clone())))]
            }
            None => Vec::new(),
        }
    }

    /// Stops drafting while a save is out and after it committed (`false` again when it
    /// failed): a draft written after the save would bring the saved form back.
    pub fn pause_drafts(&mut self, paused: bool) {
        if let Some(d) = &mut self.drafting {
            d.saving = paused;
        }
    }

    /// The draft save job if the form has edits not yet kept (the program is stopping).
    pub fn draft_now(&mut self) -> Vec<Effect> {
        let body = self.values().to_json();
        match &mut self.drafting {
            Some(d) if d.has_unsaved() => vec![Effect::Db(DbJob::Draft(d.save_now(body)))],
            _ => Vec::new(),
        }
    }

    /// Handles the clock and the draft answers; `None` when the action is not one of them.
    pub fn background(&mut self, action: &Action) -> Option<Vec<Effect>> {
        match action {
            Action::Tick(_) => {
                let body = self.values().to_json();
                let job = self.drafting.as_mut().and_then(|d| d.tick(|| body));
                Some(
                    job.map(|j| Effect::Db(DbJob::Draft(j)))
                        .into_iter()
                        .collect(),
                )
            }
            Action::Loaded(Loaded::Draft(loaded)) => {
                let Some(d) = &mut self.drafting else {
                    return Some(Vec::new());
                };
                if loaded.slot() != &d.slot {
                    return Some(Vec::new());
                }
                match loaded {
                    DraftLoaded::Saved { at, .. } => d.saved_at = Some(at.clone()),
                    DraftLoaded::NotFound(_) | DraftLoaded::Deleted(_) => {}
                    // A save already out removes this draft; offering it now would
                    // start drafting again behind the save.
                    DraftLoaded::Found { .. } if d.saving => {}
                    DraftLoaded::Found { body, saved_at, .. } => {
                        if let Some(values) = FormValues::from_json(body) {
                            d.paused = true;
                            self.found_draft = Some(values);
                            self.prompt = Some(Prompt::yes_no(
                                Msg::new("tui.form.draft_found").arg("time", saved_at),
                                RESTORE,
                                DROP_DRAFT,
                            ));
                        }
                    }
                }
                Some(Vec::new())
            }
            _ => None,
        }
    }
}

/// Editing keys a field ignores without passing them on.
fn is_edit(action: &Action) -> bool {
    matches!(
        action,
        Action::Type(_)
            | Action::Paste(_)
            | Action::CursorLeft
            | Action::CursorRight
            | Action::CursorStart
            | Action::CursorEnd
            | Action::DeleteBack
            | Action::DeleteForward
            | Action::DeleteWordBack
            | Action::ClearField
            | Action::MoveUp
            | Action::MoveDown
            | Action::Open
            | Action::First
            | Action::Last
    )
}
