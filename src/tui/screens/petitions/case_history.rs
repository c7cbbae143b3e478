//! The case view's history: the dated timeline of its steps (a voided step kept, struck
//! through and marked with who voided it, when and why) and, for a high-risk case, its
//! reports upward or the flag that none is on record.
use crate::domain::petition::{RiskReport, Step};
use crate::i18n::tf;
use crate::tui::screens::View;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// The flag of a high-risk case with no report upward on record: the first line of the
/// case, whatever the width.
pub(super) fn unreported_flag<'a>(
    reports: &[RiskReport],
    high: bool,
    view: &View,
) -> Option<Line<'a>> {
    (high && reports.is_empty())
        .then(|| Line::styled(view.t("petition.risk_report.unreported"), view.theme.error))
}

/// The reports upward of a case, oldest first; nothing when there are none.
pub(super) fn report_lines<'a>(reports: &[RiskReport], view: &View) -> Vec<Line<'a>> {
    if reports.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![
        Line::from(""),
        Line::styled(view.t("petition.risk_report.title"), view.theme.title),
    ];
    for r in reports {
        lines.push(Line::styled(
            tf(
                view.lang,
                "petition.risk_report.line",
                &[
                    ("at", &r.at.format("%Y-%m-%d %H:%M").to_string()),
                    ("method", &view.t(r.method.label_key())),
                    ("to", &r.to),
                    ("by", &r.by),
                ],
            ),
            view.theme.text,
        ));
    }
    lines
}

pub(super) fn timeline_lines<'a>(steps: &[Step], view: &View) -> Vec<Line<'a>> {
    let mut lines = vec![
        Line::from(""),
        Line::styled(view.t("tui.petition.case.timeline"), view.theme.title),
    ];
    for s in steps {
        let mut extra = Vec::new();
        if let Some(to) = &s.forwarded_to {
            extra.push(tf(view.lang, "tui.petition.case.forwarded", &[("to", to)]));
        }
        if let Some(r) = &s.redirect {
            let channel = r.text(|k| view.t(k));
            extra.push(tf(
                view.lang,
                "petition.redirect.told",
                &[("channel", &channel)],
            ));
        }
        if let Some(days) = s.extension_days {
            extra.push(tf(
                view.lang,
                "tui.petition.case.extension_days",
                &[("n", &days)],
            ));
        }
        if let Some(how) = s.delivery {
            let on = s.delivered_on.map_or_else(
                || view.t("petition.delivery.awaiting"),
                |d| d.format("%Y-%m-%d").to_string(),
            );
            extra.push(format!("{} {on}", view.t(how.label_key())));
        }
        if !s.note.is_empty() {
            extra.push(s.note.replace('\n', " "));
        }
        let mut head = vec![
            Span::styled(
                format!("{}  ", s.at.format("%Y-%m-%d %H:%M")),
                view.theme.muted,
            ),
            Span::styled(view.t(s.kind.label_key()), view.theme.accent),
            Span::styled(format!("  {}", s.officer), view.theme.muted),
        ];
        if let Some(t) = s.timing.filter(|t| t.is_late()) {
            let due = t.due.format("%Y-%m-%d").to_string();
            head.push(Span::styled(
                format!(
                    "  {}",
                    tf(
                        view.lang,
                        "petition.late.step",
                        &[("days", &t.late_days), ("due", &due)],
                    )
                ),
                view.theme.error,
            ));
        }
        // A voided step stays on record, struck through, with a mark for terminals that
        // do not draw the strike and who voided it, when and why.
        if let Some(v) = &s.voided {
            head = head
                .into_iter()
                .map(|span| span.patch_style(Modifier::CROSSED_OUT))
                .collect();
            head.push(Span::styled(
                format!("  [{}]", view.t("petition.void.mark")),
                view.theme.error,
            ));
            lines.push(Line::from(head));
            lines.push(Line::styled(
                format!(
                    "    {}",
                    tf(
                        view.lang,
                        "petition.void.detail",
                        &[
                            ("by", &v.by),
                            ("at", &v.at.format("%Y-%m-%d %H:%M").to_string()),
                            ("reason", &v.reason.replace('\n', " ")),
                        ],
                    )
                ),
                view.theme.muted,
            ));
            if !extra.is_empty() {
                lines.push(Line::styled(
                    format!("    {}", extra.join("  ")),
                    view.theme.muted.add_modifier(Modifier::CROSSED_OUT),
                ));
            }
            continue;
        }
        lines.push(Line::from(head));
        if !extra.is_empty() {
            lines.push(Line::styled(
                format!("    {}", extra.join("  ")),
                view.theme.text,
            ));
        }
    }
    lines
}
