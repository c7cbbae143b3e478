//! The end-of-day checklist: rules, days and their items, sign-off, reopening, history.
//!
//! Every write and its audit record commit in one transaction. Writes that read a day and
//! then change it take the write lock first (`IMMEDIATE`), so two desks ticking and signing
//! the same day at once are serialised instead of one signing over a change it never saw.
//! Permission checks (who may edit rules, who may reopen) are the caller's.
//!
//! `rows` reads and writes the tables' rows; `rules` is the posted rules, `days` a day's
//! items, sign-off, reopening and working status, `history` what the days add up to.
mod days;
mod history;
mod rows;
mod rules;

use super::audit::append;
use super::{Result, Store, StoreError};
use crate::domain::calendar::Calendar;
use crate::domain::checklist::{
    Compliance, Day, DayStatus, Frequency, Item, ItemState, LiveCheck, LiveFacts, Refusal, Rule,
    RuleInput, compliance, default_rules, missed_days, month_calendar, month_days,
};
use crate::i18n::{Lang, Msg};
use crate::store::db::{Connection, OptionalExtension, Row, params};
use chrono::{NaiveDate, NaiveDateTime};

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

impl From<crate::store::db::Error> for ChecklistError {
    fn from(e: crate::store::db::Error) -> Self {
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
