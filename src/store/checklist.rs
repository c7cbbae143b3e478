//! The end-of-day checklist: rules, days and their items, sign-off, reopening, history.
//!
//! Every write and its audit record commit in one transaction. Writes that read a day and
//! then change it take the write lock first (`IMMEDIATE`), so two desks ticking and signing
//! the same day at once are serialised instead of one signing over a change it never saw.
//! Permission checks (who may edit rules, who may reopen) are the caller's.
use super::audit::append;
use super::{Result, Store, StoreError};
use crate::domain::calendar::Calendar;
use crate::domain::checklist::{
    Compliance, Day, DayStatus, Frequency, Item, ItemState, LiveCheck, LiveFacts, Refusal, Rule,
    RuleInput, compliance, default_rules, missed_days, month_calendar, month_days,
};
use crate::i18n::{Lang, Msg};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

const TS: &str = "%Y-%m-%d %H:%M:%S";
const DATE: &str = "%Y-%m-%d";

fn date_text(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

fn parse_ts(text: Option<String>) -> Option<NaiveDateTime> {
    text.and_then(|t| NaiveDateTime::parse_from_str(&t, TS).ok())
}

/// A refusal of the checklist rules, or a failure of the database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChecklistError {
    /// The change breaks a checklist rule (a locked day, an exception without a note…).
    #[error("refused: {0:?}")]
    Refused(Refusal),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ChecklistError {
    /// The error in words; `lang` picks which title a message names.
    pub fn msg(&self, lang: Lang) -> Msg {
        match self {
            ChecklistError::Refused(r) => r.msg(lang),
            ChecklistError::Store(e) => e.msg(),
        }
    }
}

impl From<Refusal> for ChecklistError {
    fn from(r: Refusal) -> Self {
        ChecklistError::Refused(r)
    }
}

impl From<rusqlite::Error> for ChecklistError {
    fn from(e: rusqlite::Error) -> Self {
        ChecklistError::Store(e.into())
    }
}

/// The result of a checklist write.
pub type ChecklistResult<T> = std::result::Result<T, ChecklistError>;

/// High-risk petition numbers for the day, which the caller gets from the petition ledger;
/// the checklist does not read the petition tables itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HighRiskCounts {
    /// High-risk petitions registered on the day.
    pub new_today: u32,
    /// Of those, not yet reported upward.
    pub unreported: u32,
}

/// A reopening of a signed day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reopen {
    pub date: NaiveDate,
    pub reason: String,
    pub officer: String,
    pub at: Option<NaiveDateTime>,
    /// The signature the reopening undid.
    pub signed_by: Option<String>,
    pub signed_at: Option<NaiveDateTime>,
}

/// One line of the checklist export: a day's item with its result and the day's sign-off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistRow {
    pub date: NaiveDate,
    pub title_zh: String,
    pub title_en: String,
    pub result: ItemState,
    pub note: String,
    /// Who set the item.
    pub officer: Option<String>,
    /// Who signed the day, and when.
    pub signed_by: Option<String>,
    pub signed_at: Option<NaiveDateTime>,
}

const RULE_COLUMNS: &str =
    "id, title_zh, title_en, frequency, required, live_check, position, created_at, retired_at";

fn rule_from_row(r: &Row) -> rusqlite::Result<Rule> {
    let frequency: String = r.get(3)?;
    let check: Option<String> = r.get(5)?;
    Ok(Rule {
        id: r.get(0)?,
        title_zh: r.get(1)?,
        title_en: r.get(2)?,
        // Only this module writes the column; an unreadable value (a hand-edited database)
        // falls back to every working day, which shows the item rather than hiding it.
        frequency: Frequency::parse_code(&frequency).unwrap_or(Frequency::Workdays),
        required: r.get(4)?,
        check: check.as_deref().and_then(LiveCheck::parse),
        position: r.get(6)?,
        created_at: parse_ts(r.get(7)?),
        retired_at: parse_ts(r.get(8)?),
    })
}

fn item_from_row(r: &Row) -> rusqlite::Result<Item> {
    let check: Option<String> = r.get(4)?;
    let state: String = r.get(6)?;
    Ok(Item {
        rule_id: r.get(0)?,
        title_zh: r.get(1)?,
        title_en: r.get(2)?,
        required: r.get(3)?,
        check: check.as_deref().and_then(LiveCheck::parse),
        position: r.get(5)?,
        // The schema's CHECK allows only the four codes.
        state: ItemState::parse(&state).unwrap_or(ItemState::Open),
        note: r.get(7)?,
        officer: r.get(8)?,
        at: parse_ts(r.get(9)?),
    })
}

