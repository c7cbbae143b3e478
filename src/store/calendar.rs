//! The working calendar kept in the database: the published years shipped with the program
//! and the years an administrator imports. Importing a year re-derives the running
//! deadlines of the open petitions in the same transaction, since their legal ends may move.
use super::audit::append;
use super::{Result, Store, StoreError};
use crate::domain::calendar::file::CalendarYear;
use crate::domain::calendar::published::PUBLISHED;
use crate::domain::calendar::{Calendar, DayKind};
use crate::i18n::Msg;
use crate::store::db::{Connection, params};
use chrono::NaiveDate;
use std::collections::BTreeMap;

const DATE: &str = "%Y-%m-%d";

/// Why a calendar import was refused: a rule (in words for the user), or the database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("refused: {}", .0.key)]
    Refused(Msg),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl CalendarError {
    pub fn msg(&self) -> Msg {
        match self {
            CalendarError::Refused(m) => m.clone(),
            CalendarError::Store(e) => e.msg(),
        }
    }
}

impl From<crate::store::db::Error> for CalendarError {
    fn from(e: crate::store::db::Error) -> Self {
        CalendarError::Store(e.into())
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarImport {
    pub year: i32,
    pub holidays: usize,
    pub workdays: usize,
    /// The year had data before, now replaced.
    pub replaced: bool,
    /// Open petitions whose running deadline moved.
    pub deadlines_moved: usize,
}

/// The calendar as stored.
pub(crate) fn load_calendar(conn: &Connection) -> crate::store::db::Result<Calendar> {
    let mut years: BTreeMap<i32, Vec<(NaiveDate, DayKind)>> = BTreeMap::new();
    let mut stmt = conn.prepare_cached("SELECT year FROM calendar_years ORDER BY year")?;
    for year in stmt.query_map((), |r| r.get::<_, i32>(0))? {
        years.insert(year?, Vec::new());
    }
    let mut stmt =
        conn.prepare_cached("SELECT date, year, kind FROM calendar_days ORDER BY date")?;
    let rows = stmt.query_map((), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i32>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (date, year, kind) = row?;
        // Only this module writes these columns and the schema checks the kind; a date that
        // does not read is left out rather than guessed.
        if let (Ok(date), Some(kind)) = (
            NaiveDate::parse_from_str(&date, DATE),
            DayKind::parse(&kind),
        ) {
            years.entry(year).or_default().push((date, kind));
        }
    }
    let mut cal = Calendar::weekdays_only();
    for (year, days) in years {
        cal.add_year(year, &days);
    }
    Ok(cal)
}

fn write_year(
    conn: &Connection,
    year: i32,
    days: &[(NaiveDate, DayKind)],
    source: &str,
    now: &str,
    by: &str,
) -> crate::store::db::Result<()> {
    conn.execute("DELETE FROM calendar_days WHERE year = ?1", [year])?;
    conn.execute("DELETE FROM calendar_years WHERE year = ?1", [year])?;
    conn.execute(
        "INSERT INTO calendar_years(year, source, added_at, added_by) VALUES (?1, ?2, ?3, ?4)",
        params![year, source, now, by],
    )?;
    let mut ins =
        conn.prepare_cached("INSERT INTO calendar_days(date, year, kind) VALUES (?1, ?2, ?3)")?;
    for (date, kind) in days {
        ins.execute(params![date.format(DATE).to_string(), year, kind.code()])?;
    }
    Ok(())
}

/// Fills in the published years shipped with the program (the data step of version 7).
pub(crate) fn seed_published(conn: &Connection) -> crate::store::db::Result<()> {
    let now: String = conn.query_row(
        "SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')",
        (),
        |r| r.get(0),
    )?;
    for year in PUBLISHED {
        write_year(
            conn,
            year.year,
            &year.days(),
            "published",
            &now,
            "stationdesk",
        )?;
    }
    Ok(())
}

/// Where a year of the calendar came from: the file or the published data, when and by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearSource {
    pub source: String,
    pub added_at: String,
    pub added_by: String,
}

impl Store {
    /// Where `year` of the calendar came from, or `None` for a year without data.
    pub fn calendar_year_source(&self, year: i32) -> Result<Option<YearSource>> {
        use crate::store::db::OptionalExtension;
        Ok(self
            .conn()
            .query_row(
                "SELECT source, added_at, added_by FROM calendar_years WHERE year = ?1",
                [year],
                |r| {
                    Ok(YearSource {
                        source: r.get(0)?,
                        added_at: r.get(1)?,
                        added_by: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// The working calendar: published and imported years, Monday–Friday for the others.
    pub fn calendar(&self) -> Result<Calendar> {
        Ok(load_calendar(self.conn())?)
    }

    /// Adds a year's holidays and make-up working days, as read from a calendar file; a
    /// year already on file is replaced only when `replace` says so. Audited; the running
    /// deadlines of open petitions are derived again on the new calendar in the same
    /// transaction. The caller checks the officer's right.
    pub fn import_calendar_year(
        &mut self,
        data: &CalendarYear,
        source: &str,
        replace: bool,
    ) -> std::result::Result<CalendarImport, CalendarError> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let had: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM calendar_years WHERE year = ?1)",
            [data.year],
            |r| r.get(0),
        )?;
        if had && !replace {
            return Err(CalendarError::Refused(
                Msg::new("calendar.import.year_exists").arg("year", data.year),
            ));
        }
        write_year(&tx, data.year, &data.days, source, &now, &actor)?;
        let cal = load_calendar(&tx)?;
        let moved = super::petition_steps::rederive_open_cases(&tx, &cal, &now)?;
        let summary = CalendarImport {
            year: data.year,
            holidays: data.count(DayKind::Holiday),
            workdays: data.count(DayKind::Workday),
            replaced: had,
            deadlines_moved: moved,
        };
        append(
            &tx,
            &now,
            &actor,
            if had { "replace" } else { "import" },
            "calendar",
            &data.year.to_string(),
            &format!(
                "{source}: {} holidays, {} make-up working days; {moved} deadlines moved",
                summary.holidays, summary.workdays
            ),
        )?;
        tx.commit()?;
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::domain::calendar::file::parse_calendar_file;
    use std::sync::Arc;

    fn store() -> Store {
        let at = NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let mut s = Store::open_in_memory(Arc::new(FixedClock::new(at))).unwrap();
        s.set_actor("boss");
        s
    }

    #[test]
    fn a_new_database_has_the_published_years() {
        let s = store();
        assert_eq!(s.calendar().unwrap(), Calendar::published());
    }

    #[test]
    fn a_later_year_is_imported_once_and_audited() {
        let mut s = store();
        let year = parse_calendar_file(
            "2027-01-01,holiday\n2027-02-06~2027-02-12,holiday\n2027-02-14,workday\n",
        )
        .unwrap();
        let done = s.import_calendar_year(&year, "2027.csv", false).unwrap();
        assert_eq!((done.holidays, done.workdays, done.replaced), (8, 1, false));
        let cal = s.calendar().unwrap();
        assert!(cal.has_year(2027));
        assert!(!cal.is_working_day(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()));
        let again = s
            .import_calendar_year(&year, "2027.csv", false)
            .unwrap_err();
        assert_eq!(again.msg().key, "calendar.import.year_exists");
        assert!(
            s.import_calendar_year(&year, "2027.csv", true)
                .unwrap()
                .replaced
        );
        let audit = s.audit_entries(None, None).unwrap();
        let mine: Vec<_> = audit.iter().filter(|e| e.entity == "calendar").collect();
        assert_eq!(mine.len(), 2);
        assert_eq!(mine[0].actor, "boss");
        assert_eq!(mine[1].action, "replace");
    }
}
