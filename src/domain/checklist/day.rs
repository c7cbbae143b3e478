//! One day's checklist: its items, their ticks, the sign-off that locks it, and the reasons
//! a change is refused.
use super::live::{LiveCheck, LiveFacts, LiveState};
use super::rule::{Rule, pick_title};
use crate::domain::text::clean_multiline;
use crate::i18n::{Lang, Msg};
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

/// Why a change to a day is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The day is signed; reopen it first.
    Locked { date: NaiveDate },
    /// The day has no item for this rule.
    NoSuchItem { rule_id: i64 },
    /// An exception needs a note saying why.
    ExceptionNeedsNote { title_zh: String, title_en: String },
    /// A required item marked not applicable needs a note saying why it did not apply.
    NotApplicableNeedsNote { title_zh: String, title_en: String },
    /// A note or reason is too long.
    NoteTooLong,
    /// Required items are still open: (zh, en) titles.
    RequiredOpen { titles: Vec<(String, String)> },
    /// Signing a day that is already signed.
    AlreadySigned { date: NaiveDate },
    /// Reopening a day that is not signed.
    NotSigned { date: NaiveDate },
    /// Reopening needs a reason.
    ReasonNeeded,
    /// Days off (weekends, holidays, days marked off) have no checklist to sign.
    NotWorkingDay { date: NaiveDate },
    /// Correcting the working status of a past day needs a reason.
    CorrectionNeedsReason { date: NaiveDate },
    /// The day has not come yet.
    FutureDay { date: NaiveDate },
    /// The day has not been opened.
    NotOpened { date: NaiveDate },
    /// A rule is retired, or not found.
    NoSuchRule { rule_id: i64 },
    /// An administrator's rule is invalid.
    InvalidRule(Msg),
}

impl Refusal {
    /// The refusal in words. Rule titles are data in two languages rather than catalog
    /// entries, so the language picks which title the message names.
    pub fn msg(&self, lang: Lang) -> Msg {
        match self {
            Refusal::Locked { date } => Msg::new("checklist.locked").arg("date", date),
            Refusal::NoSuchItem { rule_id } => {
                Msg::new("checklist.no_such_item").arg("id", rule_id)
            }
            Refusal::ExceptionNeedsNote { title_zh, title_en } => {
                Msg::new("checklist.exception_needs_note")
                    .arg("item", pick_title(title_zh, title_en, lang))
            }
            Refusal::NotApplicableNeedsNote { title_zh, title_en } => {
                Msg::new("checklist.na_needs_note")
                    .arg("item", pick_title(title_zh, title_en, lang))
            }
            Refusal::NoteTooLong => Msg::new("field.too_long").arg("max", NOTE_MAX),
            Refusal::RequiredOpen { titles } => {
                let names: Vec<&str> = titles
                    .iter()
                    .map(|(zh, en)| pick_title(zh, en, lang))
                    .collect();
                let separator = match lang {
                    Lang::Zh => "、",
                    Lang::En => "; ",
                };
                Msg::new("checklist.required_open")
                    .arg("count", titles.len())
                    .arg("items", names.join(separator))
            }
            Refusal::AlreadySigned { date } => {
                Msg::new("checklist.already_signed").arg("date", date)
            }
            Refusal::NotSigned { date } => Msg::new("checklist.not_signed").arg("date", date),
            Refusal::ReasonNeeded => Msg::new("checklist.reason_needed"),
            Refusal::NotWorkingDay { date } => {
                Msg::new("checklist.not_working_day").arg("date", date)
            }
            Refusal::CorrectionNeedsReason { date } => {
                Msg::new("calendar.correction_needs_reason").arg("date", date)
            }
            Refusal::FutureDay { date } => Msg::new("checklist.future_day").arg("date", date),
            Refusal::NotOpened { date } => Msg::new("checklist.not_opened").arg("date", date),
            Refusal::NoSuchRule { rule_id } => {
                Msg::new("checklist.no_such_rule").arg("id", rule_id)
            }
            Refusal::InvalidRule(m) => m.clone(),
        }
    }
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
mod tests {
    use super::*;
    use crate::domain::checklist::rule::{Frequency, default_rules};

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    fn at(day: u32, h: u32) -> NaiveDateTime {
        d(day).and_hms_opt(h, 0, 0).unwrap()
    }

