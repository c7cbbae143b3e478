//! What the days add up to: between two dates, the missed ones, a month, compliance, the
//! export's rows and the facts the live checks read.
use super::rows::*;
use super::*;

impl Store {
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
