//! The vocabulary of the program: every key the keymap names becomes one of these, and
//! everything that comes back from a worker thread does too.
use crate::domain::person::Person;
use crate::domain::report::Report;
use crate::domain::visit::Visit;
use crate::i18n::Msg;
use crate::store::petitions::RepeatHit;
use crate::tui::data::{
    CaseData, DashboardData, LedgerResult, PetitionSaved, ProfileData, SearchResult,
};
use crate::tui::export_jobs::Exported;
use crate::tui::form::DraftLoaded;
use crate::tui::screens::ScreenId;
use crate::tui::screens::checklist::data::ChecklistLoaded;
use crate::tui::screens::walkins::jobs::WalkinLoaded;
use crate::tui::session::AuthDone;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use strum::{EnumDiscriminants, EnumIter, IntoEnumIterator};

mod binding;
pub use binding::Binding;

/// One thing that happens. The actions a key may stand for are named in `keymap.toml` (in
/// snake_case) and listed first, in the help overlay's order; the `serde(skip)` ones carry
/// data and are made by the loop or by workers only. [`ActionKind::binding`] decides which
/// is which.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, EnumDiscriminants)]
#[strum_discriminants(name(ActionKind), derive(EnumIter))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Help,
    GotoDashboard,
    GotoLookup,
    GotoWalkins,
    GotoPetitions,
    GotoChecklist,
    GotoReports,
    FocusSearch,
    Open,
    Back,
    MoveUp,
    MoveDown,
    PageUp,
    PageDown,
    First,
    Last,
    NewItem,
    NextField,
    PrevField,
    Save,
    Toggle,
    CursorLeft,
    CursorRight,
    CursorStart,
    CursorEnd,
    DeleteBack,
    DeleteForward,
    DeleteWordBack,
    ClearField,
    Lock,
    Quit,
    CycleStatus,
    CycleRisk,
    /// The petition ledger's type filter (类别).
    CycleKind,
    ToggleOverdue,
    AddStep,
    /// Void the chosen step of a case (administrators; with a reason, confirmed first).
    VoidStep,
    /// Record that a high-risk case was reported upward (上报).
    ReportRisk,
    AddPetitioner,
    /// A petition for the person on the profile (信访登记).
    NewPetition,
    /// Delete the record shown (administrators; asks once more first).
    DeleteRecord,
    SignDay,
    MarkNa,
    MarkException,
    ReopenItem,
    ReopenDay,
    MarkHoliday,
    ChecklistHistory,
    ChecklistRules,
    /// The working calendar screen, from the checklist.
    CalendarYears,
    /// Import a calendar file, on the calendar screen.
    ImportCalendar,
    PrevMonth,
    NextMonth,
    PrevDay,
    NextDay,
    MoveRuleUp,
    MoveRuleDown,
    RetireRule,
    Submit,
    Officers,
    ChangePassword,
    ToggleActive,
    ResetPassword,
    ChangeRole,
    /// Switch the report between daily and monthly.
    SwitchPeriod,
    /// The previous day or month.
    PrevPeriod,
    /// The next day or month.
    NextPeriod,
    /// Write what is shown to a file.
    Export,
    /// Edit the record shown (a profile's person).
    Edit,
    /// Jump to a date typed (the walk-ins board).
    GotoDate,
    /// Issue one of the petitioner's notices for the case shown (出具文书).
    IssueNotice,
    /// The family links of the person on the profile, to add, change or remove.
    FamilyLinks,
    /// A character typed into the focused text field.
    #[serde(skip)]
    Type(char),
    /// Bracketed paste into the focused text field.
    #[serde(skip)]
    Paste(String),
    /// The terminal's new size in columns and rows.
    #[serde(skip)]
    Resize(u16, u16),
    /// The clock moved on (the title bar shows the time).
    #[serde(skip)]
    Tick(NaiveDateTime),
    /// SIGTERM or SIGHUP: leave as if Quit, without asking.
    #[serde(skip)]
    Terminate,
    /// A save of this desk has been waiting this many seconds for another desk's write to
    /// finish (`None`: no longer waiting).
    #[serde(skip)]
    WriteWaiting(Option<u64>),
    /// Give up the save that is waiting (Esc while the status line says it waits).
    #[serde(skip)]
    GiveUpWait,
    /// Stop the export or backup the status line shows under way (Esc).
    #[serde(skip)]
    StopWork,
    /// A worker finished something.
    #[serde(skip)]
    Loaded(Loaded),
}

