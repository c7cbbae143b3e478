//! The petition ledger (信访台账): the rows a filter lets through, a person's cases, the
//! dashboard's due counts and the repeat check.
use super::petitions::*;
use super::{Result, Store};
use crate::domain::petition::{
    Channel, DeadlineKind, Flags, Risk, Status, StepKind, Urgency, repeat_reason, same_matter,
    urgency_of,
};
use crate::domain::text::clean_line;
use crate::store::db::{Row, params};
use chrono::{Days, NaiveDate};

/// The codes of [`crate::domain::petition::higher::STATIONS_OWN`] as an SQL list: the
/// limits whose missed steps are the station's own late steps (a test keeps the two equal).
macro_rules! stations_own_sql {
    () => {
        "'acceptance', 'handling', 'pass_up', 'report'"
    };
}
pub(crate) use stations_own_sql;

const LEDGER_COLUMNS: &str = concat!("p.id, p.case_no, p.received_at, p.channel,
    coalesce((SELECT x.name FROM petitioners x WHERE x.petition_id = p.id ORDER BY x.seq LIMIT 1), ''),
    p.subject, p.flag_repeat, p.flag_skip_level, p.flag_collective, p.risk, p.status,
    p.next_due_kind, p.next_due, p.handler, p.ended_at,
    (SELECT group_concat(late, ',') FROM (SELECT s.kind || ':' || d.late_days AS late
       FROM petition_step_deadlines d JOIN petition_steps s ON s.id = d.step_id
       WHERE s.petition_id = p.id AND d.late_days > 0
         AND d.due_kind IN (",
    stations_own_sql!(),
    ")
         AND NOT EXISTS (SELECT 1 FROM petition_step_voids x WHERE x.step_id = s.id)
       ORDER BY s.id) AS late_steps)"
);

/// Reads `accepted:20,replied:3` back.
fn late_steps(text: Option<String>) -> Vec<(StepKind, u32)> {
    text.unwrap_or_default()
        .split(',')
        .filter_map(|part| {
            let (kind, days) = part.split_once(':')?;
            Some((StepKind::from_code(kind)?, days.parse().ok()?))
        })
        .collect()
}

fn ledger_row(r: &Row, today: NaiveDate) -> crate::store::db::Result<LedgerRow> {
    let received: String = r.get(2)?;
    let channel: String = r.get(3)?;
    let risk: String = r.get(9)?;
    let status: String = r.get(10)?;
    let due_kind: Option<String> = r.get(11)?;
    let due: Option<String> = r.get(12)?;
    let ended: Option<String> = r.get(14)?;
    let next_due = match (due_kind, due) {
        (Some(k), Some(d)) => Some((
            DeadlineKind::from_code(&k).ok_or_else(|| bad_column(&k, "deadline kind"))?,
            NaiveDate::parse_from_str(&d, DAY).map_err(|e| bad_column(&d, e))?,
        )),
        _ => None,
    };
    Ok(LedgerRow {
        id: r.get(0)?,
        case_no: r.get(1)?,
        received_at: parse_ts(&received)?,
        channel: Channel::parse(&channel).ok_or_else(|| bad_column(&channel, "channel"))?,
        first_petitioner: r.get(4)?,
        subject: r.get(5)?,
        flags: Flags {
            repeat: r.get(6)?,
            skip_level: r.get(7)?,
            collective: r.get(8)?,
        },
        risk: Risk::parse(&risk).ok_or_else(|| bad_column(&risk, "risk"))?,
        status: Status::from_code(&status).ok_or_else(|| bad_column(&status, "status"))?,
        urgency: next_due.map_or(Urgency::None, |(_, d)| urgency_of(d, today)),
        next_due,
        handler: r.get(13)?,
        closed_at: ended.as_deref().map(parse_ts).transpose()?,
        late: late_steps(r.get(15)?),
    })
}

/// `'closed', 'not_accepted', …`: the statuses of cases that have ended, for SQL.
fn ended_codes_sql() -> String {
    Status::ALL
        .iter()
        .filter(|s| !s.is_open())
        .map(|s| format!("'{}'", s.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// The petition ledger: every case the filter lets through, in order of receipt.
    pub fn ledger(&self, filter: &LedgerFilter, today: NaiveDate) -> Result<Vec<LedgerRow>> {
        let text = clean_line(&filter.text);
        let sql = format!(
            "SELECT {LEDGER_COLUMNS} FROM petitions p
             WHERE (?1 IS NULL OR p.status = ?1)
               AND (?2 = 0 OR (p.next_due IS NOT NULL AND p.next_due < ?3))
               AND (?4 IS NULL OR p.risk = ?4)
               AND (?5 IS NULL OR p.received_at >= ?5)
               AND (?6 IS NULL OR p.received_at < date(?6, '+1 day'))
               AND (?7 = '' OR instr(lower(p.case_no || '\n' || p.subject || '\n' ||
                        p.category || '\n' || p.request), lower(?7)) > 0
                    OR EXISTS (SELECT 1 FROM petitioners x WHERE x.petition_id = p.id
                               AND instr(lower(x.name), lower(?7)) > 0))
               AND (?8 IS NULL OR p.kind = ?8)
             ORDER BY p.received_at, p.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                filter.status.map(Status::code),
                filter.overdue_only,
                today.format(DAY).to_string(),
                filter.risk.map(Risk::code),
                filter.from.map(|d| d.format(DAY).to_string()),
                filter.to.map(|d| d.format(DAY).to_string()),
                text,
                filter.kind.map(crate::domain::petition::PetitionType::code),
            ],
            |r| ledger_row(r, today),
        )?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The cases a person on file petitioned in (alone or with others), newest first, for
    /// the profile's history.
    pub fn petitions_of_person(&self, person_id: i64, today: NaiveDate) -> Result<Vec<LedgerRow>> {
        let sql = format!(
            "SELECT {LEDGER_COLUMNS} FROM petitions p
             WHERE EXISTS (SELECT 1 FROM petitioners x WHERE x.petition_id = p.id AND x.person_id = ?1)
             ORDER BY p.received_at DESC, p.id DESC"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([person_id], |r| ledger_row(r, today))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// How many cases are due soon, overdue, and open at high risk, on `today`.
    pub fn count_due(&self, today: NaiveDate) -> Result<DueCounts> {
        let soon = today
            .checked_add_days(Days::new(
                u64::try_from(crate::domain::petition::deadlines::DUE_SOON_DAYS).unwrap_or(3),
            ))
            .unwrap_or(NaiveDate::MAX);
        let sql = format!(
            "SELECT
               coalesce(sum(next_due IS NOT NULL AND next_due >= ?1 AND next_due <= ?2), 0),
               coalesce(sum(next_due IS NOT NULL AND next_due < ?1), 0),
               coalesce(sum(risk = 'high' AND status NOT IN ({})), 0)
             FROM petitions",
            ended_codes_sql()
        );
        let (due_soon, overdue, high): (i64, i64, i64) = self.conn().query_row(
            &sql,
            params![today.format(DAY).to_string(), soon.format(DAY).to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let n = |v: i64| u64::try_from(v).unwrap_or(0);
        Ok(DueCounts {
            due_soon: n(due_soon),
            overdue: n(overdue),
            high_risk_open: n(high),
        })
    }

    /// Earlier cases of the same petitioner on the same matter that make a new petition a
    /// repeat (重复访) on `today`: accepted and still within their deadline, or answered on
    /// re-review. Whether the matter is the same is judged loosely on the subject (see
    /// [`same_matter`]); the officer confirms before ticking the flag.
    pub fn repeat_check(
        &self,
        who: Who<'_>,
        subject: &str,
        today: NaiveDate,
    ) -> Result<Vec<RepeatHit>> {
        let conn = self.conn();
        let cal = super::calendar::load_calendar(conn)?;
        let candidates: Vec<(i64, String, String)> = match who {
            Who::Person(person_id) => {
                let mut stmt = conn.prepare_cached(
                    "SELECT p.id, p.case_no, p.subject FROM petitions p
                     WHERE EXISTS (SELECT 1 FROM petitioners x WHERE x.petition_id = p.id
                                   AND x.person_id = ?1)
                     ORDER BY p.id",
                )?;
                stmt.query_map([person_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect::<std::result::Result<_, _>>()?
            }
            Who::Name(name) => {
                let name = clean_line(name);
                if name.is_empty() {
                    return Ok(Vec::new());
                }
                let mut stmt = conn.prepare_cached(
                    "SELECT p.id, p.case_no, p.subject FROM petitions p
                     WHERE EXISTS (SELECT 1 FROM petitioners x WHERE x.petition_id = p.id
                                   AND x.name = ?1)
                     ORDER BY p.id",
                )?;
                stmt.query_map([name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect::<std::result::Result<_, _>>()?
            }
        };
        let mut hits = Vec::new();
        for (id, case_no, earlier_subject) in candidates {
            if !same_matter(subject, &earlier_subject) {
                continue;
            }
            let Some(state) = load_state(conn, id)? else {
                continue;
            };
            if let Some(reason) = repeat_reason(&state, today, &cal) {
                hits.push(RepeatHit {
                    id,
                    case_no,
                    subject: earlier_subject,
                    status: state.status,
                    reason,
                });
            }
        }
        Ok(hits)
    }
}
