//! The case view's statutory deadlines: each limit's legal end with the days left or
//! overdue, met on time or late as recorded with the step, the petitioner's window waiting
//! for a mailed reply's receipt, and why a date moved past a holiday or rest day.
use crate::domain::calendar::Calendar;
use crate::domain::petition::{
    CaseState, DeadlineKind, Due, Status, Step, StepKind, Urgency, deadlines, is_higher_bodys,
    next_due, urgency_of,
};
use crate::i18n::tf;
use crate::tui::screens::View;
use crate::tui::screens::petitions::ledger::{due_text, urgency_style};
use crate::tui::widgets::text::{fit, width};
use chrono::Datelike;
use ratatui::text::{Line, Span};

/// How many days late the step that met a limit of `kind` was, as recorded with it.
fn met_late(kind: DeadlineKind, steps: &[Step]) -> Option<u32> {
    steps
        .iter()
        .rev()
        .filter(|s| s.kind != StepKind::Extended)
        .find_map(|s| s.timing.filter(|t| t.kind == kind))
        .map(|t| t.late_days)
}

/// How one deadline stands: met (on time or late, as recorded), the petitioner's window
/// closed, or days left/overdue against its legal end.
fn deadline_state(
    kind: DeadlineKind,
    due: Due,
    state: &CaseState,
    steps: &[Step],
    cal: &Calendar,
    view: &View,
) -> (String, ratatui::style::Style) {
    let met = match kind {
        DeadlineKind::Acceptance => state.status != Status::Registered,
        DeadlineKind::Handling => state.replied.is_some() || state.ended.is_some(),
        DeadlineKind::ReviewRequest => state.review_requested.is_some(),
        DeadlineKind::ReviewAnswer => state.review_answered.is_some(),
        DeadlineKind::ReReviewRequest => state.rereview_requested.is_some(),
        DeadlineKind::ReReviewAnswer => state.rereview_answered.is_some(),
        DeadlineKind::PassUp => state.status != Status::Registered,
        DeadlineKind::Feedback => state.feedback_received.is_some(),
        DeadlineKind::Report => state.report_sent.is_some(),
    };
    let date = due.end.format("%Y-%m-%d").to_string();
    if met {
        return match met_late(kind, steps).filter(|d| *d > 0) {
            Some(days) => (
                tf(
                    view.lang,
                    "petition.late.met_late",
                    &[("date", &date), ("days", &days)],
                ),
                view.theme.error,
            ),
            None => (
                format!("{date} {}", view.t("tui.petition.deadline_met")),
                view.theme.success,
            ),
        };
    }
    let petitioners_window = matches!(
        kind,
        DeadlineKind::ReviewRequest | DeadlineKind::ReReviewRequest
    );
    let running = next_due(state, cal).is_some_and(|(k, _)| k == kind);
    if petitioners_window {
        if due.end < view.today || !state.status.is_open() && state.status != Status::Closed {
            return (
                format!("{date} {}", view.t("tui.petition.window_closed")),
                view.theme.muted,
            );
        }
        return (
            due_text(due.end, view.today, view.lang, true),
            view.theme.text,
        );
    }
    if !running && !state.status.is_open() {
        return (date, view.theme.muted);
    }
    // The higher body's answer: awaited, never the station's overdue item.
    if is_higher_bodys(kind) {
        return (
            tf(view.lang, "petition.awaited.answer", &[("date", &date)]),
            view.theme.muted,
        );
    }
    let style = urgency_style(urgency_of(due.end, view.today), view);
    (due_text(due.end, view.today, view.lang, true), style)
}

pub(super) fn deadline_lines<'a>(
    state: &CaseState,
    steps: &[Step],
    cal: &Calendar,
    view: &View,
) -> Vec<Line<'a>> {
    let d = deadlines(state, cal);
    let first = if state.intake.passes_up {
        (DeadlineKind::PassUp, d.pass_up)
    } else {
        (DeadlineKind::Acceptance, d.acceptance)
    };
    let mut rows: Vec<(DeadlineKind, Option<Due>)> = vec![
        first,
        (DeadlineKind::Handling, d.handling),
        (DeadlineKind::ReviewRequest, d.review_request),
        (DeadlineKind::ReviewAnswer, d.review_answer),
        (DeadlineKind::ReReviewRequest, d.rereview_request),
        (DeadlineKind::ReReviewAnswer, d.rereview_answer),
    ];
    rows.extend(super::case_referral::extra_rows(state, cal));
    let label_cols = rows
        .iter()
        .map(|(k, _)| width(&view.t(k.label_key())))
        .max()
        .unwrap_or(8)
        + 2;
    let mut lines = vec![
        Line::from(""),
        Line::styled(view.t("tui.petition.case.deadlines"), view.theme.title),
    ];
    for (kind, due) in rows {
        let label = view.t(kind.label_key());
        let (text, style) = match due {
            Some(due) => deadline_state(kind, due, state, steps, cal, view),
            None if kind == DeadlineKind::ReviewRequest && d.review_awaiting_delivery => {
                (view.t("petition.delivery.awaiting"), view.theme.warning)
            }
            None if kind == DeadlineKind::Acceptance && state.intake.anonymous => (
                view.t("petition.intake.no_notice_anonymous"),
                view.theme.muted,
            ),
            None if kind == DeadlineKind::ReReviewRequest && d.rereview_awaiting_delivery => {
                (view.t("petition.delivery.awaiting"), view.theme.warning)
            }
            None => (view.t("tui.petition.not_started"), view.theme.muted),
        };
        lines.push(Line::from(vec![
            Span::styled(fit(&label, label_cols), view.theme.muted),
            Span::styled(text, style),
        ]));
        // Why the date is later than the count: its last day was a day off.
        if let Some(due) = due.filter(Due::rolled) {
            let last = due.last_day.format("%m-%d").to_string();
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(label_cols)),
                Span::styled(
                    tf(view.lang, "petition.late.rolled", &[("last", &last)]),
                    view.theme.muted,
                ),
            ]));
        }
        if kind == DeadlineKind::Handling
            && let Some(days) = state.extension_days
        {
            lines.push(Line::from(vec![
                Span::styled(
                    fit(&view.t("tui.petition.case.extension"), label_cols),
                    view.theme.muted,
                ),
                Span::styled(
                    tf(
                        view.lang,
                        "tui.petition.case.extension_days",
                        &[("n", &days)],
                    ),
                    view.theme.text,
                ),
            ]));
        }
    }
    // A limit ending in a year whose holidays are not imported may end later than shown.
    if let Some(year) = d
        .get_all()
        .into_iter()
        .flatten()
        .map(|due| due.end.year())
        .find(|y| !cal.has_year(*y))
    {
        lines.push(Line::styled(
            tf(view.lang, "calendar.tui.no_data", &[("year", &year)]),
            view.theme.warning,
        ));
    }
    let urgent = next_due(state, cal).map(|(_, due)| urgency_of(due, view.today));
    if urgent == Some(Urgency::Overdue) {
        lines.push(Line::styled(
            view.t("tui.petition.case.overdue_note"),
            view.theme.error,
        ));
    }
    lines
}
