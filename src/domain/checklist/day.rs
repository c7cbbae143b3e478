//! One day's checklist: its items, their ticks, the sign-off that locks it, and the reasons
//! a change is refused.
use super::live::{LiveCheck, LiveFacts, LiveState};
use super::refusal::Refusal;
use super::rule::{Rule, pick_title};
use crate::domain::text::clean_multiline;
use crate::i18n::Lang;
use chrono::{NaiveDate, NaiveDateTime};

/// The longest note or reopening reason, in characters.
pub const NOTE_MAX: usize = 1000;

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemState {
    /// Not dealt with yet.
    Open,
    /// Done as the rule says.
    Done,
    /// Did not arise today (no walk-ins, no petitions…).
    NotApplicable,
    /// Not done as the rule says; the note says why. It resolves the item for the sign-off
    /// but keeps the day from counting as complete.
    Exception,
}

impl ItemState {
    /// All states, in the order the screen cycles through them.
    pub const ALL: [ItemState; 4] = [
        ItemState::Open,
        ItemState::Done,
        ItemState::NotApplicable,
        ItemState::Exception,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            ItemState::Open => "open",
            ItemState::Done => "done",
            ItemState::NotApplicable => "na",
            ItemState::Exception => "exception",
        }
    }

    /// Reads a stored code.
    pub fn parse(code: &str) -> Option<ItemState> {
        ItemState::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The catalog key of the state's name.
    pub fn label_key(self) -> &'static str {
        match self {
            ItemState::Open => "checklist.state_open",
            ItemState::Done => "checklist.state_done",
            ItemState::NotApplicable => "checklist.state_na",
            ItemState::Exception => "checklist.state_exception",
        }
    }

    /// Done or not applicable: what the compliance rate counts as followed.
    pub fn is_followed(self) -> bool {
        matches!(self, ItemState::Done | ItemState::NotApplicable)
    }
}

/// One rule's item on one day. The title, required flag and check are copied from the rule
/// when the day is opened, so the history shows the rule as it stood that day even after an
/// administrator edits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub rule_id: i64,
    pub title_zh: String,
    pub title_en: String,
    pub required: bool,
    pub check: Option<LiveCheck>,
    pub position: i64,
    pub state: ItemState,
    pub note: String,
    /// Who last set the item.
    pub officer: Option<String>,
    /// When it was last set.
    pub at: Option<NaiveDateTime>,
}

impl Item {
    /// The item's instance of `rule`, open.
    pub fn from_rule(rule: &Rule) -> Item {
        Item {
            rule_id: rule.id,
            title_zh: rule.title_zh.clone(),
            title_en: rule.title_en.clone(),
            required: rule.required,
            check: rule.check,
            position: rule.position,
            state: ItemState::Open,
            note: String::new(),
            officer: None,
            at: None,
        }
    }

    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &str {
        pick_title(&self.title_zh, &self.title_en, lang)
    }

    /// What the data says about the item, if the item has a check.
    pub fn live_state(&self, facts: &LiveFacts) -> Option<LiveState> {
        self.check.map(|c| c.evaluate(facts))
    }
}

/// The items of `rules` that belong on `date`, in checklist order.
pub fn instances(date: NaiveDate, rules: &[Rule]) -> Vec<Item> {
    let mut items: Vec<Item> = rules
        .iter()
        .filter(|r| r.applies_on(date))
        .map(Item::from_rule)
        .collect();
    items.sort_by_key(|i| (i.position, i.rule_id));
    items
}

/// One day's checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub items: Vec<Item>,
    /// When the items were created; `None` for a day never opened as a working day.
    pub opened_at: Option<NaiveDateTime>,
    pub signed_by: Option<String>,
    pub signed_at: Option<NaiveDateTime>,
    /// Whether the working calendar makes the date a working day: Monday–Friday that is not
    /// a published holiday, or a make-up Saturday or Sunday.
    pub calendar_working: bool,
    /// A correction of the calendar for this date: `Some(false)` a day off the calendar
    /// does not know (a local holiday), `Some(true)` a working day it does not know.
    pub marked: Option<bool>,
    /// Why the working status was corrected; required for a past day.
    pub mark_reason: String,
}

impl Day {
    /// A date not stored yet: no items, not opened, as the calendar has it.
    pub fn blank(date: NaiveDate, calendar_working: bool) -> Day {
        Day {
            date,
            items: Vec::new(),
            opened_at: None,
            signed_by: None,
            signed_at: None,
            calendar_working,
            marked: None,
            mark_reason: String::new(),
        }
    }

    /// A fresh day, opened at `at`: the items of `rules` for a working day, none otherwise.
    pub fn open(date: NaiveDate, rules: &[Rule], calendar_working: bool, at: NaiveDateTime) -> Day {
        let mut day = Day::blank(date, calendar_working);
        day.open_items(rules, at);
        day
    }

    /// Creates the items of a working day not opened yet; a day off stays without.
    pub fn open_items(&mut self, rules: &[Rule], at: NaiveDateTime) {
        if self.opened_at.is_none() && self.is_working_day() {
            self.items = instances(self.date, rules);
            self.opened_at = Some(at);
        }
    }

