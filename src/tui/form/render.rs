//! Drawing a form: labels on the left, fields on the right, each error under its field,
//! the real terminal cursor in the focused text field, and scrolling when the form is
//! taller than the screen. Reads state only.
use crate::domain::dates::{parse_date_input, parse_date_time_parts};
use crate::i18n::tf;
use crate::tui::form::spec::{FieldKind, FieldSpec};
use crate::tui::form::state::{Editor, FormState, PromptKey};
use crate::tui::screens::View;
use crate::tui::widgets::chrome;
use crate::tui::widgets::text::{fit, truncate, width};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Columns of the input box of a date field; the resolved date follows it.
const DATE_COLS: u16 = 18;

/// Where a field goes: its first row (from the top of the form) and its height.
struct Placed {
    index: usize,
    top: usize,
    rows: usize,
}

fn option_grid(options: usize, labels: usize, cols: usize) -> (usize, usize) {
    // `NN label` plus a gap; two columns when a long list would not fit otherwise.
    let cell = labels + 5;
    let per_row = (cols / cell.max(1)).max(1);
    let per_row = if per_row == 1 && options > 7 && cols >= 40 {
        2
    } else {
        per_row
    };
    (per_row, options.div_ceil(per_row).max(1))
}

fn field_rows(form: &FormState, i: usize, spec: &FieldSpec, cols: usize, view: &View) -> usize {
    let focused = i == form.focus() && form.prompt().is_none();
    let body = match (&spec.kind, &form.editors()[i]) {
        (FieldKind::Multiline { .. }, Editor::Area(a)) => a.rows(cols).clamp(3, 6),
        (FieldKind::Choice { options }, _) if focused => {
            let longest = options
                .iter()
                .map(|o| width(&o.label.text(view.lang)))
                .max()
                .unwrap_or(0);
            option_grid(options.len(), longest, cols).1
        }
        _ => 1,
    };
    body + error_lines(form, i, cols, view).len()
}

/// Field `i`'s error wrapped to the field's width: a long message is never cut.
fn error_lines(form: &FormState, i: usize, cols: usize, view: &View) -> Vec<String> {
    form.errors()[i]
        .as_ref()
        .map(|msg| crate::tui::widgets::text::wrap(&msg.render(view.lang), cols))
        .unwrap_or_default()
}

