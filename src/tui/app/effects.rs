//! The effects the shell carries out itself (navigation, messages, signing in) and the work
//! it passes on to the database and search workers.
use super::{App, Status};
use crate::tui::effect::Effect;
use crate::tui::screens::{self, IndexStatus, ScreenId};

impl App {
    /// Applies navigation and messages; passes the rest on.
    pub(super) fn apply(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        let mut out = Vec::new();
        for effect in effects {
            match effect {
                Effect::Push(mut screen) => {
                    let cx = self.cx();
                    let more = screen.on_enter(&cx);
                    self.stack.push(screen);
                    out.extend(self.apply(more));
                }
                Effect::Pop => {
                    self.stack.pop();
                }
                Effect::Switch(id) => {
                    self.stack.clear();
                    if let Some(i) = self.tabs.iter().position(|s| s.id() == id) {
                        self.current = i;
                        let cx = self.cx();
                        let more = self.tabs[i].on_enter(&cx);
                        out.extend(self.apply(more));
                    }
                }
                Effect::Status(msg) => {
                    self.status = Some(Status {
                        text: msg.render(self.lang),
                        is_error: false,
                    });
                }
                Effect::Error(msg) => {
                    self.status = Some(Status {
                        text: msg.render(self.lang),
                        is_error: true,
                    });
                }
                Effect::Quit => {
                    let drafts = self.quitting();
                    out.extend(self.apply(drafts));
                }
                Effect::SignedIn {
                    session,
                    home,
                    station,
                } => {
                    self.session = Some(session);
                    self.gate = None;
                    self.last_activity = self.now;
                    if let Some(name) = station {
                        self.station = name;
                    }
                    if home {
                        out.extend(self.apply(vec![Effect::Switch(ScreenId::Dashboard)]));
                    }
                }
                Effect::GiveUpWait => out.push(Effect::GiveUpWait),
                Effect::ReloadIndex => {
                    self.index = IndexStatus::Loading;
                    out.push(Effect::ReloadIndex);
                }
                Effect::RefreshIndex => out.push(Effect::RefreshIndex),
                work @ (Effect::Db(_) | Effect::Search { .. } | Effect::IndexChanges(_)) => {
                    out.push(work)
                }
                // A walk-in turned into a petition: the intake form loads the walk-in itself
                // and links it once saved.
                Effect::OpenPetitionFromVisit { visit_id, .. } => {
                    let form =
                        screens::petitions::form::PetitionForm::from_visit(visit_id, &self.cx());
                    out.extend(self.apply(vec![Effect::Push(Box::new(form))]));
                }
            }
        }
        out
    }
}
