//! Voiding a mistaken petition step (an administrator's act, with a reason, audited) and
//! the record of reporting a high-risk case upward (上报), which the case, the dashboard
//! and the checklist's "high-risk cases reported the same day" item read.
use super::audit::append;
use super::checklist::HighRiskCounts;
use super::petitions::{PetitionError, case_no_of, load_steps, write_derived};
use super::{Result, Store, StoreError};
use crate::domain::officer::Role;
use crate::domain::petition::{CaseState, ReportMethod, RiskReport, check_void};
use crate::i18n::Msg;
use crate::store::db::{OptionalExtension, params};
use chrono::{NaiveDate, NaiveDateTime};

const TS: &str = "%Y-%m-%d %H:%M:%S";
const DAY: &str = "%Y-%m-%d";

fn refused(key: &'static str) -> PetitionError {
    PetitionError::Refused(Msg::new(key))
}

impl Store {
    /// Whether the store's officer may do what only an administrator does. A database
    /// without accounts has no roles: its one user is its administrator.
    fn actor_is_admin(&self) -> Result<bool> {
        if !self.has_officers()? {
            return Ok(true);
        }
        Ok(self
            .officer(self.actor())?
            .is_some_and(|o| o.active && o.role == Role::Admin))
    }

    /// Voids the step at `index` of the case's steps (as [`Store::steps`] lists them,
    /// the registration at 0) with `reason`: the step is kept, marked with who voided it,
    /// when and why, and the case's status, deadlines and lateness follow the remaining
    /// steps. Only an administrator may; audited. Returns the case's new state.
    pub fn void_step(
        &mut self,
        id: i64,
        index: usize,
        reason: &str,
    ) -> std::result::Result<CaseState, PetitionError> {
        if !self.actor_is_admin()? {
            return Err(refused("petition.void.admin_only"));
        }
        let reason = crate::domain::text::clean_multiline(reason);
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let case_no = case_no_of(&tx, id)?;
        let steps = load_steps(&tx, id)?;
        let next = check_void(&steps, index, &reason).map_err(PetitionError::Refused)?;
        let step_id: i64 = tx.query_row(
            "SELECT id FROM petition_steps WHERE petition_id = ?1 ORDER BY id LIMIT 1 OFFSET ?2",
            params![id, i64::try_from(index).unwrap_or(i64::MAX)],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO petition_step_voids(step_id, reason, voided_by, voided_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![step_id, reason, actor, now],
        )?;
        let cal = super::calendar::load_calendar(&tx)?;
        write_derived(&tx, id, &next, &cal, &now)?;
        let kind = steps.get(index).map(|s| s.kind.code()).unwrap_or_default();
        append(
            &tx,
            &now,
            &actor,
            "void_step",
            "petition",
            &id.to_string(),
            &format!("{case_no}: {kind} step #{index} voided: {reason}"),
        )?;
        tx.commit()?;
        Ok(next)
    }

    /// Records that the case was reported upward; checked against the case's receipt and
    /// the clock. Audited.
    pub fn record_risk_report(
        &mut self,
        id: i64,
        report: &RiskReport,
    ) -> std::result::Result<(), PetitionError> {
        let now_at = self.clock().now();
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let row: Option<(String, String)> = tx
            .query_row(
                "SELECT case_no, received_at FROM petitions WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((case_no, received)) = row else {
            return Err(PetitionError::Refused(
                Msg::new("petition.store.not_found").arg("what", id),
            ));
        };
        let received = NaiveDateTime::parse_from_str(&received, TS)
            .map_err(|e| StoreError::Other(format!("petition {id}: {e}")))?;
        let r = report
            .checked(received, now_at)
            .map_err(PetitionError::Refused)?;
        tx.execute(
            "INSERT INTO petition_risk_reports(petition_id, reported_to, method, reported_at,
             reported_by, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                r.to,
                r.method.code(),
                r.at.format(TS).to_string(),
                r.by,
                now,
                actor
            ],
        )?;
        append(
            &tx,
            &now,
            &actor,
            "risk_report",
            "petition",
            &id.to_string(),
            &format!(
                "{case_no}: reported to {} by {} ({}) at {}",
                r.to,
                r.by,
                r.method.code(),
                r.at.format(TS)
            ),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The reports of a case upward, oldest first.
    pub fn risk_reports(&self, id: i64) -> Result<Vec<RiskReport>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT reported_to, method, reported_at, reported_by FROM petition_risk_reports
             WHERE petition_id = ?1 ORDER BY reported_at, id",
        )?;
        let rows = stmt.query_map([id], |r| {
            let method: String = r.get(1)?;
            let at: String = r.get(2)?;
            Ok((r.get::<_, String>(0)?, method, at, r.get::<_, String>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (to, method, at, by) = row?;
            out.push(RiskReport {
                to,
                method: ReportMethod::from_code(&method)
                    .ok_or_else(|| StoreError::Other(format!("unknown method {method:?}")))?,
                at: NaiveDateTime::parse_from_str(&at, TS)
                    .map_err(|e| StoreError::Other(format!("report date {at:?}: {e}")))?,
                by,
            });
        }
        Ok(out)
    }

    /// High-risk cases registered on `date`, and those of them not reported upward by the
    /// end of that day: what the checklist's "reported the same day" item is answered from.
    pub fn high_risk_counts(&self, date: NaiveDate) -> Result<HighRiskCounts> {
        let (new, unreported): (i64, i64) = self.conn().query_row(
            "SELECT count(*), coalesce(sum(NOT EXISTS (
                 SELECT 1 FROM petition_risk_reports r WHERE r.petition_id = p.id
                   AND r.reported_at < date(?1, '+1 day'))), 0)
             FROM petitions p
             WHERE p.risk = 'high' AND p.created_at >= ?1 AND p.created_at < date(?1, '+1 day')",
            [date.format(DAY).to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(HighRiskCounts {
            new_today: u32::try_from(new).unwrap_or(u32::MAX),
            unreported: u32::try_from(unreported).unwrap_or(u32::MAX),
        })
    }

    /// Open high-risk cases with no report upward at all: flagged on the dashboard.
    pub fn count_high_risk_unreported(&self) -> Result<u64> {
        let n: i64 = self.conn().query_row(
            "SELECT count(*) FROM petitions p WHERE p.risk = 'high'
               AND NOT EXISTS (SELECT 1 FROM petition_risk_reports r WHERE r.petition_id = p.id)
               AND p.ended_at IS NULL",
            (),
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