    fn rules() -> Vec<Rule> {
        default_rules()
            .unwrap()
            .into_iter()
            .enumerate()
            .map(|(i, r)| Rule {
                id: i as i64 + 1,
                title_zh: r.title_zh,
                title_en: r.title_en,
                frequency: r.frequency,
                required: r.required,
                check: r.check,
                position: i as i64 + 1,
                created_at: Some(at(1, 8)),
                retired_at: None,
            })
            .collect()
    }

    #[test]
    fn instances_follow_the_weekday() {
        let rules = rules();
        // 27 November 2026 is a Friday, 26 a Thursday, 25 a Wednesday, 28 a Saturday.
        let friday = instances(d(27), &rules);
        assert!(friday.iter().any(|i| i.title_zh.contains("学习")));
        assert!(!friday.iter().any(|i| i.title_zh.contains("走访")));
        let thursday = instances(d(26), &rules);
        assert_eq!(thursday.len(), 8);
        assert!(!thursday.iter().any(|i| i.title_zh.contains("学习")));
        assert!(
            instances(d(25), &rules)
                .iter()
                .any(|i| i.title_zh.contains("走访"))
        );
        // Saturday the 28th is a day off: opened, it has no items.
        assert!(Day::open(d(28), &rules, false, at(28, 8)).items.is_empty());
        assert!(Day::open(d(26), &rules, false, at(26, 8)).items.is_empty());
    }

    #[test]
    fn a_signed_day_is_locked_and_can_be_reopened() {
        let mut day = Day::open(d(26), &rules(), true, at(26, 8));
        let ids: Vec<i64> = day.items.iter().map(|i| i.rule_id).collect();
        for id in &ids {
            day.set_item(*id, ItemState::Done, "", "wang", at(26, 17))
                .unwrap();
        }
        day.sign("wang", at(26, 17)).unwrap();
        assert!(day.is_complete());
        assert_eq!(
            day.set_item(ids[0], ItemState::Open, "", "wang", at(26, 18)),
            Err(Refusal::Locked { date: d(26) })
        );
        assert_eq!(day.reopen("  "), Err(Refusal::ReasonNeeded));
        assert_eq!(day.reopen("补登一条来访").unwrap(), "补登一条来访");
        assert!(!day.is_signed());
        assert_eq!(day.reopen("again"), Err(Refusal::NotSigned { date: d(26) }));
    }

    #[test]
    fn an_exception_needs_a_note_and_still_signs_complete() {
        let mut day = Day::open(d(26), &rules(), true, at(26, 8));
        let first = day.items[0].rule_id;
        let err = day
            .set_item(first, ItemState::Exception, " \n ", "wang", at(26, 9))
            .unwrap_err();
        assert!(
            err.msg(Lang::Zh)
                .render(Lang::Zh)
                .contains("来访人员均已登记")
        );
        day.set_item(
            first,
            ItemState::Exception,
            "停电，纸质登记",
            "wang",
            at(26, 9),
        )
        .unwrap();
        let ids: Vec<i64> = day.items.iter().skip(1).map(|i| i.rule_id).collect();
        for id in ids {
            day.set_item(
                id,
                ItemState::NotApplicable,
                "今日无此事",
                "wang",
                at(26, 9),
            )
            .unwrap();
        }
        day.sign("wang", at(26, 17)).unwrap();
        assert!(day.is_complete() && day.has_exceptions());
    }

