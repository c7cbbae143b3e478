//! The case view's void and report dialogs: their keys, and the store's answer to them.
use super::PetitionCaseView;
use crate::i18n::Msg;
use crate::tui::action::Action;
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::Cx;
use crate::tui::screens::petitions::case_report::ReportOutcome;
use crate::tui::screens::petitions::case_void::VoidOutcome;
use crate::tui::screens::petitions::jobs::PetitionJob;

impl PetitionCaseView {
    /// The hint line while a dialog or the notice chooser is open: a step or a void shown
    /// for confirmation takes only Enter (record) and Esc (back to the dialog).
    pub(super) fn dialog_hints(&self) -> Option<&'static [Action]> {
        let confirming = self.dialog.as_ref().is_some_and(|d| d.confirm.is_some())
            || self.void.as_ref().is_some_and(|d| d.confirm);
        if confirming {
            Some(&[Action::Submit, Action::Back])
        } else if self.any_dialog() {
            Some(&[Action::NextField, Action::Save, Action::Back])
        } else if self.menu.is_some() {
            Some(&[
                Action::Open,
                Action::MoveUp,
                Action::MoveDown,
                Action::Back,
                Action::Help,
            ])
        } else {
            None
        }
    }

    /// The void and report dialogs' keys; `None` when neither is open.
    pub(super) fn update_other_dialogs(&mut self, action: &Action, cx: &Cx) -> Option<Vec<Effect>> {
        let id = self.id;
        if let Some(void) = &mut self.void {
            return Some(match void.update(action) {
                VoidOutcome::Stay => Vec::new(),
                VoidOutcome::Cancel => {
                    self.void = None;
                    Vec::new()
                }
                VoidOutcome::Submit { index, reason } => {
                    vec![Effect::Db(DbJob::Petitions(PetitionJob::VoidStep {
                        id,
                        index,
                        reason,
                    }))]
                }
            });
        }
        let report = self.report.as_mut()?;
        Some(match report.update(action, cx) {
            ReportOutcome::Stay => Vec::new(),
            ReportOutcome::Cancel => {
                self.report = None;
                Vec::new()
            }
            ReportOutcome::Submit(report) => {
                vec![Effect::Db(DbJob::Petitions(PetitionJob::RiskReport {
                    id,
                    report,
                }))]
            }
        })
    }

    /// The store's answer to a void or a report: close the dialog, or show its refusal.
    pub(super) fn saved_other(&mut self, result: &Result<(), String>) -> Option<Vec<Effect>> {
        let done = if self.void.is_some() {
            "tui.petition.void.saved"
        } else if self.report.is_some() {
            "tui.petition.report.saved"
        } else {
            return None;
        };
        Some(match result {
            Ok(()) => {
                self.void = None;
                self.report = None;
                vec![
                    Effect::Db(DbJob::Petitions(PetitionJob::Case(self.id))),
                    Effect::Status(Msg::new(done)),
                ]
            }
            Err(text) => {
                let msg = Msg::new("tui.petition.refused").arg("detail", text);
                if let Some(d) = &mut self.void {
                    d.refused(msg);
                } else if let Some(d) = &mut self.report {
                    d.refused(msg);
                }
                Vec::new()
            }
        })
    }
}
