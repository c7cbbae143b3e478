//! The first-run wizard, shown when the database has no accounts: the station's name and
//! level and the first administrator. Everything is checked here (pure rules) before the
//! database worker hashes the password and writes. It never offers demo data: this is the
//! station's real record, and practice belongs in its own file (`stationdesk demo --db
//! practice.db`), which the intro says.
use crate::domain::officer::{check_password, parse_display_name, parse_username};
use crate::i18n::Msg;
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::auth::form::{Field, Form, Kind, draw_panel};
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::session::{AuthDone, AuthJob, AuthSettings, FirstRunInput};
use ratatui::Frame;
use ratatui::layout::Rect;

const STATION: usize = 0;
const LEVEL: usize = 1;
const USER: usize = 2;
const DISPLAY: usize = 3;
const PASSWORD: usize = 4;
const AGAIN: usize = 5;

const LEVELS: &[&str] = &[
    "tui_auth.level.county",
    "tui_auth.level.town",
    "tui_auth.level.village",
];
const LEVEL_CODES: [&str; 3] = ["county", "town", "village"];

#[derive(Debug)]
pub struct FirstRun {
    form: Form,
    settings: AuthSettings,
    message: Option<(Msg, bool)>,
    busy: bool,
}

impl FirstRun {
    pub fn new(settings: AuthSettings) -> FirstRun {
        FirstRun {
            form: Form::new(vec![
                Field::new("tui_auth.field.station", Kind::Text),
                Field::new("tui_auth.field.level", Kind::Choice(LEVELS)),
                Field::new("tui_auth.field.admin_username", Kind::Text),
                Field::new("tui_auth.field.display_name", Kind::Text),
                Field::new("tui_auth.field.password", Kind::Secret),
                Field::new("tui_auth.field.password_again", Kind::Secret),
            ]),
            settings,
            message: None,
            busy: false,
        }
    }

    /// Starts the station field with the name already on file, if any.
    pub fn with_station(mut self, station: Option<String>) -> FirstRun {
        if let Some(name) = station {
            self.form.set_value(STATION, &name);
        }
        self
    }

    pub fn message(&self) -> Option<&Msg> {
        self.message.as_ref().map(|(m, _)| m)
    }

    /// The pure checks; on a problem, the field to go to and why.
    fn check(&self) -> Result<(), (usize, Msg)> {
        if crate::domain::text::clean_line(self.form.value(STATION)).is_empty() {
            return Err((STATION, Msg::new("cli.station_empty")));
        }
        let user = parse_username(self.form.value(USER)).map_err(|m| (USER, m))?;
        parse_display_name(self.form.value(DISPLAY), &user).map_err(|m| (DISPLAY, m))?;
        check_password(self.form.value(PASSWORD)).map_err(|m| (PASSWORD, m))?;
        if self.form.value(PASSWORD) != self.form.value(AGAIN) {
            return Err((AGAIN, Msg::new("tui_auth.password.mismatch")));
        }
        Ok(())
    }

    fn submit(&mut self, cx: &Cx) -> Vec<Effect> {
        if self.busy {
            return Vec::new();
        }
        if let Err((field, msg)) = self.check() {
            self.form.focus_on(field);
            self.message = Some((msg, true));
            return Vec::new();
        }
        let input = FirstRunInput {
            station: self.form.value(STATION).to_string(),
            level: LEVEL_CODES
                .get(self.form.choice(LEVEL))
                .unwrap_or(&"county")
                .to_string(),
            username: self.form.value(USER).to_string(),
            display_name: self.form.value(DISPLAY).to_string(),
            password: self.form.value(PASSWORD).to_string(),
            cost: self.settings.cost,
            now: cx.now,
        };
        self.form.clear_secrets();
        self.busy = true;
        self.message = Some((Msg::new("tui_auth.first_run.working"), false));
        vec![Effect::Db(DbJob::Auth(AuthJob::FirstRun(Box::new(input))))]
    }
}

impl Screen for FirstRun {
    fn id(&self) -> ScreenId {
        ScreenId::FirstRun
    }

    fn sections(&self) -> &'static [&'static str] {
        &["auth", "text"]
    }

    fn text_focused(&self) -> bool {
        true
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::NextField,
            Action::Submit,
            Action::Save,
            Action::Quit,
        ]
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        match action {
            Action::Submit if !self.form.on_last() => {
                self.form.apply(&Action::NextField);
                Vec::new()
            }
            Action::Submit | Action::Save => self.submit(cx),
            Action::Loaded(Loaded::Auth(AuthDone::Refused(m))) => {
                self.busy = false;
                self.message = Some((m.clone(), true));
                Vec::new()
            }
            Action::Loaded(Loaded::Auth(AuthDone::SignedIn { session, station })) => {
                self.busy = false;
                vec![
                    Effect::SignedIn {
                        session: session.clone(),
                        home: true,
                        station: station.clone(),
                    },
                    Effect::Status(
                        Msg::new("tui_auth.first_run.done").arg("username", &session.username),
                    ),
                ]
            }
            other => {
                if !self.busy {
                    self.form.apply(other);
                }
                Vec::new()
            }
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let intro = vec![
            view.t("tui_auth.first_run.intro"),
            view.t("tui.deskday.practice"),
        ];
        let message = self
            .message
            .as_ref()
            .map(|(m, e)| (m.render(view.lang), *e));
        draw_panel(
            frame,
            area,
            view,
            &view.t("tui_auth.screen.first_run"),
            &intro,
            &self.form,
            message.as_ref().map(|(m, e)| (m.as_str(), *e)),
        );
    }
}
