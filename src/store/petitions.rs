//! Petitions: registration with a case number, dated steps checked by the lifecycle, the
//! ledger (信访台账) and the counts the dashboard shows.
//!
//! The steps are the record of truth; a case's status, next deadline and end date are
//! derived from them by the pure domain rules and kept on the petition row (rewritten in
//! the same transaction as each step) only so that the ledger can filter in SQL.
use super::audit::append;
use super::{Result, Store, StoreError};
use crate::domain::calendar::Calendar;
use crate::domain::petition::{
    CaseState, Channel, DeadlineKind, Delivery, Flags, Petition, PetitionCase, Petitioner,
    RepeatReason, Risk, Status, Step, StepKind, StepVoid, Timing, Urgency, case_year,
    format_case_no, next_due, record, repeat_reason, same_matter, urgency_of,
};
use crate::domain::text::{clean_line, clean_multiline, fold_width};
use crate::i18n::Msg;
use chrono::{Days, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

const TS: &str = "%Y-%m-%d %H:%M:%S";
const DAY: &str = "%Y-%m-%d";

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

impl From<rusqlite::Error> for PetitionError {
    fn from(e: rusqlite::Error) -> Self {
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

fn ts(at: NaiveDateTime) -> String {
    at.format(TS).to_string()
}

fn parse_ts(text: &str) -> rusqlite::Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, TS).map_err(|e| bad_column(text, e))
}

fn bad_column(text: &str, e: impl std::fmt::Display) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("unreadable value {text:?}: {e}").into(),
    )
}

fn parse_day(text: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, DAY).map_err(|e| bad_column(text, e))
}

fn step_from_row(r: &Row) -> rusqlite::Result<Step> {
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

fn json_names(names: &[String]) -> String {
    serde_json::to_string(names).unwrap_or_else(|_| "[]".into())
}

fn names_from_json(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

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
       ORDER BY s.id))"
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

