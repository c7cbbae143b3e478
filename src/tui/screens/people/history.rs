//! A profile's history of walk-ins and petitions, newest first, as a table.
use crate::tui::data::{HistoryItem, ProfileData};
use crate::tui::screens::View;
use crate::tui::widgets::columns::{Column, Widths};
use crate::tui::widgets::text::{width, wrap};
use ratatui::text::{Line, Span};

/// The walk-ins and petitions as a table of date, kind and summary fitted to `cols`; a
/// summary too long for its column goes on wrapped lines below, never over the border.
pub(super) fn history_lines<'a>(data: &ProfileData, view: &View, cols: usize) -> Vec<Line<'a>> {
    const COLUMNS: [Column; 3] = [
        Column::new(10, 10),
        Column::new(4, 28),
        Column::new(8, 400).flexible(),
    ];
    const MARKER: &str = "  ";
    let rows: Vec<[String; 3]> = data
        .walkins
        .iter()
        .chain(&data.petitions)
        .map(|h| [h.date.to_string(), h.kind.clone(), h.summary.clone()])
        .collect();
    let fit = |n: usize| {
        Widths::fit(
            &COLUMNS[..n],
            &[],
            rows.iter().map(|r| &r[..n]),
            width(MARKER),
            cols,
        )
    };
    // Beside the date and kind when every summary fits there whole, else on lines of its
    // own below them, wrapped to the width.
    let mut widths = fit(3);
    let widest = rows.iter().map(|r| width(&r[2])).max().unwrap_or(0);
    let beside = widths.width(2) >= widest;
    if !beside {
        widths = fit(2);
    }
    let indent = if beside {
        " ".repeat(width(MARKER) + widths.width(0) + widths.width(1) + 2)
    } else {
        " ".repeat(2 * width(MARKER))
    };
    let summary_cols = if beside {
        widths.width(2)
    } else {
        cols.saturating_sub(indent.len())
    };
    let mut lines = vec![Line::from("")];
    for (title, items) in [
        ("tui.profile.walkins", &data.walkins),
        ("tui.profile.petitions", &data.petitions),
    ] {
        lines.push(Line::styled(view.t(title), view.theme.title));
        if items.is_empty() {
            lines.push(Line::styled(
                view.t("tui.profile.no_records"),
                view.theme.muted,
            ));
        }
        for HistoryItem {
            date,
            kind,
            summary,
        } in items.iter()
        {
            let head = format!(
                "{MARKER}{}{}",
                widths.cell(0, &date.to_string()),
                widths.cell(1, kind)
            );
            if !beside {
                lines.push(Line::styled(head.clone(), view.theme.muted));
            }
            for (i, row) in wrap(summary, summary_cols).into_iter().enumerate() {
                let lead = if i == 0 && beside {
                    head.clone()
                } else {
                    indent.clone()
                };
                lines.push(Line::from(vec![
                    Span::styled(lead, view.theme.muted),
                    Span::styled(row, view.theme.text),
                ]));
            }
        }
        lines.push(Line::from(""));
    }
    lines
}
