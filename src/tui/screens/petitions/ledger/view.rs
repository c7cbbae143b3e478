//! Drawing the petition ledger: the filter bar, the column heads, the rows coloured by
//! how pressing their next deadline is, and the count. Reads state only.
use super::{Focus, Ledger, bound, due_text, urgency_style};
use crate::domain::petition::Risk;
use crate::i18n::{t, tf};
use crate::store::petitions::LedgerRow;
use crate::tui::action::Action;
use crate::tui::screens::View;
use crate::tui::widgets::chrome;
use crate::tui::widgets::columns::{Column, Widths};
use crate::tui::widgets::text::width;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub(super) fn render(ledger: &Ledger, frame: &mut Frame, area: Rect, view: &View) {
    let [bar, header, list, footer] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    ledger.render_bar(frame, bar, view);
    let head = [
        "tui.petition.col.case_no",
        "tui.petition.col.received",
        "tui.petition.col.channel",
        "tui.petition.col.petitioner",
        "tui.petition.col.subject",
        "tui.petition.col.risk",
        "tui.petition.col.status",
        "tui.petition.col.due",
        "tui.petition.col.handler",
    ]
    .map(|k| view.t(k));
    let cells: Vec<[String; 9]> = ledger.rows.iter().map(|r| row_cells(r, view)).collect();
    let cols = Widths::fit(
        &COLUMNS,
        &head,
        cells.iter().map(|c| c.as_slice()),
        2,
        usize::from(area.width),
    );
    frame.render_widget(
        Paragraph::new(Line::from(cols.line("  ", &head))).style(view.theme.title),
        header,
    );
    let height = usize::from(list.height);
    let offset = (ledger.selected + 1).saturating_sub(height);
    let lines: Vec<Line> = ledger
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| ledger.row_line(row, &cells[i], i == ledger.selected, &cols, view))
        .collect();
    if lines.is_empty() {
        let key = if ledger.loaded {
            "tui.petition.none"
        } else {
            "tui.app.loading"
        };
        frame.render_widget(Paragraph::new(view.t(key)).style(view.theme.muted), list);
    } else {
        frame.render_widget(Paragraph::new(lines), list);
    }
    let count = if ledger.rows.is_empty() {
        String::new()
    } else {
        tf(
            view.lang,
            "tui.petition.count",
            &[("count", &ledger.rows.len()), ("n", &(ledger.selected + 1))],
        )
    };
    let note = format!("{count}  {}", view.t("tui.petition.legend"));
    frame.render_widget(
        Paragraph::new(note.trim_start().to_string()).style(view.theme.muted),
        footer,
    );
}

impl Ledger {
    fn render_bar(&self, frame: &mut Frame, area: Rect, view: &View) {
        let block = chrome::boxed(view.t("tui.petition.filter"), view);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [choices, fields] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
        let all = view.t("tui.petition.all");
        let key = |a: &Action| {
            view.keymap
                .keys_for(&["petitions"], a, false)
                .unwrap_or_default()
        };
        let status = self
            .status
            .map_or_else(|| all.clone(), |s| view.t(s.label_key()));
        let risk = self
            .risk
            .map_or_else(|| all.clone(), |r| view.t(r.label_key()));
        let overdue = view.t(if self.overdue_only {
            "tui.profile.yes"
        } else {
            "tui.profile.no"
        });
        let kind = self
            .kind
            .map_or_else(|| all.clone(), |k| view.t(k.label_key()));
        let mut spans = Vec::new();
        let mut items = vec![
            (
                "tui.petition.bar.status",
                status,
                Action::CycleStatus,
                self.status.is_some(),
            ),
            (
                "tui.petition.bar.risk",
                risk,
                Action::CycleRisk,
                self.risk.is_some(),
            ),
            (
                "tui.petition.bar.overdue",
                overdue,
                Action::ToggleOverdue,
                self.overdue_only,
            ),
        ];
        // The type filter where the bar has room, or when it is set.
        if choices.width >= 100 || self.kind.is_some() {
            items.push((
                "tui.petition.bar.kind",
                kind,
                Action::CycleKind,
                self.kind.is_some(),
            ));
        }
        for (label, value, action, on) in items {
            spans.push(Span::styled(
                format!("{} ", view.t(label)),
                view.theme.muted,
            ));
            let style = if on {
                view.theme.accent
            } else {
                view.theme.text
            };
            spans.push(Span::styled(value, style));
            spans.push(Span::styled(
                format!(" [{}]   ", key(&action)),
                view.theme.key_hint,
            ));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), choices);