fn ledger_row(r: &Row, today: NaiveDate) -> rusqlite::Result<LedgerRow> {
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
    /// Registers a new petition: gives it the next case number of its year of receipt,
    /// records the registration step (dated at receipt, attributed to the current actor)
    /// and the audit record, all in one transaction. Returns the row id and case number.
    ///
    /// The transaction is `BEGIN IMMEDIATE`: it takes the write lock before reading the
    /// counter, so two desks (or processes) saving at once queue on the busy timeout
    /// instead of both reading the same last number; and since the counter and the
    /// petition commit together, a failed save leaves no gap.
    pub fn save_new_petition(
        &mut self,
        p: &Petition,
    ) -> std::result::Result<(i64, String), PetitionError> {
        self.save_new_petition_clearing_draft(p, None)
    }

    /// [`Store::save_new_petition`], removing the intake form's draft in the same
    /// transaction. The walk-in the petition came from is linked in it too, so a case is
    /// never on file without its walk-in pointing at it.
    pub fn save_new_petition_clearing_draft(
        &mut self,
        p: &Petition,
        draft: Option<super::drafts::DraftKey<'_>>,
    ) -> std::result::Result<(i64, String), PetitionError> {
        if p.petitioners.is_empty() && !p.anonymous {
            return Err(PetitionError::Refused(Msg::new(
                "petition.store.no_petitioner",
            )));
        }
        // The form checks the date only; the clock knows the time, and a registration
        // dated later today would hold every following step back until then.
        if p.received_at > self.clock().now() {
            return Err(PetitionError::Refused(Msg::new("petition.received_future")));
        }
        let now = self.now_text();
        let actor = self.actor().to_string();
        let contact = self.clock().now().and_utc().timestamp();
        let tx = self.write_tx()?;
        for person_id in p.petitioners.iter().filter_map(|x| x.person_id) {
            let exists: Option<i64> = tx
                .query_row("SELECT id FROM people WHERE id = ?1", [person_id], |r| {
                    r.get(0)
                })
                .optional()?;
            if exists.is_none() {
                return Err(StoreError::NotFound(format!("person {person_id}")).into());
            }
        }
        let year = case_year(p);
        let seq: i64 = tx.query_row(
            "INSERT INTO case_counters(year, last) VALUES (?1, 1)
             ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last",
            [year],
            |r| r.get(0),
        )?;
        let case_no = format_case_no(year, u32::try_from(seq).unwrap_or(u32::MAX));
        let state = CaseState::registered(p.received_at);
        let cal = super::calendar::load_calendar(&tx)?;
        tx.execute(
            "INSERT INTO petitions(case_no, channel, received_at, people_count, representatives, agents,
             category, subject, request, facts, reasons, documents, flag_repeat, flag_skip_level,
             flag_collective, risk, handler, from_visit, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
             ?19, ?20, ?20)",
            params![
                case_no,
                p.channel.code(),
                ts(p.received_at),
                p.people_count,
                json_names(&p.representatives),
                json_names(&p.agents),
                p.category,
                p.subject,
                p.request,
                p.facts,
                p.reasons,
                p.documents,
                p.flags.repeat,
                p.flags.skip_level,
                p.flags.collective,
                p.risk.code(),
                p.handler,
                p.from_visit,
                state.status.code(),
                now,
            ],
        )?;
        let id = tx.last_insert_rowid();
        super::petition_intake::write_intake(&tx, id, p)?;
        let state = CaseState {
            intake: super::petition_intake::load_intake(&tx, id)?,
            ..state
        };
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO petitioners(petition_id, seq, person_id, name, phone, address)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut touch = tx.prepare_cached(
                "UPDATE people SET last_contact = max(last_contact, ?1) WHERE id = ?2",
            )?;
            for (seq, x) in p.petitioners.iter().enumerate() {
                ins.execute(params![
                    id,
                    i64::try_from(seq).unwrap_or(i64::MAX),
                    x.person_id,
                    x.name,
                    x.phone,
                    x.address
                ])?;
                if let Some(person_id) = x.person_id {
                    // The search ranks people recently in contact first.
                    touch.execute(params![contact, person_id])?;
                }
            }
        }
        tx.execute(
            "INSERT INTO petition_steps(petition_id, kind, at, officer, note, recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, '', ?5, ?4)",
            params![id, StepKind::Registered.code(), ts(p.received_at), actor, now],
        )?;
        write_derived(&tx, id, &state, &cal, &now)?;
        append(
            &tx,
            &now,
            &actor,
            "create",
            "petition",
            &id.to_string(),
            &format!(
                "{case_no} {} {} {}",
                p.channel.code(),
                p.risk.code(),
                p.subject
            ),
        )?;
        if let Some(visit) = p.from_visit {
            tx.execute(
                "UPDATE visits SET petition_id = ?1 WHERE id = ?2",
                params![id, visit],
            )?;
        }
        super::drafts::clear_in(&tx, draft)?;
        tx.commit()?;
        Ok((id, case_no))
    }

    /// Records a step of a case after the lifecycle allows it against the stored steps and
    /// the rules of recording it on today's date and the working calendar, in one immediate
    /// transaction (so two desks cannot both take a step from the same state); audited. The
    /// deadline the step met or missed is kept with it, and a reply's receipt day when known.
    /// A step may not be dated later than the clock's now. Returns the case's new state.
    pub fn add_step(
        &mut self,
        id: i64,
        step: &Step,
    ) -> std::result::Result<CaseState, PetitionError> {
        let now_at = self.clock().now();
        let now = self.now_text();
        let actor = self.actor().to_string();
        let step = Step {
            officer: clean_line(&step.officer),
            note: clean_multiline(&step.note),
            forwarded_to: step.forwarded_to.as_deref().map(clean_line),
            timing: None,
            ..step.clone()
        };
        if step.at > now_at {
            return Err(PetitionError::Refused(Msg::new("petition.step.future")));
        }
        let tx = self.write_tx()?;
        let case_no: Option<String> = tx
            .query_row("SELECT case_no FROM petitions WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(case_no) = case_no else {
            return Err(PetitionError::Refused(
                Msg::new("petition.store.not_found").arg("what", id),
            ));
        };
        let state = load_state(&tx, id)?
            .ok_or_else(|| StoreError::Other(format!("petition {id} has no steps")))?;
        let cal = super::calendar::load_calendar(&tx)?;
        let (step, next) =
            record(&state, &step, now_at.date(), &cal).map_err(PetitionError::Refused)?;
        tx.execute(
            "INSERT INTO petition_steps(petition_id, kind, at, officer, note, extension_days,
             forwarded_to, delivery, recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                id,
                step.kind.code(),
                ts(step.at),
                step.officer,
                step.note,
                step.extension_days,
                step.forwarded_to,
                step.delivery.map(Delivery::code),
                now,
                actor
            ],
        )?;
        let step_id = tx.last_insert_rowid();
        super::petition_steps::keep_step_facts(&tx, step_id, &step, &now, &actor)?;
        super::petition_intake::keep_redirect(&tx, step_id, &step)?;
        write_derived(&tx, id, &next, &cal, &now)?;
        let late = step
            .timing
            .filter(Timing::is_late)
            .map(|t| {
                format!(
                    " late {} days ({} due {})",
                    t.late_days,
                    t.kind.code(),
                    t.due
                )
            })
            .unwrap_or_default();
        append(
            &tx,
            &now,
            &actor,
            "step",
            "petition",
            &id.to_string(),
            &format!("{case_no}: {} at {}{late}", step.kind.code(), ts(step.at)),
        )?;
        tx.commit()?;
        Ok(next)
    }

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
               AND (?7 = '' OR instr(lower(p.case_no || char(10) || p.subject || char(10) ||
                        p.category || char(10) || p.request), lower(?7)) > 0
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::domain::petition::{PetitionInput, PetitionerInput};
    use std::sync::Arc;

    fn store() -> Store {
        let at = NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let mut s = Store::open_in_memory(Arc::new(FixedClock::new(at))).unwrap();
        s.set_actor("wang");
        s
    }

    fn petition() -> Petition {
        PetitionInput {
            channel: "visit".into(),
            received_at: "2026-11-25 08:30".into(),
            petitioners: vec![PetitionerInput {
                name: "张三丰".into(),
                phone: "13800001234".into(),
                ..Default::default()
            }],
            representatives: "甲、乙".into(),
            subject: "优待证".into(),
            request: "请求办理".into(),
            handler: "wang".into(),
            ..Default::default()
        }
        .validate(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
        .unwrap()
    }

    #[test]
    fn a_saved_petition_reads_back_whole() {
        let mut s = store();
        let p = petition();
        let (id, no) = s.save_new_petition(&p).unwrap();
        assert_eq!(no, "2026-0001");
        let back = s.petition(id).unwrap().unwrap();
        assert_eq!(back.petition, p);
        assert_eq!(back.case_no, no);
        assert_eq!(back.state.status, Status::Registered);
        let steps = s.steps(id).unwrap();
        assert_eq!(steps.len(), 1);
        assert_eq!(steps[0].officer, "wang");
        assert_eq!(
            s.petition_by_case_no("２０２６-０００１")
                .unwrap()
                .unwrap()
                .id,
            id
        );
        assert!(s.petition(id + 1).unwrap().is_none());
        let audit = s.audit_entries(None, None).unwrap();
        assert_eq!(audit.last().unwrap().entity, "petition");
    }

    #[test]
    fn steps_are_append_only() {
        let mut s = store();
        let (id, _) = s.save_new_petition(&petition()).unwrap();
        assert!(
            s.conn()
                .execute("UPDATE petition_steps SET officer = 'x'", [])
                .is_err()
        );
        assert!(s.conn().execute("DELETE FROM petition_steps", []).is_err());
        assert_eq!(s.steps(id).unwrap().len(), 1);
    }

    #[test]
    fn refused_steps_change_nothing() {
        let mut s = store();
        let (id, _) = s.save_new_petition(&petition()).unwrap();
        let at = NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(8, 45, 0)
            .unwrap();
        let err = s
            .add_step(id, &Step::new(StepKind::Replied, at, "wang"))
            .unwrap_err();
        assert_eq!(err.msg().key, "petition.step.reply_before_acceptance");
        let future = at + chrono::Duration::days(1);
        let err = s
            .add_step(id, &Step::new(StepKind::Accepted, future, "wang"))
            .unwrap_err();
        assert_eq!(err.msg().key, "petition.step.future");
        let err = s
            .add_step(999, &Step::new(StepKind::Accepted, at, "wang"))
            .unwrap_err();
        assert_eq!(err.msg().key, "petition.store.not_found");
        assert_eq!(s.steps(id).unwrap().len(), 1);
    }

    #[test]
    fn an_unknown_person_is_not_linked() {
        let mut s = store();
        let mut p = petition();
        p.petitioners[0].person_id = Some(42);
        assert!(matches!(
            s.save_new_petition(&p),
            Err(PetitionError::Store(StoreError::NotFound(_)))
        ));
        // a receipt later today than the clock is refused too
        let mut late = petition();
        late.received_at += chrono::Duration::hours(3);
        assert_eq!(
            s.save_new_petition(&late).unwrap_err().msg().key,
            "petition.received_future"
        );
        // the failed saves used no number
        assert_eq!(s.save_new_petition(&petition()).unwrap().1, "2026-0001");
    }
}
