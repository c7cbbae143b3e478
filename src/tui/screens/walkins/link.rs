//! The offer to link a visitor's walk-ins to the record just created or opened: the
//! unlinked walk-ins with the same name or phone, each ticked; Space unticks one, Enter
//! links the ticked ones, Esc links none.
use crate::domain::visit::purpose_name;
use crate::i18n::{Msg, tf};
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::people::jobs::PeopleJob;
use crate::tui::screens::walkins::jobs::{VisitRow, WalkinJob, WalkinLoaded};
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::widgets::chrome;
use crate::tui::widgets::text::fit;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Debug)]
pub struct LinkOffer {
    person_id: i64,
    name: String,
    visits: Vec<(VisitRow, bool)>,
    selected: usize,
    saving: bool,
}

impl LinkOffer {
    pub fn new(person_id: i64, name: &str, visits: &[VisitRow]) -> LinkOffer {
        LinkOffer {
            person_id,
            name: name.to_string(),
            visits: visits.iter().map(|v| (v.clone(), true)).collect(),
            selected: 0,
            saving: false,
        }
    }

    fn link(&mut self) -> Vec<Effect> {
        let visit_ids: Vec<i64> = self
            .visits
            .iter()
            .filter(|(_, on)| *on)
            .map(|(v, _)| v.visit_id)
            .collect();
        if visit_ids.is_empty() {
            return vec![Effect::Pop];
        }
        self.saving = true;
        vec![
            Effect::Status(Msg::new("tui.form.saving")),
            Effect::Db(DbJob::Walkins(WalkinJob::Link {
                person_id: self.person_id,
                visit_ids,
            })),
        ]
    }
}

impl Screen for LinkOffer {
    fn id(&self) -> ScreenId {
        ScreenId::LinkOffer
    }

    fn sections(&self) -> &'static [&'static str] {
        &["link_offer", "list"]
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Open, Action::Toggle, Action::Back]
    }

    fn update(&mut self, action: &Action, _cx: &Cx) -> Vec<Effect> {
        if let Action::Loaded(Loaded::Walkin(loaded)) = action {
            return match loaded {
                WalkinLoaded::Linked { person_id, count } if *person_id == self.person_id => vec![
                    Effect::Pop,
                    Effect::Db(DbJob::People(PeopleJob::Profile(*person_id))),
                    Effect::Status(
                        Msg::new("record_walkins.linked")
                            .arg("count", count)
                            .arg("name", &self.name),
                    ),
                ],
                WalkinLoaded::LinkFailed(detail) => {
                    self.saving = false;
                    vec![Effect::Error(
                        Msg::new("tui.form.save_failed").arg("detail", detail),
                    )]
                }
                _ => Vec::new(),
            };
        }
        if self.saving {
            return Vec::new();
        }
        let last = self.visits.len().saturating_sub(1);
        match action {
            Action::MoveUp => self.selected = self.selected.saturating_sub(1),
            Action::MoveDown => self.selected = (self.selected + 1).min(last),
            Action::Toggle => {
                if let Some((_, on)) = self.visits.get_mut(self.selected) {
                    *on = !*on;
                }
            }
            Action::Open => return self.link(),
            Action::Back => return vec![Effect::Pop],
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let title = tf(
            view.lang,
            "record_walkins.link_title",
            &[("name", &self.name)],
        );
        let block = chrome::boxed(title, view);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [body, footer] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
        let mut lines = vec![
            Line::styled(
                tf(
                    view.lang,
                    "record_walkins.link_ask",
                    &[("count", &self.visits.len()), ("name", &self.name)],
                ),
                view.theme.warning,
            ),
            Line::from(""),
        ];
        for (i, (v, on)) in self.visits.iter().enumerate() {
            let marker = if i == self.selected { ">" } else { " " };
            let tick = if *on { "[x]" } else { "[ ]" };
            let style = if i == self.selected {
                view.theme.selection
            } else {
                view.theme.text
            };
            lines.push(Line::styled(
                format!(
                    "{marker} {tick} #{} {} {} {}",
                    v.visit_id,
                    v.time,
                    fit(&v.name, 12),
                    purpose_name(v.purpose, view.lang)
                ),
                style,
            ));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
        frame.render_widget(
            Line::styled(view.t("record_walkins.link_hint"), view.theme.muted),
            footer,
        );
    }
}
