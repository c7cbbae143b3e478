//! The form's drafts: the jobs that look for, keep and forget a draft, and the answers.
use super::{DROP_DRAFT, FormState, Prompt, RESTORE};
use crate::i18n::Msg;
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::form::draft::{DraftJob, DraftLoaded, DraftSlot};
use crate::tui::form::spec::FormValues;

/// Ticks (about a second each) before a save the server could not take is tried again.
const RETRY_TICKS: u8 = 2;

impl FormState {
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

    /// Whether a save the server could not take is tried again on the clock.
    pub fn set_offline_retry(&mut self, away: bool) {
        self.offline_retry = away.then_some(RETRY_TICKS);
    }

    /// Counts a tick towards the retry; true when it is due (then [`FormState::handle`]
    /// answers this tick with a save).
    fn retry_tick(&mut self) -> bool {
        match self.offline_retry {
            Some(0) => {
                self.offline_retry = None;
                self.retry_due = true;
                true
            }
            Some(n) => {
                self.offline_retry = Some(n - 1);
                false
            }
            None => false,
        }
    }

    /// Handles the clock and the draft answers; `None` when the action is not one of them.
    pub fn background(&mut self, action: &Action) -> Option<Vec<Effect>> {
        match action {
            Action::Tick(_) => {
                if self.retry_tick() {
                    // Handled as a save by `handle`.
                    return None;
                }
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
