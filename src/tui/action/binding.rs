//! Which actions a keymap may name: one exhaustive decision over every action, so that a
//! new action does not compile until it is decided, and the help overlay and the keymap
//! read the same list.
use super::{Action, ActionKind};

/// Whether a keymap may name an action.
#[derive(Debug, Clone, PartialEq)]
pub enum Binding {
    /// The default keymap gives it a key, so the help overlay lists it.
    DefaultKey(Action),
    /// A user's keymap may give it a key; the defaults give it none.
    NoDefaultKey(Action),
    /// Made by the loop or a worker, never by a key.
    NotBindable,
}

impl Binding {
    /// The action a keymap may name, if any.
    pub fn action(self) -> Option<Action> {
        match self {
            Binding::DefaultKey(a) | Binding::NoDefaultKey(a) => Some(a),
            Binding::NotBindable => None,
        }
    }
}

impl ActionKind {
    /// The one decision of which actions a keymap may name. Every action has its arm: a new
    /// one does not compile until it is decided here.
    pub fn binding(self) -> Binding {
        use ActionKind as K;
        use Binding::{DefaultKey as Key, NotBindable};
        match self {
            K::Help => Key(Action::Help),
            // Esc from any tab goes home; a user may still give home a key of its own.
            K::GotoDashboard => Binding::NoDefaultKey(Action::GotoDashboard),
            K::GotoLookup => Key(Action::GotoLookup),
            K::GotoWalkins => Key(Action::GotoWalkins),
            K::GotoPetitions => Key(Action::GotoPetitions),
            K::GotoChecklist => Key(Action::GotoChecklist),
            K::GotoReports => Key(Action::GotoReports),
            K::FocusSearch => Key(Action::FocusSearch),
            K::Open => Key(Action::Open),
            K::Back => Key(Action::Back),
            K::MoveUp => Key(Action::MoveUp),
            K::MoveDown => Key(Action::MoveDown),
            K::PageUp => Key(Action::PageUp),
            K::PageDown => Key(Action::PageDown),
            K::First => Key(Action::First),
            K::Last => Key(Action::Last),
            K::NewItem => Key(Action::NewItem),
            K::NextField => Key(Action::NextField),
            K::PrevField => Key(Action::PrevField),
            K::Save => Key(Action::Save),
            K::Toggle => Key(Action::Toggle),
            K::CursorLeft => Key(Action::CursorLeft),
            K::CursorRight => Key(Action::CursorRight),
            K::CursorStart => Key(Action::CursorStart),
            K::CursorEnd => Key(Action::CursorEnd),
            K::DeleteBack => Key(Action::DeleteBack),
            K::DeleteForward => Key(Action::DeleteForward),
            K::DeleteWordBack => Key(Action::DeleteWordBack),
            K::ClearField => Key(Action::ClearField),
            K::Lock => Key(Action::Lock),
            K::Quit => Key(Action::Quit),
            K::CycleStatus => Key(Action::CycleStatus),
            K::CycleRisk => Key(Action::CycleRisk),
            K::CycleKind => Key(Action::CycleKind),
            K::ToggleOverdue => Key(Action::ToggleOverdue),
            K::AddStep => Key(Action::AddStep),
            K::VoidStep => Key(Action::VoidStep),
            K::ReportRisk => Key(Action::ReportRisk),
            K::AddPetitioner => Key(Action::AddPetitioner),
            K::NewPetition => Key(Action::NewPetition),
            K::DeleteRecord => Key(Action::DeleteRecord),
            K::SignDay => Key(Action::SignDay),
            K::MarkNa => Key(Action::MarkNa),
            K::MarkException => Key(Action::MarkException),
            K::ReopenItem => Key(Action::ReopenItem),
            K::ReopenDay => Key(Action::ReopenDay),
            K::MarkHoliday => Key(Action::MarkHoliday),
            K::ChecklistHistory => Key(Action::ChecklistHistory),
            K::ChecklistRules => Key(Action::ChecklistRules),
            K::CalendarYears => Key(Action::CalendarYears),
            K::ImportCalendar => Key(Action::ImportCalendar),
            K::PrevMonth => Key(Action::PrevMonth),
            K::NextMonth => Key(Action::NextMonth),
            K::PrevDay => Key(Action::PrevDay),
            K::NextDay => Key(Action::NextDay),
            K::MoveRuleUp => Key(Action::MoveRuleUp),
            K::MoveRuleDown => Key(Action::MoveRuleDown),
            K::RetireRule => Key(Action::RetireRule),
            K::Submit => Key(Action::Submit),
            K::Officers => Key(Action::Officers),
            K::ChangePassword => Key(Action::ChangePassword),
            K::ToggleActive => Key(Action::ToggleActive),
            K::ResetPassword => Key(Action::ResetPassword),
            K::ChangeRole => Key(Action::ChangeRole),
            K::SwitchPeriod => Key(Action::SwitchPeriod),
            K::PrevPeriod => Key(Action::PrevPeriod),
            K::NextPeriod => Key(Action::NextPeriod),
            K::Export => Key(Action::Export),
            K::Edit => Key(Action::Edit),
            K::GotoDate => Key(Action::GotoDate),
            K::IssueNotice => Key(Action::IssueNotice),
            K::FamilyLinks => Key(Action::FamilyLinks),
            K::Type
            | K::Paste
            | K::Resize
            | K::Tick
            | K::Terminate
            | K::WriteWaiting
            | K::GiveUpWait
            | K::StopWork
            | K::Loaded => NotBindable,
        }
    }
}
