//! A person's walk-ins, newest first, opened from their profile: Enter opens one (to read
//! its history or correct it).
use crate::domain::visit::{outcome_label_key, purpose_name};
use crate::i18n::{t, tf};
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::walkins::jobs::{VisitRow, WalkinJob, WalkinLoaded};
use crate::tui::screens::walkins::view::VisitView;
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::widgets::chrome;
use crate::tui::widgets::text::fit;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

#[derive(Debug)]
pub struct PersonWalkins {
    person_id: i64,
    name: String,
    rows: Option<Vec<VisitRow>>,
    selected: usize,
}

impl PersonWalkins {
    pub fn new(person_id: i64, name: &str) -> PersonWalkins {
        PersonWalkins {
            person_id,
            name: name.to_string(),
            rows: None,
            selected: 0,
        }
    }

    fn load(&self) -> Vec<Effect> {
        vec![Effect::Db(DbJob::Walkins(WalkinJob::OfPerson(
            self.person_id,
        )))]
    }
}

impl Screen for PersonWalkins {
    fn data_changed(&mut self, changes: &[crate::store::Change], _cx: &Cx) -> Vec<Effect> {
        use crate::store::changes::VISIT;
        if changes.iter().any(|c| c.is(VISIT)) {
            self.load()
        } else {
            Vec::new()
        }
    }

    fn id(&self) -> ScreenId {
        ScreenId::PersonWalkins
    }

    fn sections(&self) -> &'static [&'static str] {
        &["list"]
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Open, Action::Back, Action::Help]
    }

    fn on_enter(&mut self, _cx: &Cx) -> Vec<Effect> {
        self.load()
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        let last = self.rows.as_ref().map_or(0, |r| r.len().saturating_sub(1));
        let page = cx.page_rows.max(1);
        match action {
            Action::Loaded(Loaded::Walkin(WalkinLoaded::OfPerson { person_id, rows }))
                if *person_id == self.person_id =>
            {
                self.selected = self.selected.min(rows.len().saturating_sub(1));
                self.rows = Some(rows.clone());
            }
            Action::Loaded(Loaded::Walkin(WalkinLoaded::OfPersonFailed(detail))) => {
                return vec![Effect::Error(
                    crate::i18n::Msg::new("tui.app.load_failed").arg("detail", detail),
                )];
            }
            Action::MoveUp => self.selected = self.selected.saturating_sub(1),
            Action::MoveDown => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(page),
            Action::PageDown => self.selected = (self.selected + page).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::Open => {
                if let Some(row) = self.rows.as_ref().and_then(|r| r.get(self.selected)) {
                    return vec![Effect::Push(Box::new(VisitView::new(row.visit_id)))];
                }
            }
            Action::Back => return vec![Effect::Pop],
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let lang = view.lang;
        let title = tf(lang, "record_walkins.of_person", &[("name", &self.name)]);
        let block = chrome::boxed(title, view);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [body, footer] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
        let Some(rows) = &self.rows else {
            frame.render_widget(
                Paragraph::new(view.t("tui.app.loading")).style(view.theme.muted),
                body,
            );
            return;
        };
        let mut lines = Vec::new();
        if rows.is_empty() {
            lines.push(Line::styled(
                view.t("tui.profile.no_records"),
                view.theme.muted,
            ));
        }
        for (i, r) in rows.iter().enumerate() {
            let (marker, style) = if i == self.selected {
                ("> ", view.theme.selection)
            } else {
                ("  ", view.theme.text)
            };
            lines.push(Line::styled(
                format!(
                    "{marker}{} {} {} {}",
                    fit(&r.time, 16),
                    fit(purpose_name(r.purpose, lang), 24),
                    fit(&t(lang, outcome_label_key(&r.outcome)), 10),
                    r.handler
                ),
                style,
            ));
        }
        let height = usize::from(body.height);
        let scroll = (self.selected + 1).saturating_sub(height);
        frame.render_widget(
            Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(0), 0)),
            body,
        );
        frame.render_widget(
            Line::styled(view.t("record_walkins.of_person_hint"), view.theme.muted),
            footer,
        );
    }
}
