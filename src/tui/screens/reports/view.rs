//! How the Reports screen looks: a summary line, then panels in order of importance
//! (charts, purposes, tables, petitions). Panels that do not fit are scrolled to, never
//! squeezed into garbage.
use super::Reports;
use crate::domain::report::{Period, Report};
use crate::tui::screens::View;
use crate::tui::widgets::charts;
use crate::tui::widgets::chrome;
use crate::tui::widgets::text;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The most panels a report has; scrolling stops at the last one.
pub const PANELS_MAX: usize = 5;

/// Wide enough to put charts (and petitions) side by side.
const WIDE: u16 = 110;

/// A box the least that shows anything: borders and one line.
const MIN_PANEL: u16 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Panel {
    /// Walk-ins per day and, when wide, the checklist beside it.
    Days,
    Checklist,
    Purposes,
    Tables,
    Petitions,
}

fn panels(report: &Report, wide: bool) -> Vec<Panel> {
    let mut out = Vec::new();
    if matches!(report.period, Period::Month { .. }) {
        out.push(Panel::Days);
        if !wide {
            out.push(Panel::Checklist);
        }
    } else {
        out.push(Panel::Checklist);
    }
    out.push(Panel::Purposes);
    out.push(Panel::Tables);
    if !wide {
        out.push(Panel::Petitions);
    }
    out
}

/// The height a panel would like, borders included.
fn wanted(panel: Panel, report: &Report, view: &View, tall: bool, wide: bool, width: u16) -> u16 {
    let rows = |n: usize, cap: usize| u16::try_from(n.clamp(1, cap)).unwrap_or(1);
    match panel {
        Panel::Days => {
            if tall {
                10
            } else {
                7
            }
        }
        Panel::Checklist => 4,
        Panel::Purposes => rows(report.by_purpose.0.len(), if tall { 14 } else { 8 }) + 2,
        Panel::Tables => {
            let longest = [&report.by_outcome, &report.by_category, &report.by_town]
                .iter()
                .map(|t| t.0.len())
                .max()
                .unwrap_or(0);
            let petitions = if wide {
                petition_figures(report, None).len()
            } else {
                0
            };
            rows(longest.max(petitions), if tall { 12 } else { 8 }) + 3
        }
        Panel::Petitions => {
            let inner = usize::from(width.saturating_sub(2));
            u16::try_from(pack(&petition_figures(report, Some(view)), inner).len())
                .unwrap_or(4)
                .saturating_add(2)
        }
    }
}

pub fn render(screen: &Reports, frame: &mut Frame, area: Rect, view: &View) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let period = screen.period(view.today);
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let Some(report) = screen.report.as_ref().filter(|r| r.period == period) else {
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled(title(period, view), view.theme.title),
                Line::styled(view.t("tui.app.loading"), view.theme.muted),
            ]),
            area,
        );
        return;
    };
    let wide = area.width >= WIDE;
    let tall = area.height >= 30;
    let all = panels(report, wide);
    let first = screen.scroll.min(all.len().saturating_sub(1));
    let mut y = body.y;
    let bottom = body.y + body.height;
    let mut hidden_below = false;
    // Rows nobody wants go to the walk-in chart: taller bars are easier to compare.
    let total: u16 = all[first..]
        .iter()
        .map(|p| wanted(*p, report, view, tall, wide, body.width))
        .sum();
    let spare = body.height.saturating_sub(total).min(10);
    for panel in &all[first..] {
        let room = bottom.saturating_sub(y);
        if room < MIN_PANEL {
            hidden_below = true;
            break;
        }
        let extra = if *panel == Panel::Days { spare } else { 0 };
        let height = (wanted(*panel, report, view, tall, wide, body.width) + extra).min(room);
        let rect = Rect { y, height, ..body };
        draw_panel(frame, rect, *panel, report, view, wide);
        y += height;
    }
    header(frame, head, report, view, first > 0, hidden_below);
}

fn title(period: Period, view: &View) -> String {
    match period {
        Period::Day(d) => format!("{} {}", view.t("report.daily_title"), d),
        Period::Month { .. } => {
            let (from, to) = period.bounds();
            format!("{} {from} ~ {to}", view.t("report.monthly_title"))
        }
    }
}

