//! The checklist's history: a month calendar (a 7-column grid, weeks from Monday), the
//! month's compliance per rule and overall, and a bar of the daily completion. Enter on a
//! past day shows its items read-only; the export key writes the month to a workbook.
use crate::domain::checklist::{DayStatus, Rate};
use crate::i18n::{Msg, tf};
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::export_jobs::LedgerExport;
use crate::tui::screens::checklist::data::{
    ChecklistJob, ChecklistLoaded, MonthView, shift_month, year_month,
};
use crate::tui::screens::checklist::marks::weekday_key;
use crate::tui::screens::checklist::today::Checklist;
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::widgets::chrome;
use crate::tui::widgets::text::{fit, fit_right, truncate, width};
use chrono::{Datelike, Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

#[derive(Debug)]
pub struct ChecklistHistory {
    year: i32,
    month: u32,
    /// The day the cursor is on.
    selected: NaiveDate,
    data: Option<MonthView>,
}

impl ChecklistHistory {
    pub fn new(today: NaiveDate) -> ChecklistHistory {
        let (year, month) = year_month(today);
        ChecklistHistory {
            year,
            month,
            selected: today,
            data: None,
        }
    }

    pub fn month(&self) -> (i32, u32) {
        (self.year, self.month)
    }

    pub fn data(&self) -> Option<&MonthView> {
        self.data.as_ref()
    }

    fn load(&self, cx: &Cx) -> Vec<Effect> {
        vec![Effect::Db(DbJob::Checklist(ChecklistJob::Month {
            year: self.year,
            month: self.month,
            today: cx.today,
        }))]
    }

    /// Moves the cursor; a new month loads its data.
    fn select(&mut self, date: NaiveDate, cx: &Cx) -> Vec<Effect> {
        self.selected = date;
        let ym = year_month(date);
        if ym != (self.year, self.month) {
            (self.year, self.month) = ym;
            self.data = None;
            return self.load(cx);
        }
        Vec::new()
    }

    fn by_days(&mut self, days: i64, cx: &Cx) -> Vec<Effect> {
        let n = Days::new(days.unsigned_abs());
        let next = if days < 0 {
            self.selected.checked_sub_days(n)
        } else {
            self.selected.checked_add_days(n)
        };
        match next {
            Some(date) => self.select(date, cx),
            None => Vec::new(),
        }
    }

    fn by_month(&mut self, forward: bool, cx: &Cx) -> Vec<Effect> {
        let (y, m) = shift_month(self.year, self.month, forward);
        let day = self.selected.day();
        let date = (0..4)
            .find_map(|back| NaiveDate::from_ymd_opt(y, m, day.saturating_sub(back).max(1)))
            .unwrap_or(self.selected);
        self.select(date, cx)
    }
}

impl Screen for ChecklistHistory {
    fn id(&self) -> ScreenId {
        ScreenId::ChecklistHistory
    }

    fn sections(&self) -> &'static [&'static str] {
        &["checklist_history"]
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::PrevMonth,
            Action::NextMonth,
            Action::Open,
            Action::Back,
            Action::Export,
            Action::Help,
        ]
    }

    fn on_enter(&mut self, cx: &Cx) -> Vec<Effect> {
        self.load(cx)
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        match action {
            Action::Loaded(Loaded::Checklist(ChecklistLoaded::Month(m))) => {
                if (m.year, m.month) == (self.year, self.month) {
                    self.data = Some((**m).clone());
                }
                Vec::new()
            }
            // A day changed (signed, reopened): the month's figures follow.
            Action::Loaded(Loaded::Checklist(ChecklistLoaded::Day(v)))
                if year_month(v.day.date) == (self.year, self.month) =>
            {
                self.load(cx)
            }
            Action::PrevDay => self.by_days(-1, cx),
            Action::NextDay => self.by_days(1, cx),
            Action::MoveUp => self.by_days(-7, cx),
            Action::MoveDown => self.by_days(7, cx),
            Action::PrevMonth => self.by_month(false, cx),
            Action::NextMonth => self.by_month(true, cx),
            Action::Open if self.selected == cx.today => vec![Effect::Pop],
            Action::Open if self.selected > cx.today => vec![Effect::Error(
                Msg::new("checklist.future_day").arg("date", self.selected),
            )],
            Action::Open => vec![Effect::Push(Box::new(Checklist::past(self.selected)))],
            Action::Export => vec![
                Effect::Status(Msg::new("tui.export.exporting")),
                Effect::Db(DbJob::ExportLedger {
                    what: LedgerExport::Checklist {
                        year: self.year,
                        month: self.month,
                    },
                    today: cx.today,
                }),
            ],
            Action::Back => vec![Effect::Pop],
            _ => Vec::new(),
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let title = format!(
            "{}  {}",
            view.t("tui.checklist.history_title"),
            tf(
                view.lang,
                "tui.checklist.month_title",
                &[
                    ("year", &self.year),
                    ("month", &format!("{:02}", self.month))
                ],
            )
        );
        let block = chrome::boxed(title, view);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let Some(data) = &self.data else {
            frame.render_widget(
                Paragraph::new(view.t("tui.app.loading")).style(view.theme.muted),
                inner,
            );
            return;
        };
        // The calendar takes 7 cells of 6 to 10 columns; the compliance the rest.
        let cell = (usize::from(inner.width) * 55 / 100 / 7).clamp(6, 10);
        let left_cols = u16::try_from(cell * 7).unwrap_or(u16::MAX);
        let [left, right] = Layout::horizontal([Constraint::Length(left_cols), Constraint::Min(0)])
            .spacing(2)
            .areas(inner);
        let mut lines = calendar_lines(data, self.selected, cell, view);
        lines.push(Line::from(""));
        lines.extend(legend_lines(view, usize::from(left.width)));
        lines.push(Line::from(""));
        lines.extend(daily_lines(data, view));
        frame.render_widget(Paragraph::new(lines), left);
        frame.render_widget(
            Paragraph::new(compliance_lines(data, view, usize::from(right.width))),
            right,
        );
    }
}