    #[test]
    fn a_required_item_not_applicable_needs_a_note() {
        let mut day = Day::open(d(26), &rules(), true, at(26, 8));
        let item = day.items.iter().find(|i| i.required).unwrap().clone();
        let err = day
            .set_item(
                item.rule_id,
                ItemState::NotApplicable,
                " ",
                "wang",
                at(26, 9),
            )
            .unwrap_err();
        assert!(matches!(err, Refusal::NotApplicableNeedsNote { .. }));
        assert!(err.msg(Lang::Zh).render(Lang::Zh).contains(&item.title_zh));
        day.set_item(
            item.rule_id,
            ItemState::NotApplicable,
            "今日停电",
            "wang",
            at(26, 9),
        )
        .unwrap();
        if let Some(optional) = day.items.iter().find(|i| !i.required).map(|i| i.rule_id) {
            day.set_item(optional, ItemState::NotApplicable, "", "wang", at(26, 9))
                .unwrap();
        }
    }

    #[test]
    fn required_open_items_block_the_sign_off_by_name() {
        let mut rules = rules();
        rules.push(Rule {
            id: 99,
            title_zh: "可选项".into(),
            title_en: "Optional".into(),
            frequency: Frequency::Workdays,
            required: false,
            check: None,
            position: 99,
            created_at: None,
            retired_at: None,
        });
        let mut day = Day::open(d(26), &rules, true, at(26, 8));
        let ids: Vec<i64> = day.items.iter().map(|i| i.rule_id).collect();
        // Everything but the backup and the optional item.
        for id in ids.iter().filter(|id| **id != 7 && **id != 99) {
            day.set_item(*id, ItemState::Done, "", "wang", at(26, 9))
                .unwrap();
        }
        let err = day.sign("wang", at(26, 17)).unwrap_err();
        let en = err.msg(Lang::En).render(Lang::En);
        assert!(en.contains("Data backed up today"), "{en}");
        assert!(!en.contains("Optional"), "{en}");
        assert!(
            err.msg(Lang::Zh)
                .render(Lang::Zh)
                .contains("今日数据已备份")
        );
        day.set_item(7, ItemState::Done, "", "wang", at(26, 17))
            .unwrap();
        day.sign("wang", at(26, 17)).unwrap();
        assert_eq!(day.signed_by.as_deref(), Some("wang"));
        assert_eq!(
            day.sign("li", at(26, 18)),
            Err(Refusal::AlreadySigned { date: d(26) })
        );
    }

    #[test]
    fn unknown_items_long_notes_and_holidays_are_refused() {
        let mut day = Day::open(d(26), &rules(), true, at(26, 8));
        assert_eq!(
            day.set_item(404, ItemState::Done, "", "wang", at(26, 9)),
            Err(Refusal::NoSuchItem { rule_id: 404 })
        );
        let long = "字".repeat(NOTE_MAX + 1);
        assert_eq!(
            day.set_item(1, ItemState::Exception, &long, "wang", at(26, 9)),
            Err(Refusal::NoteTooLong)
        );
        let mut holiday = Day::open(d(26), &rules(), false, at(26, 8));
        assert_eq!(
            holiday.sign("wang", at(26, 9)),
            Err(Refusal::NotWorkingDay { date: d(26) })
        );
    }

    #[test]
    fn a_correction_of_a_past_day_needs_a_reason() {
        // Sunday 2026-11-29 made a working day on the day: no reason needed.
        let mut sunday = Day::blank(d(29), false);
        sunday.set_working(true, "", d(29)).unwrap();
        assert!(sunday.is_working_day());
        assert_eq!(sunday.marked, Some(true));
        sunday.open_items(&rules(), at(29, 8));
        assert!(!sunday.items.is_empty());
        // Thursday the 26th, corrected a week later.
        let mut past = Day::blank(d(26), true);
        assert_eq!(
            past.set_working(false, " ", d(30)),
            Err(Refusal::CorrectionNeedsReason { date: d(26) })
        );
        assert_eq!(
            past.set_working(false, "县里放假", d(30)).unwrap(),
            "县里放假"
        );
        assert!(!past.is_working_day());
        // back to what the calendar says: no correction left
        past.set_working(true, "弄错了", d(30)).unwrap();
        assert_eq!(past.marked, None);
        let mut signed = Day::open(d(26), &rules(), true, at(26, 8));
        signed.signed_at = Some(at(26, 17));
        assert_eq!(
            signed.set_working(false, "x", d(30)),
            Err(Refusal::Locked { date: d(26) })
        );
    }
}
