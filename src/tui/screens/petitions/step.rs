//! The step dialog of the case view: which step (only those the lifecycle allows from where
//! the case stands), when, a note or reason, and the department forwarded to or the days of
//! an extension where the step needs them. The lifecycle judges the step before it is sent;
//! the store judges it again against the stored steps.
use crate::domain::petition::{
    CaseState, MAX_EXTENSION_DAYS, Step, StepKind, apply, parse_datetime_input,
};
use crate::domain::text::fold_width;
use crate::i18n::Msg;
use crate::tui::action::Action;
use crate::tui::screens::{Cx, View};
use crate::tui::widgets::chrome;
use crate::tui::widgets::input::TextField;
use crate::tui::widgets::text::{fit, width};
use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// The dialog's fields, in Tab order; `Forward` and `Days` show only for their step kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepField {
    Kind,
    At,
    Note,
    Forward,
    Days,
}

/// What a key in the dialog leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum StepOutcome {
    /// Nothing for the case view to do.
    Stay,
    /// Close the dialog.
    Cancel,
    /// The lifecycle allows this step: record it.
    Submit(Step),
}

#[derive(Debug, Clone)]
pub struct StepDialog {
    allowed: Vec<StepKind>,
    kind: usize,
    at: TextField,
    note: TextField,
    forward: TextField,
    days: TextField,
    focus: StepField,
    state: CaseState,
    /// The refusal or the error shown under the fields.
    error: Option<Msg>,
    /// Sent to the store; waiting for its answer.
    pub busy: bool,
}

/// The step kinds the lifecycle would allow from `state`, taken at `at` by `officer`.
pub fn allowed_steps(state: &CaseState, at: NaiveDateTime, officer: &str) -> Vec<StepKind> {
    let at = at.max(state.last_step);
    StepKind::ALL
        .into_iter()
        .filter(|kind| {
            let mut probe = Step::new(*kind, at, officer);
            probe.note = "-".into();
            match kind {
                StepKind::Extended => probe.extension_days = Some(1),
                StepKind::Forwarded => probe.forwarded_to = Some("-".into()),
                _ => {}
            }
            apply(state, &probe).is_ok()
        })
        .collect()
}

impl StepDialog {
    pub fn new(state: &CaseState, cx: &Cx) -> StepDialog {
        let mut at = TextField::default();
        at.set_value(&cx.now.format("%Y-%m-%d %H:%M").to_string());
        StepDialog {
            allowed: allowed_steps(state, cx.now, &cx.officer),
            kind: 0,
            at,
            note: TextField::default(),
            forward: TextField::default(),
            days: TextField::default(),
            focus: StepField::Kind,
            state: state.clone(),
            error: None,
            busy: false,
        }
    }

    pub fn allowed(&self) -> &[StepKind] {
        &self.allowed
    }

    pub fn kind(&self) -> Option<StepKind> {
        self.allowed.get(self.kind).copied()
    }

    pub fn error(&self) -> Option<&Msg> {
        self.error.as_ref()
    }

    /// The store refused the step: show why.
    pub fn refused(&mut self, msg: Msg) {
        self.error = Some(msg);
        self.busy = false;
    }

    pub fn text_focused(&self) -> bool {
        self.focus != StepField::Kind
    }

    fn fields(&self) -> Vec<StepField> {
        let mut out = vec![StepField::Kind, StepField::At, StepField::Note];
        match self.kind() {
            Some(StepKind::Forwarded) => out.push(StepField::Forward),
            Some(StepKind::Extended) => out.push(StepField::Days),
            _ => {}
        }
        out
    }