/// The mark of a day's status in the calendar: ASCII, one column each.
pub fn status_mark(status: DayStatus) -> &'static str {
    match status {
        DayStatus::Done => "[x]",
        DayStatus::SignedWithExceptions => "[*]",
        DayStatus::Partial => "[~]",
        DayStatus::Missed => "[!]",
        DayStatus::Today => "[ ]",
        DayStatus::NotWorking => " - ",
        DayStatus::Future => " . ",
        DayStatus::BeforeStart => "   ",
    }
}

fn status_style(status: DayStatus, view: &View) -> Style {
    match status {
        DayStatus::Done | DayStatus::SignedWithExceptions => view.theme.success,
        DayStatus::Partial => view.theme.warning,
        DayStatus::Missed => view.theme.error,
        DayStatus::Today => view.theme.accent,
        _ => view.theme.muted,
    }
}

/// The weekday header and one line per week, Monday first.
fn calendar_lines<'a>(
    data: &MonthView,
    selected: NaiveDate,
    cell: usize,
    view: &View,
) -> Vec<Line<'a>> {
    let Some(first) = data.calendar.first().map(|(d, _)| *d) else {
        return Vec::new();
    };
    let monday = NaiveDate::from_isoywd_opt(
        first.iso_week().year(),
        first.iso_week().week(),
        chrono::Weekday::Mon,
    )
    .unwrap_or(first);
    let header: Vec<Span> = (0..7u64)
        .filter_map(|i| monday.checked_add_days(Days::new(i)))
        .map(|d| Span::styled(fit(&view.t(weekday_key(d)), cell), view.theme.title))
        .collect();
    let mut lines = vec![Line::from(header)];
    let lead = usize::try_from(first.weekday().num_days_from_monday()).unwrap_or(0);
    let mut spans: Vec<Span> = vec![Span::raw(" ".repeat(lead * cell))];
    for (date, status) in &data.calendar {
        let text = fit(&format!("{:>2}{}", date.day(), status_mark(*status)), cell);
        let style = if *date == selected {
            view.theme.selection
        } else {
            status_style(*status, view)
        };
        spans.push(Span::styled(text, style));
        if date.weekday() == chrono::Weekday::Sun {
            lines.push(Line::from(std::mem::take(&mut spans)));
        }
    }
    if !spans.is_empty() {
        lines.push(Line::from(spans));
    }
    let status = data
        .calendar
        .iter()
        .find(|(d, _)| *d == selected)
        .map(|(_, s)| view.t(s.label_key()))
        .unwrap_or_default();
    lines.push(Line::styled(
        format!("{selected} {}: {status}", view.t(weekday_key(selected))),
        view.theme.text,
    ));
    lines
}

