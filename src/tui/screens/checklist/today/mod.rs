//! The day's checklist (F5): today's items from the posted rules, what the records say
//! beside each, tick / not applicable / exception with a note, and the sign-off that locks
//! the day. Opened from the history with a past date, it shows that day read-only.
mod ask;

use crate::domain::checklist::{Day, Item, ItemState, Refusal};
use crate::i18n::{Msg, tf};
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::checklist::data::{ChecklistJob, ChecklistLoaded, DayView};
use crate::tui::screens::checklist::history::ChecklistHistory;
use crate::tui::screens::checklist::lines;
use crate::tui::screens::checklist::rules::ChecklistRules;
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::widgets::chrome;
use ask::Ask;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::tui::screens::checklist::marks::weekday_key;
use crate::tui::screens::checklist::prompt::Prompt;
use crate::tui::screens::checklist::rights::{may_administer, may_reopen};

/// The walk-in board asks its questions with the checklist's prompt.
pub use crate::tui::screens::checklist::prompt::{PROMPT_HINTS, PROMPT_SECTIONS};

#[derive(Debug, Default)]
pub struct Checklist {
    /// A past day opened from the history: read-only. `None` is today's list (the tab).
    past: Option<NaiveDate>,
    /// The date asked for.
    date: Option<NaiveDate>,
    view: Option<DayView>,
    selected: usize,
    prompt: Option<Prompt<Ask>>,
}

impl Checklist {
    /// A past day, read-only.
    pub fn past(date: NaiveDate) -> Checklist {
        Checklist {
            past: Some(date),
            ..Checklist::default()
        }
    }

    pub fn day(&self) -> Option<&Day> {
        self.view.as_ref().map(|v| &v.day)
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn prompt_open(&self) -> bool {
        self.prompt.is_some()
    }

    fn job(job: ChecklistJob) -> Vec<Effect> {
        vec![Effect::Db(DbJob::Checklist(job))]
    }

    fn item(&self) -> Option<&Item> {
        self.day().and_then(|d| d.items.get(self.selected))
    }

    fn loaded(&mut self, view: &DayView) {
        if self.date != Some(view.day.date) {
            return;
        }
        self.view = Some(view.clone());
        let last = view.day.items.len().saturating_sub(1);
        self.selected = self.selected.min(last);
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.day().map_or(0, |d| d.items.len().saturating_sub(1));
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }
}

impl Screen for Checklist {
    fn data_changed(&mut self, changes: &[crate::store::Change], _cx: &Cx) -> Vec<Effect> {
        use crate::store::changes::{CHECKLIST_DAY, CHECKLIST_ITEM, CHECKLIST_RULE};
        use crate::store::changes::{PETITION, PETITION_STEP, VISIT};
        // The live items count the day's walk-ins and petitions as well.
        let shown = [
            CHECKLIST_DAY,
            CHECKLIST_ITEM,
            CHECKLIST_RULE,
            VISIT,
            PETITION,
            PETITION_STEP,
        ];
        let relevant = changes.iter().any(|c| shown.contains(&c.entity.as_str()));
        match (self.date, self.past) {
            // Opening a day already open writes nothing, so this cannot feed itself.
            (Some(date), None) if relevant && self.view.is_some() => {
                Checklist::job(ChecklistJob::Open { date })
            }
            (Some(date), Some(_)) if relevant => Checklist::job(ChecklistJob::View { date }),
            _ => Vec::new(),
        }
    }

    fn id(&self) -> ScreenId {
        ScreenId::Checklist
    }

    fn sections(&self) -> &'static [&'static str] {
        if self.prompt.is_some() {
            PROMPT_SECTIONS
        } else {
            &["checklist", "list"]
        }
    }

    fn text_focused(&self) -> bool {
        self.prompt.is_some()
    }

