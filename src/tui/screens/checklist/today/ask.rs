//! The questions the day's checklist asks (a note, a reason to reopen, a correction), the
//! answers that become jobs, and the refusals of a day that cannot change.
use super::Checklist;
use crate::domain::checklist::{ItemState, Refusal};
use crate::i18n::Msg;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::screens::Cx;
use crate::tui::screens::checklist::data::ChecklistJob;
use crate::tui::screens::checklist::prompt::PromptKey;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ask {
    /// The note an exception, or a required item not applicable, must carry.
    Note {
        rule_id: i64,
        state: ItemState,
    },
    Reason,
    /// Why a past day's working status is corrected.
    Correction {
        working: bool,
    },
}

impl Checklist {
    /// Why the shown day cannot be changed, if it cannot.
    pub(super) fn unchangeable(&self, cx: &Cx) -> Option<Msg> {
        let day = self.day()?;
        if self.past.is_some() {
            return Some(Msg::new("tui.checklist.read_only"));
        }
        day.is_signed()
            .then(|| Refusal::Locked { date: day.date }.msg(cx.lang))
    }

    pub(super) fn set(&self, state: ItemState, note: &str, cx: &Cx) -> Vec<Effect> {
        if let Some(why) = self.unchangeable(cx) {
            return vec![Effect::Error(why)];
        }
        let (Some(day), Some(item)) = (self.day(), self.item()) else {
            return Vec::new();
        };
        Checklist::job(ChecklistJob::Set {
            date: day.date,
            rule_id: item.rule_id,
            state,
            note: note.to_string(),
            officer: cx.officer.clone(),
        })
    }

    pub(super) fn answer(&mut self, cx: &Cx) -> Vec<Effect> {
        let Some(prompt) = &self.prompt else {
            return Vec::new();
        };
        let text = prompt.field.value().trim().to_string();
        let (kind, Some(day)) = (prompt.kind, self.day()) else {
            return Vec::new();
        };
        let date = day.date;
        match kind {
            Ask::Note {
                state: ItemState::NotApplicable,
                ..
            } if text.is_empty() => {
                vec![Effect::Error(Msg::new("tui.deskday.na_note_required"))]
            }
            Ask::Note { .. } if text.is_empty() => {
                vec![Effect::Error(Msg::new("tui.checklist.note_required"))]
            }
            Ask::Reason if text.is_empty() => {
                vec![Effect::Error(Msg::new("tui.checklist.reason_required"))]
            }
            Ask::Correction { .. } if text.is_empty() => vec![Effect::Error(
                Refusal::CorrectionNeedsReason { date }.msg(cx.lang),
            )],
            Ask::Correction { working } => {
                self.prompt = None;
                Checklist::job(ChecklistJob::Working {
                    date,
                    working,
                    reason: text,
                    officer: cx.officer.clone(),
                })
            }
            Ask::Note { rule_id, state } => {
                self.prompt = None;
                Checklist::job(ChecklistJob::Set {
                    date,
                    rule_id,
                    state,
                    note: text,
                    officer: cx.officer.clone(),
                })
            }
            Ask::Reason => {
                self.prompt = None;
                Checklist::job(ChecklistJob::Reopen {
                    date,
                    reason: text,
                    officer: cx.officer.clone(),
                })
            }
        }
    }

    pub(super) fn prompt_update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        let Some(prompt) = &mut self.prompt else {
            return Vec::new();
        };
        match prompt.key(action) {
            PromptKey::Answer => self.answer(cx),
            PromptKey::Cancel => {
                self.prompt = None;
                Vec::new()
            }
            PromptKey::Edited => Vec::new(),
        }
    }
}
