//! A multi-line text field: the cursor moves and deletes by grapheme (a Chinese character,
//! a letter with its combining marks), columns count display width, and the drawing wraps
//! long lines and scrolls so that the cursor line shows.
use crate::tui::action::Action;
use crate::tui::widgets::text;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone)]
pub struct TextArea {
    lines: Vec<String>,
    row: usize,
    /// Byte offset in `lines[row]`, always on a grapheme boundary.
    col: usize,
    max: usize,
}

impl TextArea {
    pub fn new(max: usize) -> TextArea {
        TextArea {
            lines: vec![String::new()],
            row: 0,
            col: 0,
            max,
        }
    }

    pub fn value(&self) -> String {
        self.lines.join("\n")
    }

    /// Replaces the text; the cursor goes to the end.
    pub fn set_value(&mut self, value: &str) {
        let clean: String = value
            .nfc()
            .filter(|c| *c == '\n' || !c.is_control())
            .collect();
        self.lines = clean.split('\n').map(str::to_string).collect();
        if self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.row = self.lines.len() - 1;
        self.col = self.lines[self.row].len();
    }

    /// `(line, display column)` of the cursor.
    pub fn cursor(&self) -> (usize, usize) {
        (self.row, text::width(&self.lines[self.row][..self.col]))
    }

    fn chars(&self) -> usize {
        self.lines.iter().map(|l| l.chars().count()).sum::<usize>() + self.lines.len() - 1
    }

    fn line(&self) -> &str {
        &self.lines[self.row]
    }

    fn prev_boundary(&self) -> Option<usize> {
        self.line()[..self.col]
            .grapheme_indices(true)
            .next_back()
            .map(|(i, _)| i)
    }

    fn next_boundary(&self) -> Option<usize> {
        self.line()[self.col..]
            .graphemes(true)
            .next()
            .map(|g| self.col + g.len())
    }

    /// Applies an editing action; returns whether the text changed. `Open` (Enter) breaks
    /// the line.
    pub fn apply(&mut self, action: &Action) -> bool {
        let before = self.value();
        match action {
            Action::Type(c) => self.insert(&c.to_string()),
            Action::Paste(s) => self.insert(s),
            Action::Open => self.insert("\n"),
            Action::CursorLeft => self.left(),
            Action::CursorRight => self.right(),
            Action::CursorStart => self.col = 0,
            Action::CursorEnd => self.col = self.line().len(),
            Action::MoveUp => {
                self.vertical(-1);
            }
            Action::MoveDown => {
                self.vertical(1);
            }
            Action::DeleteBack => self.delete_back(),
            Action::DeleteForward => self.delete_forward(),
            Action::DeleteWordBack => self.delete_word_back(),
            Action::ClearField => {
                self.lines = vec![String::new()];
                self.row = 0;
                self.col = 0;
            }
            _ => {}
        }
        self.value() != before
    }

    /// Moves the cursor a line up or down, keeping its display column; `false` at the edge.
    pub fn vertical(&mut self, delta: isize) -> bool {
        let Some(row) = self.row.checked_add_signed(delta) else {
            return false;
        };
        if row >= self.lines.len() {
            return false;
        }
        let (_, want) = self.cursor();
        self.row = row;
        let mut used = 0;
        self.col = self.lines[row].len();
        for (i, g) in self.lines[row].grapheme_indices(true) {
            if used + text::width(g) > want {
                self.col = i;
                break;
            }
            used += text::width(g);
        }
        true
    }

    pub fn at_first_line(&self) -> bool {
        self.row == 0
    }

    pub fn at_last_line(&self) -> bool {
        self.row + 1 == self.lines.len()
    }

    fn left(&mut self) {
        match self.prev_boundary() {
            Some(i) => self.col = i,
            None if self.row > 0 => {
                self.row -= 1;
                self.col = self.line().len();
            }
            None => {}
        }
    }

