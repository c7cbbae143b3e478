//! The lock screen: drawn instead of everything (nothing of the screens under it shows),
//! while their state waits untouched. The officer's own password, or an administrator's,
//! unlocks; a wrong one counts towards the account's lockout like a failed login.
use crate::i18n::Msg;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::screens::auth::sign_in::{self, SignIn};
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::session::Session;
use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::Rect;

#[derive(Debug)]
pub struct Lock {
    owner: Session,
    at: NaiveDateTime,
    sign_in: SignIn,
}

impl Lock {
    pub fn new(owner: Session, at: NaiveDateTime) -> Lock {
        Lock {
            sign_in: SignIn::unlock(&owner.username),
            owner,
            at,
        }
    }

    pub fn message(&self) -> Option<&Msg> {
        self.sign_in.message()
    }
}

impl Screen for Lock {
    fn id(&self) -> ScreenId {
        ScreenId::Lock
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
        self.sign_in
            .render(frame, area, view, &view.t("tui_auth.screen.lock"), &intro);
    }
}
