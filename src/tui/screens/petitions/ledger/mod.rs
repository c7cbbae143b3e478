//! The petition ledger (信访台账, F4): every case with its dates, status, next deadline and
//! handler; a filter bar (status, risk, overdue only, text, date range); Enter opens a case,
//! the "new" key the intake form, the export key writes the rows the filter shows.
mod view;

use crate::domain::dates::parse_date_input;
use crate::domain::petition::{Risk, Status, Urgency};
use crate::i18n::{Lang, Msg, t, tf};
use crate::store::petitions::{LedgerFilter, LedgerRow};
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::export_jobs::LedgerExport;
use crate::tui::screens::petitions::case::PetitionCaseView;
use crate::tui::screens::petitions::form::PetitionForm;
use crate::tui::screens::petitions::jobs::PetitionJob;
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::widgets::input::TextField;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Where the keys go: the list, or one of the filter bar's text fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Text,
    From,
    To,
}

impl Focus {
    fn next(self, forward: bool) -> Focus {
        const ORDER: [Focus; 4] = [Focus::List, Focus::Text, Focus::From, Focus::To];
        let i = ORDER.iter().position(|f| *f == self).unwrap_or(0);
        let j = if forward { i + 1 } else { i + ORDER.len() - 1 };
        ORDER[j % ORDER.len()]
    }
}

#[derive(Debug, Default)]
pub struct Ledger {
    status: Option<Status>,
    risk: Option<Risk>,
    kind: Option<crate::domain::petition::PetitionType>,
    overdue_only: bool,
    text: TextField,
    from: TextField,
    to: TextField,
    focus: Focus,
    rows: Vec<LedgerRow>,
    selected: usize,
    generation: u64,
    loaded: bool,
    /// The highest case id this ledger has shown: a case above it is new.
    seen_max_id: Option<i64>,
    /// The intake form was opened from here: the case it saves is selected on return.
    select_new: bool,
}

/// The ledger's order: the most pressing first. Overdue cases, then by the nearest legal
/// deadline; cases with no deadline running last, newest first as the store gave them.
pub fn by_urgency(rows: &mut [LedgerRow]) {
    rows.sort_by_key(|r| {
        (
            r.urgency != Urgency::Overdue,
            r.next_due.map_or(NaiveDate::MAX, |(_, due)| due),
        )
    });
}

/// The next value of an optional choice: none, each of `all`, none again.
fn cycle<T: Copy + PartialEq>(current: Option<T>, all: &[T]) -> Option<T> {
    match current {
        None => all.first().copied(),
        Some(c) => {
            let i = all.iter().position(|x| *x == c).unwrap_or(all.len());
            all.get(i + 1).copied()
        }
    }
}

/// A date field of the filter: empty is no bound, a bad date is `Err` (and no bound).
fn bound(field: &TextField, today: NaiveDate) -> Result<Option<NaiveDate>, ()> {
    if field.value().trim().is_empty() {
        return Ok(None);
    }
    parse_date_input(field.value(), today)
        .map(Some)
        .map_err(|_| ())
}

/// `12-01 5d left`, `12-01 today`, `11-20 3d overdue` (with the year when `full`).
pub fn due_text(due: NaiveDate, today: NaiveDate, lang: Lang, full: bool) -> String {
    let date = if full {
        due.format("%Y-%m-%d").to_string()
    } else {
        due.format("%m-%d").to_string()
    };
    let left = (due - today).num_days();
    let days = if left < 0 {
        tf(lang, "tui.petition.overdue_days", &[("n", &(-left))])
    } else if left == 0 {
        t(lang, "tui.petition.due_today")
    } else {
        tf(lang, "tui.petition.days_left", &[("n", &left)])
    };
    format!("{date} {days}")
}

/// The style of a row or a deadline by how pressing it is.
pub fn urgency_style(urgency: Urgency, view: &View) -> Style {
    match urgency {
        Urgency::Overdue => view.theme.error,
        Urgency::DueSoon => view.theme.warning,
        Urgency::None => view.theme.text,
    }
}

