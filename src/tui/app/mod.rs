//! The shell: which screen is showing, the help overlay, the status line, and the one
//! place where actions are routed: keys to the screen on top, worker results to the screen
//! that asked for them.
use crate::domain::checklist::default_nudge_after;
use crate::i18n::{Lang, Msg};
use crate::tui::action::Action;
use crate::tui::data::ChecklistState;
use crate::tui::effect::Effect;
use crate::tui::keymap::Keymap;
use crate::tui::screens::{self, Cx, IndexStatus, Screen, ScreenId};
use crate::tui::session::{AuthInit, AuthSettings, Session, Start};
use crate::tui::theme::Theme;
use crate::tui::widgets::chrome;
use crate::tui::widgets::help::{self, Help};
use chrono::{NaiveDateTime, NaiveTime};

mod effects;
mod gate;
mod keys;
mod quit;
mod render;
mod route;
mod work;

/// Rows the title, tab, status and hint lines take.
const CHROME_ROWS: u16 = 4;

/// What the program starts with.
pub struct AppInit {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub station: String,
    pub officer: Option<String>,
    pub now: NaiveDateTime,
    /// Problems found while starting (a bad config, keymap or theme file, the store's
    /// notes), shown together in a notice that any key closes.
    pub notices: Vec<Msg>,
    /// First run, login, or straight in as someone.
    pub auth: AuthInit,
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

pub struct App {
    lang: Lang,
    theme: Theme,
    keymap: Keymap,
    station: String,
    officer: Option<String>,
    now: NaiveDateTime,
    size: (u16, u16),
    index: IndexStatus,
    status: Option<Status>,
    /// The start-up notice, until a key closes it.
    notices: Vec<Msg>,
    help: Option<Help>,
    tabs: Vec<Box<dyn Screen>>,
    current: usize,
    /// Screens opened over the current tab (a profile); the last one is showing.
    stack: Vec<Box<dyn Screen>>,
    quit: bool,
    /// Today's checklist as last loaded, for the end-of-day reminder.
    checklist_today: Option<ChecklistState>,
    nudge_after: NaiveTime,
    /// Quitting asked "still quit?" and waits for y or n.
    quit_asked: bool,
    /// The signed-in officer.
    session: Option<Session>,
    /// The first-run, login or lock screen: while it shows, it takes every key and nothing
    /// of the screens under it is drawn.
    gate: Option<Box<dyn Screen>>,
    auth: AuthSettings,
    /// When the last key was pressed, for the idle lock.
    last_activity: NaiveDateTime,
    /// How many seconds a save has been waiting for another desk's write, while it waits.
    write_wait: Option<u64>,
    /// Exports and the daily backup under way, as their last notes say.
    work: Vec<work::Running>,
}

impl App {
    /// The app on its home screen, and the effects that load what the home screen shows.
    pub fn new(init: AppInit) -> (App, Vec<Effect>) {
        let mut app = App {
            lang: init.lang,
            theme: init.theme,
            keymap: init.keymap,
            station: init.station,
            officer: init.officer,
            now: init.now,
            size: (chrome::MIN_WIDTH, chrome::MIN_HEIGHT),
            index: IndexStatus::Loading,
            status: None,
            notices: init.notices,
            help: None,
            tabs: screens::registry(),
            current: 0,
            stack: Vec::new(),
            quit: false,
            checklist_today: None,
            nudge_after: default_nudge_after(),
            quit_asked: false,
            session: init.auth.session,
            gate: None,
            auth: init.auth.settings,
            last_activity: init.now,
            write_wait: None,
            work: Vec::new(),
        };
        // Nothing is loaded for the dashboard before someone has signed in.
        let gate: Option<Box<dyn Screen>> = match init.auth.start {
            Start::FirstRun => Some(Box::new(
                screens::auth::first_run::FirstRun::new(app.auth).with_station(init.auth.station),
            )),
            Start::Login => Some(Box::new(screens::auth::login::Login::new())),
            Start::Open => None,
        };
        if gate.is_some() {
            app.gate = gate;
            return (app, Vec::new());
        }
        let cx = app.cx();
        let first = app
            .tabs
            .iter_mut()
            .next()
            .map(|s| s.on_enter(&cx))
            .unwrap_or_default();
        let effects = app.apply(first);
        (app, effects)
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The screen showing: the login or lock screen when there is one.
    pub fn screen_id(&self) -> ScreenId {
        match &self.gate {
            Some(g) => g.id(),
            None => self.top().id(),
        }
    }

    /// The screen under the login or lock screen.
    pub fn underlying_screen_id(&self) -> ScreenId {
        self.top().id()
    }

    /// The signed-in officer.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// Whether the start-up notice is showing.
    pub fn notice_open(&self) -> bool {
        !self.notices.is_empty()
    }

    pub fn help_open(&self) -> bool {
        self.help.is_some()
    }

    pub fn index_status(&self) -> &IndexStatus {
        &self.index
    }

    fn top(&self) -> &dyn Screen {
        match self.stack.last() {
            Some(s) => s.as_ref(),
            None => self.tabs[self.current].as_ref(),
        }
    }

    fn top_mut(&mut self) -> &mut Box<dyn Screen> {
        match self.stack.last_mut() {
            Some(s) => s,
            None => &mut self.tabs[self.current],
        }
    }

    fn cx(&self) -> Cx {
        Cx {
            lang: self.lang,
            today: self.now.date(),
            page_rows: usize::from(self.size.1.saturating_sub(CHROME_ROWS + 6)).max(1),
            index: self.index.clone(),
            now: self.now,
            officer: match &self.session {
                Some(s) => s.username.clone(),
                None => self.officer.clone().unwrap_or_else(os_user),
            },
            role: self.session.as_ref().map(|s| s.role),
        }
    }

    /// Applies an action; returns the effects for the workers (database, search).
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let effects = self.dispatch(action);
        self.apply(effects)
    }