/// The summary line, and a note when panels are scrolled away.
fn header(frame: &mut Frame, area: Rect, report: &Report, view: &View, above: bool, below: bool) {
    let figures = [
        ("report.visits_total", report.visits),
        ("report.follow_ups_done", report.follow_ups_done),
        ("report.follow_ups_overdue", report.follow_ups_overdue),
    ];
    let note = match (above, below) {
        (_, true) => Some(view.t("tui_reports.more_below")),
        (true, false) => Some(view.t("tui_reports.more_above")),
        _ => None,
    };
    let width = usize::from(area.width);
    // The note keeps its place at the right; the summary gives way, a whole figure at a
    // time (a label cut mid-word would be read as another figure).
    let note_w = note.as_ref().map_or(0, |n| text::width(n) + 1);
    let left_w = width.saturating_sub(note_w);
    let title = title(report.period, view);
    let mut used = text::width(&title);
    let mut spans = vec![Span::styled(title, view.theme.title)];
    for (key, value) in figures {
        let label = view.t(key);
        let value = format!(" {value}");
        let need = 2 + text::width(&label) + text::width(&value);
        if used + need > left_w {
            break;
        }
        used += need;
        spans.push(Span::raw("  "));
        spans.push(Span::styled(label, view.theme.muted));
        spans.push(Span::styled(value, view.theme.accent));
    }
    let Some(note) = note else {
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    };
    let left = Rect {
        width: u16::try_from(left_w).unwrap_or(0),
        ..area
    };
    let right = Rect {
        x: area.x + left.width,
        width: area.width.saturating_sub(left.width),
        ..area
    };
    frame.render_widget(Paragraph::new(Line::from(spans)), left);
    frame.render_widget(
        Paragraph::new(Line::styled(format!(" {note}"), view.theme.key_hint)),
        right,
    );
}