/// Draws the form in `area` inside a box titled `title`, with `header` lines (what the
/// form is about, read-only) above the fields.
pub fn render(
    form: &FormState,
    frame: &mut Frame,
    area: Rect,
    view: &View,
    title: String,
    header: Vec<Line<'static>>,
) {
    let block = chrome::boxed(title, view);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 || inner.width < 20 {
        return;
    }
    let header_rows = u16::try_from(header.len())
        .unwrap_or(0)
        .min(inner.height.saturating_sub(3));
    if header_rows > 0 {
        let head = Rect {
            height: header_rows,
            ..inner
        };
        frame.render_widget(Paragraph::new(header), head);
    }
    let body = Rect {
        y: inner.y + header_rows,
        height: inner.height - header_rows - 1,
        ..inner
    };
    let footer = Rect {
        y: inner.y + inner.height - 1,
        height: 1,
        ..inner
    };

    let labels: Vec<String> = form.specs().iter().map(|s| s.label(view.lang)).collect();
    let label_cols = labels.iter().map(|l| width(l)).max().unwrap_or(0) + 2;
    let label_cols = label_cols.min(usize::from(body.width) / 3);
    let field_cols = usize::from(body.width).saturating_sub(label_cols);

    let mut placed = Vec::new();
    let mut top = 0;
    for (i, spec) in form.specs().iter().enumerate() {
        if form.is_hidden(i) {
            continue;
        }
        let rows = field_rows(form, i, spec, field_cols, view);
        placed.push(Placed {
            index: i,
            top,
            rows,
        });
        top += rows;
    }
    let total = top;
    let height = usize::from(body.height);
    let scroll = placed
        .iter()
        .find(|p| p.index == form.focus())
        .map_or(0, |p| {
            if p.top + p.rows <= height {
                0
            } else if p.rows >= height {
                p.top
            } else {
                p.top + p.rows - height
            }
        });

    for p in &placed {
        if p.top < scroll || p.top + p.rows > scroll + height {
            continue;
        }
        let y = body.y + u16::try_from(p.top - scroll).unwrap_or(0);
        let focused = p.index == form.focus() && form.prompt().is_none();
        let label_style = if focused {
            view.theme.focus
        } else if form.errors()[p.index].is_some() {
            view.theme.error
        } else {
            view.theme.muted
        };
        let label_area = Rect::new(body.x, y, u16::try_from(label_cols).unwrap_or(0), 1);
        frame.render_widget(
            Span::styled(fit(&labels[p.index], label_cols), label_style),
            label_area,
        );
        let error = error_lines(form, p.index, field_cols, view);
        let field_area = Rect::new(
            body.x + label_area.width,
            y,
            u16::try_from(field_cols).unwrap_or(0),
            u16::try_from(p.rows - error.len()).unwrap_or(1),
        );
        draw_field(form, frame, field_area, view, p.index, focused);
        if !error.is_empty() {
            let err_area = Rect {
                y: field_area.y + field_area.height,
                height: u16::try_from(error.len()).unwrap_or(1),
                ..field_area
            };
            let lines: Vec<Line> = error
                .into_iter()
                .map(|row| Line::styled(row, view.theme.error))
                .collect();
            frame.render_widget(Paragraph::new(lines), err_area);
        }
    }
    draw_footer(form, frame, footer, view, (scroll, height, total));
}

fn draw_field(
    form: &FormState,
    frame: &mut Frame,
    area: Rect,
    view: &View,
    i: usize,
    focused: bool,
) {
    let spec = &form.specs()[i];
    let cols = usize::from(area.width);
    let input = view.theme.input;
    match (&form.editors()[i], &spec.kind) {
        (Editor::Line(f), FieldKind::Date | FieldKind::DateTime) => {
            let box_area = Rect {
                width: area.width.min(DATE_COLS),
                height: 1,
                ..area
            };
            frame.render_widget(
                Span::styled(" ".repeat(usize::from(box_area.width)), input),
                box_area,
            );
            f.render(frame, box_area, input, focused);
            let value = f.value().trim();
            let resolved = if value.is_empty() {
                None
            } else if matches!(spec.kind, FieldKind::Date) {
                parse_date_input(value, view.today)
                    .ok()
                    .map(|d| d.format("%Y-%m-%d").to_string())
            } else {
                // A date without a time keeps the clock's time, which render does not know.
                parse_date_time_parts(value, view.today).map(|(d, t)| match t {
                    Some(t) => d.and_time(t).format("%Y-%m-%d %H:%M").to_string(),
                    None => d.format("%Y-%m-%d").to_string(),
                })
            };
            if let Some(r) = resolved.filter(|r| r != value) {
                let rest = Rect {
                    x: box_area.x + box_area.width,
                    width: area.width - box_area.width,
                    height: 1,
                    ..area
                };
                frame.render_widget(Span::styled(format!(" = {r}"), view.theme.muted), rest);
            }
        }
        (Editor::Line(f), _) => {
            let line = Rect { height: 1, ..area };
            frame.render_widget(Span::styled(" ".repeat(cols), input), line);
            f.render(frame, line, input, focused);
        }
        (Editor::Area(a), _) => {
            let blank: Vec<Line> = (0..area.height)
                .map(|_| Line::styled(" ".repeat(cols), input))
                .collect();
            frame.render_widget(Paragraph::new(blank), area);
            a.render(frame, area, input, focused);
        }
        (Editor::Check(b), _) => {
            let mark = if *b { "[x]" } else { "[ ]" };
            frame.render_widget(
                Span::styled(
                    mark,
                    if focused {
                        view.theme.focus
                    } else {
                        view.theme.text
                    },
                ),
                area,
            );
            if focused {
                frame.set_cursor_position(Position::new(area.x + 1, area.y));
            }
        }
        (Editor::Choice { selected, .. }, FieldKind::Choice { options }) => {
            if !focused {
                let text = match selected.and_then(|s| options.get(s)) {
                    Some(o) => Span::styled(fit(&o.label.text(view.lang), cols), view.theme.text),
                    None => Span::styled(fit(&view.t("tui.form.none"), cols), view.theme.muted),
                };
                frame.render_widget(text, Rect { height: 1, ..area });
                return;
            }
            let labels: Vec<String> = options.iter().map(|o| o.label.text(view.lang)).collect();
            let longest = labels.iter().map(|l| width(l)).max().unwrap_or(0);
            let (per_row, rows) = option_grid(options.len(), longest, cols);
            let cell = cols / per_row;
            for (n, label) in labels.iter().enumerate() {
                // Column-major, so numbers run down the first column.
                let (col, row) = (n / rows, n % rows);
                let Ok(row16) = u16::try_from(row) else {
                    continue;
                };
                if row16 >= area.height {
                    continue;
                }
                let x = area.x + u16::try_from(col * cell).unwrap_or(0);
                let text = fit(&format!("{:>2} {}", n + 1, label), cell.saturating_sub(1));
                let style = if Some(n) == *selected {
                    view.theme.selection
                } else {
                    view.theme.text
                };
                let cell_area = Rect::new(x, area.y + row16, u16::try_from(cell).unwrap_or(0), 1);
                frame.render_widget(Span::styled(text, style), cell_area);
                if Some(n) == *selected || (selected.is_none() && n == 0) {
                    frame.set_cursor_position(Position::new(x, area.y + row16));
                }
            }
        }
        _ => {}
    }
}

