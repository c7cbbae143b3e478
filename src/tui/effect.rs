//! What `update` asks for besides changing state: slow work for the workers, and
//! navigation and messages the app applies itself. Effects are returned, never queued on
//! the side, so a test can see exactly what a key leads to.
use crate::i18n::Msg;
use crate::tui::export_jobs::LedgerExport;
use crate::tui::form::DraftJob;
use crate::tui::screens::checklist::data::ChecklistJob;
use crate::tui::screens::people::jobs::PeopleJob;
use crate::tui::screens::petitions::jobs::PetitionJob;
use crate::tui::screens::reports::jobs::ReportJob;
use crate::tui::screens::walkins::jobs::WalkinJob;
use crate::tui::screens::{Screen, ScreenId};
use crate::tui::session::AuthJob;
use chrono::NaiveDate;

#[derive(Debug)]
pub enum Effect {
    /// A database job for the database worker; its answer comes back as an Action.
    Db(DbJob),
    /// A query for the search worker, tagged so that stale answers can be dropped.
    Search {
        generation: u64,
        query: String,
        /// The screen that asked, when not the lookup; its answer goes there.
        owner: Option<ScreenId>,
    },
    /// Show a screen on top of the current one (a profile over the lookup list).
    Push(Box<dyn Screen>),
    /// Close the screen on top.
    Pop,
    /// Go to a top-level screen (F2–F6, home).
    Switch(ScreenId),
    /// A message for the status bar.
    Status(Msg),
    /// A message for the status bar, shown as an error.
    Error(Msg),
    Quit,
    /// Give up the writes waiting for another desk: they fail, and forms stay as they are.
    GiveUpWait,
    /// An officer signed in (login, first run) or unlocked the screen: the app takes the
    /// session, drops the login or lock screen, and with `home` goes to the dashboard.
    SignedIn {
        session: crate::tui::session::Session,
        home: bool,
        /// The station's name, when the first run just set it.
        station: Option<String>,
    },
    /// The people changed wholesale (demo data): load the search index again.
    ReloadIndex,
    /// A person was registered, changed or deleted on this desk: the change log is read at
    /// once, and what it says reaches the index and the screens like any desk's change.
    RefreshIndex,
    /// The change log named people: the index re-keys them (or, for a great many, is
    /// built afresh in the background and swapped in, the old one answering meanwhile).
    IndexChanges(crate::tui::engine::PeopleChanged),
    /// A saved walk-in turned into a petition: the petition screens open their intake
    /// form prefilled from it.
    OpenPetitionFromVisit {
        visit_id: i64,
        person_id: Option<i64>,
    },
}

/// Work for the database worker, grouped by the feature it serves. Every job has an answer
/// ([`crate::tui::jobs::run`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbJob {
    /// What the home screen shows.
    Dashboard,
    People(PeopleJob),
    Walkins(WalkinJob),
    Petitions(PetitionJob),
    Checklist(ChecklistJob),
    Reports(ReportJob),
    /// Account work (sign-in, lock, officers); it changes the store's actor.
    Auth(AuthJob),
    /// Keep, look for or forget a form draft.
    Draft(DraftJob),
    /// What a ledger screen shows, written to an .xlsx file beside the database.
    ExportLedger {
        what: LedgerExport,
        today: NaiveDate,
    },
}

impl DbJob {
    /// The audit record of a profile being looked at (查阅留痕).
    pub fn viewed_person(id: i64) -> DbJob {
        DbJob::People(PeopleJob::Viewed(id))
    }
}
