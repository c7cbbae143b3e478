//! Where each worker answer goes: to its owner, as [`Loaded::owner`] says. The shell keeps
//! what it needs on the way (the index's state, today's checklist for the end-of-day
//! reminder).
use super::*;
use crate::tui::action::{Loaded, Owner, ShellLoaded};
use crate::tui::engine::PeopleChanged;
use crate::tui::screens::checklist::data::ChecklistLoaded;
use crate::tui::screens::checklist::marks::state_of;

impl App {
    pub(super) fn route_loaded(&mut self, loaded: Loaded) -> Vec<Effect> {
        match loaded.owner() {
            Owner::Shell(answer) => self.take(answer),
            Owner::Screen(id) => {
                if let Loaded::Dashboard(d) = &loaded {
                    self.checklist_today = d.checklist.or(self.checklist_today);
                }
                self.deliver(id, loaded)
            }
            Owner::Checklist(c) => {
                if let ChecklistLoaded::Refused(text) = c {
                    return vec![Effect::Error(
                        Msg::new("tui.checklist.refused").arg("detail", text),
                    )];
                }
                if let ChecklistLoaded::Day(v) = c
                    && v.day.date == self.now.date()
                {
                    self.checklist_today = Some(state_of(&v.day));
                }
                self.deliver_to_checklist(loaded)
            }
            Owner::Gate => {
                let cx = self.cx();
                let action = Action::Loaded(loaded);
                match &mut self.gate {
                    Some(gate) => gate.update(&action, &cx),
                    None => self.top_mut().update(&action, &cx),
                }
            }
        }
    }

    /// The answers that are the shell's own: the index's state and the status line.
    fn take(&mut self, answer: &ShellLoaded) -> Vec<Effect> {
        if let ShellLoaded::Exported(_) = answer {
            self.work_ended(crate::tui::long_work::WorkKind::Export);
        }
        match answer {
            ShellLoaded::IndexReady { people } => {
                self.index = IndexStatus::Ready { people: *people };
                self.tabs
                    .iter_mut()
                    .chain(self.stack.iter_mut())
                    .flat_map(|s| s.index_changed())
                    .collect()
            }
            ShellLoaded::IndexFailed(detail) => {
                self.index = IndexStatus::Failed(detail.clone());
                vec![Effect::Error(
                    Msg::new("tui.app.index_failed").arg("detail", detail),
                )]
            }
            ShellLoaded::Failed(msg) => vec![Effect::Error(msg.clone())],
            // A ledger export answers in the status line, whichever screen shows by then.
            ShellLoaded::Work(note) => self.take_work(note),
            ShellLoaded::Exported(Ok(done)) => vec![Effect::Status(
                Msg::new("tui.export.done")
                    .arg("rows", done.rows)
                    .arg("file", &done.file),
            )],
            ShellLoaded::Exported(Err(text)) => vec![Effect::Error(
                Msg::new("tui.export.failed").arg("detail", text),
            )],
            ShellLoaded::Done => Vec::new(),
            ShellLoaded::DataChanged(changes) => self.data_changed(changes),
        }
    }

    /// Other desks' work (and this one's) reaches the lookup index and every open screen.
    fn data_changed(&mut self, changes: &[crate::store::Change]) -> Vec<Effect> {
        let mut out = Vec::new();
        if let Some(people) = PeopleChanged::from_changes(changes) {
            out.push(Effect::IndexChanges(people));
        }
        // The tab showing and the screens opened over it; another tab loads afresh when
        // it is switched to.
        let cx = self.cx();
        if let Some(tab) = self.tabs.get_mut(self.current) {
            out.extend(tab.data_changed(changes, &cx));
        }
        for screen in self.stack.iter_mut() {
            out.extend(screen.data_changed(changes, &cx));
        }
        out
    }

    /// To the screen `id`: the newest one open, else the tab; nobody when it has closed.
    fn deliver(&mut self, id: ScreenId, loaded: Loaded) -> Vec<Effect> {
        let cx = self.cx();
        let action = Action::Loaded(loaded);
        let screen = self
            .stack
            .iter_mut()
            .rev()
            .chain(self.tabs.iter_mut())
            .find(|s| s.id() == id);
        match screen {
            Some(s) => s.update(&action, &cx),
            None => Vec::new(),
        }
    }

    /// Checklist answers go to every checklist screen (the day, its history, the rules, a
    /// past day opened from the history); each keeps what is its own.
    fn deliver_to_checklist(&mut self, loaded: Loaded) -> Vec<Effect> {
        let cx = self.cx();
        let action = Action::Loaded(loaded);
        let mut out = Vec::new();
        for screen in self.stack.iter_mut().chain(self.tabs.iter_mut()) {
            if matches!(
                screen.id(),
                ScreenId::Checklist
                    | ScreenId::ChecklistHistory
                    | ScreenId::ChecklistRules
                    | ScreenId::CalendarYears
            ) {
                out.extend(screen.update(&action, &cx));
            }
        }
        out
    }
}
