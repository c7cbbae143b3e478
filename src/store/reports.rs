//! The data behind the reports.
use super::{Result, Store};
use crate::domain::report::VisitFacts;
use crate::store::db::params;
use chrono::NaiveDate;

impl Store {
    /// The walk-ins between two dates with the main category and town of each person on
    /// file.
    pub fn visit_facts(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<VisitFacts>> {
        let visits = self.visits_between(from, to)?;
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT categories, town FROM people WHERE id = ?1")?;
        let mut out = Vec::with_capacity(visits.len());
        for visit in visits {
            let (category, town) = match visit.person_id {
                Some(pid) => stmt
                    .query_row([pid], |r| {
                        let categories: String = r.get(0)?;
                        let main = categories.split('、').next().unwrap_or("").to_string();
                        Ok((Some(main), r.get(1)?))
                    })
                    .unwrap_or((None, String::new())),
                None => (None, String::new()),
            };
            out.push(VisitFacts {
                visit,
                category,
                town,
            });
        }
        Ok(out)
    }

    /// Open follow-ups whose date was before `today`.
    pub fn count_overdue_follow_ups(&self, today: NaiveDate) -> Result<u64> {
        let n: i64 = self.conn().query_row(
            "SELECT count(*) FROM visits WHERE outcome = 'follow_up' AND follow_up_done_at IS NULL AND follow_up_date < ?1",
            params![today.format("%Y-%m-%d").to_string()],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
