//! A day: opening it with its items, ticking, signing off, reopening, its working status.
use super::rows::*;
use super::*;

impl Store {
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
        let cal = crate::store::calendar::load_calendar(&tx)?;
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
        let cal = crate::store::calendar::load_calendar(&tx)?;
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
}