    fn hints(&self) -> &'static [Action] {
        if self.prompt.is_some() {
            PROMPT_HINTS
        } else if self.past.is_some() {
            // Read-only: nothing to tick or sign.
            &[Action::Back, Action::Help]
        } else if self.day().is_some_and(Day::is_signed) {
            // Signed and locked: the one way to change it is to reopen it.
            &[Action::ReopenDay, Action::ChecklistHistory, Action::Help]
        } else if self.day().is_some_and(|d| !d.is_working_day()) {
            // A day off has nothing to tick or sign; it can be made a working day.
            &[Action::MarkHoliday, Action::ChecklistHistory, Action::Help]
        } else {
            &[
                Action::Toggle,
                Action::MarkNa,
                Action::MarkException,
                Action::SignDay,
                Action::ChecklistHistory,
                Action::Help,
            ]
        }
    }

    fn on_enter(&mut self, cx: &Cx) -> Vec<Effect> {
        let date = self.past.unwrap_or(cx.today);
        self.date = Some(date);
        self.prompt = None;
        match self.past {
            Some(date) => Checklist::job(ChecklistJob::View { date }),
            None => Checklist::job(ChecklistJob::Open { date }),
        }
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        if let Action::Loaded(Loaded::Checklist(ChecklistLoaded::Day(view))) = action {
            self.loaded(view);
            return Vec::new();
        }
        if self.prompt.is_some() {
            return self.prompt_update(action, cx);
        }
        let page = isize::try_from(cx.page_rows.max(1)).unwrap_or(1);
        match action {
            Action::MoveUp => self.move_by(-1),
            Action::MoveDown => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::First => self.selected = 0,
            Action::Last => self.move_by(isize::MAX),
            Action::Toggle => {
                let next = match self.item().map(|i| i.state) {
                    Some(ItemState::Done) => ItemState::Open,
                    _ => ItemState::Done,
                };
                let effects = self.set(next, "", cx);
                // Ticking moves on to the next item, so a day is Space after Space; unticking
                // stays, to tick again.
                if next == ItemState::Done && self.unchangeable(cx).is_none() {
                    self.move_by(1);
                }
                return effects;
            }
            Action::MarkNa => {
                if let Some(why) = self.unchangeable(cx) {
                    return vec![Effect::Error(why)];
                }
                // A required item that did not apply today says why.
                if let Some(item) = self.item().filter(|i| i.required) {
                    let kind = Ask::Note {
                        rule_id: item.rule_id,
                        state: ItemState::NotApplicable,
                    };
                    self.prompt = Some(Prompt::new(kind, "tui.deskday.na_note_prompt", &item.note));
                    return Vec::new();
                }
                return self.set(ItemState::NotApplicable, "", cx);
            }
            Action::ReopenItem => return self.set(ItemState::Open, "", cx),
            Action::MarkException => {
                if let Some(why) = self.unchangeable(cx) {
                    return vec![Effect::Error(why)];
                }
                if let Some(item) = self.item() {
                    let kind = Ask::Note {
                        rule_id: item.rule_id,
                        state: ItemState::Exception,
                    };
                    self.prompt = Some(Prompt::new(kind, "tui.checklist.note_prompt", &item.note));
                }
            }
            Action::SignDay => {
                if self.past.is_some() {
                    return vec![Effect::Error(Msg::new("tui.checklist.read_only"))];
                }
                if let Some(day) = self.day() {
                    return Checklist::job(ChecklistJob::Sign {
                        date: day.date,
                        officer: cx.officer.clone(),
                    });
                }
            }
            Action::ReopenDay => {
                let Some(day) = self.day() else {
                    return Vec::new();
                };
                if self.past.is_some() {
                    return vec![Effect::Error(Msg::new("tui.checklist.read_only"))];
                }
                if !day.is_signed() {
                    return vec![Effect::Error(
                        Refusal::NotSigned { date: day.date }.msg(cx.lang),
                    )];
                }
                if let Err(why) = may_reopen(cx) {
                    return vec![Effect::Error(why)];
                }
                self.prompt = Some(Prompt::new(Ask::Reason, "tui.checklist.reason_prompt", ""));
            }
            Action::MarkHoliday => {
                // Turns the day into a day off or a working day, whatever the calendar said
                // (a local holiday, a make-up day it lacks). A past day is corrected with a
                // reason; a signed day must be reopened first.
                let Some(day) = self.day() else {
                    return Vec::new();
                };
                if let Err(why) = may_administer(cx) {
                    return vec![Effect::Error(why)];
                }
                if day.is_signed() {
                    return vec![Effect::Error(
                        Refusal::Locked { date: day.date }.msg(cx.lang),
                    )];
                }
                let working = !day.is_working_day();
                if day.date < cx.today {
                    let kind = Ask::Correction { working };
                    self.prompt = Some(Prompt::new(kind, "calendar.tui.correction_prompt", ""));
                    return Vec::new();
                }
                return Checklist::job(ChecklistJob::Working {
                    date: day.date,
                    working,
                    reason: String::new(),
                    officer: cx.officer.clone(),
                });
            }
            Action::ChecklistHistory if self.past.is_none() => {
                return vec![Effect::Push(Box::new(ChecklistHistory::new(cx.today)))];
            }
            Action::ChecklistRules if self.past.is_none() => {
                if let Err(why) = may_administer(cx) {
                    return vec![Effect::Error(why)];
                }
                return vec![Effect::Push(Box::new(ChecklistRules::default()))];
            }
            Action::CalendarYears if self.past.is_none() => {
                if let Err(why) = may_administer(cx) {
                    return vec![Effect::Error(why)];
                }
                let screen = crate::tui::screens::checklist::calendar::CalendarYears::new(cx.today);
                return vec![Effect::Push(Box::new(screen))];
            }
            Action::Back if self.past.is_some() => return vec![Effect::Pop],
            Action::Back => return vec![Effect::Switch(ScreenId::Dashboard)],
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let title = match self.date {
            Some(date) => tf(
                view.lang,
                "tui.checklist.day_title",
                &[("date", &date), ("weekday", &view.t(weekday_key(date)))],
            ),
            None => view.t("tui.screen.checklist"),
        };
        let block = chrome::boxed(title, view);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let prompt_rows = if self.prompt.is_some() { 3 } else { 0 };
        let [head, list, prompt_area] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(0),
            Constraint::Length(prompt_rows),
        ])
        .areas(inner);
        let Some(data) = &self.view else {
            frame.render_widget(
                Paragraph::new(view.t("tui.app.loading")).style(view.theme.muted),
                head,
            );
            return;
        };
        let cols = usize::from(inner.width);
        frame.render_widget(
            Paragraph::new(lines::head_lines(data, self.past, view, cols)),
            head,
        );
        let (lines, starts) = lines::item_lines(data, self.selected, view, cols);
        let height = usize::from(list.height);
        let sel_start = starts.get(self.selected).copied().unwrap_or(0);
        let sel_end = starts
            .get(self.selected + 1)
            .copied()
            .unwrap_or(lines.len());
        let offset = if sel_end > height {
            (sel_end - height).min(sel_start)
        } else {
            0
        };
        let shown: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
        frame.render_widget(Paragraph::new(shown), list);
        if let Some(p) = &self.prompt {
            p.render(frame, prompt_area, view);
        }
    }
}
