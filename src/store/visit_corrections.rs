//! Corrections of saved walk-ins (the earlier version kept in `visit_history`), and the
//! linking of a visitor's walk-ins to the record made for them.
use super::audit::append;
use super::visits::{COLUMNS, from_row, parse_ts};
use super::{Result, Store, StoreError};
use crate::domain::officer::Role;
use crate::domain::phone::digits_of;
use crate::domain::visit::{Outcome, Visit};
use crate::domain::visit_correction::{
    VisitCorrection, VisitRecord, VisitVersion, apply, differences, may_correct, reason,
};
use crate::i18n::Lang;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

/// The stored detail columns of an outcome: `(referred_to, follow_up_date)`.
fn detail(o: &Outcome) -> (String, Option<String>) {
    match o {
        Outcome::Referred { to } => (to.clone(), None),
        Outcome::FollowUp { due } => (String::new(), Some(due.format("%Y-%m-%d").to_string())),
        _ => (String::new(), None),
    }
}

/// A walk-in, its version and the day it was registered.
fn read(conn: &Connection, id: i64) -> Result<Option<(Visit, i64, NaiveDate)>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS}, created_at, \
                 1 + (SELECT count(*) FROM visit_history h WHERE h.visit_id = visits.id) \
                 FROM visits WHERE id = ?1"
            ),
            [id],
            |r| {
                let created: String = r.get(14)?;
                Ok((from_row(r)?, r.get(15)?, parse_ts(&created).date()))
            },
        )
        .optional()?)
}

