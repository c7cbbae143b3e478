//! The lines of the day's checklist: the sign-off state, the legend, and each item with
//! what the records say and its note, cut to the width in display columns.
use crate::domain::calendar::DayClass;
use crate::domain::checklist::{ItemState, LiveState};
use crate::i18n::tf;
use crate::tui::screens::View;
use crate::tui::screens::checklist::data::DayView;
use crate::tui::screens::checklist::marks::{mark, state_of};
use crate::tui::widgets::text;
use chrono::{Datelike, NaiveDate};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// One line cut to `cols` display columns.
fn line<'a>(parts: Vec<(String, Style)>, cols: usize) -> Line<'a> {
    let mut used = 0;
    let mut spans = Vec::new();
    for (text, style) in parts {
        let room = cols.saturating_sub(used);
        let cut = text::truncate(&text, room).to_string();
        used += text::width(&cut);
        spans.push(Span::styled(cut, style));
    }
    Line::from(spans)
}

/// The sign-off state and the legend.
pub fn head_lines<'a>(
    data: &DayView,
    past: Option<NaiveDate>,
    view: &View,
    cols: usize,
) -> Vec<Line<'a>> {
    let day = &data.day;
    let lang = view.lang;
    let state = if let (Some(by), Some(at)) = (&day.signed_by, day.signed_at) {
        let at = at.format("%Y-%m-%d %H:%M").to_string();
        (
            tf(
                lang,
                "tui.checklist.signed",
                &[("officer", by), ("at", &at)],
            ),
            view.theme.success,
        )
    } else if !day.is_working_day() {
        let key = if day.marked == Some(false) {
            "tui.checklist.marked_holiday"
        } else if data.class == DayClass::Holiday {
            "calendar.tui.holiday"
        } else if past.is_some() {
            "tui.checklist.weekend_past"
        } else {
            "tui.checklist.weekend_day"
        };
        (view.t(key), view.theme.warning)
    } else if past.is_some() && day.opened_at.is_none() {
        (view.t("tui.checklist.never_opened"), view.theme.warning)
    } else {
        let s = state_of(day);
        let open_required = day.open_required().len();
        (
            tf(
                lang,
                "tui.checklist.unsigned",
                &[
                    ("done", &s.done),
                    ("total", &s.total),
                    ("required", &open_required),
                ],
            ),
            view.theme.warning,
        )
    };
    let mut second = Vec::new();
    // What the calendar could not say comes first: it is why the day looks as it does.
    if !data.calendar_known {
        second.push((
            format!(
                "{}  ",
                tf(lang, "calendar.tui.no_data", &[("year", &day.date.year())])
            ),
            view.theme.warning,
        ));
    }
    if day.marked.is_some() && !day.mark_reason.is_empty() {
        second.push((
            format!(
                "{}  ",
                tf(
                    lang,
                    "calendar.tui.corrected",
                    &[("reason", &day.mark_reason)]
                )
            ),
            view.theme.muted,
        ));
    } else if day.marked.is_none() && data.class == DayClass::MakeUp {
        second.push((
            format!("{}  ", view.t("calendar.tui.make_up")),
            view.theme.muted,
        ));
    }
    second.push((view.t("tui.checklist.legend"), view.theme.muted));
    if let Some(last) = data.reopens.last() {
        let at = last
            .at
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        second.push((
            format!(
                "  {}",
                tf(
                    lang,
                    "tui.checklist.reopened",
                    &[
                        ("count", &data.reopens.len()),
                        ("officer", &last.officer),
                        ("at", &at),
                        ("reason", &last.reason),
                    ],
                )
            ),
            view.theme.muted,
        ));
    }
    vec![line(vec![state], cols), line(second, cols)]
}

/// The items as lines, and where each item's lines start.
pub fn item_lines<'a>(
    data: &DayView,
    selected: usize,
    view: &View,
    cols: usize,
) -> (Vec<Line<'a>>, Vec<usize>) {
    let mut lines = Vec::new();
    let mut starts = Vec::new();
    let indent = "        ";
    for (i, item) in data.day.items.iter().enumerate() {
        starts.push(lines.len());
        let cursor = if i == selected { "> " } else { "  " };
        let required = if item.required { "* " } else { "  " };
        let style = if i == selected {
            view.theme.selection
        } else {
            match item.state {
                ItemState::Open => view.theme.text,
                ItemState::Exception => view.theme.warning,
                _ => view.theme.muted,
            }
        };
        let mut parts = vec![(
            format!(
                "{cursor}{} {required}{}",
                mark(item.state),
                item.title(view.lang)
            ),
            style,
        )];
        if item.state != ItemState::Open
            && let (Some(by), Some(at)) = (&item.officer, item.at)
        {
            parts.push((format!("  {by} {}", at.format("%H:%M")), view.theme.muted));
        }
        lines.push(line(parts, cols));
        if let Some(live) = data.facts.as_ref().and_then(|f| item.live_state(f)) {
            let (text, style) = match live {
                LiveState::Ok => (view.t("tui.checklist.live_ok"), view.theme.success),
                LiveState::Attention(m) => (m.render(view.lang), view.theme.warning),
            };
            lines.push(line(
                vec![
                    (indent.to_string(), view.theme.text),
                    (view.t("tui.checklist.live_label"), view.theme.muted),
                    (text, style),
                ],
                cols,
            ));
        }
        if !item.note.is_empty() {
            lines.push(line(
                vec![
                    (indent.to_string(), view.theme.text),
                    (view.t("tui.checklist.note_label"), view.theme.muted),
                    (item.note.clone(), view.theme.text),
                ],
                cols,
            ));
        }
    }
    if data.day.items.is_empty() && data.day.is_working_day() && data.day.opened_at.is_some() {
        lines.push(Line::styled(
            view.t("tui.checklist.no_items"),
            view.theme.muted,
        ));
    }
    (lines, starts)
}
