//! The screen as text: the whole frame, or only some of its rows, such as the body between
//! the chrome. A snapshot of the body does not change when the title bar or the key hints
//! do, so each one changes only for a change to its own screen.
use super::Harness;
use ratatui::buffer::Buffer;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// Rows of chrome above the body (title bar, tabs) and below it (status line, key hints).
pub const CHROME_ABOVE: u16 = 2;
pub const CHROME_BELOW: u16 = 2;

impl Harness {
    /// The frame drawn at `w`x`h`, cell by cell.
    pub fn buffer(&mut self, w: u16, h: u16) -> Buffer {
        self.resize(w, h);
        let backend = ratatui::backend::TestBackend::new(w, h);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal.draw(|f| self.app.render(f)).unwrap();
        terminal.backend().buffer().clone()
    }

    /// The screen's body drawn at `w`x`h`: the rows between the title bar and tabs above and
    /// the status line and key hints below, as [`rows_text`] writes them.
    pub fn draw_body(&mut self, w: u16, h: u16) -> String {
        assert!(
            w >= 80 && h >= 24,
            "below 80x24 the program shows a notice and no body"
        );
        self.draw_rows(w, h, CHROME_ABOVE..h - CHROME_BELOW)
    }

    /// The rows `rows` of the frame drawn at `w`x`h`, as [`rows_text`] writes them.
    pub fn draw_rows(&mut self, w: u16, h: u16, rows: Range<u16>) -> String {
        rows_text(&self.buffer(w, h), rows)
    }
}

/// One quoted line a row, so that blanks at either end stay visible; a wide character
/// takes its two columns and the cell it covers is left out.
pub fn rows_text(buffer: &Buffer, rows: Range<u16>) -> String {
    let mut out = String::new();
    for y in rows {
        let mut line = String::new();
        let mut covered = 0;
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            if covered > 0 {
                covered -= 1;
                continue;
            }
            line.push_str(symbol);
            covered = symbol.width().saturating_sub(1);
        }
        out.push('"');
        out.push_str(&line);
        out.push_str("\"\n");
    }
    out
}
