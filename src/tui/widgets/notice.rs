//! The start-up notice: every file that could not be read (config, keymap, theme) and the
//! store's own notes, each in full, over whatever screen comes first. A status line of two
//! rows cannot hold three such sentences at 80 columns; this box can, and any key closes it.
use crate::i18n::Msg;
use crate::tui::screens::View;
use crate::tui::widgets::{chrome, text};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Draws the notice for `notices` centred in `area`.
pub fn render(frame: &mut Frame, area: Rect, view: &View, notices: &[Msg]) {
    let width = area.width.saturating_sub(4).min(100);
    let inner = usize::from(width.saturating_sub(4));
    let mut lines: Vec<Line> = text::wrap(&view.t("record_deskday4.notice_intro"), inner)
        .into_iter()
        .map(|row| Line::styled(row, view.theme.text))
        .collect();
    for notice in notices {
        let rows = text::wrap(&notice.render(view.lang), inner.saturating_sub(2));
        for (i, row) in rows.into_iter().enumerate() {
            let lead = if i == 0 { "- " } else { "  " };
            lines.push(Line::styled(format!("{lead}{row}"), view.theme.error));
        }
    }
    lines.push(Line::styled(
        view.t("record_deskday4.notice_close"),
        view.theme.muted,
    ));
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    chrome::clear_popup(frame, popup);
    let block = chrome::boxed(view.t("record_deskday4.notice_title"), view)
        .padding(ratatui::widgets::Padding::horizontal(1));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