fn draw_panel(frame: &mut Frame, area: Rect, panel: Panel, r: &Report, view: &View, wide: bool) {
    match panel {
        Panel::Days => {
            if wide {
                let [days, checklist] =
                    Layout::horizontal([Constraint::Percentage(64), Constraint::Min(0)])
                        .areas(area);
                draw_days(frame, days, r, view);
                draw_checklist(frame, checklist, r, view);
            } else {
                draw_days(frame, area, r, view);
            }
        }
        Panel::Checklist => draw_checklist(frame, area, r, view),
        Panel::Purposes => {
            let block = chrome::boxed(view.t("report.by_purpose"), view);
            let inner = block.inner(area);
            frame.render_widget(block, area);
            let lines = if r.by_purpose.0.is_empty() {
                vec![Line::styled(view.t("tui_reports.none"), view.theme.muted)]
            } else {
                charts::share_lines(&r.by_purpose, usize::from(inner.width), view)
            };
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Panel::Tables => {
            let tallies = [
                ("report.by_outcome", &r.by_outcome),
                ("categories.report_by_main", &r.by_category),
                ("report.by_town", &r.by_town),
            ];
            let n = if wide { 4 } else { 3 };
            let cols = Layout::horizontal(vec![Constraint::Ratio(1, n); n as usize]).split(area);
            for ((key, tally), col) in tallies.iter().zip(cols.iter()) {
                let block = chrome::boxed(view.t(key), view);
                let inner = block.inner(*col);
                frame.render_widget(block, *col);
                let lines = charts::tally_lines(tally, usize::from(inner.width), view);
                frame.render_widget(Paragraph::new(lines), inner);
            }
            if wide && let Some(col) = cols.get(3) {
                draw_petitions(frame, *col, r, view, true);
            }
        }
        Panel::Petitions => draw_petitions(frame, area, r, view, false),
    }
}

fn draw_days(frame: &mut Frame, area: Rect, r: &Report, view: &View) {
    let max = r.per_day.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let title = crate::i18n::tf(view.lang, "tui_reports.per_day_title", &[("max", &max)]);
    let block = chrome::boxed(title, view);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    charts::days(frame, inner, &r.per_day, view);
}

fn draw_checklist(frame: &mut Frame, area: Rect, r: &Report, view: &View) {
    let c = &r.checklist;
    // A period with no working day due yet has no rate: the title says so rather than
    // showing "- (0/0 days)".
    let title = match c.rate {
        Some(v) => crate::i18n::tf(
            view.lang,
            "tui_reports.checklist_title",
            &[
                ("rate", &format!("{v:.1}%")),
                ("done", &c.signed_complete),
                ("due", &c.working_days),
            ],
        ),
        None => view.t("tui_reports.checklist_title_no_days"),
    };
    let block = chrome::boxed(title, view);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    charts::checklist_days(frame, inner, &c.daily, view);
}

/// The petition figures as (label, value): the case counts, then 批次/人次 of the whole
/// month, of each kind of case and of each value of every breakdown. Labels are catalog
/// keys rendered by `view` (the keys themselves without one, for counting lines).
fn petition_figures(r: &Report, view: Option<&View>) -> Vec<(String, String)> {
    let p = &r.petitions;
    let label = |key: &str| view.map_or_else(|| key.to_string(), |v| v.t(key));
    let both = |n: &crate::domain::report_petitions::Count| match view {
        Some(v) => crate::i18n::tf(
            v.lang,
            "report_petitions.cases_people",
            &[("cases", &n.cases), ("people", &n.people)],
        ),
        None => String::new(),
    };
    let mut out: Vec<(String, String)> = [
        ("report.petitions_received", p.received),
        ("report_petitions.people", p.counts.total.people),
        ("report.petitions_accepted", p.accepted),
        ("report.petitions_closed", p.closed),
        ("report.petitions_overdue", p.overdue),
        ("report.petitions_handled_late", p.handled_late),
        ("report.risk_high", p.by_risk[2]),
        ("report.risk_medium", p.by_risk[1]),
        ("report.risk_low", p.by_risk[0]),
    ]
    .iter()
    .map(|(k, n)| (label(k), n.to_string()))
    .collect();
    out.extend(p.counts.flagged.iter().map(|(k, n)| (label(k), both(n))));
    for b in &p.counts.breakdowns {
        let title = label(b.title_key);
        out.extend(
            b.rows
                .iter()
                .map(|(k, n)| (format!("{title}·{}", label(k)), both(n))),
        );
    }
    out
}

/// Petition figures laid out full width: as many to a line as fit in `width` (at least
/// one), so that the panel's height is the number of lines drawn and nothing wraps out of
/// it. The figures' indices, line by line.
fn pack(figures: &[(String, String)], width: usize) -> Vec<std::ops::Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (i, (k, n)) in figures.iter().enumerate() {
        let w = text::width(k) + 1 + text::width(n);
        let gap = if i > start { 3 } else { 0 };
        if i > start && used + gap + w > width {
            lines.push(start..i);
            start = i;
            used = w;
        } else {
            used += gap + w;
        }
    }
    if start < figures.len() {
        lines.push(start..figures.len());
    }
    lines
}

/// Petition figures: one per line when in a column, as many as fit to a line when full
/// width.
fn draw_petitions(frame: &mut Frame, area: Rect, r: &Report, view: &View, column: bool) {
    let figures = petition_figures(r, Some(view));
    let block = chrome::boxed(view.t("tui_reports.petitions"), view);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let pair = |label: &str, value: &str, label_w: usize| -> Vec<Span<'static>> {
        let label = if label_w > 0 {
            text::fit(label, label_w)
        } else {
            label.to_string()
        };
        vec![
            Span::styled(label, view.theme.muted),
            Span::styled(format!(" {value}"), view.theme.accent),
        ]
    };
    let lines: Vec<Line> = if column {
        // Each label takes what its own value leaves: a plain number leaves the label
        // whole, "1 批 / 12 人次" shortens it.
        let numbers_w = figures
            .iter()
            .map(|(_, v)| text::width(v))
            .filter(|w| *w <= 4)
            .max()
            .unwrap_or(4);
        figures
            .iter()
            .map(|(k, n)| {
                let value_w = text::width(n).max(numbers_w);
                let label_w = usize::from(inner.width).saturating_sub(value_w + 2);
                Line::from(pair(k, n, label_w))
            })
            .collect()
    } else {
        pack(&figures, usize::from(inner.width))
            .into_iter()
            .map(|range| {
                let mut spans = Vec::new();
                for (k, n) in &figures[range] {
                    if !spans.is_empty() {
                        spans.push(Span::raw("   "));
                    }
                    spans.extend(pair(k, n, 0));
                }
                Line::from(spans)
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}
