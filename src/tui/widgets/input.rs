//! A one-line text field for Chinese input: the editing is `tui_input`'s (grapheme-aware,
//! columns by display width); this adds paste, NFC, drawing and the real terminal cursor,
//! which the input method's candidate window follows.
use crate::tui::action::Action;
use crate::tui::widgets::text;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use tui_input::{Input, InputRequest};
use unicode_normalization::UnicodeNormalization;

/// Longest value a field accepts; a paste of a whole document is cut here.
const MAX_CHARS: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct TextField {
    input: Input,
}

impl TextField {
    pub fn value(&self) -> &str {
        self.input.value()
    }

    pub fn set_value(&mut self, value: &str) {
        self.input = Input::new(value.nfc().collect());
    }

    /// Applies an editing action; returns whether the value changed.
    pub fn apply(&mut self, action: &Action) -> bool {
        let before_len = self.input.value().len();
        let before = self.input.value().to_string();
        match action {
            Action::Type(c) => self.insert(&c.to_string()),
            Action::Paste(text) => self.insert(text),
            Action::CursorLeft => self.request(InputRequest::GoToPrevChar),
            Action::CursorRight => self.request(InputRequest::GoToNextChar),
            Action::CursorStart => self.request(InputRequest::GoToStart),
            Action::CursorEnd => self.request(InputRequest::GoToEnd),
            Action::DeleteBack => self.request(InputRequest::DeletePrevChar),
            Action::DeleteForward => self.request(InputRequest::DeleteNextChar),
            Action::DeleteWordBack => self.request(InputRequest::DeletePrevWord),
            Action::ClearField => self.input.reset(),
            _ => {}
        }
        self.input.value().len() != before_len || self.input.value() != before
    }

    fn request(&mut self, req: InputRequest) {
        let _ = self.input.handle(req);
    }

    /// Inserts text at the cursor: line breaks and tabs become spaces, control characters
    /// are dropped, and the result is NFC as every stored text is.
    fn insert(&mut self, text: &str) {
        let room = MAX_CHARS.saturating_sub(self.input.value().chars().count());
        let clean: String = text
            .nfc()
            .map(|c| {
                if c == '\n' || c == '\r' || c == '\t' {
                    ' '
                } else {
                    c
                }
            })
            .filter(|c| !c.is_control())
            .take(room)
            .collect();
        for c in clean.chars() {
            let _ = self.input.handle(InputRequest::InsertChar(c));
        }
    }

    /// Draws the value in `area` (one line), scrolled so that the cursor shows, and when
    /// `focused` puts the terminal cursor on it.
    pub fn render(&self, frame: &mut Frame, area: Rect, style: Style, focused: bool) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let cols = usize::from(area.width);
        // One column stays free at the end for the cursor after the last character.
        let scroll = self.input.visual_scroll(cols.saturating_sub(1));
        let visible = text::truncate(text::skip_columns(self.input.value(), scroll), cols);
        let line_area = Rect { height: 1, ..area };
        frame.render_widget(Span::styled(visible.to_string(), style), line_area);
        if focused {
            let offset = self
                .input
                .visual_cursor()
                .saturating_sub(scroll)
                .min(cols - 1);
            let x = area.x.saturating_add(u16::try_from(offset).unwrap_or(0));
            frame.set_cursor_position(Position::new(x, area.y));
        }
    }

    /// Where the cursor is, in display columns from the start of the value.
    pub fn cursor_column(&self) -> usize {
        self.input.visual_cursor()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_and_editing_count_columns() {
        let mut f = TextField::default();
        for c in "张三".chars() {
            assert!(f.apply(&Action::Type(c)));
        }
        assert_eq!(f.cursor_column(), 4);
        f.apply(&Action::CursorLeft);
        assert_eq!(f.cursor_column(), 2);
        f.apply(&Action::Type('x'));
        assert_eq!(f.value(), "张x三");
        assert!(f.apply(&Action::DeleteBack));
        assert!(!f.apply(&Action::CursorRight) || f.value() == "张三");
        assert_eq!(f.value(), "张三");
    }

    #[test]
    fn paste_is_one_line_and_nfc() {
        let mut f = TextField::default();
        f.apply(&Action::Paste("e\u{301}\nzsf\u{7}".into()));
        assert_eq!(f.value(), "\u{e9} zsf");
    }
}
