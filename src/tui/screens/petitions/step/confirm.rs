//! The step dialog's confirmation: what will be recorded and the deadline the case will
//! have afterwards (the station's own, or the higher body's answer awaited), computed by
//! the domain as the case screen will show it. Enter records, Esc goes back to change it.
use super::StepDialog;
use crate::domain::petition::{Step, awaited, next_due};
use crate::i18n::tf;
use crate::tui::screens::View;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

impl StepDialog {
    /// The lines of the confirmation of `step`.
    pub(super) fn confirm_lines<'a>(&self, step: &Step, view: &View) -> Vec<Line<'a>> {
        let mut lines = vec![Line::styled(
            view.t("tui.petition.confirm.intro"),
            view.theme.muted,
        )];
        lines.push(Line::styled(
            format!(
                "{}  {}  {}",
                view.t(step.kind.label_key()),
                step.at.format("%Y-%m-%d %H:%M"),
                step.officer
            ),
            view.theme.accent,
        ));
        if let Some(to) = &step.forwarded_to {
            lines.push(Line::from(format!(
                "{} {to}",
                view.t("tui.petition.step.forward")
            )));
        }
        if let Some(days) = step.extension_days {
            lines.push(Line::from(tf(
                view.lang,
                "tui.petition.case.extension_days",
                &[("n", &days)],
            )));
        }
        if let Some(how) = step.delivery {
            let on = step.delivered_on.map_or_else(
                || view.t("petition.delivery.awaiting"),
                |d| d.format("%Y-%m-%d").to_string(),
            );
            lines.push(Line::from(format!("{} {on}", view.t(how.label_key()))));
        }
        if !step.note.is_empty() {
            lines.push(Line::from(step.note.replace('\n', " ")));
        }
        if let Some(after) = self.after_confirm(view.today) {
            let cal = self.calendar();
            let date = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
            let text = match (next_due(&after, cal), awaited(&after, cal)) {
                (Some((kind, due)), _) => tf(
                    view.lang,
                    "tui.petition.confirm.new_deadline",
                    &[("kind", &view.t(kind.label_key())), ("date", &date(due))],
                ),
                (None, Some((kind, due))) => tf(
                    view.lang,
                    "tui.petition.confirm.awaited",
                    &[
                        ("kind", &view.t(kind.label_key())),
                        ("date", &date(due.end)),
                    ],
                ),
                (None, None) => view.t("tui.petition.confirm.no_deadline"),
            };
            lines.push(Line::styled(text, view.theme.warning));
        }
        lines.push(Line::styled(
            view.t("tui.petition.confirm.hint"),
            view.theme.key_hint,
        ));
        lines
    }

    pub(super) fn render_confirm(&self, step: &Step, frame: &mut Frame, inner: Rect, view: &View) {
        frame.render_widget(
            Paragraph::new(self.confirm_lines(step, view)).wrap(Wrap { trim: true }),
            inner,
        );
    }
}
