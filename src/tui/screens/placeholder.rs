//! A tab whose screen arrives with a later issue (walk-ins, petitions, checklist, reports):
//! it says so instead of being a dead key. Replace its line in `registry()` with the real
//! screen.
use crate::tui::action::Action;
use crate::tui::chrome;
use crate::tui::effect::Effect;
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Debug)]
pub struct Placeholder {
    id: ScreenId,
}

impl Placeholder {
    pub fn new(id: ScreenId) -> Placeholder {
        Placeholder { id }
    }
}

impl Screen for Placeholder {
    fn id(&self) -> ScreenId {
        self.id
    }

    fn sections(&self) -> &'static [&'static str] {
        &["list"]
    }

    fn update(&mut self, action: &Action, _cx: &Cx) -> Vec<Effect> {
        match action {
            Action::Back => vec![Effect::Switch(ScreenId::Dashboard)],
            _ => Vec::new(),
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let block = chrome::boxed(view.t(self.id.title_key()), view);
        let para = Paragraph::new(view.t("tui.app.later"))
            .style(view.theme.muted)
            .wrap(Wrap { trim: true })
            .block(block);
        frame.render_widget(para, area);
    }
}
