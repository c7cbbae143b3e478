//! The case view's notice chooser (出具文书): the notices the case's steps allow, one of
//! which Enter issues; and the lines of the case's history that list the notices issued.
use crate::domain::petition::Step;
use crate::domain::petition::notice::NoticeKind;
use crate::store::notices::IssuedNotice;
use crate::tui::action::Action;
use crate::tui::screens::View;
use crate::tui::widgets::chrome;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// What a key in the chooser did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuOutcome {
    Stay,
    Cancel,
    Issue(NoticeKind),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeMenu {
    kinds: Vec<NoticeKind>,
    selected: usize,
}

impl NoticeMenu {
    /// The chooser for a case with these steps, on the notice of its latest step.
    pub fn new(steps: &[Step]) -> NoticeMenu {
        // A voided step's notice is not offered: `available` passes over it.
        let kinds = NoticeKind::available(steps);
        let selected = kinds.len().saturating_sub(1);
        NoticeMenu { kinds, selected }
    }

    pub fn update(&mut self, action: &Action) -> MenuOutcome {
        match action {
            Action::MoveUp => self.selected = self.selected.saturating_sub(1),
            Action::MoveDown => {
                self.selected = (self.selected + 1).min(self.kinds.len().saturating_sub(1));
            }
            Action::Open | Action::Submit | Action::Save => {
                return match self.kinds.get(self.selected) {
                    Some(k) => MenuOutcome::Issue(*k),
                    None => MenuOutcome::Cancel,
                };
            }
            Action::Back => return MenuOutcome::Cancel,
            _ => {}
        }
        MenuOutcome::Stay
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let rows = u16::try_from(self.kinds.len()).unwrap_or(6) + 4;
        let inner = chrome::dialog(
            frame,
            area,
            view,
            (56, rows),
            view.t("tui.action.issue_notice"),
        );
        let mut lines = vec![Line::styled(
            view.t("record_notices.menu_title"),
            view.theme.muted,
        )];
        if self.kinds.is_empty() {
            lines.push(Line::styled(
                view.t("record_notices.menu_empty"),
                view.theme.muted,
            ));
        }
        for (i, kind) in self.kinds.iter().enumerate() {
            // The titles are the papers' own, in Chinese, whatever the screen's language.
            let text = format!(
                "{} {}",
                if i == self.selected { ">" } else { " " },
                kind.title()
            );
            let style = if i == self.selected {
                view.theme.selection
            } else {
                view.theme.text
            };
            lines.push(Line::styled(text, style));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// The case history's list of notices issued: when, which, which file, by whom.
pub fn history_lines<'a>(notices: &[IssuedNotice], view: &View) -> Vec<Line<'a>> {
    if notices.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![
        Line::from(""),
        Line::styled(view.t("record_notices.history"), view.theme.title),
    ];
    for n in notices {
        let title = NoticeKind::parse(&n.kind).map_or_else(|| n.kind.clone(), NoticeKind::title);
        let at: String = n.at.chars().take(16).collect();
        lines.push(Line::styled(
            crate::i18n::tf(
                view.lang,
                "record_notices.history_line",
                &[
                    ("at", &at),
                    ("notice", &title),
                    ("file", &n.file),
                    ("actor", &n.actor),
                ],
            ),
            view.theme.text,
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::petition::StepKind;
    use crate::domain::petition::void::StepVoid;
    use chrono::NaiveDate;

    #[test]
    fn a_voided_acceptance_offers_no_acceptance_notice() {
        let at = NaiveDate::from_ymd_opt(2026, 12, 3)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("a valid time");
        let mut accepted = Step::new(StepKind::Accepted, at, "wang");
        let live = NoticeMenu::new(std::slice::from_ref(&accepted));
        assert!(live.kinds.contains(&NoticeKind::Accepted));
        accepted.voided = Some(StepVoid {
            by: "admin".into(),
            at,
            reason: "误点".into(),
        });
        let menu = NoticeMenu::new(&[accepted]);
        assert!(!menu.kinds.contains(&NoticeKind::Accepted), "{menu:?}");
    }
}
