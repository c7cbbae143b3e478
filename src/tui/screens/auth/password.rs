//! Changing one's own password: the current one, the new one twice. A wrong current
//! password counts as a failed login (an unlocked desk must not become a password oracle).
use crate::domain::officer::check_password;
use crate::i18n::Msg;
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::auth::form::{Field, Form, Kind, draw_panel};
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::session::{AuthDone, AuthJob, AuthSettings};
use ratatui::Frame;
use ratatui::layout::Rect;

const OLD: usize = 0;
const NEW: usize = 1;
const AGAIN: usize = 2;

#[derive(Debug)]
pub struct Password {
    username: String,
    form: Form,
    settings: AuthSettings,
    message: Option<(Msg, bool)>,
    busy: bool,
}

impl Password {
    pub fn new(username: &str, settings: AuthSettings) -> Password {
        Password {
            username: username.to_string(),
            form: Form::new(vec![
                Field::new("tui_auth.field.old_password", Kind::Secret),
                Field::new("tui_auth.field.new_password", Kind::Secret),
                Field::new("tui_auth.field.password_again", Kind::Secret),
            ]),
            settings,
            message: None,
            busy: false,
        }
    }

    fn submit(&mut self, cx: &Cx) -> Vec<Effect> {
        if self.busy {
            return Vec::new();
        }
        let checked = check_password(self.form.value(NEW)).map_err(|m| (NEW, m));
        let checked = checked.and_then(|()| {
            if self.form.value(NEW) == self.form.value(AGAIN) {
                Ok(())
            } else {
                Err((AGAIN, Msg::new("tui_auth.password.mismatch")))
            }
        });
        if let Err((field, msg)) = checked {
            self.form.focus_on(field);
            self.message = Some((msg, true));
            return Vec::new();
        }
        let job = AuthJob::ChangeOwnPassword {
            username: self.username.clone(),
            old: self.form.value(OLD).to_string(),
            new: self.form.value(NEW).to_string(),
            now: cx.now,
            cost: self.settings.cost,
        };
        self.form.clear_secrets();
        self.form.focus_on(OLD);
        self.busy = true;
        self.message = Some((Msg::new("tui_auth.login.checking"), false));
        vec![Effect::Db(DbJob::Auth(job))]
    }
}

impl Screen for Password {
    fn id(&self) -> ScreenId {
        ScreenId::Password
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
            Action::Back,
            Action::Quit,
        ]
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        match action {
            Action::Back => vec![Effect::Pop],
            Action::Submit if !self.form.on_last() => {
                self.form.apply(&Action::NextField);
                Vec::new()
            }
            Action::Submit | Action::Save => self.submit(cx),
            Action::Loaded(Loaded::Auth(AuthDone::Changed(m))) => {
                self.busy = false;
                vec![Effect::Pop, Effect::Status(m.clone())]
            }
            Action::Loaded(Loaded::Auth(AuthDone::Failed(m))) => {
                self.busy = false;
                self.message = Some((m.clone(), true));
                Vec::new()
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
        let intro = vec![crate::i18n::tf(
            view.lang,
            "tui_auth.password.intro",
            &[("username", &self.username)],
        )];
        let message = self
            .message
            .as_ref()
            .map(|(m, e)| (m.render(view.lang), *e));
        draw_panel(
            frame,
            area,
            view,
            &view.t("tui_auth.screen.password"),
            &intro,
            &self.form,
            message.as_ref().map(|(m, e)| (m.as_str(), *e)),
        );
    }
}