fn load_rules(conn: &Connection, include_retired: bool) -> rusqlite::Result<Vec<Rule>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RULE_COLUMNS} FROM checklist_rules WHERE ?1 OR retired_at IS NULL ORDER BY position, id"
    ))?;
    let rows = stmt.query_map([include_retired], rule_from_row)?;
    rows.collect()
}

fn load_items(conn: &Connection, date: &str) -> rusqlite::Result<Vec<Item>> {
    let mut stmt = conn.prepare_cached(
        "SELECT rule_id, title_zh, title_en, required, live_check, position, state, note, officer, at
         FROM checklist_items WHERE date = ?1 ORDER BY position, rule_id",
    )?;
    let rows = stmt.query_map([date], item_from_row)?;
    rows.collect()
}

/// A day's row without its items; `None` for a date that does not read (only this module
/// writes the column, so that is a hand-edited database: leave the row out rather than guess).
fn day_head(r: &Row, cal: &Calendar) -> rusqlite::Result<Option<Day>> {
    let date: String = r.get(0)?;
    let Ok(date) = NaiveDate::parse_from_str(&date, DATE) else {
        return Ok(None);
    };
    let (off, on): (bool, bool) = (r.get(1)?, r.get(5)?);
    Ok(Some(Day {
        date,
        items: Vec::new(),
        opened_at: parse_ts(r.get(2)?),
        signed_by: r.get(3)?,
        signed_at: parse_ts(r.get(4)?),
        calendar_working: cal.is_working_day(date),
        marked: if on { Some(true) } else { off.then_some(false) },
        mark_reason: r.get(6)?,
    }))
}

/// Days between two dates (inclusive), with their items, their working status on `cal`.
fn load_days(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    cal: &Calendar,
) -> rusqlite::Result<Vec<Day>> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, non_working, opened_at, signed_by, signed_at, marked_working, mark_reason
         FROM checklist_days WHERE date >= ?1 AND date <= ?2 ORDER BY date",
    )?;
    let mut days: Vec<Day> = stmt
        .query_map(params![date_text(from), date_text(to)], |r| {
            day_head(r, cal)
        })?
        .filter_map(|row| row.transpose())
        .collect::<rusqlite::Result<_>>()?;
    for day in &mut days {
        day.items = load_items(conn, &date_text(day.date))?;
    }
    Ok(days)
}

fn load_day(conn: &Connection, date: NaiveDate) -> rusqlite::Result<Option<Day>> {
    let cal = super::calendar::load_calendar(conn)?;
    Ok(load_days(conn, date, date, &cal)?.into_iter().next())
}

