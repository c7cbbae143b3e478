//! The checklist screens' database work and the plain data it hands back: run by the
//! database worker (and directly by the tests), never by `render`.
use crate::domain::calendar::DayClass;
use crate::domain::checklist::{
    Compliance, Day, DayStatus, ItemState, LiveFacts, Rule, RuleInput, instances,
};
use crate::i18n::Lang;
use crate::store::checklist::{ChecklistError, Reopen};
use crate::store::{Store, StoreError};
use crate::tui::data::ChecklistState;
use chrono::{Datelike, Days, NaiveDate};

/// Checklist work for the database worker. Writes carry the officer they are attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChecklistJob {
    /// Open `date` (creating it the first time, with the default rules on first use) and
    /// read what the data says about it.
    Open {
        date: NaiveDate,
    },
    /// Read a past day as it was stored, without creating it.
    View {
        date: NaiveDate,
    },
    Set {
        date: NaiveDate,
        rule_id: i64,
        state: ItemState,
        note: String,
        officer: String,
    },
    Sign {
        date: NaiveDate,
        officer: String,
    },
    Reopen {
        date: NaiveDate,
        reason: String,
        officer: String,
    },
    /// Correct the day's working status against the calendar (a past day needs a reason).
    Working {
        date: NaiveDate,
        working: bool,
        reason: String,
        officer: String,
    },
    /// A month's calendar and compliance, as seen on `today`.
    Month {
        year: i32,
        month: u32,
        today: NaiveDate,
    },
    Rules,
    AddRule {
        input: RuleInput,
        officer: String,
    },
    UpdateRule {
        id: i64,
        input: RuleInput,
        officer: String,
    },
    Reorder {
        order: Vec<i64>,
        officer: String,
    },
    Retire {
        id: i64,
        officer: String,
    },
    /// A year of the working calendar, for the calendar screen.
    CalendarYear {
        year: i32,
    },
    /// Import the calendar file at `path` (an administrator's, checked when the screen
    /// opens); `shown` is the year on screen, shown again when the file is refused.
    ImportCalendar {
        path: String,
        officer: String,
        shown: i32,
    },
}

impl ChecklistJob {
    /// Whether the job changes the checklist (a failure is then "not saved", else "could
    /// not read"). Opening a day creates it the first time, but the officer asked to see it.
    pub fn writes(&self) -> bool {
        match self {
            ChecklistJob::Open { .. }
            | ChecklistJob::View { .. }
            | ChecklistJob::Month { .. }
            | ChecklistJob::Rules
            | ChecklistJob::CalendarYear { .. } => false,
            ChecklistJob::Set { .. }
            | ChecklistJob::Sign { .. }
            | ChecklistJob::Reopen { .. }
            | ChecklistJob::Working { .. }
            | ChecklistJob::AddRule { .. }
            | ChecklistJob::UpdateRule { .. }
            | ChecklistJob::Reorder { .. }
            | ChecklistJob::Retire { .. }
            | ChecklistJob::ImportCalendar { .. } => true,
        }
    }
}

/// What comes back.
#[derive(Debug, Clone, PartialEq)]
pub enum ChecklistLoaded {
    Day(Box<DayView>),
    Month(Box<MonthView>),
    Rules(Vec<Rule>),
    CalendarYear(Box<super::calendar::YearView>),
    /// A change the checklist rules refuse, already in the user's language.
    Refused(String),
}

/// One day as the checklist screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct DayView {
    pub day: Day,
    /// What the records say; only for the day being filled in.
    pub facts: Option<LiveFacts>,
    pub reopens: Vec<Reopen>,
    /// What the working calendar says of the date (a holiday, a make-up working day…).
    pub class: DayClass,
    /// Whether the calendar has the date's year; without it the days are Monday to Friday
    /// and the screen says so.
    pub calendar_known: bool,
}

