//! The screens, one folder per feature with its screens and their database work. Each
//! screen is one file holding its state, its `update` and its `render`.
//!
//! To add a screen, touch each of these (the compiler points at most of them):
//! - the feature's folder: `screens/FEATURE/NAME.rs` implementing [`Screen`], `pub mod NAME`
//!   in the folder's `mod.rs`, and its database work in the folder's `jobs.rs`;
//! - [`ScreenId`]: a variant, its arm in [`ScreenId::title_key`] (the key in both
//!   catalogs) and in [`ScreenId::tab`] (the tab it shows under);
//! - a top-level screen: one line in [`registry`], and for a tab an entry in [`TABS`] with
//!   its `goto_…` action (declared in `action.rs`, decided in `ActionKind::binding`, mapped in
//!   [`ScreenId::for_action`], keyed in `keymap-default.toml`'s `[global]`). A screen opened
//!   from another (a profile) is not registered: the opener returns
//!   `Effect::Push(Box::new(…))`;
//! - its keys: a `[SECTION]` in `tui/keymap-default.toml`, the name in `keymap::SECTIONS`,
//!   and [`Screen::sections`] returning it;
//! - its answers: each `Loaded` it takes has this screen as owner in `Loaded::owner`
//!   (`tui/action.rs`), and each job it asks for a variant of its feature's job enum,
//!   answered by that feature's `run` (`tui::jobs::run` routes the feature);
//! - Esc: the screen answers `Action::Back` itself, with `Effect::Pop` when it was pushed
//!   or `Effect::Switch(ScreenId::Dashboard)` for a tab; the app keeps no table of parents.
pub mod auth;
pub mod checklist;
pub mod home;
pub mod people;
pub mod petitions;
pub mod reports;
pub mod walkins;

use crate::i18n::Lang;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Which screen; also the order of the tabs in the title bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScreenId {
    Dashboard,
    Lookup,
    Profile,
    Walkins,
    Petitions,
    Checklist,
    Reports,
    PersonForm,
    VisitForm,
    /// A saved walk-in with its history.
    VisitView,
    /// The offer to link a visitor's walk-ins to a record.
    LinkOffer,
    /// A person's walk-ins, from their profile.
    PersonWalkins,
    /// A person's family links, from their profile.
    Family,
    /// Adding or changing one family link.
    FamilyLink,
    PetitionCase,
    PetitionForm,
    ChecklistHistory,
    ChecklistRules,
    /// The working calendar, an administrator's, from the checklist.
    CalendarYears,
    FirstRun,
    Login,
    Lock,
    Officers,
    Password,
}

impl ScreenId {
    /// The catalog key of the screen's title.
    pub fn title_key(self) -> &'static str {
        match self {
            ScreenId::Dashboard => "tui.screen.dashboard",
            ScreenId::Lookup => "tui.screen.lookup",
            ScreenId::Profile => "tui.screen.profile",
            ScreenId::Walkins => "tui.screen.walkins",
            ScreenId::Petitions => "tui.screen.petitions",
            ScreenId::Checklist => "tui.screen.checklist",
            ScreenId::Reports => "tui.screen.reports",
            ScreenId::PersonForm => "tui.screen.person_form",
            ScreenId::VisitForm => "tui.screen.visit_form",
            ScreenId::VisitView => "record_walkins.view_title",
            ScreenId::LinkOffer => "record_walkins.link_screen",
            ScreenId::PersonWalkins => "record_walkins.of_person_screen",
            ScreenId::Family => "family.screen.list",
            ScreenId::FamilyLink => "family.screen.link",
            ScreenId::PetitionCase => "tui.petition.case.title",
            ScreenId::PetitionForm => "tui.petition.form.title",
            ScreenId::ChecklistHistory => "tui.checklist.history_title",
            ScreenId::ChecklistRules => "tui.checklist.rules_title",
            ScreenId::CalendarYears => "record_petfollow.calendar.screen",
            ScreenId::FirstRun => "tui_auth.screen.first_run",
            ScreenId::Login => "tui_auth.screen.login",
            ScreenId::Lock => "tui_auth.screen.lock",
            ScreenId::Officers => "tui_auth.screen.officers",
            ScreenId::Password => "tui_auth.screen.password",
        }
    }

    /// The tab the title bar marks while this screen shows: its own for a top-level
    /// screen, the one it is opened from for the others. The sign-in screens and the
    /// account forms belong to no tab, and the home screen has none.
    pub fn tab(self) -> ScreenId {
        match self {
            ScreenId::Profile
            | ScreenId::PersonForm
            | ScreenId::LinkOffer
            | ScreenId::PersonWalkins
            | ScreenId::Family
            | ScreenId::FamilyLink => ScreenId::Lookup,
            ScreenId::VisitForm | ScreenId::VisitView => ScreenId::Walkins,
            ScreenId::PetitionCase | ScreenId::PetitionForm => ScreenId::Petitions,
            ScreenId::ChecklistHistory | ScreenId::ChecklistRules | ScreenId::CalendarYears => {
                ScreenId::Checklist
            }
            ScreenId::Dashboard
            | ScreenId::Lookup
            | ScreenId::Walkins
            | ScreenId::Petitions
            | ScreenId::Checklist
            | ScreenId::Reports
            | ScreenId::FirstRun
            | ScreenId::Login
            | ScreenId::Lock
            | ScreenId::Officers
            | ScreenId::Password => self,
        }
    }

    /// The top-level screen an action goes to.
    pub fn for_action(action: &Action) -> Option<ScreenId> {
        Some(match action {
            Action::GotoDashboard => ScreenId::Dashboard,
            Action::GotoLookup | Action::FocusSearch => ScreenId::Lookup,
            Action::GotoWalkins => ScreenId::Walkins,
            Action::GotoPetitions => ScreenId::Petitions,
            Action::GotoChecklist => ScreenId::Checklist,
            Action::GotoReports => ScreenId::Reports,
            _ => return None,
        })
    }
}

