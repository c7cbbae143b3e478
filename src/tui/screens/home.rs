//! The home screen: today's numbers at a glance.
use crate::i18n::Msg;
use crate::tui::action::{Action, Loaded};
use crate::tui::data::DashboardData;
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::widgets::chrome;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Debug, Default)]
pub struct Dashboard {
    /// `None` until the first load comes back.
    data: Option<DashboardData>,
}

/// A number the station does not keep yet is shown as a dash, not as a misleading zero.
fn count(value: Option<u64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| v.to_string())
}

/// What needs doing today, most pressing first, each naming the key that goes there.
pub fn attention(d: &DashboardData) -> Vec<Msg> {
    let mut out = Vec::new();
    if let Some(problem) = &d.audit_problem {
        out.push(problem.clone());
    }
    let some = |v: Option<u64>| v.filter(|n| *n > 0);
    if let Some(n) = some(d.petitions_overdue) {
        out.push(Msg::new("tui.dashboard.todo_petitions_overdue").arg("n", n));
    }
    if let Some(n) = some(d.followups_overdue) {
        out.push(Msg::new("tui.dashboard.todo_followups_overdue").arg("n", n));
    }
    if let Some(n) = some(d.petitions_near_deadline) {
        out.push(Msg::new("tui.dashboard.todo_petitions_due").arg("n", n));
    }
    if let Some(n) = some(d.followups_due) {
        out.push(Msg::new("tui.dashboard.todo_followups_due").arg("n", n));
    }
    if let Some(c) = d.checklist
        && c.working_day
        && !c.signed_off
    {
        out.push(
            Msg::new("tui.dashboard.todo_checklist")
                .arg("done", c.done)
                .arg("total", c.total),
        );
    }
    if let Some(missed) = d.checklist_missed.as_ref().filter(|m| !m.is_empty()) {
        out.push(Msg::new("tui.dashboard.todo_missed").arg("n", missed.len()));
    }
    if let Some(n) = some(d.petitions_high_risk_unreported) {
        out.push(
            Msg::new(if n == 1 {
                "petition.risk_report.todo_unreported_one"
            } else {
                "petition.risk_report.todo_unreported"
            })
            .arg("n", n),
        );
    }
    // Unsaved typing comes back only in its own form: say where, and how many.
    match d.drafts.as_slice() {
        [] => {}
        [one] => out.push(one.clone()),
        [first, ..] => {
            out.push(Msg::new("tui.dashboard.todo_drafts").arg("n", d.drafts.len()));
            out.push(first.clone());
        }
    }
    out
}

impl Dashboard {
    pub fn data(&self) -> Option<&DashboardData> {
        self.data.as_ref()
    }

    /// `(title key, value)` of every card, in reading order.
    fn cards(&self) -> Vec<(&'static str, String)> {
        let Some(d) = &self.data else {
            return vec![("tui.dashboard.people_on_file", "...".to_string())];
        };
        let checklist = match d.checklist {
            None => "-".to_string(),
            Some(c) if c.signed_off => format!("{}/{} OK", c.done, c.total),
            Some(c) => format!("{}/{}", c.done, c.total),
        };
        vec![
            ("tui.dashboard.people_on_file", d.people_on_file.to_string()),
            ("tui.dashboard.walkins_today", count(d.walkins_today)),
            (
                "tui.dashboard.followups",
                format!(
                    "{} / {}",
                    count(d.followups_due),
                    count(d.followups_overdue)
                ),
            ),
            (
                "tui.dashboard.petitions",
                format!(
                    "{} / {}",
                    count(d.petitions_near_deadline),
                    count(d.petitions_overdue)
                ),
            ),
            ("tui.dashboard.checklist", checklist),
            ("tui.dashboard.high_risk", count(d.petitions_high_risk)),
            (
                "tui.checklist.dash_missed",
                d.checklist_missed
                    .as_ref()
                    .map_or_else(|| "-".to_string(), |m| m.len().to_string()),
            ),
        ]
    }
}

impl Screen for Dashboard {
    fn data_changed(&mut self, _changes: &[crate::store::Change], _cx: &Cx) -> Vec<Effect> {
        vec![Effect::Db(DbJob::Dashboard)]
    }

    fn id(&self) -> ScreenId {
        ScreenId::Dashboard
    }

    fn sections(&self) -> &'static [&'static str] {
        &["dashboard"]
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::Help,
            Action::GotoLookup,
            Action::FocusSearch,
            Action::Quit,
        ]
    }

    fn on_enter(&mut self, _cx: &Cx) -> Vec<Effect> {
        vec![Effect::Db(DbJob::Dashboard)]
    }

    fn update(&mut self, action: &Action, _cx: &Cx) -> Vec<Effect> {
        match action {
            Action::Open => vec![Effect::Switch(ScreenId::Lookup)],
            Action::Loaded(Loaded::Dashboard(d)) => {
                self.data = Some(DashboardData::clone(d));
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let cards = self.cards();
        let per_row: usize = if area.width >= 100 { 4 } else { 3 };
        let rows = cards.len().div_ceil(per_row);
        // Short terminals get three-line cards (title, number, border) so that the charts
        // and the to-do lines still fit at 80x24.
        let card_rows: u16 = if area.height >= 30 { 5 } else { 3 };
        let [grid, charts_area, notes] = Layout::vertical([
            Constraint::Length(
                u16::try_from(rows)
                    .unwrap_or(u16::MAX)
                    .saturating_mul(card_rows),
            ),
            Constraint::Length(crate::tui::widgets::charts::dashboard_height(area.height)),
            Constraint::Min(0),
        ])
        .areas(area);
        crate::tui::widgets::charts::dashboard(frame, charts_area, self.data.as_ref(), view);
        let row_areas = Layout::vertical(vec![Constraint::Length(card_rows); rows]).split(grid);
        for (r, row_area) in row_areas.iter().enumerate() {
            let cols = Layout::horizontal(vec![Constraint::Ratio(1, per_row as u32); per_row])
                .split(*row_area);
            for (c, cell) in cols.iter().enumerate() {
                let Some((key, value)) = cards.get(r * per_row + c) else {
                    continue;
                };
                let mut body = vec![
                    Line::styled(value.clone(), view.theme.accent).alignment(Alignment::Center),
                ];
                if card_rows > 3 {
                    body.insert(0, Line::from(""));
                }
                let para = Paragraph::new(body).block(chrome::boxed(view.t(key), view));
                frame.render_widget(para, *cell);
            }
        }
        let mut lines: Vec<Line> = match &self.data {
            None => vec![Line::styled(view.t("tui.app.loading"), view.theme.muted)],
            Some(d) => attention(d)
                .into_iter()
                .map(|msg| Line::styled(format!("! {}", msg.render(view.lang)), view.theme.warning))
                .collect(),
        };
        if self.data.is_some() && lines.is_empty() {
            lines.push(Line::styled(
                view.t("tui.dashboard.all_clear"),
                view.theme.muted,
            ));
        }
        lines.push(Line::from(""));
        lines.push(Line::styled(
            view.t("tui.dashboard.start_hint"),
            view.theme.text,
        ));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), notes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn one_unreported_high_risk_case_is_said_in_the_singular() {
        for (n, start) in [
            (1, "1 high-risk case not yet reported"),
            (2, "2 high-risk cases not yet reported"),
        ] {
            let d = DashboardData {
                petitions_high_risk_unreported: Some(n),
                ..DashboardData::default()
            };
            let said: Vec<String> = attention(&d).iter().map(|m| m.render(Lang::En)).collect();
            assert!(said.iter().any(|l| l.starts_with(start)), "{said:?}");
        }
    }
}
