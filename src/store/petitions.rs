//! Petitions: registration with a case number, dated steps checked by the lifecycle, the
//! ledger (信访台账) and the counts the dashboard shows.
//!
//! The steps are the record of truth; a case's status, next deadline and end date are
//! derived from them by the pure domain rules and kept on the petition row (rewritten in
//! the same transaction as each step) only so that the ledger can filter in SQL.
use super::{Result, Store, StoreError};
use crate::domain::calendar::Calendar;
use crate::domain::petition::{
    CaseState, Channel, DeadlineKind, Delivery, Flags, Petition, PetitionCase, Petitioner,
    RepeatReason, Risk, Status, Step, StepKind, StepVoid, Timing, Urgency, next_due,
};
use crate::domain::text::fold_width;
use crate::i18n::Msg;
use crate::store::db::{Connection, OptionalExtension, Row, params};
use chrono::{NaiveDate, NaiveDateTime};

pub(super) const TS: &str = "%Y-%m-%d %H:%M:%S";
pub(super) const DAY: &str = "%Y-%m-%d";

/// Why a petition or a step was not saved: a rule of the procedure (in words for the
/// user), or the database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PetitionError {
    /// The procedure does not allow it; the message says why.
    #[error("refused: {}", .0.key)]
    Refused(Msg),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl PetitionError {
    /// The error in words for the user.
    pub fn msg(&self) -> Msg {
        match self {
            PetitionError::Refused(m) => m.clone(),
            PetitionError::Store(e) => e.msg(),
        }
    }
}

impl From<crate::store::db::Error> for PetitionError {
    fn from(e: crate::store::db::Error) -> Self {
        PetitionError::Store(e.into())
    }
}

/// What the ledger shows; every field narrows it, the defaults show everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LedgerFilter {
    pub status: Option<Status>,
    /// Only cases whose next deadline (the station's own) has passed.
    pub overdue_only: bool,
    pub risk: Option<Risk>,
    /// First day of receipt, inclusive.
    pub from: Option<NaiveDate>,
    /// Last day of receipt, inclusive.
    pub to: Option<NaiveDate>,
    /// Part of the case number, subject, category, request or a petitioner's name.
    pub text: String,
    /// Only cases of this type (类别).
    pub kind: Option<crate::domain::petition::PetitionType>,
}

/// One line of the petition ledger.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LedgerRow {
    pub id: i64,
    pub case_no: String,
    pub received_at: NaiveDateTime,
    pub channel: Channel,
    pub first_petitioner: String,
    pub subject: String,
    pub flags: Flags,
    pub risk: Risk,
    pub status: Status,
    /// The station's next deadline, if one is running.
    pub next_due: Option<(DeadlineKind, NaiveDate)>,
    /// How pressing the next deadline is on the `today` the ledger was asked for.
    pub urgency: Urgency,
    pub handler: String,
    /// When the case ended here: closed, not accepted or forwarded.
    pub closed_at: Option<NaiveDateTime>,
    /// The station's own steps taken late (the decision on acceptance, the reply), with
    /// the days late, in the order taken. Kept for ever, whatever the case does next.
    pub late: Vec<(StepKind, u32)>,
}

/// The dashboard's petition counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct DueCounts {
    /// Next deadline today or within three days.
    pub due_soon: u64,
    /// Next deadline passed.
    pub overdue: u64,
    /// High-risk cases not yet ended.
    pub high_risk_open: u64,
}

/// Whose earlier petitions a repeat check looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who<'a> {
    /// A person on file.
    Person(i64),
    /// A petitioner known only by name (as written on the earlier cases).
    Name(&'a str),
}

/// An earlier case that makes a new petition on the same matter a repeat (重复访).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RepeatHit {
    pub id: i64,
    pub case_no: String,
    pub subject: String,
    pub status: Status,
    pub reason: RepeatReason,
}

pub(super) fn ts(at: NaiveDateTime) -> String {
    at.format(TS).to_string()
}

pub(super) fn parse_ts(text: &str) -> crate::store::db::Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, TS).map_err(|e| bad_column(text, e))
}

pub(super) fn bad_column(text: &str, e: impl std::fmt::Display) -> crate::store::db::Error {
    crate::store::db::Error::Conversion(format!("unreadable value {text:?}: {e}"))
}

pub(super) fn parse_day(text: &str) -> crate::store::db::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, DAY).map_err(|e| bad_column(text, e))
}

