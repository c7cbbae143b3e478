//! What a petition step keeps beside itself: the deadline it met or missed, and the day a
//! reply was received, recorded with the step or later from a postal return receipt. Both
//! are insert-only, like the steps: a late step stays late.
use super::audit::append;
use super::petition_ledger::stations_own_sql;
use super::petitions::{
    PetitionError, case_no_of, load_state, load_steps_before_voids, write_derived,
};
use super::{Result, Store, StoreError};
use crate::domain::calendar::Calendar;
use crate::domain::petition::{
    CaseState, Step, StepKind, apply, awaiting_receipt, check_late_delivery, timing,
};
use crate::store::db::{Connection, params};
use chrono::NaiveDate;

const DAY: &str = "%Y-%m-%d";

fn insert_timing(conn: &Connection, step_id: i64, step: &Step) -> crate::store::db::Result<()> {
    if let Some(t) = step.timing {
        conn.execute(
            "INSERT INTO petition_step_deadlines(step_id, due_kind, due_on, late_days)
             VALUES (?1, ?2, ?3, ?4)",
            params![
                step_id,
                t.kind.code(),
                t.due.format(DAY).to_string(),
                t.late_days
            ],
        )?;
    }
    Ok(())
}

fn insert_delivery(
    conn: &Connection,
    step_id: i64,
    on: NaiveDate,
    now: &str,
    by: &str,
) -> crate::store::db::Result<()> {
    conn.execute(
        "INSERT INTO petition_deliveries(step_id, delivered_on, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4)",
        params![step_id, on.format(DAY).to_string(), now, by],
    )?;
    Ok(())
}

/// Keeps, beside a step just inserted, the deadline it met or missed and (for a reply or a
/// review answer) the day it was received, when known.
pub(crate) fn keep_step_facts(
    conn: &Connection,
    step_id: i64,
    step: &Step,
    now: &str,
    by: &str,
) -> crate::store::db::Result<()> {
    insert_timing(conn, step_id, step)?;
    if step.kind.is_delivered()
        && let Some(on) = step.delivered_on
    {
        insert_delivery(conn, step_id, on, now, by)?;
    }
    Ok(())
}

