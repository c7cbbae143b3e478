//! The vocabulary of the program: every key the keymap names becomes one of these, and
//! everything that comes back from a worker thread does too.
use crate::domain::visit::Visit;
use crate::store::petitions::RepeatHit;
use crate::tui::data::{
    CaseData, DashboardData, LedgerResult, PetitionSaved, ProfileData, SearchResult,
};
use crate::tui::screens::checklist::data::ChecklistLoaded;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// One thing that happens. The unit variants are what `keymap.toml` names (in snake_case);
/// the `serde(skip)` variants carry data and are produced by the loop or by workers only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    MoveUp,
    MoveDown,
    PageUp,
    PageDown,
    First,
    Last,
    Open,
    NewItem,
    NextField,
    PrevField,
    Save,
    Back,
    Toggle,
    Lock,
    Quit,
    CursorLeft,
    CursorRight,
    CursorStart,
    CursorEnd,
    DeleteBack,
    DeleteForward,
    DeleteWordBack,
    ClearField,
    // auth
    Submit,
    Officers,
    ChangePassword,
    ToggleActive,
    ResetPassword,
    ChangeRole,
    // reports
    /// Switch the report between daily and monthly.
    SwitchPeriod,
    /// The previous day or month.
    PrevPeriod,
    /// The next day or month.
    NextPeriod,
    /// Write what is shown to a file.
    Export,
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
    /// finish (`None`: no longer waiting). // storeopen
    #[serde(skip)]
    WriteWaiting(Option<u64>),
    /// Give up the save that is waiting (Esc while the status line says it waits).
    #[serde(skip)]
    GiveUpWait,
    /// A worker finished something.
    #[serde(skip)]
    Loaded(Loaded),
    // petitions
    CycleStatus,
    CycleRisk,
    ToggleOverdue,
    AddStep,
    AddPetitioner,
    /// A petition for the person on the profile (信访登记).
    NewPetition,
    /// Delete the record shown (administrators; asks once more first).
    DeleteRecord,
    // checklist
    SignDay,
    MarkNa,
    MarkException,
    ReopenItem,
    ReopenDay,
    MarkHoliday,
    ChecklistHistory,
    ChecklistRules,
    PrevMonth,
    NextMonth,
    PrevDay,
    NextDay,
    MoveRuleUp,
    MoveRuleDown,
    RetireRule,
    // walk-ins
    /// Edit the record shown (a profile's person).
    Edit,
}

/// What the UI thread's one queue carries: terminal events from the input thread, and
/// actions from the workers.
#[derive(Debug)]
pub enum Incoming {
    Terminal(crossterm::event::Event),
    Action(Action),
}

/// Results of slow work done off the UI thread.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    IndexReady {
        people: usize,
    },
    IndexFailed(String),
    Search(SearchResult),
    Dashboard(Box<DashboardData>),
    Profile(Box<ProfileData>),
    /// A person asked for is not (or no longer) on file.
    ProfileMissing(i64),
    /// A person was deleted.
    PersonDeleted(i64),
    /// The database kept a rule and refused (the reason, in the user's language).
    Refused(String),
    /// A database read or write failed; the text is already in the user's language.
    Failed(String),
    // walk-ins
    /// A form draft was found or kept.
    Draft(crate::tui::form::DraftLoaded),
    // petitions
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
    VisitForPetition(Box<Visit>, Option<Box<crate::domain::person::Person>>),
    // checklist
    Checklist(ChecklistLoaded),
    /// Account work (sign-in, lock, officers) finished. // auth
    Auth(crate::tui::session::AuthDone),
    // reports
    Report(Box<crate::domain::report::Report>),
    /// A report was written to this file.
    ReportExported(String),
    Walkin(crate::tui::screens::walkins::jobs::WalkinLoaded),
    /// A ledger screen's export: the file written, or why not in the user's language.
    Exported(Result<crate::tui::export_jobs::Exported, String>),
}

impl Action {
    /// Every action the keymap may name, in the order the help overlay lists them.
    pub const BINDABLE: [Action; 64] = [
        Action::Help,
        Action::GotoDashboard,
        Action::GotoLookup,
        Action::GotoWalkins,
        Action::GotoPetitions,
        Action::GotoChecklist,
        Action::GotoReports,
        Action::FocusSearch,
        Action::Open,
        Action::Back,
        Action::MoveUp,
        Action::MoveDown,
        Action::PageUp,
        Action::PageDown,
        Action::First,
        Action::Last,
        Action::NewItem,
        Action::NextField,
        Action::PrevField,
        Action::Save,
        Action::Toggle,
        Action::CursorLeft,
        Action::CursorRight,
        Action::CursorStart,
        Action::CursorEnd,
        Action::DeleteBack,
        Action::DeleteForward,
        Action::DeleteWordBack,
        Action::ClearField,
        Action::Lock,
        Action::Quit,
        // petitions
        Action::CycleStatus,
        Action::CycleRisk,
        Action::ToggleOverdue,
        Action::AddStep,
        Action::AddPetitioner,
        Action::NewPetition,
        Action::DeleteRecord,
        // checklist
        Action::SignDay,
        Action::MarkNa,
        Action::MarkException,
        Action::ReopenItem,
        Action::ReopenDay,
        Action::MarkHoliday,
        Action::ChecklistHistory,
        Action::ChecklistRules,
        Action::PrevMonth,
        Action::NextMonth,
        Action::PrevDay,
        Action::NextDay,
        Action::MoveRuleUp,
        Action::MoveRuleDown,
        Action::RetireRule,
        // auth
        Action::Submit,
        Action::Officers,
        Action::ChangePassword,
        Action::ToggleActive,
        Action::ResetPassword,
        Action::ChangeRole,
        // reports
        Action::SwitchPeriod,
        Action::PrevPeriod,
        Action::NextPeriod,
        Action::Export,
        // walk-ins
        Action::Edit,
    ];

    /// The snake_case name of a bindable action (`focus_search`); `None` for data variants.
    pub fn name(&self) -> Option<String> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => Some(s),
            _ => None,
        }
    }

    /// The action a keymap name stands for.
    pub fn from_name(name: &str) -> Option<Action> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }

    /// The catalog key of the action's description (`tui.action.focus_search`).
    pub fn label_key(&self) -> Option<String> {
        self.name().map(|n| format!("tui.action.{n}"))
    }

    /// The position in [`Action::BINDABLE`], for ordering the help overlay.
    pub fn order(&self) -> usize {
        Action::BINDABLE
            .iter()
            .position(|a| a == self)
            .unwrap_or(usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Action::BINDABLE {
            let name = a.name().unwrap();
            assert_eq!(Action::from_name(&name), Some(a.clone()), "{name}");
        }
        assert_eq!(Action::from_name("focus_search"), Some(Action::FocusSearch));
        assert_eq!(Action::from_name("type"), None);
        assert_eq!(Action::Type('a').name(), None);
    }
}