    fn move_focus(&mut self, forward: bool) {
        let fields = self.fields();
        let i = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = fields.len();
        let j = if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        };
        self.focus = fields[j];
    }

    fn choose(&mut self, forward: bool) {
        let n = self.allowed.len();
        if n == 0 {
            return;
        }
        self.kind = if forward {
            (self.kind + 1) % n
        } else {
            (self.kind + n - 1) % n
        };
        self.error = None;
    }

    /// The step as typed, checked by the lifecycle; `Err` says what is wrong.
    pub fn build(&self, cx: &Cx) -> Result<Step, Msg> {
        let kind = self
            .kind()
            .ok_or_else(|| Msg::new("tui.petition.step.none_allowed"))?;
        let at = parse_datetime_input(self.at.value(), cx.today)?;
        let mut step = Step::new(kind, at, &cx.officer);
        step.note = self.note.value().trim().to_string();
        if kind == StepKind::Forwarded {
            step.forwarded_to = Some(self.forward.value().trim().to_string());
        }
        if kind == StepKind::Extended {
            let typed = fold_width(self.days.value());
            let typed = typed.trim().trim_end_matches('天').trim();
            let days = typed.parse::<u32>().map_err(|_| {
                Msg::new("tui.petition.step.days_invalid").arg("max", MAX_EXTENSION_DAYS)
            })?;
            step.extension_days = Some(days);
        }
        apply(&self.state, &step)?;
        Ok(step)
    }

    pub fn update(&mut self, action: &Action, cx: &Cx) -> StepOutcome {
        if self.busy {
            return StepOutcome::Stay;
        }
        match action {
            Action::Back => return StepOutcome::Cancel,
            Action::NextField => self.move_focus(true),
            Action::PrevField => self.move_focus(false),
            Action::Save => match self.build(cx) {
                Ok(step) => {
                    self.error = None;
                    self.busy = true;
                    return StepOutcome::Submit(step);
                }
                Err(msg) => self.error = Some(msg),
            },
            Action::CursorLeft | Action::MoveUp if self.focus == StepField::Kind => {
                self.choose(false);
            }
            Action::CursorRight | Action::MoveDown | Action::Toggle
                if self.focus == StepField::Kind =>
            {
                self.choose(true);
            }
            edit => {
                let field = match self.focus {
                    StepField::Kind => None,
                    StepField::At => Some(&mut self.at),
                    StepField::Note => Some(&mut self.note),
                    StepField::Forward => Some(&mut self.forward),
                    StepField::Days => Some(&mut self.days),
                };
                if let Some(f) = field
                    && f.apply(edit)
                {
                    self.error = None;
                }
            }
        }
        StepOutcome::Stay
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let w = area.width.saturating_sub(4).min(72);
        let h = 12u16.min(area.height);
        let x = area.x + (area.width.saturating_sub(w)) / 2;
        let y = area.y + (area.height.saturating_sub(h)) / 2;
        let rect = Rect::new(x, y, w, h);
        // One column more on each side: a wide character of the screen below that starts
        // just left of the box would otherwise spill over its border in the terminal.
        let margin = Rect::new(x.saturating_sub(1), y, w + 2, h).intersection(area);
        frame.render_widget(Clear, margin);
        frame.render_widget(Paragraph::new("").style(view.theme.text), margin);
        let block = chrome::boxed(view.t("tui.petition.step.title"), view)
            .border_style(view.theme.focus)
            .style(view.theme.text);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        if self.allowed.is_empty() {
            frame.render_widget(
                Paragraph::new(view.t("tui.petition.step.none_allowed"))
                    .style(view.theme.muted)
                    .wrap(Wrap { trim: true }),
                inner,
            );
            return;
        }
        let labels: Vec<(StepField, String)> = self
            .fields()
            .into_iter()
            .map(|f| {
                let key = match f {
                    StepField::Kind => "tui.petition.step.kind",
                    StepField::At => "tui.petition.step.at",
                    StepField::Note => match self.kind() {
                        Some(StepKind::NotAccepted | StepKind::Extended) => {
                            "tui.petition.step.reason"
                        }
                        _ => "tui.petition.step.note",
                    },
                    StepField::Forward => "tui.petition.step.forward",
                    StepField::Days => "tui.petition.step.days",
                };
                (f, view.t(key))
            })
            .collect();
        let label_cols = labels.iter().map(|(_, l)| width(l)).max().unwrap_or(4) + 2;
        let value_x = inner.x + u16::try_from(label_cols).unwrap_or(10);
        let value_w = inner
            .width
            .saturating_sub(u16::try_from(label_cols).unwrap_or(10));
        for (row, (field, label)) in labels.iter().enumerate() {
            let y = inner.y + u16::try_from(row * 2).unwrap_or(0);
            if y >= inner.y + inner.height {
                break;
            }
            let focused = self.focus == *field;
            let label_style = if focused {
                view.theme.focus
            } else {
                view.theme.muted
            };
            frame.render_widget(
                Span::styled(fit(label, label_cols), label_style),
                Rect::new(inner.x, y, u16::try_from(label_cols).unwrap_or(10), 1),
            );
            let value_area = Rect::new(value_x, y, value_w, 1);
            let style = if focused {
                view.theme.input.patch(view.theme.focus)
            } else {
                view.theme.input
            };
            match field {
                StepField::Kind => {
                    let mut spans = vec![Span::styled("< ", view.theme.key_hint)];
                    for (i, k) in self.allowed.iter().enumerate() {
                        let name = view.t(k.label_key());
                        let s = if i == self.kind {
                            view.theme.selection
                        } else {
                            view.theme.text
                        };
                        spans.push(Span::styled(name, s));
                        spans.push(Span::raw(" "));
                    }
                    spans.push(Span::styled(">", view.theme.key_hint));
                    frame.render_widget(Paragraph::new(Line::from(spans)), value_area);
                }
                StepField::At => self.at.render(frame, value_area, style, focused),
                StepField::Note => self.note.render(frame, value_area, style, focused),
                StepField::Forward => self.forward.render(frame, value_area, style, focused),
                StepField::Days => self.days.render(frame, value_area, style, focused),
            }
        }
        let bottom = inner.y + inner.height.saturating_sub(2);
        let msg_area = Rect::new(inner.x, bottom, inner.width, 2);
        if let Some(err) = &self.error {
            frame.render_widget(
                Paragraph::new(err.render(view.lang))
                    .style(view.theme.error)
                    .wrap(Wrap { trim: true }),
                msg_area,
            );
        } else {
            let hint = if self.busy {
                view.t("tui.petition.step.saving")
            } else {
                view.t("tui.petition.step.hint")
            };
            frame.render_widget(
                Paragraph::new(hint)
                    .style(view.theme.muted)
                    .wrap(Wrap { trim: true }),
                msg_area,
            );
        }
    }
}