/// One month of history.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthView {
    pub year: i32,
    pub month: u32,
    pub calendar: Vec<(NaiveDate, DayStatus)>,
    pub compliance: Compliance,
    /// Per date of the month: the percentage of items followed (done or not applicable)
    /// on an opened working day, `None` otherwise.
    pub daily: Vec<(NaiveDate, Option<u32>)>,
}

/// Does one checklist job.
pub fn run(store: &mut Store, job: ChecklistJob, lang: Lang) -> Result<ChecklistLoaded, String> {
    let result = match job {
        ChecklistJob::Open { date } => store
            .open_checklist_day(date)
            .and_then(|day| day_view(store, day, true)),
        ChecklistJob::View { date } => stored_day(store, date),
        ChecklistJob::Set {
            date,
            rule_id,
            state,
            note,
            officer,
        } => {
            store.set_actor(&officer);
            store
                .set_checklist_item(date, rule_id, state, &note)
                .and_then(|day| day_view(store, day, true))
        }
        ChecklistJob::Sign { date, officer } => {
            store.set_actor(&officer);
            store
                .sign_checklist_day(date)
                .and_then(|day| day_view(store, day, true))
        }
        ChecklistJob::Reopen {
            date,
            reason,
            officer,
        } => {
            store.set_actor(&officer);
            store
                .reopen_checklist_day(date, &reason)
                .and_then(|day| day_view(store, day, true))
        }
        ChecklistJob::Working {
            date,
            working,
            reason,
            officer,
        } => {
            store.set_actor(&officer);
            let today = store.clock().today();
            store
                .set_checklist_working(date, working, &reason)
                .and_then(|day| {
                    // Today's list opens as soon as it is a working day; a past day is
                    // shown as stored.
                    if date == today {
                        store.open_checklist_day(date)
                    } else {
                        Ok(day)
                    }
                })
                .and_then(|day| day_view(store, day, date == today))
        }
        ChecklistJob::Month { year, month, today } => month_view(store, year, month, today)
            .map(|m| ChecklistLoaded::Month(Box::new(m)))
            .map_err(ChecklistError::from),
        ChecklistJob::Rules => rules(store),
        ChecklistJob::CalendarYear { year } => super::calendar::year_view(store, year)
            .map(|y| ChecklistLoaded::CalendarYear(Box::new(y)))
            .map_err(ChecklistError::from),
        ChecklistJob::ImportCalendar {
            path,
            officer,
            shown,
        } => super::calendar::import(store, &path, &officer, shown, lang)
            .map(|y| ChecklistLoaded::CalendarYear(Box::new(y)))
            .map_err(ChecklistError::from),
        ChecklistJob::AddRule { input, officer } => {
            store.set_actor(&officer);
            store.add_checklist_rule(&input).and_then(|_| rules(store))
        }
        ChecklistJob::UpdateRule { id, input, officer } => {
            store.set_actor(&officer);
            store
                .update_checklist_rule(id, &input)
                .and_then(|_| rules(store))
        }
        ChecklistJob::Reorder { order, officer } => {
            store.set_actor(&officer);
            store
                .reorder_checklist_rules(&order)
                .and_then(|_| rules(store))
        }
        ChecklistJob::Retire { id, officer } => {
            store.set_actor(&officer);
            store.retire_checklist_rule(id).and_then(|_| rules(store))
        }
    };
    match result {
        Ok(loaded) => Ok(loaded),
        Err(ChecklistError::Refused(r)) => Ok(ChecklistLoaded::Refused(r.msg(lang).render(lang))),
        Err(ChecklistError::Store(e)) => Err(e.msg().render(lang)),
    }
}

fn rules(store: &mut Store) -> Result<ChecklistLoaded, ChecklistError> {
    store.ensure_default_rules()?;
    Ok(ChecklistLoaded::Rules(store.checklist_rules(false)?))
}

fn day_view(store: &Store, day: Day, live: bool) -> Result<ChecklistLoaded, ChecklistError> {
    let facts = if live && !day.is_signed() {
        Some(store.checklist_live_facts(day.date, store.high_risk_counts(day.date)?)?)
    } else {
        None
    };
    let reopens = store.checklist_reopens(day.date)?;
    let cal = store.calendar()?;
    Ok(ChecklistLoaded::Day(Box::new(DayView {
        class: cal.class(day.date),
        calendar_known: cal.has_year(day.date.year()),
        day,
        facts,
        reopens,
    })))
}