    fn right(&mut self) {
        match self.next_boundary() {
            Some(i) => self.col = i,
            None if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.col = 0;
            }
            None => {}
        }
    }

    fn insert(&mut self, s: &str) {
        let room = self.max.saturating_sub(self.chars());
        let clean: String = s
            .replace("\r\n", "\n")
            .nfc()
            .map(|c| match c {
                '\r' => '\n',
                '\t' => ' ',
                other => other,
            })
            .filter(|c| *c == '\n' || !c.is_control())
            .take(room)
            .collect();
        for (i, part) in clean.split('\n').enumerate() {
            if i > 0 {
                let rest = self.lines[self.row].split_off(self.col);
                self.lines.insert(self.row + 1, rest);
                self.row += 1;
                self.col = 0;
            }
            self.lines[self.row].insert_str(self.col, part);
            self.col += part.len();
        }
        // Typing a combining mark joins the grapheme before; keep the cursor on a boundary.
        let line = &self.lines[self.row];
        if !line.is_char_boundary(self.col) {
            self.col = line.len();
        }
    }

    fn delete_back(&mut self) {
        match self.prev_boundary() {
            Some(i) => {
                self.lines[self.row].replace_range(i..self.col, "");
                self.col = i;
            }
            None if self.row > 0 => {
                let line = self.lines.remove(self.row);
                self.row -= 1;
                self.col = self.lines[self.row].len();
                self.lines[self.row].push_str(&line);
            }
            None => {}
        }
    }

    fn delete_forward(&mut self) {
        match self.next_boundary() {
            Some(i) => self.lines[self.row].replace_range(self.col..i, ""),
            None if self.row + 1 < self.lines.len() => {
                let next = self.lines.remove(self.row + 1);
                self.lines[self.row].push_str(&next);
            }
            None => {}
        }
    }

    fn delete_word_back(&mut self) {
        let before = &self.line()[..self.col];
        let trimmed = before.trim_end();
        let start = trimmed
            .unicode_word_indices()
            .next_back()
            .map_or(0, |(i, _)| i);
        if start == self.col {
            self.delete_back();
        } else {
            self.lines[self.row].replace_range(start..self.col, "");
            self.col = start;
        }
    }

    /// The lines as drawn `cols` wide: `(logical line, byte start, text)` of every row.
    fn wrapped(&self, cols: usize) -> Vec<(usize, usize, &str)> {
        let cols = cols.max(2);
        let mut out = Vec::new();
        for (n, line) in self.lines.iter().enumerate() {
            let mut start = 0;
            let mut used = 0;
            for (i, g) in line.grapheme_indices(true) {
                let w = text::width(g);
                if used + w > cols {
                    out.push((n, start, &line[start..i]));
                    start = i;
                    used = 0;
                }
                used += w;
            }
            out.push((n, start, &line[start..]));
        }
        out
    }

    /// The row and column the cursor is drawn at when wrapped `cols` wide (one column is
    /// kept free for the cursor at the end of a full row).
    fn cursor_cell(&self, rows: &[(usize, usize, &str)]) -> (usize, usize) {
        let mut at = (0, 0);
        for (i, (n, start, text)) in rows.iter().enumerate() {
            if *n == self.row && *start <= self.col {
                at = (i, text::width(&self.lines[*n][*start..self.col]));
                let _ = text;
            }
        }
        at
    }

    /// Draws the text wrapped into `area`, scrolled to show the cursor, and puts the terminal
    /// cursor there when `focused`.
    pub fn render(&self, frame: &mut Frame, area: Rect, style: Style, focused: bool) {
        if area.width < 2 || area.height == 0 {
            return;
        }
        let cols = usize::from(area.width) - 1;
        let rows = self.wrapped(cols);
        let (crow, ccol) = self.cursor_cell(&rows);
        let height = usize::from(area.height);
        let top = (crow + 1).saturating_sub(height);
        let lines: Vec<Line> = rows
            .iter()
            .skip(top)
            .take(height)
            .map(|(_, _, t)| Line::styled(text::fit(t, cols + 1), style))
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        if focused {
            let x = area.x + u16::try_from(ccol.min(cols)).unwrap_or(0);
            let y = area.y + u16::try_from(crow - top).unwrap_or(0);
            frame.set_cursor_position(Position::new(x, y));
        }
    }

    /// Rows the text takes wrapped `cols` wide.
    pub fn rows(&self, cols: usize) -> usize {
        self.wrapped(cols.saturating_sub(1)).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> TextArea {
        let mut t = TextArea::new(100);
        for c in s.chars() {
            if c == '\n' {
                t.apply(&Action::Open);
            } else {
                t.apply(&Action::Type(c));
            }
        }
        t
    }

    #[test]
    fn moves_and_deletes_by_grapheme() {
        let mut t = typed("张三e\u{301}");
        assert_eq!(t.cursor(), (0, 5));
        t.apply(&Action::DeleteBack);
        assert_eq!(t.value(), "张三");
        t.apply(&Action::CursorLeft);
        assert_eq!(t.cursor(), (0, 2));
        t.apply(&Action::DeleteForward);
        assert_eq!(t.value(), "张");
    }

    #[test]
    fn lines_break_join_and_keep_columns() {
        let mut t = typed("询问抚恤\nab");
        assert_eq!(t.cursor(), (1, 2));
        t.apply(&Action::MoveUp);
        // Column 2 on the line above is after the first Chinese character.
        assert_eq!(t.cursor(), (0, 2));
        t.apply(&Action::CursorEnd);
        t.apply(&Action::DeleteForward);
        assert_eq!(t.value(), "询问抚恤ab");
        t.apply(&Action::Paste("x\r\ny".into()));
        assert_eq!(t.value(), "询问抚恤x\nyab");
        t.apply(&Action::CursorStart);
        t.apply(&Action::DeleteBack);
        assert_eq!(t.value(), "询问抚恤xyab");
    }

    #[test]
    fn the_limit_holds_and_wrapping_never_splits() {
        let mut t = TextArea::new(3);
        t.apply(&Action::Paste("张三丰李".into()));
        assert_eq!(t.value(), "张三丰");
        let w = t.wrapped(5);
        assert_eq!(w.iter().map(|r| r.2).collect::<Vec<_>>(), ["张三", "丰"]);
        assert_eq!(t.rows(6), 2);
    }
}