fn insert_rule(
    conn: &Connection,
    input: &RuleInput,
    position: i64,
    now: &str,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO checklist_rules(title_zh, title_en, frequency, required, live_check, position, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            input.title_zh,
            input.title_en,
            input.frequency.code(),
            input.required,
            input.check.map(LiveCheck::code),
            position,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Writes a day's head and, for a day being opened, its items.
fn insert_day(conn: &Connection, day: &Day) -> rusqlite::Result<()> {
    let date = date_text(day.date);
    conn.execute(
        "INSERT INTO checklist_days(date, non_working, marked_working, mark_reason, opened_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(date) DO UPDATE SET opened_at = excluded.opened_at",
        params![
            date,
            day.marked == Some(false),
            day.marked == Some(true),
            day.mark_reason,
            day.opened_at.map(|t| t.format(TS).to_string())
        ],
    )?;
    for item in &day.items {
        conn.execute(
            "INSERT INTO checklist_items(date, rule_id, title_zh, title_en, required, live_check, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                date,
                item.rule_id,
                item.title_zh,
                item.title_en,
                item.required,
                item.check.map(LiveCheck::code),
                item.position
            ],
        )?;
    }
    Ok(())
}

impl Store {
    /// Copies the embedded default rules into the database if it has no rules yet (the first
    /// use of the checklist). Returns whether it did. Later changes to the defaults do not
    /// touch a station's rules: they are the station's own from then on.
    pub fn ensure_default_rules(&mut self) -> ChecklistResult<bool> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        let defaults = default_rules().map_err(Refusal::InvalidRule)?;
        let tx = self.write_tx()?;
        let count: i64 = tx.query_row("SELECT count(*) FROM checklist_rules", [], |r| r.get(0))?;
        if count > 0 {
            return Ok(false);
        }
        for (i, rule) in defaults.iter().enumerate() {
            insert_rule(&tx, rule, i as i64 + 1, &now)?;
        }
        append(
            &tx,
            &now,
            &actor,
            "create",
            "checklist_rules",
            "",
            &format!("{} default rules", defaults.len()),
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// The rules in checklist order; retired ones too when asked (for the history).
    pub fn checklist_rules(&self, include_retired: bool) -> Result<Vec<Rule>> {
        Ok(load_rules(self.conn(), include_retired)?)
    }

    /// One rule, retired or not.
    pub fn checklist_rule(&self, id: i64) -> Result<Option<Rule>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {RULE_COLUMNS} FROM checklist_rules WHERE id = ?1"),
                [id],
                rule_from_row,
            )
            .optional()?)
    }

    /// The date the checklist was first used: when the first rule was stored.
    pub fn checklist_started_on(&self) -> Result<Option<NaiveDate>> {
        let first: Option<String> =
            self.conn()
                .query_row("SELECT min(created_at) FROM checklist_rules", [], |r| {
                    r.get(0)
                })?;
        Ok(parse_ts(first).map(|t| t.date()))
    }

    /// Adds a rule at the end of the list. It appears from the next day opened; a day
    /// already opened keeps the items it was opened with.
    pub fn add_checklist_rule(&mut self, input: &RuleInput) -> ChecklistResult<i64> {
        let input = input.validate().map_err(Refusal::InvalidRule)?;
        self.ensure_default_rules()?;
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let last: i64 = tx.query_row(
            "SELECT coalesce(max(position), 0) FROM checklist_rules",
            [],
            |r| r.get(0),
        )?;
        let id = insert_rule(&tx, &input, last + 1, &now)?;
        append(
            &tx,
            &now,
            &actor,
            "create",
            "checklist_rule",
            &id.to_string(),
            &input.title_zh,
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Edits an active rule. Days already opened keep the rule as it was.
    pub fn update_checklist_rule(&mut self, id: i64, input: &RuleInput) -> ChecklistResult<()> {
        let input = input.validate().map_err(Refusal::InvalidRule)?;
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let changed = tx.execute(
            "UPDATE checklist_rules SET title_zh = ?1, title_en = ?2, frequency = ?3, required = ?4,
             live_check = ?5 WHERE id = ?6 AND retired_at IS NULL",
            params![
                input.title_zh,
                input.title_en,
                input.frequency.code(),
                input.required,
                input.check.map(LiveCheck::code),
                id
            ],
        )?;
        if changed == 0 {
            return Err(Refusal::NoSuchRule { rule_id: id }.into());
        }
        append(
            &tx,
            &now,
            &actor,
            "update",
            "checklist_rule",
            &id.to_string(),
            &format!(
                "{} {} required={} check={}",
                input.title_zh,
                input.frequency.code(),
                input.required,
                input.check.map(LiveCheck::code).unwrap_or("-")
            ),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Puts the active rules in the given order: the listed ones first, in the order given,
    /// then any active rule not listed, in its present order. An id that is not an active
    /// rule is refused.
    pub fn reorder_checklist_rules(&mut self, order: &[i64]) -> ChecklistResult<()> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let active = load_rules(&tx, false)?;
        if let Some(unknown) = order.iter().find(|id| !active.iter().any(|r| r.id == **id)) {
            return Err(Refusal::NoSuchRule { rule_id: *unknown }.into());
        }
        let mut ids: Vec<i64> = Vec::with_capacity(active.len());
        for id in order.iter().chain(active.iter().map(|r| &r.id)) {
            if !ids.contains(id) {
                ids.push(*id);
            }
        }
        for (i, id) in ids.iter().enumerate() {
            tx.execute(
                "UPDATE checklist_rules SET position = ?1 WHERE id = ?2",
                params![i as i64 + 1, id],
            )?;
        }
        let summary: Vec<String> = ids.iter().map(i64::to_string).collect();
        append(
            &tx,
            &now,
            &actor,
            "reorder",
            "checklist_rules",
            "",
            &summary.join(","),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Retires a rule: it is off every day opened from today, and the days that had it keep
    /// their items.
    pub fn retire_checklist_rule(&mut self, id: i64) -> ChecklistResult<()> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let changed = tx.execute(
            "UPDATE checklist_rules SET retired_at = ?1 WHERE id = ?2 AND retired_at IS NULL",
            params![now, id],
        )?;
        if changed == 0 {
            return Err(Refusal::NoSuchRule { rule_id: id }.into());
        }
        append(
            &tx,
            &now,
            &actor,
            "retire",
            "checklist_rule",
            &id.to_string(),
            "",
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The stored day of a date, if it was opened or marked.
    pub fn checklist_day(&self, date: NaiveDate) -> Result<Option<Day>> {
        Ok(load_day(self.conn(), date)?)
    }

    /// The day of `date`, created the first time it is opened: the items of the rules that
    /// apply on that date, none for a day off (a weekend, a holiday, a day marked off); a
    /// make-up working Saturday or Sunday has its items. A past day can be opened late (and
    /// signed late: the sign-off time shows it); a future one cannot.
    pub fn open_checklist_day(&mut self, date: NaiveDate) -> ChecklistResult<Day> {
        let now = self.clock().now();
        if date > now.date() {
            return Err(Refusal::FutureDay { date }.into());
        }
        self.ensure_default_rules()?;
        let actor = self.actor().to_string();
        let now_text = self.now_text();
        let tx = self.write_tx()?;
        let cal = super::calendar::load_calendar(&tx)?;
        let mut day =
            load_day(&tx, date)?.unwrap_or_else(|| Day::blank(date, cal.is_working_day(date)));
        // A day stored without items (marked off, then the mark taken away) is opened now.
        if day.opened_at.is_some() || !day.is_working_day() {
            // Nothing to store: the day is shown as it is.
            return Ok(day);
        }
        let rules = load_rules(&tx, true)?;
        day.open_items(&rules, now);
        insert_day(&tx, &day)?;
        append(
            &tx,
            &now_text,
            &actor,
            "open",
            "checklist_day",
            &date_text(date),
            &format!("{} items", day.items.len()),
        )?;
        tx.commit()?;
        Ok(day)
    }

    /// Sets an item of an opened day. Refused on a signed day, and for an exception without
    /// a note. Returns the day as it now is.
    pub fn set_checklist_item(
        &mut self,
        date: NaiveDate,
        rule_id: i64,
        state: ItemState,
        note: &str,
    ) -> ChecklistResult<Day> {
        let now = self.clock().now();
        let now_text = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let mut day = load_day(&tx, date)?.ok_or(Refusal::NotOpened { date })?;
        let item = day.set_item(rule_id, state, note, &actor, now)?.clone();
        tx.execute(
            "UPDATE checklist_items SET state = ?1, note = ?2, officer = ?3, at = ?4
             WHERE date = ?5 AND rule_id = ?6",
            params![
                item.state.code(),
                item.note,
                actor,
                now_text,
                date_text(date),
                rule_id
            ],
        )?;
        append(
            &tx,
            &now_text,
            &actor,
            "set",
            "checklist_item",
            &format!("{} {}", date_text(date), rule_id),
            &format!("{} {}", item.state.code(), item.note),
        )?;
        tx.commit()?;
        Ok(day)
    }

    /// Signs a day off in the name of the store's actor, which locks it. Refused while a
    /// required item is open; the refusal names the items.
    pub fn sign_checklist_day(&mut self, date: NaiveDate) -> ChecklistResult<Day> {
        let now = self.clock().now();
        let now_text = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let mut day = load_day(&tx, date)?.ok_or(Refusal::NotOpened { date })?;
        day.sign(&actor, now)?;
        tx.execute(
            "UPDATE checklist_days SET signed_by = ?1, signed_at = ?2 WHERE date = ?3",
            params![actor, now_text, date_text(date)],
        )?;
        let counts = |s: ItemState| day.items.iter().filter(|i| i.state == s).count();
        append(
            &tx,
            &now_text,
            &actor,
            "sign",
            "checklist_day",
            &date_text(date),
            &format!(
                "done={} na={} exception={} open={}",
                counts(ItemState::Done),
                counts(ItemState::NotApplicable),
                counts(ItemState::Exception),
                counts(ItemState::Open)
            ),
        )?;
        tx.commit()?;
        Ok(day)
    }

    /// Unlocks a signed day, with a reason kept in the reopening history and the audit.
    pub fn reopen_checklist_day(&mut self, date: NaiveDate, reason: &str) -> ChecklistResult<Day> {
        let now_text = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let mut day = load_day(&tx, date)?.ok_or(Refusal::NotOpened { date })?;
        let (signed_by, signed_at) = (day.signed_by.clone(), day.signed_at);
        let reason = day.reopen(reason)?;
        tx.execute(
            "INSERT INTO checklist_reopens(date, reason, officer, at, signed_by, signed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                date_text(date),
                reason,
                actor,
                now_text,
                signed_by,
                signed_at.map(|t| t.format(TS).to_string())
            ],
        )?;
        tx.execute(
            "UPDATE checklist_days SET signed_by = NULL, signed_at = NULL WHERE date = ?1",
            [date_text(date)],
        )?;
        append(
            &tx,
            &now_text,
            &actor,
            "reopen",
            "checklist_day",
            &date_text(date),
            &reason,
        )?;
        tx.commit()?;
        Ok(day)
    }

    /// The reopenings of a day, oldest first.
    pub fn checklist_reopens(&self, date: NaiveDate) -> Result<Vec<Reopen>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT reason, officer, at, signed_by, signed_at FROM checklist_reopens
             WHERE date = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([date_text(date)], |r| {
            Ok(Reopen {
                date,
                reason: r.get(0)?,
                officer: r.get(1)?,
                at: parse_ts(r.get(2)?),
                signed_by: r.get(3)?,
                signed_at: parse_ts(r.get(4)?),
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Corrects a date's working status against the calendar: a day off it does not know
    /// (no checklist, not missed) or a working day it does not know (a checklist is due);
    /// the same status as the calendar's takes the correction away. A signed day is locked;
    /// a past day needs a reason. Audited with the reason. Items already created stay, so
    /// making the day a working day again restores them. The caller checks the right.
    pub fn set_checklist_working(
        &mut self,
        date: NaiveDate,
        working: bool,
        reason: &str,
    ) -> ChecklistResult<Day> {
        let today = self.clock().today();
        let now_text = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let cal = super::calendar::load_calendar(&tx)?;
        let mut day =
            load_day(&tx, date)?.unwrap_or_else(|| Day::blank(date, cal.is_working_day(date)));
        let reason = day.set_working(working, reason, today)?;
        tx.execute(
            "INSERT INTO checklist_days(date, non_working, marked_working, mark_reason)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(date) DO UPDATE SET non_working = excluded.non_working,
               marked_working = excluded.marked_working, mark_reason = excluded.mark_reason",
            params![
                date_text(date),
                day.marked == Some(false),
                day.marked == Some(true),
                reason
            ],
        )?;
        append(
            &tx,
            &now_text,
            &actor,
            if working {
                "mark_working"
            } else {
                "mark_day_off"
            },
            "checklist_day",
            &date_text(date),
            &reason,
        )?;
        tx.commit()?;
        Ok(day)
    }

    /// Stored days between two dates (inclusive), oldest first.
    pub fn checklist_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Day>> {
        let cal = self.calendar()?;
        Ok(load_days(self.conn(), from, to, &cal)?)
    }

    /// Past working days from `since` to before `today` without a sign-off, oldest first;
    /// days before the checklist was first used do not count.
    pub fn checklist_missed_days(
        &self,
        today: NaiveDate,
        since: NaiveDate,
    ) -> Result<Vec<NaiveDate>> {
        let started = self.checklist_started_on()?;
        let cal = self.calendar()?;
        let days = load_days(self.conn(), since, today, &cal)?;
        Ok(missed_days(today, since, started, &days, &cal))
    }

    fn month_data(&self, year: i32, month: u32) -> Result<Option<Vec<Day>>> {
        let dates = month_days(year, month);
        match (dates.first(), dates.last()) {
            (Some(first), Some(last)) => Ok(Some(self.checklist_days_between(*first, *last)?)),
            _ => Ok(None),
        }
    }

    /// Every date of a month with its status; empty for a month that does not exist.
    pub fn checklist_month_calendar(
        &self,
        year: i32,
        month: u32,
        today: NaiveDate,
    ) -> Result<Vec<(NaiveDate, DayStatus)>> {
        let Some(days) = self.month_data(year, month)? else {
            return Ok(Vec::new());
        };
        let started = self.checklist_started_on()?;
        Ok(month_calendar(
            year,
            month,
            today,
            started,
            &days,
            &self.calendar()?,
        ))
    }

    /// A month's compliance, overall and per rule (retired rules included).
    pub fn checklist_compliance(
        &self,
        year: i32,
        month: u32,
        today: NaiveDate,
    ) -> Result<Compliance> {
        let Some(days) = self.month_data(year, month)? else {
            return Ok(Compliance::default());
        };
        let started = self.checklist_started_on()?;
        let rules = self.checklist_rules(true)?;
        Ok(compliance(
            year,
            month,
            today,
            started,
            &rules,
            &days,
            &self.calendar()?,
        ))
    }

    /// The export: every item of every opened day between two dates, in date and checklist
    /// order, with the day's sign-off.
    pub fn checklist_rows(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ChecklistRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT i.date, i.title_zh, i.title_en, i.state, i.note, i.officer, d.signed_by, d.signed_at
             FROM checklist_items i JOIN checklist_days d ON d.date = i.date
             WHERE i.date >= ?1 AND i.date <= ?2 ORDER BY i.date, i.position, i.rule_id",
        )?;
        let rows = stmt.query_map(params![date_text(from), date_text(to)], |r| {
            let date: String = r.get(0)?;
            let state: String = r.get(3)?;
            Ok(ChecklistRow {
                date: NaiveDate::parse_from_str(&date, DATE).unwrap_or_default(),
                title_zh: r.get(1)?,
                title_en: r.get(2)?,
                result: ItemState::parse(&state).unwrap_or(ItemState::Open),
                note: r.get(4)?,
                officer: r.get(5)?,
                signed_by: r.get(6)?,
                signed_at: parse_ts(r.get(7)?),
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// What the records say about `date`, for the items with a live check. Walk-ins and
    /// follow-ups come from the visits; the backup from the `last_backup_at` setting; the
    /// high-risk petition numbers from the caller.
    pub fn checklist_live_facts(
        &self,
        date: NaiveDate,
        high_risk: HighRiskCounts,
    ) -> Result<LiveFacts> {
        let day = date_text(date);
        let visits_today = self.count_visits_on(date)?;
        // The schema requires an outcome; what can still be missing is its detail.
        let mut stmt = self.conn().prepare_cached(
            "SELECT visitor_name FROM visits
             WHERE arrived_at >= ?1 AND arrived_at < date(?1, '+1 day')
               AND (outcome IS NULL OR outcome = ''
                    OR (outcome = 'referred' AND trim(referred_to) = '')
                    OR (outcome = 'follow_up' AND follow_up_date IS NULL))
             ORDER BY arrived_at, id",
        )?;
        let without: Vec<String> = stmt
            .query_map([&day], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        let open_follow_ups: i64 = self.conn().query_row(
            "SELECT count(*) FROM visits WHERE follow_up_date = ?1 AND follow_up_done_at IS NULL",
            [&day],
            |r| r.get(0),
        )?;
        let backup_made_today = self
            .setting("last_backup_at")?
            .and_then(|t| NaiveDate::parse_from_str(t.get(..10)?, DATE).ok())
            .is_some_and(|d| d == date);
        Ok(LiveFacts {
            visits_today: u32::try_from(visits_today).unwrap_or(u32::MAX),
            visits_without_outcome: without,
            follow_ups_due_today_open: u32::try_from(open_follow_ups).unwrap_or(0),
            high_risk_new_today: high_risk.new_today,
            high_risk_unreported: high_risk.unreported,
            backup_made_today,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use std::sync::Arc;

    #[test]
    fn the_schema_upgrades_from_version_two() {
        // A database made before the checklist existed gains its tables, and only once.
        let clock = Arc::new(FixedClock::new(
            NaiveDate::from_ymd_opt(2026, 11, 26)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        ));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let c = Connection::open(&path).unwrap();
            for (v, sql) in super::super::migrations::MIGRATIONS
                .iter()
                .filter(|(v, _)| *v <= 2)
            {
                c.execute_batch(sql).unwrap();
                c.execute_batch(&format!(
                    "PRAGMA user_version = {v}; PRAGMA application_id = {};",
                    super::super::APPLICATION_ID
                ))
                .unwrap();
            }
        }
        let mut s = Store::open_with_clock(&path, clock.clone()).unwrap();
        assert_eq!(
            s.schema_version().unwrap(),
            crate::store::migrations::latest()
        );
        assert!(s.ensure_default_rules().unwrap());
        assert!(!s.ensure_default_rules().unwrap());
        drop(s);
        let s = Store::open_with_clock(&path, clock).unwrap();
        assert_eq!(s.checklist_rules(false).unwrap().len(), 10);
    }
}
