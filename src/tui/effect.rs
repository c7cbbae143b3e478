//! What `update` asks for besides changing state: slow work for the workers, and
//! navigation and messages the app applies itself. Effects are returned, never queued on
//! the side, so a test can see exactly what a key leads to.
use crate::domain::petition::{Petition, Step};
use crate::domain::report::Period;
use crate::i18n::Msg;
use crate::store::petitions::LedgerFilter;
use crate::tui::screens::checklist::data::ChecklistJob;
use crate::tui::screens::{Screen, ScreenId};
use chrono::NaiveDate;

#[derive(Debug)]
pub enum Effect {
    /// A database job for the database worker; its answer comes back as an Action.
    Db(DbJob),
    /// A query for the search worker, tagged so that stale answers can be dropped.
    Search {
        generation: u64,
        query: String,
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
    // auth
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
    /// A person was registered, changed or deleted: the index is rebuilt in the background
    /// and swapped in, the old one answering lookups until then.
    RefreshIndex,
    // walk-ins
    /// A saved walk-in turned into a petition: the petition screens open their intake
    /// form prefilled from it.
    OpenPetitionFromVisit {
        visit_id: i64,
        person_id: Option<i64>,
    },
}

/// Work for the database worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbJob {
    Dashboard,
    Profile(i64),
    /// Deletes a person without history (the profile checked the officer's role).
    DeletePerson(i64),
    /// An audit record, e.g. `("view", "person", id)` when a profile is opened.
    Audit {
        action: String,
        entity: String,
        entity_id: String,
        summary: String,
    },
    // walk-ins
    /// Keep, look for or forget a form draft.
    Draft(crate::tui::form::DraftJob),
    // petitions
    /// The petition ledger for a filter, tagged like a search.
    Ledger {
        generation: u64,
        filter: LedgerFilter,
    },
    /// One case with its steps.
    PetitionCase(i64),
    AddStep {
        id: i64,
        step: Step,
    },
    /// The day the petitioner received a mailed reply, known later; answered by `StepSaved`.
    RecordDelivery {
        id: i64,
        on: chrono::NaiveDate,
    },
    /// Registers a petition, links the walk-in it came from and removes the form's draft
    /// (one transaction), then writes the receipt.
    SavePetition {
        petition: Box<Petition>,
        draft: Option<crate::tui::form::DraftSlot>,
    },
    /// Earlier cases that would make a new petition a repeat (重复访).
    RepeatCheck {
        person_id: Option<i64>,
        name: String,
        subject: String,
    },
    VisitForPetition(i64),
    // checklist
    Checklist(ChecklistJob),
    /// Account work; needs the store mutably (see [`crate::tui::session::auth_job`]). // auth
    Auth(crate::tui::session::AuthJob),
    // reports
    /// The report of a period, figures counted as of `today`.
    Report {
        period: Period,
        today: NaiveDate,
    },
    /// The same report written to an .xlsx file beside the database.
    ExportReport {
        period: Period,
        today: NaiveDate,
    },
    Walkin(crate::tui::screens::walkins::jobs::WalkinJob),
    /// What a ledger screen shows, written to an .xlsx file beside the database.
    ExportLedger {
        what: crate::tui::export_jobs::LedgerExport,
        today: NaiveDate,
    },
}

impl DbJob {
    /// The audit record of a profile being looked at (查阅留痕).
    pub fn viewed_person(id: i64) -> DbJob {
        DbJob::Audit {
            action: "view".into(),
            entity: "person".into(),
            entity_id: id.to_string(),
            summary: String::new(),
        }
    }
}