    fn dispatch(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Tick(now) => {
                self.now = now;
                // The idle lock.
                if self.gate.is_none()
                    && crate::domain::officer::idle_locked(
                        self.last_activity,
                        now,
                        self.auth.idle_minutes,
                    )
                {
                    self.lock();
                }
                // Open forms keep their drafts on the clock.
                let cx = self.cx();
                let tick = Action::Tick(now);
                return self
                    .stack
                    .iter_mut()
                    .flat_map(|s| s.update(&tick, &cx))
                    .collect();
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                return Vec::new();
            }
            Action::Terminate => return self.quitting(),
            Action::WriteWaiting(secs) => {
                self.write_wait = secs;
                return Vec::new();
            }
            Action::GiveUpWait => {
                self.write_wait = None;
                return vec![Effect::GiveUpWait];
            }
            Action::StopWork => {
                self.stop_work();
                return Vec::new();
            }
            // A form with unsaved changes asks first.
            Action::Quit if self.help.is_none() && self.top_mut().hold_quit() => {
                return Vec::new();
            }
            // After the nudge time an unsigned day asks first.
            Action::Quit if !self.quit_asked && self.nudge_now() => {
                self.quit_asked = true;
                return vec![Effect::Error(Msg::new("tui.checklist.nudge"))];
            }
            Action::Quit => return self.quitting(),
            _ if self.quit_asked && !matches!(action, Action::Loaded(_)) => {
                self.quit_asked = false;
                self.status = None;
                return Vec::new();
            }
            Action::Loaded(loaded) => return self.route_loaded(loaded),
            _ => {}
        }
        // A key press: the message it answers has been read.
        self.status = None;
        self.last_activity = self.now;
        if !self.notices.is_empty() {
            self.notices.clear();
            return Vec::new();
        }
        if self.gate.is_some() {
            let cx = Cx {
                role: None,
                ..self.cx()
            };
            if let Some(gate) = &mut self.gate {
                return gate.update(&action, &cx);
            }
        }
        let help_rows = help::entries(
            &self.view(),
            &self.help_sections(),
            self.top().text_focused(),
        )
        .len();
        if let Some(help) = &mut self.help {
            let count = help_rows;
            match action {
                Action::MoveUp => help.scroll_by(-1, count),
                Action::MoveDown => help.scroll_by(1, count),
                Action::PageUp => help.scroll_by(-10, count),
                Action::PageDown => help.scroll_by(10, count),
                Action::Help => self.help = None,
                other => {
                    if ScreenId::for_action(&other).is_some() {
                        self.help = None;
                        return self.dispatch(other);
                    }
                }
            }
            return Vec::new();
        }
        if let Some(id) = ScreenId::for_action(&action) {
            return vec![Effect::Switch(id)];
        }
        match action {
            Action::Help => {
                self.help = Some(Help::default());
                Vec::new()
            }
            Action::Lock => {
                if self.lock() {
                    Vec::new()
                } else {
                    vec![Effect::Status(Msg::new("tui_auth.lock.no_account"))]
                }
            }
            Action::Officers => {
                let cx = self.cx();
                match crate::tui::session::require(
                    &cx,
                    crate::domain::officer::Permission::ManageOfficers,
                ) {
                    Ok(()) => vec![Effect::Push(Box::new(
                        screens::auth::officers::Officers::new(self.auth),
                    ))],
                    Err(why) => vec![Effect::Error(why)],
                }
            }
            Action::ChangePassword => match &self.session {
                Some(s) if s.authenticated => vec![Effect::Push(Box::new(
                    screens::auth::password::Password::new(&s.username, self.auth),
                ))],
                _ => vec![Effect::Error(Msg::new("tui_auth.lock.no_account"))],
            },
            other => {
                let cx = self.cx();
                self.top_mut().update(&other, &cx)
            }
        }
    }
}

/// The operating-system user: the handler of records until an officer has logged in.
fn os_user() -> String {
    crate::store::audit::os_user().to_string()
}
