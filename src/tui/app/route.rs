//! Where each database answer goes: the screen that owns it, and the checklist answers to
//! every checklist screen.
use super::*;

impl App {
    pub(super) fn route_loaded(&mut self, loaded: Loaded) -> Vec<Effect> {
        let owner = match &loaded {
            Loaded::IndexReady { people } => {
                self.index = IndexStatus::Ready { people: *people };
                return Vec::new();
            }
            Loaded::IndexFailed(detail) => {
                self.index = IndexStatus::Failed(detail.clone());
                return vec![Effect::Error(
                    Msg::new("tui.app.index_failed").arg("detail", detail),
                )];
            }
            Loaded::Failed(detail) => {
                return vec![Effect::Error(
                    Msg::new("tui.app.load_failed").arg("detail", detail),
                )];
            }
            Loaded::Refused(why) => {
                return vec![Effect::Error(Msg::new("tui.app.refused").arg("why", why))];
            }
            // A ledger export answers in the status line, whichever screen shows by then.
            Loaded::Exported(Ok(done)) => {
                return vec![Effect::Status(
                    Msg::new("tui.export.done")
                        .arg("rows", done.rows)
                        .arg("file", &done.file),
                )];
            }
            Loaded::Exported(Err(text)) => {
                return vec![Effect::Error(
                    Msg::new("tui.export.failed").arg("detail", text),
                )];
            }
            Loaded::Search(_) => ScreenId::Lookup,
            Loaded::Dashboard(d) => {
                // checklist
                self.checklist_today = d.checklist.or(self.checklist_today);
                ScreenId::Dashboard
            }
            Loaded::Profile(_) | Loaded::ProfileMissing(_) | Loaded::PersonDeleted(_) => {
                ScreenId::Profile
            }
            // walk-ins
            Loaded::Draft(d) => d.slot().screen,
            // petitions
            Loaded::Ledger(_) => ScreenId::Petitions,
            Loaded::PetitionCase(_) | Loaded::StepSaved { .. } => ScreenId::PetitionCase,
            Loaded::PetitionSaved(_)
            | Loaded::PetitionNotSaved(_)
            | Loaded::RepeatHits(_)
            | Loaded::VisitForPetition(..) => ScreenId::PetitionForm,
            // checklist
            Loaded::Checklist(c) => return self.route_checklist(c.clone()),
            // auth: account results go to the login or lock screen, else to the screen on top.
            Loaded::Auth(_) => {
                let cx = self.cx();
                let action = Action::Loaded(loaded);
                return match &mut self.gate {
                    Some(gate) => gate.update(&action, &cx),
                    None => self.top_mut().update(&action, &cx),
                };
            }
            // reports
            Loaded::Report(_) | Loaded::ReportExported(_) => ScreenId::Reports,
            Loaded::Walkin(w) => w.owner(),
        };
        let cx = self.cx();
        let action = Action::Loaded(loaded);
        let screen = self
            .stack
            .iter_mut()
            .rev()
            .chain(self.tabs.iter_mut())
            .find(|s| s.id() == owner);
        match screen {
            Some(s) => s.update(&action, &cx),
            None => Vec::new(),
        }
    }

    /// Checklist answers go to every checklist screen (the day, its history, the rules, a
    /// past day opened from the history); each keeps what is its own. A refusal is shown in
    /// the status line.
    pub(super) fn route_checklist(&mut self, loaded: ChecklistLoaded) -> Vec<Effect> {
        if let ChecklistLoaded::Refused(text) = &loaded {
            return vec![Effect::Error(
                Msg::new("tui.checklist.refused").arg("detail", text),
            )];
        }
        if let ChecklistLoaded::Day(v) = &loaded
            && v.day.date == self.now.date()
        {
            self.checklist_today = Some(today::state_of(&v.day));
        }
        let cx = self.cx();
        let action = Action::Loaded(Loaded::Checklist(loaded));
        let mut out = Vec::new();
        for screen in self.stack.iter_mut().chain(self.tabs.iter_mut()) {
            if matches!(
                screen.id(),
                ScreenId::Checklist | ScreenId::ChecklistHistory | ScreenId::ChecklistRules
            ) {
                out.extend(screen.update(&action, &cx));
            }
        }
        out
    }
}
