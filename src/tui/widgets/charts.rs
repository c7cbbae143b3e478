//! Small charts drawn with ASCII only: the block elements ratatui uses by default (`█▇▆…`)
//! are East-Asian-ambiguous and take two columns in some Chinese terminal setups, which
//! would tear every bar apart.
use crate::domain::report::Tally;
use crate::tui::screens::View;
use crate::tui::widgets::text;
use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::symbols::bar;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Sparkline};

/// Vertical bars: `_` low, `=` middle, `#` full.
pub const BARS: bar::Set<'static> = bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "#",
    five_eighths: "=",
    half: "=",
    three_eighths: "=",
    one_quarter: "_",
    one_eighth: "_",
    empty: " ",
};

/// A one-row sparkline of checklist days: `#` complete, `=` partial, `.` missed.
pub const DAYS: bar::Set<'static> = bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "=",
    five_eighths: "=",
    half: "=",
    three_eighths: "=",
    one_quarter: ".",
    one_eighth: ".",
    empty: ".",
};

/// `n` as a share of `total`, `12.5%`; a dash when there is nothing to share.
pub fn percent(n: u64, total: u64) -> String {
    if total == 0 {
        return "-".into();
    }
    // Counts of a station's walk-ins are far below f64's exact range.
    format!("{:.1}%", n as f64 * 100.0 / total as f64)
}

/// Walk-ins per day as vertical bars over a row of day-of-month labels. Days that do not
/// fit are dropped from the left: the latest days matter most.
pub fn days(frame: &mut Frame, area: Rect, per_day: &[(NaiveDate, u64)], view: &View) {
    if area.width == 0 || area.height < 2 || per_day.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    let shown = &per_day[per_day.len().saturating_sub(width)..];
    let n = shown.len();
    // The widest bars that fit with a one-column gap, at most 3; no gap when even 1+1 is
    // too wide.
    let (bar_w, gap) = if n * 2 > width + 1 {
        (1, 0)
    } else {
        (((width + 1) / n).saturating_sub(1).clamp(1, 3), 1)
    };
    let max = shown.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    // No numbers on the bars: written over a short bar they read as part of it; the
    // title carries the scale.
    let bars: Vec<Bar> = shown
        .iter()
        .map(|(_, v)| Bar::default().value(*v).text_value(String::new()))
        .collect();
    let chart_area = Rect {
        height: area.height - 1,
        ..area
    };
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(u16::try_from(bar_w).unwrap_or(1))
        .bar_gap(u16::try_from(gap).unwrap_or(0))
        .bar_set(BARS)
        .max(max)
        .bar_style(view.theme.bar);
    frame.render_widget(chart, chart_area);
    let step = bar_w + gap;
    let mut axis = String::new();
    for (i, (day, _)) in shown.iter().enumerate() {
        let x = i * step;
        let label = day.day().to_string();
        // A label every few days, never overlapping the previous one.
        let wanted = i == 0 || day.day() == 1 || (day.day() % 5 == 0);
        if wanted && x >= text::width(&axis) + usize::from(!axis.is_empty()) {
            axis.push_str(&" ".repeat(x - text::width(&axis)));
            axis.push_str(&label);
        }
    }
    let axis_area = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            text::truncate(&axis, width).to_string(),
            view.theme.muted,
        )),
        axis_area,
    );
}

/// Checklist days as a one-row sparkline (`daily` is 0–100 per counted day), with its
/// legend under it when there is room.
pub fn checklist_days(frame: &mut Frame, area: Rect, daily: &[u64], view: &View) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let row = Rect { height: 1, ..area };
    if daily.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                view.t("tui_reports.no_days"),
                view.theme.muted,
            )),
            row,
        );
    } else {
        let shown = &daily[daily.len().saturating_sub(usize::from(area.width))..];
        let spark = Sparkline::default()
            .data(shown)
            .max(100)
            .bar_set(DAYS)
            .style(view.theme.bar_alt);
        frame.render_widget(spark, row);
    }
    if area.height >= 2 {
        let legend = Rect {
            y: area.y + 1,
            height: 1,
            ..area
        };
        let text =
            text::truncate(&view.t("tui_reports.days_legend"), usize::from(area.width)).to_string();
        frame.render_widget(Paragraph::new(Line::styled(text, view.theme.muted)), legend);
    }
}

