//! The void dialog of the case view (administrators): which step, and why. The domain
//! judges the choice before it is shown for confirmation (the registration, a step already
//! voided, a step later steps depend on, an empty reason are refused there); Enter then
//! voids it, Esc goes back. The store judges it again, as an administrator's act.
use crate::domain::petition::{Step, StepKind, check_void};
use crate::i18n::{Msg, tf};
use crate::tui::action::Action;
use crate::tui::screens::View;
use crate::tui::widgets::chrome;
use crate::tui::widgets::input::TextField;
use crate::tui::widgets::text::{fit, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// What a key in the void dialog leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum VoidOutcome {
    Stay,
    Cancel,
    /// Void the step at this index of the case's steps, with this reason.
    Submit {
        index: usize,
        reason: String,
    },
}

#[derive(Debug, Clone)]
pub struct VoidDialog {
    steps: Vec<Step>,
    /// The indexes of the steps that may be chosen: not the registration, not voided.
    choices: Vec<usize>,
    pick: usize,
    reason: TextField,
    on_reason: bool,
    /// Checked and shown for confirmation: Enter voids, Esc goes back.
    pub confirm: bool,
    error: Option<Msg>,
    pub busy: bool,
}

/// A step named in one line: when, what, who.
fn step_name(step: &Step, view: &View) -> String {
    format!(
        "{} {} {}",
        step.at.format("%Y-%m-%d %H:%M"),
        view.t(step.kind.label_key()),
        step.officer
    )
}

impl VoidDialog {
    /// The dialog over `steps`, the latest step that may be voided chosen: the one a
    /// mistake is most often in, and the only one later steps cannot depend on.
    pub fn new(steps: &[Step]) -> VoidDialog {
        let choices: Vec<usize> = steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind != StepKind::Registered && s.voided.is_none())
            .map(|(i, _)| i)
            .collect();
        VoidDialog {
            steps: steps.to_vec(),
            pick: choices.len().saturating_sub(1),
            choices,
            reason: TextField::default(),
            on_reason: false,
            confirm: false,
            error: None,
            busy: false,
        }
    }

    /// The index (among the case's steps) of the step chosen.
    pub fn chosen(&self) -> Option<usize> {
        self.choices.get(self.pick).copied()
    }

    pub fn text_focused(&self) -> bool {
        self.on_reason && !self.confirm
    }

    pub fn error(&self) -> Option<&Msg> {
        self.error.as_ref()
    }

    /// The store refused: say why, and let the reason be changed.
    pub fn refused(&mut self, msg: Msg) {
        self.error = Some(msg);
        self.confirm = false;
        self.busy = false;
    }

    fn choose(&mut self, forward: bool) {
        let n = self.choices.len();
        if n > 0 {
            self.pick = if forward {
                (self.pick + 1) % n
            } else {
                (self.pick + n - 1) % n
            };
            self.error = None;
        }
    }

    pub fn update(&mut self, action: &Action) -> VoidOutcome {
        if self.busy {
            return VoidOutcome::Stay;
        }
        if self.confirm {
            match action {
                Action::Back => self.confirm = false,
                Action::Submit | Action::Save => {
                    if let Some(index) = self.chosen() {
                        self.busy = true;
                        return VoidOutcome::Submit {
                            index,
                            reason: self.reason.value().trim().to_string(),
                        };
                    }
                }
                _ => {}
            }
            return VoidOutcome::Stay;
        }
        match action {
            Action::Back => return VoidOutcome::Cancel,
            Action::NextField | Action::PrevField => self.on_reason = !self.on_reason,
            Action::Save => match self.chosen() {
                None => self.error = Some(Msg::new("tui.petition.void.none")),
                Some(index) => match check_void(&self.steps, index, self.reason.value()) {
                    Ok(_) => {
                        self.error = None;
                        self.confirm = true;
                    }
                    Err(msg) => self.error = Some(msg),
                },
            },
            Action::CursorLeft | Action::MoveUp if !self.on_reason => self.choose(false),
            Action::CursorRight | Action::MoveDown | Action::Toggle if !self.on_reason => {
                self.choose(true);
            }
            edit if self.on_reason && self.reason.apply(edit) => self.error = None,
            _ => {}
        }
        VoidOutcome::Stay
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let inner = chrome::dialog(
            frame,
            area,
            view,
            (72, 10),
            view.t("tui.petition.void.title"),
        );
        let Some(index) = self.chosen() else {
            frame.render_widget(
                Paragraph::new(view.t("tui.petition.void.none"))
                    .style(view.theme.muted)
                    .wrap(Wrap { trim: true }),
                inner,
            );
            return;
        };
        let name = self
            .steps
            .get(index)
            .map(|s| step_name(s, view))
            .unwrap_or_default();
        let labels = [
            view.t("tui.petition.void.step"),
            view.t("tui.petition.void.reason"),
        ];
        let cols = labels.iter().map(|l| width(l)).max().unwrap_or(4) + 2;
        let cols16 = u16::try_from(cols).unwrap_or(10);
        let value_w = inner.width.saturating_sub(cols16);
        for (row, label) in labels.iter().enumerate() {
            let y = inner.y + u16::try_from(row * 2).unwrap_or(0);
            if y >= inner.y + inner.height {
                break;
            }
            let focused = (row == 1) == self.on_reason && !self.confirm;
            let style = if focused {
                view.theme.focus
            } else {
                view.theme.muted
            };
            frame.render_widget(
                Span::styled(fit(label, cols), style),
                Rect::new(inner.x, y, cols16, 1),
            );
            let value = Rect::new(inner.x + cols16, y, value_w, 1);
            if row == 0 {
                let line = Line::from(vec![
                    Span::styled("< ", view.theme.key_hint),
                    Span::styled(name.clone(), view.theme.selection),
                    Span::styled(" >", view.theme.key_hint),
                ]);
                frame.render_widget(Paragraph::new(line), value);
            } else {
                let input = if focused {
                    view.theme.input.patch(view.theme.focus)
                } else {
                    view.theme.input
                };
                self.reason.render(frame, value, input, focused);
            }
        }
        let msg_y = inner.y + 4.min(inner.height);
        let msg_area = Rect::new(inner.x, msg_y, inner.width, inner.height.saturating_sub(4));
        let (text, style) = match (&self.error, self.confirm) {
            (Some(err), _) => (err.render(view.lang), view.theme.error),
            (None, true) => (
                tf(view.lang, "tui.petition.void.confirm", &[("step", &name)]),
                view.theme.warning,
            ),
            (None, false) => (view.t("tui.petition.void.hint"), view.theme.muted),
        };
        frame.render_widget(
            Paragraph::new(text).style(style).wrap(Wrap { trim: true }),
            msg_area,
        );
    }
}
