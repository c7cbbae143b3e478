//! The small forms of the account screens: labelled one-line fields, some masked (one `*`
//! per character, the value never drawn), some a choice among a few options. Every field
//! takes typed characters, so letters reach it even where the keymap has shortcuts.
use crate::tui::action::Action;
use crate::tui::screens::View;
use crate::tui::widgets::chrome;
use crate::tui::widgets::input::TextField;
use crate::tui::widgets::text;
use ratatui::Frame;
use ratatui::layout::{Alignment, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A password: drawn as `*`s, edited at the end only.
    Secret,
    /// One of these catalog keys; Space, Left and Right change it, typing its first letter
    /// picks it.
    Choice(&'static [&'static str]),
}

#[derive(Clone)]
pub struct Field {
    pub label: &'static str,
    pub kind: Kind,
    pub input: TextField,
    pub choice: usize,
}

impl Field {
    pub fn new(label: &'static str, kind: Kind) -> Field {
        Field {
            label,
            kind,
            input: TextField::default(),
            choice: 0,
        }
    }
}

#[derive(Clone)]
pub struct Form {
    pub fields: Vec<Field>,
    pub focus: usize,
}

// Never print what was typed into a secret field.
impl std::fmt::Debug for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut list = f.debug_list();
        for field in &self.fields {
            match field.kind {
                Kind::Secret => list.entry(&(field.label, "***")),
                Kind::Text => list.entry(&(field.label, field.input.value())),
                Kind::Choice(options) => list.entry(&(field.label, options[field.choice])),
            };
        }
        list.finish()
    }
}

impl Form {
    pub fn new(fields: Vec<Field>) -> Form {
        Form { fields, focus: 0 }
    }

    pub fn value(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| f.input.value())
    }

    pub fn choice(&self, i: usize) -> usize {
        self.fields.get(i).map_or(0, |f| f.choice)
    }

    pub fn set_value(&mut self, i: usize, value: &str) {
        if let Some(f) = self.fields.get_mut(i) {
            f.input.set_value(value);
        }
    }

    pub fn focus_on(&mut self, i: usize) {
        if i < self.fields.len() {
            self.focus = i;
        }
    }

    pub fn on_last(&self) -> bool {
        self.focus + 1 >= self.fields.len()
    }

    /// Empties every secret field (after a submit, whatever its outcome).
    pub fn clear_secrets(&mut self) {
        for f in &mut self.fields {
            if f.kind == Kind::Secret {
                f.input.set_value("");
            }
        }
    }

    /// Moves between fields and edits the focused one; returns whether it was used.
    pub fn apply(&mut self, action: &Action) -> bool {
        let count = self.fields.len().max(1);
        match action {
            Action::NextField => {
                self.focus = (self.focus + 1) % count;
                return true;
            }
            Action::PrevField => {
                self.focus = (self.focus + count - 1) % count;
                return true;
            }
            _ => {}
        }
        let Some(field) = self.fields.get_mut(self.focus) else {
            return false;
        };
        match field.kind {
            Kind::Text => field.input.apply(action),
            Kind::Secret => match action {
                // The cursor stays at the end: nothing to see, nothing to move over.
                Action::Type(_)
                | Action::Paste(_)
                | Action::DeleteBack
                | Action::DeleteWordBack
                | Action::ClearField => {
                    if matches!(action, Action::DeleteWordBack) {
                        field.input.set_value("");
                        true
                    } else {
                        field.input.apply(action)
                    }
                }
                _ => false,
            },
            Kind::Choice(options) => {
                let n = options.len().max(1);
                match action {
                    Action::Type(' ') | Action::CursorRight | Action::Toggle => {
                        field.choice = (field.choice + 1) % n;
                        true
                    }
                    Action::CursorLeft => {
                        field.choice = (field.choice + n - 1) % n;
                        true
                    }
                    Action::Type(c) => {
                        let digit = c.to_digit(10).map(|d| d as usize);
                        if let Some(d) = digit.filter(|d| (1..=n).contains(d)) {
                            field.choice = d - 1;
                            return true;
                        }
                        // The option's key ends with its name: `level.county` picks on `c`.
                        let lower = c.to_ascii_lowercase();
                        match options.iter().position(|k| {
                            k.rsplit('.').next().and_then(|n| n.chars().next()) == Some(lower)
                        }) {
                            Some(i) => {
                                field.choice = i;
                                true
                            }
                            None => false,
                        }
                    }
                    _ => false,
                }
            }
        }
    }

    /// Rows the form takes when drawn.
    pub fn rows(&self) -> u16 {
        u16::try_from(self.fields.len()).unwrap_or(u16::MAX)
    }

    /// Draws the fields one per row in `area`, labels in a column of their widest width,
    /// and puts the terminal cursor on the focused text field.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let labels: Vec<String> = self.fields.iter().map(|f| view.t(f.label)).collect();
        let label_cols = labels.iter().map(|l| text::width(l)).max().unwrap_or(0) + 2;
        let label_cols = label_cols.min(usize::from(area.width) / 2);
        let value_x = area.x + u16::try_from(label_cols).unwrap_or(0);
        let value_w = area
            .width
            .saturating_sub(u16::try_from(label_cols).unwrap_or(0));
        for (i, (field, label)) in self.fields.iter().zip(&labels).enumerate() {
            let y = area.y + u16::try_from(i).unwrap_or(u16::MAX);
            if y >= area.bottom() {
                break;
            }
            let focused = i == self.focus;
            let label_style = if focused {
                view.theme.focus
            } else {
                view.theme.text
            };
            let label_area = Rect::new(area.x, y, value_x - area.x, 1);
            frame.render_widget(
                Span::styled(text::fit(label, label_cols), label_style),
                label_area,
            );
            let value_area = Rect::new(value_x, y, value_w, 1);
            let style = if focused {
                view.theme.focus
            } else {
                view.theme.text
            };
            match field.kind {
                Kind::Text => field.input.render(frame, value_area, style, focused),
                Kind::Secret => {
                    let stars = "*".repeat(field.input.value().chars().count());
                    let cols = usize::from(value_w.saturating_sub(1));
                    let shown = text::skip_columns(&stars, stars.len().saturating_sub(cols));
                    frame.render_widget(Span::styled(shown.to_string(), style), value_area);
                    if focused {
                        let x = value_x + u16::try_from(shown.len()).unwrap_or(0);
                        frame.set_cursor_position(Position::new(x, y));
                    }
                }
                Kind::Choice(options) => {
                    let mut spans = Vec::new();
                    for (k, key) in options.iter().enumerate() {
                        let word = format!("{}:{}  ", k + 1, view.t(key));
                        let s = if k == field.choice {
                            view.theme.selection
                        } else {
                            view.theme.muted
                        };
                        spans.push(Span::styled(word, s));
                    }
                    frame.render_widget(Line::from(spans), value_area);
                    if focused {
                        frame.set_cursor_position(Position::new(value_x, y));
                    }
                }
            }
        }
    }
}