    /// Signed, hence locked.
    pub fn is_signed(&self) -> bool {
        self.signed_at.is_some()
    }

    /// A working day by the calendar, unless an officer corrected it.
    pub fn is_working_day(&self) -> bool {
        self.marked.unwrap_or(self.calendar_working)
    }

    /// The item of a rule.
    pub fn item(&self, rule_id: i64) -> Option<&Item> {
        self.items.iter().find(|i| i.rule_id == rule_id)
    }

    /// Required items still open: they block the sign-off.
    pub fn open_required(&self) -> Vec<&Item> {
        self.items
            .iter()
            .filter(|i| i.required && i.state == ItemState::Open)
            .collect()
    }

    /// Signed with every required item resolved: a day that counts as complete in the
    /// compliance rate. A documented exception is a resolution (the sign-off accepts it);
    /// it shows on the calendar and in its rule's own rate, not as an unsigned day.
    pub fn is_complete(&self) -> bool {
        self.is_signed() && self.open_required().is_empty()
    }

    /// Some item was marked an exception (with its note).
    pub fn has_exceptions(&self) -> bool {
        self.items.iter().any(|i| i.state == ItemState::Exception)
    }

    /// Sets an item. An exception, or a required item marked not applicable, needs a note;
    /// a signed day refuses every change.
    pub fn set_item(
        &mut self,
        rule_id: i64,
        state: ItemState,
        note: &str,
        officer: &str,
        at: NaiveDateTime,
    ) -> Result<&Item, Refusal> {
        if self.is_signed() {
            return Err(Refusal::Locked { date: self.date });
        }
        let note = clean_multiline(note);
        if note.chars().count() > NOTE_MAX {
            return Err(Refusal::NoteTooLong);
        }
        let item = self
            .items
            .iter_mut()
            .find(|i| i.rule_id == rule_id)
            .ok_or(Refusal::NoSuchItem { rule_id })?;
        if state == ItemState::Exception && note.is_empty() {
            return Err(Refusal::ExceptionNeedsNote {
                title_zh: item.title_zh.clone(),
                title_en: item.title_en.clone(),
            });
        }
        if state == ItemState::NotApplicable && item.required && note.is_empty() {
            return Err(Refusal::NotApplicableNeedsNote {
                title_zh: item.title_zh.clone(),
                title_en: item.title_en.clone(),
            });
        }
        item.state = state;
        item.note = note;
        item.officer = Some(officer.to_string());
        item.at = Some(at);
        Ok(item)
    }

    /// Signs the day off, which locks it. Every required item must be resolved (done, not
    /// applicable, or an exception with its note); the refusal names the ones still open.
    pub fn sign(&mut self, officer: &str, at: NaiveDateTime) -> Result<(), Refusal> {
        if self.is_signed() {
            return Err(Refusal::AlreadySigned { date: self.date });
        }
        if !self.is_working_day() {
            return Err(Refusal::NotWorkingDay { date: self.date });
        }
        if self.opened_at.is_none() {
            return Err(Refusal::NotOpened { date: self.date });
        }
        let open = self.open_required();
        if !open.is_empty() {
            return Err(Refusal::RequiredOpen {
                titles: open
                    .iter()
                    .map(|i| (i.title_zh.clone(), i.title_en.clone()))
                    .collect(),
            });
        }
        self.signed_by = Some(officer.to_string());
        self.signed_at = Some(at);
        Ok(())
    }

    /// Unlocks a signed day. Returns the cleaned reason, which the caller keeps with who
    /// signed the day before, so the reopening is part of the history.
    pub fn reopen(&mut self, reason: &str) -> Result<String, Refusal> {
        if !self.is_signed() {
            return Err(Refusal::NotSigned { date: self.date });
        }
        let reason = clean_multiline(reason);
        if reason.is_empty() {
            return Err(Refusal::ReasonNeeded);
        }
        if reason.chars().count() > NOTE_MAX {
            return Err(Refusal::NoteTooLong);
        }
        self.signed_by = None;
        self.signed_at = None;
        Ok(reason)
    }

    /// Corrects the day's working status: a day off or a working day, against what the
    /// calendar says (the same as the calendar takes the correction away). A signed day is
    /// locked; a day before `today` needs a reason, which is returned cleaned.
    pub fn set_working(
        &mut self,
        working: bool,
        reason: &str,
        today: NaiveDate,
    ) -> Result<String, Refusal> {
        if self.is_signed() {
            return Err(Refusal::Locked { date: self.date });
        }
        let reason = clean_multiline(reason);
        if reason.chars().count() > NOTE_MAX {
            return Err(Refusal::NoteTooLong);
        }
        if self.date < today && reason.is_empty() {
            return Err(Refusal::CorrectionNeedsReason { date: self.date });
        }
        self.marked = (working != self.calendar_working).then_some(working);
        self.mark_reason = reason.clone();
        Ok(reason)
    }
}

#[cfg(test)]
#[path = "day_tests.rs"]
mod tests;
