//! The frame around the screens: title bar, tabs, status line, key hints, the "too small"
//! notice, and the plain ASCII boxes every screen draws with (box-drawing characters are
//! East-Asian-ambiguous and take two columns in some Chinese terminal setups).
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::screens::{ScreenId, TABS, View};
use crate::tui::widgets::text;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The smallest terminal every screen is drawn for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// `+--+` / `|  |` borders.
pub const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// A bordered box with a title, in the theme's border and title styles.
pub fn boxed<'a>(title: String, view: &View) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_set(ASCII_BORDER)
        .border_style(view.theme.border)
        .title(Span::styled(format!(" {title} "), view.theme.title))
}

/// The notice drawn instead of everything when the terminal is below 80x24.
pub fn too_small(frame: &mut Frame, view: &View) {
    let area = frame.area();
    let msg = crate::i18n::tf(
        view.lang,
        "tui.app.too_small",
        &[
            ("need_w", &MIN_WIDTH),
            ("need_h", &MIN_HEIGHT),
            ("w", &area.width),
            ("h", &area.height),
        ],
    );
    let para = Paragraph::new(msg)
        .style(view.theme.warning)
        .wrap(Wrap { trim: true })
        .alignment(Alignment::Center);
    frame.render_widget(para, area);
}

/// Line 1: station, officer, date and time.
pub fn title_bar(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    station: &str,
    officer: &str,
    now: &str,
) {
    let style = view.theme.title_bar;
    let right = format!("{officer}  {now} ");
    let room = usize::from(area.width).saturating_sub(text::width(&right) + 2);
    let left = format!(" {}", text::truncate(station, room));
    let gap = usize::from(area.width).saturating_sub(text::width(&left) + text::width(&right));
    let line = Line::from(vec![
        Span::styled(left, style),
        Span::styled(" ".repeat(gap), style),
        Span::styled(right, style),
    ]);
    frame.render_widget(Paragraph::new(line).style(style), area);
}

/// Line 2: the F2–F6 tabs, the current one marked.
pub fn tabs(frame: &mut Frame, area: Rect, view: &View, current: ScreenId) {
    let mut spans = vec![Span::styled(" ", view.theme.tab)];
    for (id, action) in TABS.iter() {
        let key = view
            .keymap
            .keys_for(&["global"], action, false)
            .unwrap_or_default();
        let label = format!(" {key} {} ", view.t(id.title_key()));
        let style = if *id == current {
            view.theme.tab_active
        } else {
            view.theme.tab
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::styled(" ", view.theme.tab));
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(view.theme.tab),
        area,
    );
}

/// Rows the status area needs: one, or two when the message does not fit on one row even
/// without the index's note.
pub fn status_rows(width: u16, message: Option<&str>) -> u16 {
    let room = usize::from(width).saturating_sub(2);
    match message {
        Some(m) if text::width(m) > room => 2,
        _ => 1,
    }
}