fn history(conn: &Connection, id: i64, now: &Visit) -> Result<Vec<VisitVersion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT version, visitor_name, visitor_phone, purpose, summary, outcome, referred_to, \
         follow_up_date, corrected_at, corrected_by, reason FROM visit_history \
         WHERE visit_id = ?1 ORDER BY version",
    )?;
    let rows = stmt.query_map([id], |r| {
        let purpose: i64 = r.get(3)?;
        let code: String = r.get(5)?;
        let follow: Option<String> = r.get(7)?;
        let outcome = match code.as_str() {
            "referred" => Outcome::Referred { to: r.get(6)? },
            "follow_up" => Outcome::FollowUp {
                due: follow
                    .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
                    .unwrap_or_default(),
            },
            "petition" => Outcome::ToPetition,
            _ => Outcome::DoneOnSpot,
        };
        let at: String = r.get(8)?;
        Ok(VisitVersion {
            version: r.get(0)?,
            visit: Visit {
                visitor_name: r.get(1)?,
                visitor_phone: r.get(2)?,
                purpose: usize::try_from(purpose).unwrap_or(0),
                summary: r.get(4)?,
                outcome,
                ..now.clone()
            },
            corrected_at: parse_ts(&at),
            corrected_by: r.get(9)?,
            reason: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Stopped: the walk-in was corrected since `version` was read; by whom and when.
fn changed_meanwhile(conn: &Connection, id: i64) -> Result<StoreError> {
    let last: Option<(String, String)> = conn
        .query_row(
            "SELECT corrected_by, corrected_at FROM visit_history WHERE visit_id = ?1 \
             ORDER BY version DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match last {
        Some((actor, at)) => StoreError::ChangedMeanwhile { actor, at },
        None => StoreError::NotFound(format!("visit {id}")),
    })
}

impl Store {
    /// A walk-in with its version, registration day and earlier versions.
    pub fn visit_record(&self, id: i64) -> Result<Option<VisitRecord>> {
        let Some((visit, version, registered_on)) = read(self.conn(), id)? else {
            return Ok(None);
        };
        let history = history(self.conn(), id, &visit)?;
        Ok(Some(VisitRecord {
            visit,
            version,
            registered_on,
            history,
        }))
    }

    /// Whether this desk's officer is an administrator: an active administrator account,
    /// or a station that has no accounts at all (its one desk does everything).
    fn acting_as_admin(&self) -> Result<bool> {
        if !self.has_officers()? {
            return Ok(true);
        }
        Ok(self
            .officer(self.actor())?
            .is_some_and(|o| o.active && o.role == Role::Admin))
    }

    /// Corrects a walk-in: refused unless this desk's officer registered it today or is an
    /// administrator; stopped when another desk changed it since `c.version`. The version
    /// replaced goes to `visit_history` and the audit record holds the reason and every
    /// changed field before and after. Returns the new version.
    pub fn correct_visit(&mut self, c: &VisitCorrection) -> Result<i64> {
        let why = reason(&c.reason).map_err(StoreError::NotAllowed)?;
        let is_admin = self.acting_as_admin()?;
        let today = self.clock().now().date();
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let Some((saved, version, registered_on)) = read(&tx, c.visit_id)? else {
            return Err(StoreError::NotFound(format!("visit {}", c.visit_id)));
        };
        may_correct(&saved.handler, registered_on, &actor, is_admin, today)
            .map_err(StoreError::NotAllowed)?;
        if version != c.version {
            return Err(changed_meanwhile(&tx, c.visit_id)?);
        }
        let next = apply(&saved, &c.fields);
        let changed = differences(&saved, &next, Lang::Zh);
        if changed.is_empty() {
            return Ok(version);
        }
        let (referred_to, follow_up) = detail(&saved.outcome);
        tx.execute(
            "INSERT INTO visit_history(visit_id, version, visitor_name, visitor_phone, purpose, \
             summary, outcome, referred_to, follow_up_date, corrected_at, corrected_by, reason) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                c.visit_id,
                version,
                saved.visitor_name,
                saved.visitor_phone,
                saved.purpose as i64,
                saved.summary,
                saved.outcome.code(),
                referred_to,
                follow_up,
                now,
                actor,
                why
            ],
        )?;
        let (referred_to, follow_up) = detail(&next.outcome);
        tx.execute(
            "UPDATE visits SET visitor_name = ?1, visitor_phone = ?2, purpose = ?3, summary = ?4, \
             outcome = ?5, referred_to = ?6, follow_up_date = ?7 WHERE id = ?8",
            params![
                next.visitor_name,
                next.visitor_phone,
                next.purpose as i64,
                next.summary,
                next.outcome.code(),
                referred_to,
                follow_up,
                c.visit_id
            ],
        )?;
        let summary = serde_json::json!({ "reason": why, "changes": changed }).to_string();
        append(
            &tx,
            &now,
            &actor,
            "correct",
            "visit",
            &c.visit_id.to_string(),
            &summary,
        )?;
        tx.commit()?;
        Ok(version + 1)
    }

    /// Walk-ins of visitors not on file with this name or phone, newest first: the ones
    /// to offer for linking to the record of that name or phone.
    pub fn unlinked_visits_matching(&self, name: &str, phone: &str) -> Result<Vec<Visit>> {
        let name = name.trim();
        let digits = digits_of(phone);
        if name.is_empty() && digits.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM visits WHERE person_id IS NULL \
             AND ((?1 <> '' AND visitor_name = ?1) OR (?2 <> '' AND replace(replace(replace(replace(replace(visitor_phone, ' ', ''), '-', ''), \
             '(', ''), ')', ''), '+', '') = ?2)) \
             ORDER BY arrived_at DESC, id DESC LIMIT 50"
        ))?;
        let rows = stmt.query_map(params![name, digits], from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Links walk-ins of a visitor not on file to the person's record; a walk-in linked
    /// meanwhile (by another desk) is left as it is. A link is not a correction: the
    /// version stays, and a correction made over it leaves the person linked. Each link is audited. Returns how many
    /// were linked.
    pub fn link_visits(&mut self, person_id: i64, visit_ids: &[i64]) -> Result<usize> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let name: String = tx
            .query_row("SELECT name FROM people WHERE id = ?1", [person_id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("person {person_id}")))?;
        let mut linked = 0;
        for id in visit_ids {
            let n = tx.execute(
                "UPDATE visits SET person_id = ?1 WHERE id = ?2 AND person_id IS NULL",
                params![person_id, id],
            )?;
            if n == 1 {
                linked += 1;
                let summary = serde_json::json!({
                    "before": { "person_id": null },
                    "after": { "person_id": person_id, "name": name },
                })
                .to_string();
                append(
                    &tx,
                    &now,
                    &actor,
                    "link",
                    "visit",
                    &id.to_string(),
                    &summary,
                )?;
            }
        }
        tx.commit()?;
        Ok(linked)
    }
}
