//! Walk-ins (F3): a day's register (today unless another day is chosen with ← → or typed),
//! then the follow-ups due by that day and overdue. Enter on a walk-in opens it; Enter on a
//! follow-up marks it done with a note; Ctrl+N registers a visitor not on file; the export
//! key writes the day's register to a workbook.
use crate::domain::visit::{outcome_label_key, purpose_name};
use crate::i18n::{Msg, t, tf};
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::export_jobs::LedgerExport;
use crate::tui::screens::checklist::today::{PROMPT_HINTS, PROMPT_SECTIONS};
use crate::tui::screens::walkins::jobs::{WalkinJob, WalkinLoaded, WalkinsToday};
use crate::tui::screens::walkins::view::VisitView;
use crate::tui::screens::walkins::visit_form::VisitForm;
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::widgets::chrome;
use crate::tui::widgets::columns::{Column, Widths};
use crate::tui::widgets::input::TextField;
use crate::tui::widgets::text::{fit, fit_ellipsis, width};
use chrono::{Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

mod days;

#[derive(Debug, Default)]
pub struct Walkins {
    data: Option<WalkinsToday>,
    /// Over the visits, then the follow-ups.
    selected: usize,
    /// The note being written for the follow-up with this visit id.
    note: Option<(i64, TextField)>,
    /// The day shown; `None` follows today (past midnight too).
    day: Option<NaiveDate>,
    /// The date being typed to jump to.
    jump: Option<TextField>,
}

impl Walkins {
    pub fn data(&self) -> Option<&WalkinsToday> {
        self.data.as_ref()
    }

    fn rows(&self) -> usize {
        self.data
            .as_ref()
            .map_or(0, |d| d.visits.len() + d.follow_ups.len())
    }

    fn open(&mut self) -> Vec<Effect> {
        let Some(d) = &self.data else {
            return Vec::new();
        };
        if let Some(v) = d.visits.get(self.selected) {
            return vec![Effect::Push(Box::new(VisitView::new(v.visit_id)))];
        }
        if let Some(f) = d.follow_ups.get(self.selected - d.visits.len()) {
            self.note = Some((f.visit_id, TextField::default()));
        }
        Vec::new()
    }
}

impl Screen for Walkins {
    fn data_changed(&mut self, changes: &[crate::store::Change], cx: &Cx) -> Vec<Effect> {
        use crate::store::changes::{PERSON, PETITION, VISIT};
        if changes
            .iter()
            .any(|c| c.is(VISIT) || c.is(PERSON) || c.is(PETITION))
        {
            self.load(cx)
        } else {
            Vec::new()
        }
    }

    fn id(&self) -> ScreenId {
        ScreenId::Walkins
    }

    fn sections(&self) -> &'static [&'static str] {
        if self.note.is_some() || self.jump.is_some() {
            PROMPT_SECTIONS
        } else {
            &["walkins", "list"]
        }
    }

    fn text_focused(&self) -> bool {
        self.note.is_some() || self.jump.is_some()
    }

    fn hints(&self) -> &'static [Action] {
        if self.note.is_some() || self.jump.is_some() {
            return PROMPT_HINTS;
        }
        &[
            Action::NewItem,
            Action::Open,
            Action::PrevDay,
            Action::NextDay,
            Action::GotoDate,
            Action::Back,
            Action::Export,
            Action::Help,
        ]
    }

    fn on_enter(&mut self, cx: &Cx) -> Vec<Effect> {
        self.load(cx)
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        if let Action::Loaded(Loaded::Walkin(loaded)) = action {
            return match loaded {
                // An answer for a day no longer shown is dropped.
                WalkinLoaded::Today(d) if d.day != self.day(cx.today) => Vec::new(),
                WalkinLoaded::Today(d) => {
                    self.data = Some(d.clone());
                    self.selected = self.selected.min(self.rows().saturating_sub(1));
                    Vec::new()
                }
                WalkinLoaded::FollowUpDone { .. } => vec![
                    Effect::Status(Msg::new("tui.walkins.follow_up_done")),
                    Effect::Db(DbJob::Walkins(WalkinJob::Today(self.day(cx.today)))),
                    Effect::Db(DbJob::Dashboard),
                ],
                WalkinLoaded::TodayFailed(detail) => vec![Effect::Error(
                    Msg::new("tui.walkins.register_unread").arg("detail", detail),
                )],
                WalkinLoaded::FollowUpFailed(detail) => vec![Effect::Error(
                    Msg::new("tui.form.save_failed").arg("detail", detail),
                )],
                _ => Vec::new(),
            };
        }
        if self.jump.is_some() {
            return self.jump(action, cx);
        }
        if let Some((id, field)) = &mut self.note {
            match action {
                Action::Open => {
                    let job = WalkinJob::CompleteFollowUp {
                        visit_id: *id,
                        note: field.value().trim().to_string(),
                    };
                    self.note = None;
                    return vec![Effect::Db(DbJob::Walkins(job))];
                }
                Action::Back => self.note = None,
                other => {
                    field.apply(other);
                }
            }
            return Vec::new();
        }
        let last = self.rows().saturating_sub(1);
        let page = cx.page_rows.max(1);
        match action {
            Action::MoveUp => self.selected = self.selected.saturating_sub(1),
            Action::MoveDown => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(page),
            Action::PageDown => self.selected = (self.selected + page).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::Open => return self.open(),
            Action::PrevDay => return self.go_to(self.day(cx.today) - Duration::days(1), cx),
            Action::NextDay if self.day.is_some() => {
                return self.go_to(self.day(cx.today) + Duration::days(1), cx);
            }
            Action::GotoDate => self.jump = Some(TextField::default()),
            Action::NewItem => return vec![Effect::Push(Box::new(VisitForm::unregistered(cx)))],
            Action::Export => {
                return vec![
                    Effect::Status(Msg::new("tui.export.exporting")),
                    Effect::Db(DbJob::ExportLedger {
                        what: LedgerExport::Visits {
                            from: self.day(cx.today),
                            to: self.day(cx.today),
                        },
                        today: cx.today,
                    }),
                ];
            }
            Action::Back => return vec![Effect::Switch(ScreenId::Dashboard)],
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let lang = view.lang;
        let day = self.day(view.today);
        let past = day < view.today;
        let title = if past {
            tf(lang, "record_walkins.title_day", &[("date", &day)])
        } else {
            tf(lang, "tui.walkins.title", &[("date", &view.today)])
        };
        let block = chrome::boxed(title, view);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let Some(d) = &self.data else {
            frame.render_widget(
                Paragraph::new(view.t("tui.app.loading")).style(view.theme.muted),
                inner,
            );
            return;
        };
        // A prompt takes two rows, its label above its input, so that the label is read
        // whole at 80 columns as at 120.
        let prompting = self.jump.is_some() || self.note.is_some();
        let [list, footer] = Layout::vertical([
            Constraint::Min(0),
            Constraint::Length(if prompting { 2 } else { 1 }),
        ])
        .areas(inner);
        let cols = usize::from(list.width);
        let head = [
            "tui.walkins.col.time",
            "tui.walkins.col.name",
            "tui.walkins.col.purpose",
            "tui.walkins.col.outcome",
            "tui.walkins.col.handler",
        ]
        .map(|k| view.t(k));
        let rows: Vec<[String; 5]> = d
            .visits
            .iter()
            .map(|v| {
                [
                    v.time.clone(),
                    v.name.clone(),
                    purpose_name(v.purpose, lang).to_string(),
                    t(lang, outcome_label_key(&v.outcome)),
                    v.handler.clone(),
                ]
            })
            .collect();
        let table = Widths::fit(&COLUMNS, &head, rows.iter().map(|r| r.as_slice()), 2, cols);
        let name_w = table.width(1);
        let mut lines: Vec<Line> = Vec::new();
        let mut selected_line = 0;
        if past {
            lines.push(Line::styled(
                tf(lang, "record_walkins.past_day", &[("date", &day)]),
                view.theme.warning,
            ));
        }
        let (visits_key, none_key) = if past {
            ("record_walkins.visits_on", "record_walkins.none_on")
        } else {
            ("tui.walkins.visits", "tui.walkins.none_today")
        };
        lines.push(Line::styled(
            tf(
                lang,
                visits_key,
                &[("count", &d.visits.len()), ("date", &day)],
            ),
            view.theme.title,
        ));
        // Column headings only over rows: an empty day says so, under no headings.
        if d.visits.is_empty() {
            lines.push(Line::styled(view.t(none_key), view.theme.muted));
        } else {
            lines.push(Line::styled(table.line("  ", &head), view.theme.muted));
        }
        for (i, cells) in rows.iter().enumerate() {
            let marker = if i == self.selected { "> " } else { "  " };
            let text = table.line(marker, cells);
            if i == self.selected {
                selected_line = lines.len();
            }
            let style = if i == self.selected {
                view.theme.selection
            } else {
                view.theme.text
            };
            lines.push(Line::styled(text, style));
        }
        lines.push(Line::from(""));
        lines.push(Line::styled(
            tf(
                lang,
                if past {
                    "record_walkins.follow_ups_on"
                } else {
                    "tui.walkins.follow_ups"
                },
                &[("count", &d.follow_ups.len()), ("date", &day)],
            ),
            view.theme.title,
        ));
        if d.follow_ups.is_empty() {
            lines.push(Line::styled(
                view.t("tui.walkins.none_due"),
                view.theme.muted,
            ));
        }
        for (n, f) in d.follow_ups.iter().enumerate() {
            let i = d.visits.len() + n;
            let marker = if i == self.selected { "> " } else { "  " };
            let state = if f.overdue {
                view.t("tui.walkins.overdue")
            } else {
                view.t("tui.walkins.due_today")
            };
            let head = format!(
                "{marker}{} {} {} ",
                f.due,
                fit(&state, 6),
                fit_ellipsis(&f.name, name_w)
            );
            let rest = cols.saturating_sub(width(&head));
            if i == self.selected {
                selected_line = lines.len();
            }
            let style = if i == self.selected {
                view.theme.selection
            } else if f.overdue {
                view.theme.warning
            } else {
                view.theme.text
            };
            lines.push(Line::from(vec![
                Span::styled(head, style),
                Span::styled(
                    fit_ellipsis(&f.summary, rest),
                    if i == self.selected {
                        view.theme.selection
                    } else {
                        view.theme.muted
                    },
                ),
            ]));
        }
        let height = usize::from(list.height);
        let scroll = (selected_line + 1).saturating_sub(height);
        frame.render_widget(
            Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(0), 0)),
            list,
        );

        let prompt = match (&self.note, &self.jump) {
            (_, Some(field)) => Some(("record_walkins.jump_prompt", field)),
            (Some((_, field)), None) => Some(("tui.walkins.note_prompt", field)),
            (None, None) => None,
        };
        match prompt {
            Some((label_key, field)) => {
                let [label_row, input] =
                    Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(footer);
                let label = fit_ellipsis(&view.t(label_key), usize::from(label_row.width));
                frame.render_widget(Span::styled(label, view.theme.warning), label_row);
                frame.render_widget(
                    Span::styled(" ".repeat(usize::from(input.width)), view.theme.input),
                    input,
                );
                field.render(frame, input, view.theme.input, true);
            }
            None => {
                frame.render_widget(
                    Span::styled(view.t("record_walkins.hint"), view.theme.muted),
                    footer,
                );
            }
        }
    }
}

/// The register's columns: time, name and purpose (these two give way first), outcome,
/// handler.
const COLUMNS: [Column; 5] = [
    Column::new(5, 5),
    Column::new(6, 16).flexible(),
    Column::new(8, 40).flexible(),
    Column::new(4, 24),
    Column::new(4, 12),
];