/// The status area: a message (or nothing) on the left, the index's state on the right. A
/// message too long for the row beside the note takes the whole row (the note yields), and
/// wraps onto a second row when the area has one; it is never cut in the middle of a word.
pub fn status_line(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    message: Option<(&str, bool)>,
    index_note: &str,
) {
    let base = view.theme.status_bar;
    let (msg, style) = match message {
        Some((m, true)) => (m, base.patch(view.theme.error)),
        Some((m, false)) => (m, base),
        None => ("", base),
    };
    let cols = usize::from(area.width);
    let right = format!("{index_note} ");
    let beside = text::width(msg) + 2 + text::width(&right) <= cols;
    let right = if beside { right } else { String::new() };
    let rows = text::wrap(msg, cols.saturating_sub(2));
    let mut lines = Vec::new();
    for (i, row) in rows
        .iter()
        .take(usize::from(area.height).max(1))
        .enumerate()
    {
        let left = format!(" {row}");
        let tail = if i == 0 { right.as_str() } else { "" };
        let gap = cols.saturating_sub(text::width(&left) + text::width(tail));
        lines.push(Line::from(vec![
            Span::styled(left, style),
            Span::styled(" ".repeat(gap), base),
            Span::styled(tail.to_string(), base),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).style(base), area);
}

/// The key-hint line, generated from the keymap for the current screen.
pub fn hints(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    sections: &[&str],
    actions: &[Action],
    text_focused: bool,
) {
    let spans = hint_spans(
        view.keymap,
        view,
        sections,
        actions,
        text_focused,
        usize::from(area.width),
    );
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(view.theme.text),
        area,
    );
}

fn hint_spans<'a>(
    keymap: &Keymap,
    view: &View,
    sections: &[&str],
    actions: &[Action],
    text_focused: bool,
    width: usize,
) -> Vec<Span<'a>> {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for action in actions {
        let (Some(keys), Some(label)) = (
            keymap.keys_for(sections, action, text_focused),
            action_label(view, sections, action),
        ) else {
            continue;
        };
        let label = format!(" {label}  ");
        // A hint cut in the middle ("x Export t") reads as a different key: the hints are
        // in order of importance, so the ones that do not fit whole are left out (F1 lists
        // them all).
        let need = crate::tui::widgets::text::width(&keys)
            + crate::tui::widgets::text::width(label.trim_end());
        if used + need > width {
            break;
        }
        used += need + 2;
        spans.push(Span::styled(keys, view.theme.key_hint));
        spans.push(Span::styled(label, view.theme.muted));
    }
    spans
}

/// What an action is called on a screen: a generic action such as `new_item` reads "New
/// walk-in" on a profile, so a screen's section may name it under `tui.action_in.SECTION`;
/// otherwise the action's own name under `tui.action`.
pub fn action_label(view: &View, sections: &[&str], action: &Action) -> Option<String> {
    let name = action.name()?;
    let catalog = crate::i18n::catalog(view.lang);
    sections
        .iter()
        .find_map(|s| catalog.get(&format!("tui.action_in.{s}.{name}")).cloned())
        .or_else(|| Some(view.t(&format!("tui.action.{name}"))))
}

/// Empties `area` for a popup drawn over a screen. A wide character just left of the area
/// would spill its second half over the popup's left border, so it goes too.
pub fn clear_popup(frame: &mut Frame, area: Rect) {
    frame.render_widget(ratatui::widgets::Clear, area);
    if area.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((area.x - 1, y))
            && text::width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// Draws a focused dialog box titled `title`, at most `max_width` wide and `height` tall,
/// centred in `area`, and gives back the area inside its border. One column more is
/// emptied on each side for a wide character next to the box.
pub fn dialog(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    (max_width, height): (u16, u16),
    title: String,
) -> Rect {
    let w = area.width.saturating_sub(4).min(max_width);
    let h = height.min(area.height);
    let x = area.x + (area.width.saturating_sub(w)) / 2;
    let y = area.y + (area.height.saturating_sub(h)) / 2;
    let rect = Rect::new(x, y, w, h);
    let margin = Rect::new(x.saturating_sub(1), y, w + 2, h).intersection(area);
    frame.render_widget(ratatui::widgets::Clear, margin);
    frame.render_widget(Paragraph::new("").style(view.theme.text), margin);
    let block = boxed(title, view)
        .border_style(view.theme.focus)
        .style(view.theme.text);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// A style for the whole frame's background.
pub fn background(frame: &mut Frame, style: Style) {
    let area = frame.area();
    frame.render_widget(Block::default().style(style), area);
}

/// A choice row, `< one two three >`, the chosen one in the selection style.
pub fn choice_row(
    names: impl IntoIterator<Item = String>,
    chosen: usize,
    view: &View,
) -> Line<'static> {
    let mut spans = vec![Span::styled("< ", view.theme.key_hint)];
    for (i, name) in names.into_iter().enumerate() {
        let style = if i == chosen {
            view.theme.selection
        } else {
            view.theme.text
        };
        spans.push(Span::styled(name, style));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(">", view.theme.key_hint));
    Line::from(spans)
}