/// The tabs of the title bar: screen and the action whose key reaches it.
pub const TABS: [(ScreenId, Action); 5] = [
    (ScreenId::Lookup, Action::GotoLookup),
    (ScreenId::Walkins, Action::GotoWalkins),
    (ScreenId::Petitions, Action::GotoPetitions),
    (ScreenId::Checklist, Action::GotoChecklist),
    (ScreenId::Reports, Action::GotoReports),
];

/// The top-level screens, created once and kept (a lookup keeps its query when you come
/// back to it).
pub fn registry() -> Vec<Box<dyn Screen>> {
    vec![
        Box::new(home::Dashboard::default()),
        Box::new(people::lookup::Lookup::default()),
        Box::new(walkins::board::Walkins::default()),
        Box::new(petitions::ledger::Ledger::default()),
        Box::new(checklist::today::Checklist::default()),
        Box::new(reports::Reports::default()),
    ]
}

/// Whether the search index can answer yet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum IndexStatus {
    #[default]
    Loading,
    Ready {
        people: usize,
    },
    Failed(String),
}

/// What `update` may read besides the screen's own state.
#[derive(Debug, Clone)]
pub struct Cx {
    pub lang: Lang,
    pub today: NaiveDate,
    /// Rows a page-up/page-down moves.
    pub page_rows: usize,
    pub index: IndexStatus,
    /// The clock's time when the action arrived.
    pub now: chrono::NaiveDateTime,
    /// The username records are attributed to (the handler of a walk-in, a step's officer).
    pub officer: String,
    /// The signed-in officer's role (`None`: nobody signed in); check it with
    /// [`crate::tui::session::require`].
    pub role: Option<crate::domain::officer::Role>,
}

/// What `render` may read besides the screen's own state.
pub struct View<'a> {
    pub lang: Lang,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    pub today: NaiveDate,
    pub index: &'a IndexStatus,
}

impl View<'_> {
    pub fn t(&self, key: &str) -> String {
        crate::i18n::t(self.lang, key)
    }
}

/// One screen: its state, how actions change it, and how it looks.
pub trait Screen: std::fmt::Debug + Send {
    fn id(&self) -> ScreenId;

    /// Keymap sections to look keys up in, most specific first; `global` comes last.
    fn sections(&self) -> &'static [&'static str];

    /// A text field has the focus: typed characters go to it, not to the keymap.
    fn text_focused(&self) -> bool {
        false
    }

    /// The actions the key-hint line offers.
    fn hints(&self) -> &'static [Action] {
        &[Action::Help, Action::Back, Action::Quit]
    }

    /// Called when the screen is shown (switched to or pushed): load what it shows.
    fn on_enter(&mut self, _cx: &Cx) -> Vec<Effect> {
        Vec::new()
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect>;

    fn render(&self, frame: &mut Frame, area: Rect, view: &View);

    /// Ctrl+Q: `true` when the screen asks first (a form with unsaved changes); it answers
    /// with `Effect::Quit` when the user agrees.
    fn hold_quit(&mut self) -> bool {
        false
    }

    /// The program is stopping (quit or SIGTERM): keep what must survive (form drafts).
    fn on_quit(&mut self) -> Vec<Effect> {
        Vec::new()
    }

    /// A new lookup index was swapped in (a person saved or changed): a screen showing
    /// lookup results asks again, so that its answer is not the old index's.
    fn index_changed(&mut self) -> Vec<Effect> {
        Vec::new()
    }

    /// Records were written (by this desk or another): a screen showing any of them loads
    /// what it shows again, keeping its place.
    fn data_changed(&mut self, _changes: &[crate::store::Change], _cx: &Cx) -> Vec<Effect> {
        Vec::new()
    }
}
