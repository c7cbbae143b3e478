//! Drawing the whole frame from state alone: the chrome, the screen, the gate and help.
use super::*;
use crate::tui::screens::View;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

impl App {
    pub(super) fn view(&self) -> View<'_> {
        View {
            lang: self.lang,
            theme: &self.theme,
            keymap: &self.keymap,
            today: self.now.date(),
            index: &self.index,
        }
    }

    /// Draws the whole frame from state alone.
    pub fn render(&self, frame: &mut Frame) {
        let view = self.view();
        let area = frame.area();
        if area.width < chrome::MIN_WIDTH || area.height < chrome::MIN_HEIGHT {
            chrome::too_small(frame, &view);
            return;
        }
        chrome::background(frame, self.theme.text);
        let waiting = self.waiting_text().or_else(|| self.work_text());
        let message = match &waiting {
            Some(text) => Some((text.as_str(), false)),
            None => self.status.as_ref().map(|s| (s.text.as_str(), s.is_error)),
        };
        let status_rows = chrome::status_rows(area.width, message.map(|(m, _)| m));
        let [title, tabs, body, status, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(status_rows),
            Constraint::Length(1),
        ])
        .areas(area);
        let officer = match (&self.session, &self.officer) {
            (Some(s), _) => s.display_name.clone(),
            (None, Some(name)) => name.clone(),
            (None, None) => view.t("tui.app.no_officer"),
        };
        let now = self.now.format("%Y-%m-%d %H:%M").to_string();
        chrome::title_bar(frame, title, &view, &self.station, &officer, &now);
        // The login, first-run or lock screen alone; nothing of the screens under it.
        if let Some(gate) = &self.gate {
            gate.render(frame, body, &view);
            chrome::status_line(frame, status, &view, message, "");
            chrome::hints(
                frame,
                hints,
                &view,
                &self.sections(),
                gate.hints(),
                gate.text_focused(),
            );
            self.render_notice(frame);
            return;
        }
        chrome::tabs(frame, tabs, &view, self.top().id().tab());
        self.top().render(frame, body, &view);
        let index_note = match &self.index {
            IndexStatus::Loading => view.t("tui.app.index_loading"),
            IndexStatus::Ready { people } => {
                crate::i18n::tf(self.lang, "tui.app.index_ready", &[("count", people)])
            }
            IndexStatus::Failed(_) => view.t("tui.app.index_unavailable"),
        };
        chrome::status_line(frame, status, &view, message, &index_note);
        let sections = self.sections();
        chrome::hints(
            frame,
            hints,
            &view,
            &sections,
            self.top().hints(),
            self.text_focused(),
        );
        if let Some(help) = &self.help {
            let sections = self.help_sections();
            let title = view.t(self.top().id().title_key());
            help.render(
                frame,
                area,
                &view,
                &title,
                &sections,
                self.top().text_focused(),
            );
        }
        self.render_notice(frame);
    }

    /// The start-up notice, over everything else.
    fn render_notice(&self, frame: &mut Frame) {
        if !self.notices.is_empty() {
            let area = frame.area();
            crate::tui::widgets::notice::render(frame, area, &self.view(), &self.notices);
        }
    }

    /// "Waiting for another desk…", while a save waits.
    pub(super) fn waiting_text(&self) -> Option<String> {
        self.write_wait
            .map(|secs| crate::i18n::tf(self.lang, "store_open.waiting", &[("secs", &secs)]))
    }

    /// Whether the status line says a save is waiting for another desk.
    pub fn write_waiting(&self) -> bool {
        self.write_wait.is_some()
    }
}
