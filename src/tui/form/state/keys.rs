//! What a key does to the form: moves the focus, edits the focused field, answers the
//! question being asked, or asks before the edits are thrown away.
use super::{DISCARD, DROP_DRAFT, Editor, FormEvent, FormState, KEEP, Prompt, PromptKey, RESTORE};
use crate::i18n::Msg;
use crate::tui::action::Action;
use crate::tui::form::choice;
use crate::tui::form::spec::FieldKind;
use crate::tui::widgets::input::TextField;

impl FormState {
    /// Applies an action. Tick and draft answers go through [`FormState::background`].
    pub fn handle(&mut self, action: &Action) -> FormEvent {
        if matches!(action, Action::Tick(_)) {
            if std::mem::take(&mut self.retry_due) && self.prompt.is_none() {
                return FormEvent::Submit;
            }
            return FormEvent::None;
        }
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