/// Derives again the running deadline of every open case on `cal` (after a calendar
/// import). Returns how many cases' next deadline moved.
pub(crate) fn rederive_open_cases(conn: &Connection, cal: &Calendar, now: &str) -> Result<usize> {
    let mut stmt = conn.prepare("SELECT id, next_due FROM petitions ORDER BY id")?;
    let rows: Vec<(i64, Option<String>)> = stmt
        .query_map((), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    let mut moved = 0;
    for (id, before) in rows {
        let Some(state) = load_state(conn, id)? else {
            continue;
        };
        let after =
            crate::domain::petition::next_due(&state, cal).map(|(_, d)| d.format(DAY).to_string());
        if after != before {
            write_derived(conn, id, &state, cal, now)?;
            moved += 1;
        }
    }
    Ok(moved)
}

/// Judges the steps recorded before the program kept each step's deadline (the data step
/// of version 7): replays every case on the shipped calendar and keeps, for each step a
/// limit governed, that limit and the days late.
pub(crate) fn judge_earlier_steps(conn: &Connection) -> Result<()> {
    let cal = super::calendar::load_calendar(conn)?;
    let mut stmt = conn.prepare("SELECT id FROM petitions ORDER BY id")?;
    let ids: Vec<i64> = stmt
        .query_map((), |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    let mut step_ids =
        conn.prepare("SELECT id FROM petition_steps WHERE petition_id = ?1 ORDER BY id")?;
    for id in ids {
        let steps = load_steps_before_voids(conn, id)?;
        let rows: Vec<i64> = step_ids
            .query_map([id], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        let Some((first, rest)) = steps.split_first() else {
            continue;
        };
        let mut case = CaseState::registered(first.at);
        for (step, step_id) in rest.iter().zip(rows.iter().skip(1)) {
            let mut judged = step.clone();
            judged.timing = timing(&case, step.kind, step.at.date(), &cal);
            insert_timing(conn, *step_id, &judged)?;
            // Steps that no longer replay were written by something else: leave the rest.
            match apply(&case, step) {
                Ok(next) => case = next,
                Err(_) => break,
            }
        }
    }
    Ok(())
}

impl Store {
    /// How many cases the station handled late between two days (inclusive): a step of the
    /// station's own (acceptance, reply, a village station's 转报, the 办结报告 owed to an
    /// assigner) taken in that time after its legal end; never a voided step, nor the higher
    /// body's answers or the petitioner's requests. The step's date
    /// decides the period, so a case received in December and accepted late in January
    /// counts in January.
    pub fn count_handled_late(&self, from: NaiveDate, to: NaiveDate) -> Result<u64> {
        let n: i64 = self.conn().query_row(
            concat!(
                "SELECT count(DISTINCT s.petition_id)
                 FROM petition_step_deadlines d JOIN petition_steps s ON s.id = d.step_id
                 WHERE d.late_days > 0 AND d.due_kind IN (",
                stations_own_sql!(),
                ")
                   AND NOT EXISTS (SELECT 1 FROM petition_step_voids x WHERE x.step_id = s.id)
                   AND s.at >= ?1 AND s.at < date(?2, '+1 day')"
            ),
            params![from.format(DAY).to_string(), to.format(DAY).to_string()],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Records the day the petitioner received the case's written reply (or the review
    /// answer, when that is the one awaited), when it was not known with the step (a mailed
    /// document's return receipt). Refused when nothing waits for its receipt, or the day
    /// is before the step or after today. Audited; the review (or re-review) window starts
    /// running from that day.
    pub fn record_delivery(
        &mut self,
        id: i64,
        on: NaiveDate,
    ) -> std::result::Result<CaseState, PetitionError> {
        let today = self.clock().today();
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let case_no = case_no_of(&tx, id)?;
        let state = load_state(&tx, id)?
            .ok_or_else(|| StoreError::Other(format!("petition {id} has no steps")))?;
        check_late_delivery(&state, on, today).map_err(PetitionError::Refused)?;
        // The reply's, or the review answer's when that is the one awaited.
        let kind = awaiting_receipt(&state).map_or(StepKind::Replied, |(k, _)| k);
        let given: i64 = tx.query_row(
            "SELECT max(s.id) FROM petition_steps s WHERE s.petition_id = ?1 AND s.kind = ?2
               AND NOT EXISTS (SELECT 1 FROM petition_step_voids x WHERE x.step_id = s.id)",
            params![id, kind.code()],
            |r| r.get(0),
        )?;
        insert_delivery(&tx, given, on, &now, &actor)?;
        let next = load_state(&tx, id)?
            .ok_or_else(|| StoreError::Other(format!("petition {id} has no steps")))?;
        let cal = super::calendar::load_calendar(&tx)?;
        write_derived(&tx, id, &next, &cal, &now)?;
        append(
            &tx,
            &now,
            &actor,
            "delivered",
            "petition",
            &id.to_string(),
            &format!("{case_no}: {} received {}", kind.code(), on.format(DAY)),
        )?;
        tx.commit()?;
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::domain::petition::{Delivery, PetitionInput, PetitionerInput};
    use std::sync::Arc;

    fn at(y: i32, m: u32, d: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    #[test]
    fn the_sql_list_of_the_stations_own_limits_is_the_domains() {
        let codes: Vec<String> = crate::domain::petition::higher::STATIONS_OWN
            .iter()
            .map(|k| format!("'{}'", k.code()))
            .collect();
        assert_eq!(codes.join(", "), stations_own_sql!());
    }

    #[test]
    fn a_mailed_reply_gets_its_receipt_day_later() {
        let clock = Arc::new(FixedClock::new(at(2026, 8, 1)));
        let mut s = Store::open_in_memory(clock.clone()).unwrap();
        s.set_actor("wang");
        let p = PetitionInput {
            channel: "letter".into(),
            received_at: "2026-08-01".into(),
            petitioners: vec![PetitionerInput {
                name: "张三".into(),
                address: "某村".into(),
                ..Default::default()
            }],
            subject: "优待证".into(),
            request: "请求办理".into(),
            handler: "wang".into(),
            ..Default::default()
        }
        .validate(at(2026, 8, 1).date())
        .unwrap();
        let (id, _) = s.save_new_petition(&p).unwrap();
        s.add_step(id, &Step::new(StepKind::Accepted, at(2026, 8, 1), "wang"))
            .unwrap();
        clock.set(at(2026, 9, 1));
        let state = s
            .add_step(
                id,
                &Step::reply(at(2026, 9, 1), "wang", "答复", Delivery::Post),
            )
            .unwrap();
        assert_eq!(state.reply_received, None);
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(
            s.record_delivery(id, day(9, 10)).unwrap_err().msg().key,
            "petition.delivery.future"
        );
        clock.set(at(2026, 9, 10));
        let state = s.record_delivery(id, day(9, 4)).unwrap();
        assert_eq!(state.reply_received, Some(day(9, 4)));
        assert_eq!(s.petition(id).unwrap().unwrap().state, state);
        assert_eq!(
            s.record_delivery(id, day(9, 5)).unwrap_err().msg().key,
            "petition.delivery.already_known"
        );
        let steps = s.steps(id).unwrap();
        assert_eq!(steps[2].delivered_on, Some(day(9, 4)));
        assert_eq!(steps[2].delivery, Some(Delivery::Post));
        assert!(
            s.conn()
                .execute("DELETE FROM petition_deliveries", ())
                .is_err()
        );
    }
}