        // Text field, then the date range: label, field, label, field, label, field.
        let labels = [
            view.t("tui.petition.bar.text"),
            view.t("tui.petition.bar.from"),
            view.t("tui.petition.bar.to"),
        ];
        let date_cols = 11u16;
        let label_cols: u16 = labels
            .iter()
            .map(|l| u16::try_from(width(l) + 2).unwrap_or(4))
            .sum();
        let text_cols = fields
            .width
            .saturating_sub(label_cols + 2 * date_cols + 2)
            .max(6);
        let mut x = fields.x;
        for (i, label) in labels.iter().enumerate() {
            let lw = u16::try_from(width(label) + 1).unwrap_or(4);
            let label_area = Rect::new(x, fields.y, lw, 1).intersection(fields);
            frame.render_widget(Span::styled(label.clone(), view.theme.muted), label_area);
            x = x.saturating_add(lw);
            let (field, focus, cols) = match i {
                0 => (&self.text, Focus::Text, text_cols),
                1 => (&self.from, Focus::From, date_cols),
                _ => (&self.to, Focus::To, date_cols),
            };
            let field_area = Rect::new(x, fields.y, cols, 1).intersection(fields);
            let bad = i > 0 && bound(field, view.today).is_err();
            let focused = self.focus == focus;
            let style = if bad {
                view.theme.error
            } else if focused {
                view.theme.input.patch(view.theme.focus)
            } else {
                view.theme.input
            };
            frame.render_widget(Paragraph::new("").style(style), field_area);
            field.render(frame, field_area, style, focused);
            x = x.saturating_add(cols + 2);
        }
    }

    fn row_line<'a>(
        &self,
        row: &LedgerRow,
        cells: &[String; 9],
        selected: bool,
        cols: &Widths,
        view: &View,
    ) -> Line<'a> {
        let late = !row.late.is_empty();
        let mut base = urgency_style(row.urgency, view);
        if selected {
            base = base.patch(view.theme.selection);
        }
        let high = row.risk == Risk::High && row.status.is_open();
        let marker = format!(
            "{}{}",
            if selected { ">" } else { " " },
            if high { "!" } else { " " }
        );
        let mut spans = vec![Span::styled(marker, base.add_modifier(Modifier::BOLD))];
        for (i, cell) in cells.iter().enumerate() {
            let style = if i == 5 && high {
                base.patch(view.theme.error).add_modifier(Modifier::BOLD)
            } else if i == 6 && late && !selected {
                base.patch(view.theme.error)
            } else {
                base
            };
            spans.push(Span::styled(cols.cell(i, cell), style));
        }
        Line::from(spans)
    }
}

/// The ledger's columns: the subject and the petitioner give way first; channel and handler
/// drop out on narrow terminals; status and due keep what they say.
const COLUMNS: [Column; 9] = [
    Column::new(9, 12),
    Column::new(10, 10),
    Column::new(4, 8).optional(),
    Column::new(6, 16).flexible(),
    Column::new(6, 200).flexible(),
    Column::new(4, 8),
    Column::new(6, 24),
    Column::new(8, 20),
    Column::new(4, 10).optional(),
];

/// A row's cells as the ledger shows them.
fn row_cells(row: &LedgerRow, view: &View) -> [String; 9] {
    let lang = view.lang;
    let due = row
        .next_due
        .map(|(_, d)| due_text(d, view.today, lang, false))
        .unwrap_or_default();
    // A step the station took late stays marked beside the status for ever.
    let late = row.late.iter().map(|(_, d)| *d).max();
    let status = match late {
        Some(days) => format!(
            "{} {}",
            t(lang, row.status.label_key()),
            tf(lang, "petition.late.ledger", &[("days", &days)])
        ),
        None => t(lang, row.status.label_key()),
    };
    [
        row.case_no.clone(),
        row.received_at.format("%Y-%m-%d").to_string(),
        t(lang, row.channel.label_key()),
        row.first_petitioner.clone(),
        row.subject.clone(),
        t(lang, row.risk.label_key()),
        status,
        due,
        row.handler.clone(),
    ]
}