fn draw_footer(
    form: &FormState,
    frame: &mut Frame,
    area: Rect,
    view: &View,
    (scroll, height, total): (usize, usize, usize),
) {
    let cols = usize::from(area.width);
    if let Some(prompt) = form.prompt() {
        let mut text = prompt.message.render(view.lang);
        for c in prompt
            .choices
            .iter()
            .filter(|c| c.key != PromptKey::Esc || prompt.choices.len() <= 2)
        {
            let key = match c.key {
                PromptKey::Char(ch) => ch.to_string(),
                PromptKey::Enter => "Enter".to_string(),
                PromptKey::Esc => "Esc".to_string(),
            };
            text.push_str(&format!("  [{key}] {}", view.t(c.label_key)));
        }
        frame.render_widget(Span::styled(fit(&text, cols), view.theme.warning), area);
        return;
    }
    let mut right = String::new();
    if total > height {
        let more = match (scroll > 0, scroll + height < total) {
            (true, true) => "tui.form.more_both",
            (true, false) => "tui.form.more_above",
            _ => "tui.form.more_below",
        };
        right.push_str(&view.t(more));
    }
    if let Some(at) = form.draft_saved_at() {
        if !right.is_empty() {
            right.push_str("  ");
        }
        right.push_str(&tf(view.lang, "tui.form.draft_saved", &[("time", &at)]));
    }
    let hint = form
        .specs()
        .get(form.focus())
        .and_then(|s| s.hint_key)
        .map(|k| view.t(k))
        .unwrap_or_default();
    let right_cols = width(&right).min(cols);
    let left = truncate(&hint, cols.saturating_sub(right_cols + 1)).to_string();
    let pad = cols.saturating_sub(width(&left) + right_cols);
    let line = Line::from(vec![
        Span::styled(left, view.theme.muted),
        Span::raw(" ".repeat(pad)),
        Span::styled(truncate(&right, cols).to_string(), view.theme.muted),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}