/// Shares as horizontal bars, one line each: label, bar, count, percentage. Labels are cut
/// and padded by display columns.
pub fn share_lines(tally: &Tally, width: usize, view: &View) -> Vec<Line<'static>> {
    let total = tally.total();
    let max = tally.0.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let longest = tally
        .0
        .iter()
        .map(|(l, _)| text::width(l))
        .max()
        .unwrap_or(0);
    // count (5) + percentage (7) + spaces (2)
    let numbers = 14;
    let label_w = longest.min(width.saturating_sub(numbers) / 2).max(4);
    let bar_w = width.saturating_sub(label_w + numbers);
    tally
        .0
        .iter()
        .map(|(label, n)| {
            let len = usize::try_from(n.saturating_mul(bar_w as u64) / max).unwrap_or(0);
            let len = if *n > 0 { len.max(1) } else { 0 };
            Line::from(vec![
                Span::styled(text::fit(label, label_w), view.theme.text),
                Span::raw(" "),
                Span::styled("#".repeat(len), view.theme.bar),
                Span::raw(" ".repeat(bar_w - len.min(bar_w))),
                Span::styled(text::fit_right(&n.to_string(), 5), view.theme.accent),
                Span::styled(text::fit_right(&percent(*n, total), 7), view.theme.muted),
            ])
        })
        .collect()
}

/// A tally as a small table: label, count and, when the column is wide enough to keep the
/// labels readable, the percentage; with a header line.
pub fn tally_lines(tally: &Tally, width: usize, view: &View) -> Vec<Line<'static>> {
    use crate::tui::widgets::columns::{Column, Widths};
    // The item gives way first, with an ellipsis: the count and its share are the figures
    // a report is read for.
    const COLUMNS: [Column; 3] = [
        Column::new(4, 40).flexible(),
        Column::new(3, 9).right(),
        Column::new(4, 6).right(),
    ];
    const WITH_SHARE: usize = 26;
    let total = tally.total();
    let head = [
        view.t("report.item"),
        view.t("tui_reports.count_short"),
        "%".to_string(),
    ];
    let rows: Vec<[String; 3]> = tally
        .0
        .iter()
        .map(|(label, n)| [label.clone(), n.to_string(), percent(*n, total)])
        .collect();
    let fit = |n: usize| {
        Widths::fit(
            &COLUMNS[..n],
            &head[..n],
            rows.iter().map(|r| &r[..n]),
            0,
            width,
        )
    };
    // The share only where a panel has room for it beside a readable item.
    let widths = fit(if width >= WITH_SHARE { 3 } else { 2 });
    let mut lines = vec![Line::styled(widths.line("", &head), view.theme.muted)];
    if tally.0.is_empty() {
        lines.push(Line::styled(view.t("tui_reports.none"), view.theme.muted));
    }
    for row in &rows {
        lines.push(Line::from(vec![
            Span::styled(widths.cell(0, &row[0]), view.theme.text),
            Span::styled(widths.cell(1, &row[1]), view.theme.accent),
            Span::styled(widths.cell(2, &row[2]), view.theme.muted),
        ]));
    }
    lines
}

/// Rows the dashboard's charts take in a body `body_rows` high.
pub fn dashboard_height(body_rows: u16) -> u16 {
    if body_rows >= 30 { 8 } else { 5 }
}

/// The dashboard's charts: walk-ins over the last fortnight and this month's checklist.
pub fn dashboard(
    frame: &mut Frame,
    area: Rect,
    data: Option<&crate::tui::data::DashboardData>,
    view: &View,
) {
    use crate::tui::widgets::chrome::boxed;
    use ratatui::layout::{Constraint, Layout};
    if area.height < 3 {
        return;
    }
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Min(0)]).areas(area);
    let fortnight = data.map(|d| d.fortnight.as_slice()).unwrap_or(&[]);
    let max = fortnight.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let block = boxed(
        crate::i18n::tf(view.lang, "tui_reports.fortnight_title", &[("max", &max)]),
        view,
    );
    let inner = block.inner(left);
    frame.render_widget(block, left);
    days(frame, inner, fortnight, view);
    let figures = data.and_then(|d| d.checklist_month.as_ref());
    // With no working day signed yet there is no rate: the title alone, no dangling dash.
    let title = match figures.and_then(|c| c.rate) {
        Some(v) => crate::i18n::tf(
            view.lang,
            "tui_reports.checklist_month",
            &[("rate", &format!("{v:.1}%"))],
        ),
        None => view.t("record_deskday3.checklist_month_none"),
    };
    let block = boxed(title, view);
    let inner = block.inner(right);
    frame.render_widget(block, right);
    if let Some(c) = figures {
        checklist_days(frame, inner, &c.daily, view);
    }
}
