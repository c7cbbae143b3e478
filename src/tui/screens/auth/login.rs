//! The login screen: user name and password, checked on the database worker; a refusal
//! shows the domain's reason (wrong credentials, locked until HH:MM, disabled).
use crate::i18n::Msg;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::screens::auth::sign_in::{self, SignIn};
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use ratatui::Frame;
use ratatui::layout::Rect;

#[derive(Debug)]
pub struct Login {
    sign_in: SignIn,
}

impl Default for Login {
    fn default() -> Self {
        Login::new()
    }
}

impl Login {
    pub fn new() -> Login {
        Login {
            sign_in: SignIn::login(),
        }
    }

    pub fn message(&self) -> Option<&Msg> {
        self.sign_in.message()
    }
}

impl Screen for Login {
    fn id(&self) -> ScreenId {
        ScreenId::Login
    }

    fn sections(&self) -> &'static [&'static str] {
        sign_in::SECTIONS
    }

    fn text_focused(&self) -> bool {
        true
    }

    fn hints(&self) -> &'static [Action] {
        sign_in::HINTS
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        self.sign_in.update(action, cx)
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let intro = vec![view.t("tui_auth.login.intro")];
        self.sign_in
            .render(frame, area, view, &view.t("tui_auth.screen.login"), &intro);
    }
}