/// What the marks mean, wrapped to the calendar's width.
fn legend_lines<'a>(view: &View, cols: usize) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for status in [
        DayStatus::Done,
        DayStatus::SignedWithExceptions,
        DayStatus::Partial,
        DayStatus::Missed,
        DayStatus::NotWorking,
        DayStatus::Future,
    ] {
        let entry = format!(
            "{} {}",
            status_mark(status).trim(),
            view.t(status.label_key())
        );
        if !current.is_empty() && width(&current) + 2 + width(&entry) > cols {
            lines.push(Line::styled(std::mem::take(&mut current), view.theme.muted));
        }
        if !current.is_empty() {
            current.push_str("  ");
        }
        current.push_str(&entry);
    }
    lines.push(Line::styled(current, view.theme.muted));
    lines
}

/// Rows of the daily completion bar, top row 100%.
const BAR_ROWS: u32 = 4;

/// A small bar chart of each day's completion: one column per date, `#` up to its share.
fn daily_lines<'a>(data: &MonthView, view: &View) -> Vec<Line<'a>> {
    let mut lines = vec![Line::styled(
        view.t("tui.checklist.daily_title"),
        view.theme.title,
    )];
    for row in (1..=BAR_ROWS).rev() {
        let threshold = row * 100 / BAR_ROWS;
        let bar: String = data
            .daily
            .iter()
            .map(|(_, pct)| match pct {
                Some(p) if *p + 100 / BAR_ROWS > threshold => '#',
                _ => ' ',
            })
            .collect();
        lines.push(Line::styled(bar, view.theme.bar));
    }
    let days = data.daily.len();
    let axis = format!("1{}", fit_right(&days.to_string(), days.saturating_sub(1)));
    lines.push(Line::styled(axis, view.theme.muted));
    lines
}

fn percent(rate: Rate) -> String {
    rate.percent()
        .map_or_else(|| "-".to_string(), |p| format!("{p:.0}%"))
}

fn bar(rate: Rate, cols: usize) -> String {
    let filled = rate
        .percent()
        .map_or(0, |p| ((p / 100.0) * cols as f64).round() as usize)
        .min(cols);
    format!("{}{}", "#".repeat(filled), ".".repeat(cols - filled))
}

/// The overall rate and one line per rule: title, percentage, days, bar.
fn compliance_lines<'a>(data: &MonthView, view: &View, cols: usize) -> Vec<Line<'a>> {
    let c = &data.compliance;
    let mut lines = vec![
        Line::styled(view.t("tui.checklist.compliance_title"), view.theme.title),
        Line::styled(
            truncate(
                &tf(
                    view.lang,
                    "tui.checklist.compliance_overall",
                    &[
                        ("percent", &percent(c.overall)),
                        ("done", &c.overall.done),
                        ("due", &c.overall.due),
                    ],
                ),
                cols,
            )
            .to_string(),
            view.theme.accent,
        ),
        Line::from(""),
    ];
    if c.rules.is_empty() {
        lines.push(Line::styled(
            view.t("tui.checklist.compliance_none"),
            view.theme.muted,
        ));
        return lines;
    }
    let title_cols = (cols / 2).max(8);
    let bar_cols = cols.saturating_sub(title_cols + 6 + 2);
    for r in &c.rules {
        let title = match view.lang {
            crate::i18n::Lang::En if !r.title_en.trim().is_empty() => &r.title_en,
            _ => &r.title_zh,
        };
        let mut spans = vec![
            Span::styled(fit(title, title_cols), view.theme.text),
            Span::styled(fit_right(&percent(r.rate), 5), view.theme.accent),
            Span::raw("  "),
        ];
        if bar_cols >= 4 {
            spans.push(Span::styled(bar(r.rate, bar_cols), view.theme.bar));
        }
        lines.push(Line::from(spans));
    }
    lines
}