impl Ledger {
    pub fn rows(&self) -> &[LedgerRow] {
        &self.rows
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The filter the fields describe; bad dates are left out (and marked in the bar).
    pub fn filter(&self, today: NaiveDate) -> LedgerFilter {
        LedgerFilter {
            status: self.status,
            overdue_only: self.overdue_only,
            risk: self.risk,
            kind: self.kind,
            from: bound(&self.from, today).ok().flatten(),
            to: bound(&self.to, today).ok().flatten(),
            text: self.text.value().to_string(),
        }
    }

    fn reload(&mut self, cx: &Cx) -> Vec<Effect> {
        self.generation += 1;
        vec![Effect::Db(DbJob::Petitions(PetitionJob::Ledger {
            generation: self.generation,
            filter: self.filter(cx.today),
        }))]
    }

    fn field_mut(&mut self) -> Option<&mut TextField> {
        match self.focus {
            Focus::List => None,
            Focus::Text => Some(&mut self.text),
            Focus::From => Some(&mut self.from),
            Focus::To => Some(&mut self.to),
        }
    }

    fn move_to(&mut self, index: usize) {
        self.selected = index.min(self.rows.len().saturating_sub(1));
    }
}

impl Screen for Ledger {
    fn data_changed(&mut self, changes: &[crate::store::Change], cx: &Cx) -> Vec<Effect> {
        use crate::store::changes::{PETITION, PETITION_STEP};
        if changes
            .iter()
            .any(|c| c.is(PETITION) || c.is(PETITION_STEP))
        {
            self.reload(cx)
        } else {
            Vec::new()
        }
    }

    fn id(&self) -> ScreenId {
        ScreenId::Petitions
    }

    fn sections(&self) -> &'static [&'static str] {
        &["petitions", "list", "text"]
    }

    fn text_focused(&self) -> bool {
        self.focus != Focus::List
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::Help,
            Action::Open,
            Action::NewItem,
            Action::Export,
            Action::NextField,
            Action::CycleStatus,
            Action::ToggleOverdue,
            Action::Quit,
        ]
    }

    fn on_enter(&mut self, cx: &Cx) -> Vec<Effect> {
        self.reload(cx)
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        let page = cx.page_rows.max(1);
        match action {
            Action::MoveUp => self.move_to(self.selected.saturating_sub(1)),
            Action::MoveDown => self.move_to(self.selected + 1),
            Action::PageUp => self.move_to(self.selected.saturating_sub(page)),
            Action::PageDown => self.move_to(self.selected + page),
            Action::First => self.move_to(0),
            Action::Last => self.move_to(usize::MAX),
            Action::NextField => self.focus = self.focus.next(true),
            Action::PrevField => self.focus = self.focus.next(false),
            Action::Open if self.focus != Focus::List => self.focus = Focus::List,
            Action::Open => {
                if let Some(row) = self.rows.get(self.selected) {
                    return vec![Effect::Push(Box::new(PetitionCaseView::new(
                        row.id,
                        &row.case_no,
                        true,
                    )))];
                }
            }
            Action::NewItem => {
                self.select_new = true;
                return vec![Effect::Push(Box::new(PetitionForm::new(cx)))];
            }
            Action::Export => {
                return vec![
                    Effect::Status(Msg::new("tui.export.exporting")),
                    Effect::Db(DbJob::ExportLedger {
                        what: LedgerExport::Petitions(self.filter(cx.today)),
                        today: cx.today,
                    }),
                ];
            }
            Action::CycleStatus => {
                self.status = cycle(self.status, &Status::ALL);
                return self.reload(cx);
            }
            Action::CycleRisk => {
                self.risk = cycle(self.risk, &Risk::ALL);
                return self.reload(cx);
            }
            Action::CycleKind => {
                self.kind = cycle(self.kind, &crate::domain::petition::PetitionType::ALL);
                return self.reload(cx);
            }
            Action::ToggleOverdue => {
                self.overdue_only = !self.overdue_only;
                return self.reload(cx);
            }
            Action::Back if self.focus != Focus::List => self.focus = Focus::List,
            Action::Back => return vec![Effect::Switch(ScreenId::Dashboard)],
            Action::Loaded(Loaded::Ledger(result)) if result.generation == self.generation => {
                self.rows = result.rows.clone();
                by_urgency(&mut self.rows);
                self.loaded = true;
                let max_id = self.rows.iter().map(|r| r.id).max();
                let newest = self.rows.iter().position(|r| {
                    Some(r.id) == max_id && self.seen_max_id.is_none_or(|m| r.id > m)
                });
                match newest.filter(|_| self.select_new) {
                    Some(index) => self.move_to(index),
                    None => self.move_to(self.selected),
                }
                self.select_new = false;
                self.seen_max_id = self.seen_max_id.max(max_id);
            }
            edit => {
                if let Some(field) = self.field_mut()
                    && field.apply(edit)
                {
                    return self.reload(cx);
                }
            }
        }
        Vec::new()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        view::render(self, frame, area, view);
    }
}