/// A centred box of at most `width` columns and `height` rows in `area`.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The frame of an account screen: a box with `title`, an introduction, the form, and a
/// message (an error in the error style).
pub fn draw_panel(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    title: &str,
    intro: &[String],
    form: &Form,
    message: Option<(&str, bool)>,
) {
    let width = if area.width >= 100 { 76 } else { 70 };
    // The introduction wrapped at phrase ends, so that a key stays with what it does.
    let text_cols = usize::from(width.min(area.width).saturating_sub(4)).max(1);
    let intro: Vec<String> = intro
        .iter()
        .flat_map(|l| text::wrap_phrases(l, text_cols))
        .collect();
    let intro_rows = u16::try_from(intro.len()).unwrap_or(0);
    let height = intro_rows + form.rows() + 6;
    let outer = centred(area, width, height);
    chrome::clear_popup(frame, outer);
    let block = chrome::boxed(title.to_string(), view);
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    let lines: Vec<Line> = intro
        .iter()
        .map(|l| Line::styled(l.clone(), view.theme.muted))
        .collect();
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(inner.x, inner.y, inner.width, intro_rows),
    );
    let form_area = Rect::new(
        inner.x,
        inner.y + intro_rows + 1,
        inner.width,
        form.rows().min(inner.height.saturating_sub(intro_rows + 1)),
    );
    form.render(frame, form_area, view);
    if let Some((text, is_error)) = message {
        let style: Style = if is_error {
            view.theme.error
        } else {
            view.theme.muted
        };
        let y = form_area.bottom() + 1;
        if y < inner.bottom() {
            frame.render_widget(
                Paragraph::new(Line::styled(text.to_string(), style))
                    .wrap(Wrap { trim: true })
                    .alignment(Alignment::Left),
                Rect::new(inner.x, y, inner.width, inner.bottom() - y),
            );
        }
    }
}
