//! The lock screen: drawn instead of everything (nothing of the screens under it shows),
//! while their state waits untouched. The officer's own password, or an administrator's,
//! unlocks; a wrong one counts towards the account's lockout like a failed login.
use crate::i18n::Msg;
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::auth::form::{Field, Form, Kind, draw_panel};
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::session::{AuthDone, AuthJob, Session};
use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::Rect;

const USER: usize = 0;
const PASSWORD: usize = 1;

#[derive(Debug)]
pub struct Lock {
    owner: Session,
    at: NaiveDateTime,
    form: Form,
    message: Option<(Msg, bool)>,
    busy: bool,
}

impl Lock {
    pub fn new(owner: Session, at: NaiveDateTime) -> Lock {
        let mut form = Form::new(vec![
            Field::new("tui_auth.field.username", Kind::Text),
            Field::new("tui_auth.field.password", Kind::Secret),
        ]);
        form.set_value(USER, &owner.username);
        form.focus_on(PASSWORD);
        Lock {
            owner,
            at,
            form,
            message: None,
            busy: false,
        }
    }

    pub fn message(&self) -> Option<&Msg> {
        self.message.as_ref().map(|(m, _)| m)
    }

    fn submit(&mut self, cx: &Cx) -> Vec<Effect> {
        if self.busy {
            return Vec::new();
        }
        if self.form.value(PASSWORD).is_empty() {
            self.form.focus_on(PASSWORD);
            self.message = Some((Msg::new("auth.password.empty"), true));
            return Vec::new();
        }
        let job = AuthJob::Login {
            username: self.form.value(USER).to_string(),
            password: self.form.value(PASSWORD).to_string(),
            now: cx.now,
            unlock_for: Some(self.owner.username.clone()),
        };
        self.form.clear_secrets();
        self.busy = true;
        self.message = Some((Msg::new("tui_auth.login.checking"), false));
        vec![Effect::Db(DbJob::Auth(job))]
    }
}

impl Screen for Lock {
    fn id(&self) -> ScreenId {
        ScreenId::Lock
    }

    fn sections(&self) -> &'static [&'static str] {
        &["auth", "text"]
    }

    fn text_focused(&self) -> bool {
        true
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::NextField, Action::Submit, Action::Quit]
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        match action {
            Action::Submit if self.form.focus == USER => {
                self.form.focus_on(PASSWORD);
                Vec::new()
            }
            Action::Submit | Action::Save => self.submit(cx),
            Action::Loaded(Loaded::Auth(AuthDone::Refused(m))) => {
                self.busy = false;
                self.message = Some((m.clone(), true));
                self.form.focus_on(PASSWORD);
                Vec::new()
            }
            Action::Loaded(Loaded::Auth(AuthDone::SignedIn { session, .. })) => {
                self.busy = false;
                vec![Effect::SignedIn {
                    session: session.clone(),
                    home: false,
                    station: None,
                }]
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
            crate::i18n::tf(
                view.lang,
                "tui_auth.lock.intro",
                &[
                    ("name", &self.owner.display_name),
                    ("time", &self.at.format("%H:%M")),
                ],
            ),
            view.t("tui_auth.lock.who"),
        ];
        let message = self
            .message
            .as_ref()
            .map(|(m, e)| (m.render(view.lang), *e));
        draw_panel(
            frame,
            area,
            view,
            &view.t("tui_auth.screen.lock"),
            &intro,
            &self.form,
            message.as_ref().map(|(m, e)| (m.as_str(), *e)),
        );
    }
}
