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
use crate::store::db::{Connection, OptionalExtension, params};
use chrono::NaiveDate;

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
            &format!("SELECT {COLUMNS}, created_at, version FROM visits WHERE id = ?1"),
            [id],
            |r| {
                let created: String = r.get(15)?;
                Ok((from_row(r)?, r.get(16)?, parse_ts(&created).date()))
            },
        )
        .optional()?)
}

fn history(conn: &Connection, id: i64, now: &Visit) -> Result<Vec<VisitVersion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT version, visitor_name, visitor_phone, purpose, summary, outcome, referred_to, \
         follow_up_date, corrected_at, corrected_by, reason, visitor_id_number FROM visit_history \
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
                visitor_id_number: r.get(11)?,
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

/// Stopped: the walk-in was corrected or linked since `version` was read; by whom and when,
/// as the audit trail has the last of those.
fn changed_meanwhile(conn: &Connection, id: i64) -> Result<StoreError> {
    let last: Option<(String, String)> = conn
        .query_row(
            "SELECT actor, at FROM audit WHERE entity = 'visit' AND entity_id = ?1 \
             AND action IN ('correct', 'link') ORDER BY id DESC LIMIT 1",
            [id.to_string()],
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
             summary, outcome, referred_to, follow_up_date, corrected_at, corrected_by, reason, \
             visitor_id_number) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
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
                why,
                saved.visitor_id_number
            ],
        )?;
        let (referred_to, follow_up) = detail(&next.outcome);
        tx.execute(
            "UPDATE visits SET visitor_name = ?1, visitor_phone = ?2, purpose = ?3, summary = ?4, \
             outcome = ?5, referred_to = ?6, follow_up_date = ?7, visitor_id_number = ?8, \
             version = version + 1 WHERE id = ?9",
            params![
                next.visitor_name,
                next.visitor_phone,
                next.purpose as i64,
                next.summary,
                next.outcome.code(),
                referred_to,
                follow_up,
                next.visitor_id_number,
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

    /// Walk-ins of visitors not on file with this ID number, phone or name: the ones to
    /// offer for linking to the record that has them. Those with the same ID number come
    /// first, then the same phone, then the same name, each newest first; a walk-in whose
    /// visitor gave another ID number is someone else and is not offered.
    pub fn unlinked_visits_matching(
        &self,
        name: &str,
        phone: &str,
        id_number: &str,
    ) -> Result<Vec<Visit>> {
        let name = name.trim();
        let digits = digits_of(phone);
        let id_number = id_number.trim();
        if name.is_empty() && digits.is_empty() && id_number.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn().prepare_cached(&format!(
            "WITH m AS (SELECT {COLUMNS}, arrived_at AS at_, \
               (?3 <> '' AND visitor_id_number = ?3) AS same_id, \
               (?2 <> '' AND replace(replace(replace(replace(replace(visitor_phone, ' ', ''), \
               '-', ''), '(', ''), ')', ''), '+', '') = ?2) AS same_phone, \
               (?1 <> '' AND visitor_name = ?1) AS same_name \
               FROM visits WHERE person_id IS NULL \
               AND (?3 = '' OR visitor_id_number = '' OR visitor_id_number = ?3)) \
             SELECT {COLUMNS} FROM m WHERE same_id OR same_phone OR same_name \
             ORDER BY same_id DESC, same_phone DESC, at_ DESC, id DESC LIMIT 50"
        ))?;
        let rows = stmt.query_map(params![name, digits, id_number], from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Links walk-ins of a visitor not on file to the person's record; a walk-in linked
    /// meanwhile (by another desk) is left as it is. A link raises the walk-in's version,
    /// so a correction opened before it is stopped like any other; a correction made after
    /// it leaves the person linked. Each link is audited. Returns how many were linked.
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
                "UPDATE visits SET person_id = ?1, version = version + 1 \
                 WHERE id = ?2 AND person_id IS NULL",
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
