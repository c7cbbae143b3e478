//! Drawing the step dialog: the fields its step needs, the choices of step and of delivery,
//! and under them the refusal, the warning that the step will be late, or the hint.
use super::{Choice, StepDialog, StepField};
use crate::domain::petition::{Delivery, StepKind};
use crate::i18n::tf;
use crate::tui::screens::View;
use crate::tui::widgets::chrome;
use crate::tui::widgets::text::{fit, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

impl StepDialog {
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let w = area.width.saturating_sub(4).min(72);
        let why_not = self.not_offered_lines(view);
        let rows = u16::try_from(self.fields().len() * 2 + 4 + why_not.len()).unwrap_or(12);
        let h = rows.max(12).min(area.height);
        let x = area.x + (area.width.saturating_sub(w)) / 2;
        let y = area.y + (area.height.saturating_sub(h)) / 2;
        let rect = Rect::new(x, y, w, h);
        // The box's rows are cleared across the case view, inside its frame: a line of the
        // case cut by the box would leave fragments beside it ("ang", "g", " 档案"), and a
        // wide character just left of the box would spill over its border.
        let band = Rect::new(area.x + 1, y, area.width.saturating_sub(2), h).intersection(area);
        chrome::clear_popup(frame, band);
        frame.render_widget(Paragraph::new("").style(view.theme.text), band);
        let title = if self.confirm.is_some() {
            "tui.petition.confirm.title"
        } else {
            "tui.petition.step.title"
        };
        let block = chrome::boxed(view.t(title), view)
            .border_style(view.theme.focus)
            .style(view.theme.text);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        if let Some(step) = &self.confirm {
            self.render_confirm(step, frame, inner, view);
            return;
        }
        if self.allowed.is_empty() {
            let mut lines = vec![Line::styled(
                view.t("tui.petition.step.none_allowed"),
                view.theme.muted,
            )];
            lines.extend(why_not);
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
            return;
        }
        let labels: Vec<(StepField, String)> = self
            .fields()
            .into_iter()
            .map(|f| {
                let late_request = matches!(
                    self.kind(),
                    Some(StepKind::ReviewRequested | StepKind::ReReviewRequested)
                ) && self.lateness(view.today).is_some();
                let key = match f {
                    StepField::Kind => "tui.petition.step.kind",
                    StepField::At if self.choice() == Some(Choice::Delivered) => {
                        "petition.delivery.received_on"
                    }
                    StepField::At => "tui.petition.step.at",
                    StepField::Note => match self.kind() {
                        Some(StepKind::NotAccepted | StepKind::Extended) => {
                            "tui.petition.step.reason"
                        }
                        Some(StepKind::Replied) => "petition.delivery.content",
                        Some(StepKind::FeedbackReceived) => "tui.petition.step.feedback",
                        Some(StepKind::Reopened) => "tui.petition.step.reopen_reason",
                        _ if late_request => "tui.petition.step.reason",
                        _ => "tui.petition.step.note",
                    },
                    StepField::Forward if self.kind() == Some(StepKind::NotAccepted) => {
                        "tui.petition.step.redirect"
                    }
                    StepField::Forward => "tui.petition.step.forward",
                    StepField::Days => "tui.petition.step.days",
                    StepField::Method => "petition.delivery.method",
                    StepField::Delivered => "petition.delivery.received_on",
                };
                (f, view.t(key))
            })
            .collect();
        // The labels take what the longest needs, but never more than a third of the dialog:
        // the step chooser and the fields keep their room.
        let label_cols = (labels.iter().map(|(_, l)| width(l)).max().unwrap_or(4) + 2)
            .min(usize::from(inner.width) / 3);
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
                    let names: Vec<String> = self
                        .allowed
                        .iter()
                        .map(|k| match k {
                            Choice::Step(k) => view.t(k.label_key()),
                            Choice::Delivered => view.t("petition.delivery.choice"),
                        })
                        .collect();
                    // When the choices are wider than the field, the chosen one stays in
                    // sight: those before it give way first.
                    let room = usize::from(value_w).saturating_sub(4);
                    let mut first = 0;
                    while first < self.kind
                        && names[first..=self.kind.min(names.len().saturating_sub(1))]
                            .iter()
                            .map(|n| width(n) + 1)
                            .sum::<usize>()
                            > room
                    {
                        first += 1;
                    }
                    let mut spans = vec![Span::styled(
                        if first > 0 { "<…" } else { "< " },
                        view.theme.key_hint,
                    )];
                    for (i, name) in names.into_iter().enumerate().skip(first) {
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
                StepField::Method => {
                    let names = Delivery::ALL.iter().map(|m| view.t(m.label_key()));
                    let row = chrome::choice_row(names, self.method, view);
                    frame.render_widget(Paragraph::new(row), value_area);
                }
                StepField::Delivered => self.delivered.render(frame, value_area, style, focused),
                StepField::At => self.at.render(frame, value_area, style, focused),
                StepField::Note => self.note.render(frame, value_area, style, focused),
                StepField::Forward => self.forward.render(frame, value_area, style, focused),
                StepField::Days => self.days.render(frame, value_area, style, focused),
            }
        }
        // Under the fields, why the other steps are not offered: the list never shrinks
        // without a word.
        let fields_end = inner.y + u16::try_from(labels.len() * 2).unwrap_or(0);
        let bottom = inner.y + inner.height.saturating_sub(2);
        let room = bottom.saturating_sub(fields_end);
        if room > 0 && !why_not.is_empty() {
            frame.render_widget(
                Paragraph::new(why_not),
                Rect::new(inner.x, fields_end, inner.width, room),
            );
        }
        let msg_area = Rect::new(inner.x, bottom, inner.width, 2);
        if let Some(err) = &self.error {
            frame.render_widget(
                Paragraph::new(err.render(view.lang))
                    .style(view.theme.error)
                    .wrap(Wrap { trim: true }),
                msg_area,
            );
        } else if let (Some((due, days)), false) = (self.lateness(view.today), self.busy) {
            // Said before saving: the step will be kept as late for ever.
            let due = due.format("%Y-%m-%d").to_string();
            frame.render_widget(
                Paragraph::new(tf(
                    view.lang,
                    "petition.step.will_be_late",
                    &[("due", &due), ("days", &days)],
                ))
                .style(view.theme.warning)
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

    /// One line for each reason a step is not offered, the steps it holds back named
    /// together, each cut to the dialog's width.
    fn not_offered_lines<'a>(&self, view: &View) -> Vec<Line<'a>> {
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for (kind, why) in self.not_offered(&self.officer) {
            let why = why.render(view.lang);
            let name = view.t(kind.label_key());
            match groups.iter_mut().find(|(w, _)| *w == why) {
                Some((_, names)) => names.push(name),
                None => groups.push((why, vec![name])),
            }
        }
        let sep = match view.lang {
            crate::i18n::Lang::Zh => "、",
            crate::i18n::Lang::En => ", ",
        };
        groups
            .into_iter()
            .map(|(why, names)| {
                Line::styled(
                    tf(
                        view.lang,
                        "tui.petition.step.not_offered",
                        &[("kind", &names.join(sep)), ("reason", &why)],
                    ),
                    view.theme.muted,
                )
            })
            .collect()
    }
}