/// What the UI thread's one queue carries: terminal events from the input thread, and
/// actions from the workers.
#[derive(Debug)]
pub enum Incoming {
    Terminal(crossterm::event::Event),
    Action(Action),
}

/// Results of slow work done off the UI thread. Every database job answers with one of
/// these (see [`crate::tui::jobs::run`]), and [`Loaded::owner`] says who takes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// For the shell itself: the index, and what the status line says.
    Shell(ShellLoaded),
    Search(SearchResult),
    Dashboard(Box<DashboardData>),
    Profile(Box<ProfileData>),
    /// A person asked for is not (or no longer) on file.
    ProfileMissing(i64),
    /// A person was deleted.
    PersonDeleted(i64),
    /// A form draft was found, kept, found missing or forgotten.
    Draft(DraftLoaded),
    Ledger(LedgerResult),
    PetitionCase(Box<CaseData>),
    /// A step was recorded (`Ok`) or refused (the reason, in the user's language).
    StepSaved {
        id: i64,
        result: Result<(), String>,
    },
    PetitionSaved(PetitionSaved),
    /// The petition was not saved; the reason in the user's language.
    PetitionNotSaved(String),
    RepeatHits(Vec<RepeatHit>),
    /// The walk-in a petition is turned from (转信访), for prefilling the intake form.
    /// With the visitor's record when on file, for the phone and address the walk-in lacks.
    VisitForPetition(Box<Visit>, Option<Box<Person>>),
    /// A person picked among the intake form's suggestions, for filling petitioner row
    /// `usize` and linking it to the record.
    PetitionerOnFile(usize, Box<Person>),
    Checklist(ChecklistLoaded),
    /// Account work (sign-in, lock, officers) finished or reports progress.
    Auth(AuthDone),
    Report(Box<Report>),
    /// A report was written to this file.
    ReportExported(String),
    Walkin(WalkinLoaded),
    /// Family links read or written.
    Family(crate::tui::screens::people::family_jobs::FamilyLoaded),
    /// A notice was issued for case `id` (the path as shown) or not (why, in the user's
    /// language).
    NoticeIssued {
        id: i64,
        result: Result<String, String>,
    },
}

/// The answers the shell takes itself.
#[derive(Debug, Clone, PartialEq)]
pub enum ShellLoaded {
    IndexReady {
        people: usize,
    },
    IndexFailed(String),
    /// Something could not be read, written or done; the message says which (a failed
    /// read is "could not read", a refused delete is the rule that refused it).
    Failed(Msg),
    /// A ledger screen's export: the file written, or why not in the user's language.
    Exported(Result<Exported, String>),
    /// Written, with nothing to show (the audit record of a profile being looked at).
    Done,
    /// What was written since the last look at the change log, by any desk.
    DataChanged(Vec<crate::store::Change>),
    /// How far an export or the daily backup has got, or that it ended.
    Work(crate::tui::long_work::WorkNote),
}

