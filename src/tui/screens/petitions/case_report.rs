//! The 上报 dialog of the case view: to whom a high-risk case was reported, how (电话, 书面,
//! 当面, 系统), when (now unless changed) and by whom (the signed-in officer unless
//! changed). The domain checks it before it is sent; the store checks it again.
use crate::domain::petition::{ReportMethod, RiskReport, parse_datetime_input};
use crate::i18n::Msg;
use crate::tui::action::Action;
use crate::tui::screens::{Cx, View};
use crate::tui::widgets::chrome;
use crate::tui::widgets::input::TextField;
use crate::tui::widgets::text::{fit, width};
use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    To,
    Method,
    At,
    By,
}

const FIELDS: [Field; 4] = [Field::To, Field::Method, Field::At, Field::By];

/// What a key in the report dialog leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportOutcome {
    Stay,
    Cancel,
    Submit(RiskReport),
}

#[derive(Debug, Clone)]
pub struct ReportDialog {
    to: TextField,
    method: usize,
    at: TextField,
    by: TextField,
    focus: Field,
    /// When the case was received: a report cannot come before it.
    received: NaiveDateTime,
    error: Option<Msg>,
    pub busy: bool,
}

impl ReportDialog {
    pub fn new(received: NaiveDateTime, cx: &Cx) -> ReportDialog {
        let mut at = TextField::default();
        at.set_value(&cx.now.format("%Y-%m-%d %H:%M").to_string());
        let mut by = TextField::default();
        by.set_value(&cx.officer);
        ReportDialog {
            to: TextField::default(),
            method: 0,
            at,
            by,
            focus: Field::To,
            received,
            error: None,
            busy: false,
        }
    }

    pub fn text_focused(&self) -> bool {
        self.focus != Field::Method
    }

    pub fn error(&self) -> Option<&Msg> {
        self.error.as_ref()
    }

    pub fn refused(&mut self, msg: Msg) {
        self.error = Some(msg);
        self.busy = false;
    }

    fn method(&self) -> ReportMethod {
        ReportMethod::ALL
            .get(self.method)
            .copied()
            .unwrap_or(ReportMethod::Phone)
    }

    /// The report as typed, checked; `Err` says what is wrong.
    pub fn build(&self, cx: &Cx) -> Result<RiskReport, Msg> {
        let at = parse_datetime_input(self.at.value(), cx.today)?;
        RiskReport {
            to: self.to.value().to_string(),
            method: self.method(),
            at,
            by: self.by.value().to_string(),
        }
        .checked(self.received, cx.now)
    }

    fn move_focus(&mut self, forward: bool) {
        let i = FIELDS.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = FIELDS.len();
        self.focus = FIELDS[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    }

    pub fn update(&mut self, action: &Action, cx: &Cx) -> ReportOutcome {
        if self.busy {
            return ReportOutcome::Stay;
        }
        let n = ReportMethod::ALL.len();
        match action {
            Action::Back => return ReportOutcome::Cancel,
            Action::NextField => self.move_focus(true),
            Action::PrevField => self.move_focus(false),
            Action::Save | Action::Submit => match self.build(cx) {
                Ok(report) => {
                    self.error = None;
                    self.busy = true;
                    return ReportOutcome::Submit(report);
                }
                Err(msg) => self.error = Some(msg),
            },
            Action::CursorLeft | Action::MoveUp if self.focus == Field::Method => {
                self.method = (self.method + n - 1) % n;
            }
            Action::CursorRight | Action::MoveDown | Action::Toggle
                if self.focus == Field::Method =>
            {
                self.method = (self.method + 1) % n;
            }
            edit => {
                let field = match self.focus {
                    Field::Method => None,
                    Field::To => Some(&mut self.to),
                    Field::At => Some(&mut self.at),
                    Field::By => Some(&mut self.by),
                };
                if let Some(f) = field
                    && f.apply(edit)
                {
                    self.error = None;
                }
            }
        }
        ReportOutcome::Stay
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let inner = chrome::dialog(
            frame,
            area,
            view,
            (72, 12),
            view.t("tui.petition.report.title"),
        );
        let label = |f: Field| match f {
            Field::To => view.t("tui.petition.report.to"),
            Field::Method => view.t("tui.petition.report.method"),
            Field::At => view.t("tui.petition.report.at"),
            Field::By => view.t("tui.petition.report.by"),
        };
        let cols = FIELDS.iter().map(|f| width(&label(*f))).max().unwrap_or(4) + 2;
        let cols16 = u16::try_from(cols).unwrap_or(10);
        let value_w = inner.width.saturating_sub(cols16);
        for (row, f) in FIELDS.iter().enumerate() {
            let y = inner.y + u16::try_from(row * 2).unwrap_or(0);
            if y >= inner.y + inner.height {
                break;
            }
            let focused = self.focus == *f;
            let style = if focused {
                view.theme.focus
            } else {
                view.theme.muted
            };
            frame.render_widget(
                Span::styled(fit(&label(*f), cols), style),
                Rect::new(inner.x, y, cols16, 1),
            );
            let value = Rect::new(inner.x + cols16, y, value_w, 1);
            let input = if focused {
                view.theme.input.patch(view.theme.focus)
            } else {
                view.theme.input
            };
            match f {
                Field::Method => {
                    let names = ReportMethod::ALL.iter().map(|m| view.t(m.label_key()));
                    let row = chrome::choice_row(names, self.method, view);
                    frame.render_widget(Paragraph::new(row), value);
                }
                Field::To => self.to.render(frame, value, input, focused),
                Field::At => self.at.render(frame, value, input, focused),
                Field::By => self.by.render(frame, value, input, focused),
            }
        }
        let bottom = inner.y + inner.height.saturating_sub(2);
        let msg_area = Rect::new(inner.x, bottom, inner.width, 2);
        let (text, style) = match &self.error {
            Some(err) => (err.render(view.lang), view.theme.error),
            None => (view.t("tui.petition.report.hint"), view.theme.muted),
        };
        frame.render_widget(
            Paragraph::new(text).style(style).wrap(Wrap { trim: true }),
            msg_area,
        );
    }
}
