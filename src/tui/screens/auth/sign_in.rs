//! The sign-in panel the login and lock screens share: a user name and a password, checked
//! on the database worker; beneath them "checking…" or the domain's reason for a refusal
//! (wrong credentials, locked until HH:MM, disabled).
use crate::i18n::Msg;
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::auth::form::{Field, Form, Kind, draw_panel};
use crate::tui::screens::{Cx, View};
use crate::tui::session::{AuthDone, AuthJob};
use ratatui::Frame;
use ratatui::layout::Rect;

const USER: usize = 0;
const PASSWORD: usize = 1;

/// The keymap sections of a sign-in screen: every key types, Tab moves, Enter submits.
pub const SECTIONS: &[&str] = &["auth", "text"];
/// The hints of a sign-in screen.
pub const HINTS: &[Action] = &[Action::NextField, Action::Submit, Action::Quit];

#[derive(Debug)]
pub struct SignIn {
    form: Form,
    /// Unlocking this user's screen, rather than logging in.
    unlock_for: Option<String>,
    message: Option<(Msg, bool)>,
    busy: bool,
}

impl SignIn {
    /// Logging in: both fields empty.
    pub fn login() -> SignIn {
        SignIn::with_form(None)
    }

    /// Unlocking `owner`'s screen: the name filled in with theirs, the password to type.
    /// An administrator may replace the name with their own.
    pub fn unlock(owner: &str) -> SignIn {
        let mut sign_in = SignIn::with_form(Some(owner.to_string()));
        sign_in.form.set_value(USER, owner);
        sign_in.form.focus_on(PASSWORD);
        sign_in
    }

    fn with_form(unlock_for: Option<String>) -> SignIn {
        SignIn {
            form: Form::new(vec![
                Field::new("tui_auth.field.username", Kind::Text),
                Field::new("tui_auth.field.password", Kind::Secret),
            ]),
            unlock_for,
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
        // The lock screen's name comes filled in; an emptied one is refused like a wrong one.
        if self.unlock_for.is_none() && self.form.value(USER).trim().is_empty() {
            self.form.focus_on(USER);
            self.message = Some((Msg::new("auth.username.empty"), true));
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
            unlock_for: self.unlock_for.clone(),
        };
        self.form.clear_secrets();
        self.busy = true;
        self.message = Some((Msg::new("tui_auth.login.checking"), false));
        vec![Effect::Db(DbJob::Auth(job))]
    }

    /// Keys go to the fields (none while the check is out); the worker's answer signs in
    /// (a login goes home, an unlock back to where the officer was) or shows the refusal.
    pub fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
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
                self.message = None;
                vec![Effect::SignedIn {
                    session: session.clone(),
                    home: self.unlock_for.is_none(),
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

    /// Draws the panel under `title`, with `intro` above the fields.
    pub fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        view: &View,
        title: &str,
        intro: &[String],
    ) {
        let message = self
            .message
            .as_ref()
            .map(|(m, e)| (m.render(view.lang), *e));
        draw_panel(
            frame,
            area,
            view,
            title,
            intro,
            &self.form,
            message.as_ref().map(|(m, e)| (m.as_str(), *e)),
        );
    }
}