/// Who takes an answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Owner<'a> {
    /// The shell: the index status and the status line.
    Shell(&'a ShellLoaded),
    /// The screen with this id: the newest one open, else the tab.
    Screen(ScreenId),
    /// Every checklist screen open (the day, its history, the rules, a past day); each
    /// keeps what is its own.
    Checklist(&'a ChecklistLoaded),
    /// The sign-in, first-run or lock screen while it shows, else the screen on top.
    Gate,
}

impl Loaded {
    /// Where the answer goes. One arm for every answer: a new one does not compile until it
    /// has an owner.
    pub fn owner(&self) -> Owner<'_> {
        match self {
            Loaded::Shell(s) => Owner::Shell(s),
            Loaded::Search(r) => Owner::Screen(r.owner.unwrap_or(ScreenId::Lookup)),
            Loaded::Dashboard(_) => Owner::Screen(ScreenId::Dashboard),
            Loaded::Profile(_) | Loaded::ProfileMissing(_) | Loaded::PersonDeleted(_) => {
                Owner::Screen(ScreenId::Profile)
            }
            Loaded::Draft(d) => Owner::Screen(d.slot().screen),
            Loaded::Ledger(_) => Owner::Screen(ScreenId::Petitions),
            Loaded::PetitionCase(_) | Loaded::StepSaved { .. } | Loaded::NoticeIssued { .. } => {
                Owner::Screen(ScreenId::PetitionCase)
            }
            Loaded::PetitionSaved(_)
            | Loaded::PetitionNotSaved(_)
            | Loaded::RepeatHits(_)
            | Loaded::VisitForPetition(..)
            | Loaded::PetitionerOnFile(..) => Owner::Screen(ScreenId::PetitionForm),
            Loaded::Checklist(c) => Owner::Checklist(c),
            Loaded::Auth(_) => Owner::Gate,
            Loaded::Report(_) | Loaded::ReportExported(_) => Owner::Screen(ScreenId::Reports),
            Loaded::Walkin(w) => Owner::Screen(w.owner()),
            Loaded::Family(f) => Owner::Screen(f.owner()),
        }
    }

    /// A failure shown in the status line as this message.
    pub fn failed(msg: Msg) -> Loaded {
        Loaded::Shell(ShellLoaded::Failed(msg))
    }

    /// A read that failed: "could not read: DETAIL".
    pub fn read_failed(detail: impl std::fmt::Display) -> Loaded {
        Loaded::failed(Msg::new("tui.app.load_failed").arg("detail", detail))
    }

    /// A write that failed: "not saved: DETAIL".
    pub fn not_saved(detail: impl std::fmt::Display) -> Loaded {
        Loaded::failed(Msg::new("tui.router.not_saved").arg("detail", detail))
    }
}

impl Action {
    /// Every action the keymap may name, in the order the help overlay lists them (their
    /// order in [`Action`]).
    pub fn bindable() -> Vec<Action> {
        ActionKind::iter()
            .filter_map(|k| k.binding().action())
            .collect()
    }

    /// Whether a key may stand for this action (see [`ActionKind::binding`]).
    pub fn is_bindable(&self) -> bool {
        ActionKind::from(self).binding() != Binding::NotBindable
    }

    /// The snake_case name of a bindable action (`focus_search`); `None` for the others.
    pub fn name(&self) -> Option<String> {
        if !self.is_bindable() {
            return None;
        }
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => Some(s),
            _ => None,
        }
    }

    /// The bindable action a keymap name stands for.
    pub fn from_name(name: &str) -> Option<Action> {
        serde_json::from_value::<Action>(serde_json::Value::String(name.to_string()))
            .ok()
            .filter(Action::is_bindable)
    }

    /// The catalog key of the action's description (`tui.action.focus_search`).
    pub fn label_key(&self) -> Option<String> {
        self.name().map(|n| format!("tui.action.{n}"))
    }

    /// The position in [`Action`], for ordering the help overlay.
    pub fn order(&self) -> usize {
        ActionKind::from(self) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Action::bindable() {
            let name = a.name().unwrap();
            assert_eq!(Action::from_name(&name), Some(a.clone()), "{name}");
        }
        assert_eq!(Action::from_name("focus_search"), Some(Action::FocusSearch));
        assert_eq!(Action::from_name("type"), None);
        assert_eq!(Action::from_name("give_up_wait"), None);
        assert_eq!(Action::Type('a').name(), None);
        assert_eq!(Action::GiveUpWait.name(), None);
    }

    /// The help overlay lists the bindable actions in the order they are declared; a data
    /// action sorts after all of them.
    #[test]
    fn the_help_order_is_the_declaration_order() {
        let order: Vec<usize> = Action::bindable().iter().map(Action::order).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        assert_eq!(Action::Help.order(), 0);
        assert!(Action::Type('a').order() > Action::Edit.order());
    }
}