pub(super) fn step_from_row(r: &Row) -> crate::store::db::Result<Step> {
    let kind: String = r.get(0)?;
    let at: String = r.get(1)?;
    let days: Option<i64> = r.get(4)?;
    let delivery: Option<String> = r.get(6)?;
    let delivered: Option<String> = r.get(7)?;
    let due_kind: Option<String> = r.get(8)?;
    let due_on: Option<String> = r.get(9)?;
    let late_days: Option<i64> = r.get(10)?;
    let void_reason: Option<String> = r.get(11)?;
    let voided = match void_reason {
        Some(reason) => {
            let at: String = r.get(13)?;
            Some(StepVoid {
                by: r.get(12)?,
                at: parse_ts(&at)?,
                reason,
            })
        }
        None => None,
    };
    let timing = match (due_kind, due_on) {
        (Some(k), Some(d)) => Some(Timing {
            kind: DeadlineKind::from_code(&k).ok_or_else(|| bad_column(&k, "deadline kind"))?,
            due: parse_day(&d)?,
            late_days: late_days.and_then(|n| u32::try_from(n).ok()).unwrap_or(0),
        }),
        _ => None,
    };
    Ok(Step {
        kind: StepKind::from_code(&kind).ok_or_else(|| bad_column(&kind, "step kind"))?,
        at: parse_ts(&at)?,
        officer: r.get(2)?,
        note: r.get(3)?,
        extension_days: days.and_then(|d| u32::try_from(d).ok()),
        forwarded_to: r.get(5)?,
        delivery: delivery
            .map(|c| Delivery::from_code(&c).ok_or_else(|| bad_column(&c, "delivery")))
            .transpose()?,
        delivered_on: delivered.as_deref().map(parse_day).transpose()?,
        redirect: None,
        timing,
        voided,
    })
}

/// A case's steps, oldest first, each with the day its reply was received (when known),
/// the deadline it met or missed as recorded, and its voiding if an administrator voided it.
pub(crate) fn load_steps(conn: &Connection, id: i64) -> Result<Vec<Step>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.kind, s.at, s.officer, s.note, s.extension_days, s.forwarded_to, s.delivery,
                v.delivered_on, d.due_kind, d.due_on, d.late_days,
                x.reason, x.voided_by, x.voided_at
         FROM petition_steps s
         LEFT JOIN petition_deliveries v ON v.step_id = s.id
         LEFT JOIN petition_step_deadlines d ON d.step_id = s.id
         LEFT JOIN petition_step_voids x ON x.step_id = s.id
         WHERE s.petition_id = ?1 ORDER BY s.id",
    )?;
    let rows = stmt.query_map([id], step_from_row)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// [`load_steps`] as a version 7 database holds them, before steps could be voided: for
/// the data step of that version, which runs before the table of voids exists.
pub(crate) fn load_steps_before_voids(conn: &Connection, id: i64) -> Result<Vec<Step>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.kind, s.at, s.officer, s.note, s.extension_days, s.forwarded_to, s.delivery,
                v.delivered_on, d.due_kind, d.due_on, d.late_days, NULL, NULL, NULL
         FROM petition_steps s
         LEFT JOIN petition_deliveries v ON v.step_id = s.id
         LEFT JOIN petition_step_deadlines d ON d.step_id = s.id
         WHERE s.petition_id = ?1 ORDER BY s.id",
    )?;
    let rows = stmt.query_map([id], step_from_row)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The state of a stored case, from its steps. A case whose steps do not replay was
/// written by something other than this store; say so rather than guess.
pub(crate) fn load_state(conn: &Connection, id: i64) -> Result<Option<CaseState>> {
    let steps = load_steps(conn, id)?;
    if steps.is_empty() {
        return Ok(None);
    }
    let intake = super::petition_intake::load_intake(conn, id)?;
    CaseState::replay_with(intake, &steps)
        .map(Some)
        .map_err(|m| StoreError::Other(format!("petition {id}: steps do not replay ({})", m.key)))
}

