//! A saved walk-in: every field, the person if on file (Enter opens them), and its history
//! of corrections, each with who, when, why and what changed; `e` corrects it.
use crate::domain::mask::mask_id;
use crate::domain::officer::Role;
use crate::domain::visit::purpose_name;
use crate::domain::visit_correction::{
    VisitRecord, differences, field_label_key, may_correct, outcome_text,
};
use crate::i18n::{Msg, tf};
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::people::profile::Profile;
use crate::tui::screens::walkins::jobs::{WalkinJob, WalkinLoaded};
use crate::tui::screens::walkins::visit_form::VisitForm;
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::widgets::chrome;
use crate::tui::widgets::text::fit;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Debug)]
pub struct VisitView {
    id: i64,
    record: Option<Box<VisitRecord>>,
    failed: Option<String>,
    scroll: u16,
}

impl VisitView {
    pub fn new(id: i64) -> VisitView {
        VisitView {
            id,
            record: None,
            failed: None,
            scroll: 0,
        }
    }

    pub fn record(&self) -> Option<&VisitRecord> {
        self.record.as_deref()
    }

    fn load(&self) -> Vec<Effect> {
        vec![Effect::Db(DbJob::Walkins(WalkinJob::Record(self.id)))]
    }

    /// The correction form, if this officer may correct the walk-in (else why not).
    fn correct(&self, cx: &Cx) -> Vec<Effect> {
        let Some(r) = &self.record else {
            return Vec::new();
        };
        let is_admin = cx.role == Some(Role::Admin);
        match may_correct(
            &r.visit.handler,
            r.registered_on,
            &cx.officer,
            is_admin,
            cx.today,
        ) {
            Ok(()) => vec![Effect::Push(Box::new(VisitForm::correct(cx, r)))],
            Err(why) => vec![Effect::Error(why)],
        }
    }
}

impl Screen for VisitView {
    fn data_changed(&mut self, changes: &[crate::store::Change], _cx: &Cx) -> Vec<Effect> {
        use crate::store::changes::VISIT;
        if changes
            .iter()
            .any(|c| c.is(VISIT) && c.entity_id == self.id)
        {
            self.load()
        } else {
            Vec::new()
        }
    }

    fn id(&self) -> ScreenId {
        ScreenId::VisitView
    }

    fn sections(&self) -> &'static [&'static str] {
        &["walkin", "list"]
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Open, Action::Edit, Action::Back, Action::Help]
    }

    fn on_enter(&mut self, _cx: &Cx) -> Vec<Effect> {
        self.load()
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        match action {
            Action::Loaded(Loaded::Walkin(WalkinLoaded::Record(r)))
                if r.visit.id == Some(self.id) =>
            {
                self.record = Some(r.clone());
                self.failed = None;
            }
            Action::Loaded(Loaded::Walkin(WalkinLoaded::RecordFailed { id, detail }))
                if *id == self.id =>
            {
                self.failed = Some(detail.clone());
            }
            Action::Open => {
                if let Some(r) = &self.record {
                    return match r.visit.person_id {
                        Some(pid) => {
                            vec![Effect::Push(Box::new(Profile::new(
                                pid,
                                &r.visit.visitor_name,
                            )))]
                        }
                        None => vec![Effect::Status(Msg::new("record_walkins.not_on_file"))],
                    };
                }
            }
            Action::Edit => return self.correct(cx),
            Action::MoveUp => self.scroll = self.scroll.saturating_sub(1),
            Action::MoveDown => self.scroll = self.scroll.saturating_add(1).min(500),
            Action::First => self.scroll = 0,
            Action::Back => return vec![Effect::Pop],
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let lang = view.lang;
        let title = tf(lang, "record_walkins.view_title_id", &[("id", &self.id)]);
        let block = chrome::boxed(title, view);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [body, footer] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
        let Some(r) = &self.record else {
            let text = match &self.failed {
                Some(detail) => detail.clone(),
                None => view.t("tui.app.loading"),
            };
            frame.render_widget(Paragraph::new(text).style(view.theme.muted), body);
            return;
        };
        let v = &r.visit;
        let row = |key: &str, value: String| {
            Line::from(vec![
                Span::styled(format!("  {} ", fit(&view.t(key), 10)), view.theme.muted),
                Span::styled(value, view.theme.text),
            ])
        };
        let on_file = if v.person_id.is_some() {
            view.t("record_walkins.on_file")
        } else {
            view.t("record_walkins.not_on_file_short")
        };
        let mut lines = vec![
            row(
                "tui.visit.visitor",
                format!("{}  ({on_file})", v.visitor_name),
            ),
            row("field.phone", v.visitor_phone.clone()),
        ];
        // The ID number a visitor not on file gave, masked as lists show ID numbers.
        if !v.visitor_id_number.is_empty() {
            lines.push(row("field.id_number", mask_id(&v.visitor_id_number)));
        }
        lines.extend([
            row(
                "tui.visit.arrived_at",
                v.arrived_at.format("%Y-%m-%d %H:%M").to_string(),
            ),
            row(
                "tui.visit.purpose",
                purpose_name(v.purpose, lang).to_string(),
            ),
            row("tui.visit.outcome", outcome_text(&v.outcome, lang)),
            row("tui.walkins.col.handler", v.handler.clone()),
            row(
                "record_walkins.registered",
                tf(
                    lang,
                    "record_walkins.registered_value",
                    &[("day", &r.registered_on), ("version", &r.version)],
                ),
            ),
            row("tui.visit.summary", String::new()),
        ]);
        lines.extend(
            v.summary
                .lines()
                .map(|l| Line::styled(format!("    {l}"), view.theme.text)),
        );
        lines.push(Line::from(""));
        lines.push(Line::styled(
            tf(
                lang,
                "record_walkins.history",
                &[("count", &r.history.len())],
            ),
            view.theme.title,
        ));
        if r.history.is_empty() {
            lines.push(Line::styled(
                view.t("record_walkins.no_history"),
                view.theme.muted,
            ));
        }
        // Newest first; each correction shows what it changed from the version before it.
        for (i, h) in r.history.iter().enumerate().rev() {
            let after = r.history.get(i + 1).map_or(v, |next| &next.visit);
            lines.push(Line::styled(
                tf(
                    lang,
                    "record_walkins.history_entry",
                    &[
                        ("at", &h.corrected_at.format("%Y-%m-%d %H:%M")),
                        ("by", &h.corrected_by),
                        ("reason", &h.reason),
                    ],
                ),
                view.theme.accent,
            ));
            for c in differences(&h.visit, after, lang) {
                lines.push(Line::styled(
                    format!(
                        "    {}: {} → {}",
                        view.t(field_label_key(c.field)),
                        c.before.replace('\n', " / "),
                        c.after.replace('\n', " / ")
                    ),
                    view.theme.text,
                ));
            }
        }
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((self.scroll, 0)),
            body,
        );
        frame.render_widget(
            Span::styled(view.t("record_walkins.view_hint"), view.theme.muted),
            footer,
        );
    }
}