/// A past day as stored; one never opened shows as an empty day.
fn stored_day(store: &Store, date: NaiveDate) -> Result<ChecklistLoaded, ChecklistError> {
    let day = match store.checklist_day(date)? {
        Some(day) => day,
        None => Day::blank(date, store.calendar()?.is_working_day(date)),
    };
    day_view(store, day, false)
}

/// The calendar, the compliance and the daily rates of a month.
pub fn month_view(
    store: &Store,
    year: i32,
    month: u32,
    today: NaiveDate,
) -> Result<MonthView, StoreError> {
    let calendar = store.checklist_month_calendar(year, month, today)?;
    let compliance = store.checklist_compliance(year, month, today)?;
    let (first, last) = match (calendar.first(), calendar.last()) {
        (Some(f), Some(l)) => (f.0, l.0),
        _ => (today, today),
    };
    let days = store.checklist_days_between(first, last)?;
    let daily = calendar
        .iter()
        .map(|(date, status)| {
            let rate = days
                .iter()
                .find(|d| d.date == *date)
                .filter(|d| {
                    !d.items.is_empty()
                        && !matches!(status, DayStatus::NotWorking | DayStatus::Future)
                })
                .map(daily_percent);
            (*date, rate)
        })
        .collect();
    Ok(MonthView {
        year,
        month,
        calendar,
        compliance,
        daily,
    })
}

/// The share of a day's items followed, in percent.
pub fn daily_percent(day: &Day) -> u32 {
    let total = day.items.len();
    let followed = day.items.iter().filter(|i| i.state.is_followed()).count();
    if total == 0 {
        return 0;
    }
    u32::try_from(followed * 100 / total).unwrap_or(0)
}

/// Today's checklist for the dashboard and the end-of-day reminder, read without writing:
/// a day not opened yet counts the items it will have.
pub fn today_state(store: &Store, today: NaiveDate) -> Result<ChecklistState, StoreError> {
    let day = store.checklist_day(today)?;
    let working = match &day {
        Some(d) => d.is_working_day(),
        None => store.calendar()?.is_working_day(today),
    };
    let (done, total, signed) = match day.filter(|d| d.opened_at.is_some()) {
        Some(d) => (
            d.items
                .iter()
                .filter(|i| i.state != ItemState::Open)
                .count(),
            d.items.len(),
            d.is_signed(),
        ),
        None if working => {
            let rules = store.checklist_rules(false)?;
            let count = if rules.is_empty() {
                crate::domain::checklist::default_rules()
                    .map(|r| r.iter().filter(|r| r.frequency.applies(today)).count())
                    .unwrap_or(0)
            } else {
                instances(today, &rules).len()
            };
            (0, count, false)
        }
        None => (0, 0, false),
    };
    Ok(ChecklistState {
        done: u32::try_from(done).unwrap_or(u32::MAX),
        total: u32::try_from(total).unwrap_or(u32::MAX),
        signed_off: signed,
        working_day: working,
    })
}

/// Past working days in the last 30 never signed, oldest first.
pub fn missed_recently(store: &Store, today: NaiveDate) -> Result<Vec<NaiveDate>, StoreError> {
    let since = today.checked_sub_days(Days::new(30)).unwrap_or(today);
    store.checklist_missed_days(today, since)
}

/// The month before or after `(year, month)`.
pub fn shift_month(year: i32, month: u32, forward: bool) -> (i32, u32) {
    match (forward, month) {
        (true, 12) => (year + 1, 1),
        (true, m) => (year, m + 1),
        (false, 1) => (year - 1, 12),
        (false, m) => (year, m - 1),
    }
}

/// `(year, month)` of a date.
pub fn year_month(date: NaiveDate) -> (i32, u32) {
    (date.year(), date.month())
}