/// The case number of petition `id`, read inside a write; refused, naming the id, when
/// there is no such case.
pub(crate) fn case_no_of(conn: &Connection, id: i64) -> std::result::Result<String, PetitionError> {
    let case_no: Option<String> = conn
        .query_row("SELECT case_no FROM petitions WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    case_no
        .ok_or_else(|| PetitionError::Refused(Msg::new("petition.store.not_found").arg("what", id)))
}

/// Rewrites the derived columns of a petition from its state, on the calendar `cal`.
pub(crate) fn write_derived(
    conn: &Connection,
    id: i64,
    state: &CaseState,
    cal: &Calendar,
    now: &str,
) -> Result<()> {
    let due = next_due(state, cal);
    conn.execute(
        "UPDATE petitions SET status = ?1, next_due_kind = ?2, next_due = ?3, ended_at = ?4,
         updated_at = ?5 WHERE id = ?6",
        params![
            state.status.code(),
            due.map(|(k, _)| k.code()),
            due.map(|(_, d)| d.format(DAY).to_string()),
            state.ended.map(ts),
            now,
            id
        ],
    )?;
    Ok(())
}

pub(super) fn json_names(names: &[String]) -> String {
    serde_json::to_string(names).unwrap_or_else(|_| "[]".into())
}

pub(super) fn names_from_json(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

impl Store {
    /// One registered case with its content and state.
    pub fn petition(&self, id: i64) -> Result<Option<PetitionCase>> {
        let conn = self.conn();
        let row = conn
            .query_row(
                "SELECT case_no, channel, received_at, people_count, representatives, agents,
                 category, subject, request, facts, reasons, documents, flag_repeat,
                 flag_skip_level, flag_collective, risk, handler, from_visit
                 FROM petitions WHERE id = ?1",
                [id],
                |r| {
                    let channel: String = r.get(1)?;
                    let received: String = r.get(2)?;
                    let count: i64 = r.get(3)?;
                    let reps: String = r.get(4)?;
                    let agents: String = r.get(5)?;
                    let risk: String = r.get(15)?;
                    let case_no: String = r.get(0)?;
                    Ok((
                        case_no,
                        Petition {
                            channel: Channel::parse(&channel)
                                .ok_or_else(|| bad_column(&channel, "channel"))?,
                            received_at: parse_ts(&received)?,
                            petitioners: Vec::new(),
                            people_count: u32::try_from(count).unwrap_or(1),
                            representatives: names_from_json(&reps),
                            agents: names_from_json(&agents),
                            category: r.get(6)?,
                            subject: r.get(7)?,
                            request: r.get(8)?,
                            facts: r.get(9)?,
                            reasons: r.get(10)?,
                            documents: r.get(11)?,
                            flags: Flags {
                                repeat: r.get(12)?,
                                skip_level: r.get(13)?,
                                collective: r.get(14)?,
                            },
                            risk: Risk::parse(&risk).ok_or_else(|| bad_column(&risk, "risk"))?,
                            handler: r.get(16)?,
                            from_visit: r.get(17)?,
                            anonymous: false,
                            source: Default::default(),
                            assigner: String::new(),
                            assigner_due: None,
                            kind: None,
                        },
                    ))
                },
            )
            .optional()?;
        let Some((case_no, mut petition)) = row else {
            return Ok(None);
        };
        super::petition_intake::read_intake(conn, id, &mut petition)?;
        let mut stmt = conn.prepare_cached(
            "SELECT person_id, name, phone, address FROM petitioners WHERE petition_id = ?1
             ORDER BY seq",
        )?;
        petition.petitioners = stmt
            .query_map([id], |r| {
                Ok(Petitioner {
                    person_id: r.get(0)?,
                    name: r.get(1)?,
                    phone: r.get(2)?,
                    address: r.get(3)?,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        let state = load_state(conn, id)?
            .ok_or_else(|| StoreError::Other(format!("petition {id} has no steps")))?;
        Ok(Some(PetitionCase {
            id,
            case_no,
            petition,
            state,
        }))
    }

    /// The case with this number (`2026-0001`; full-width digits are accepted).
    pub fn petition_by_case_no(&self, case_no: &str) -> Result<Option<PetitionCase>> {
        let wanted = fold_width(case_no).trim().to_string();
        let id: Option<i64> = self
            .conn()
            .query_row(
                "SELECT id FROM petitions WHERE case_no = ?1",
                [wanted],
                |r| r.get(0),
            )
            .optional()?;
        match id {
            Some(id) => self.petition(id),
            None => Ok(None),
        }
    }

    /// The steps of a case, oldest first (the registration first).
    pub fn steps(&self, id: i64) -> Result<Vec<Step>> {
        let mut steps = load_steps(self.conn(), id)?;
        super::petition_intake::attach_redirects(self.conn(), id, &mut steps)?;
        Ok(steps)
    }
}

#[cfg(test)]
#[path = "petitions_tests.rs"]
mod tests;
