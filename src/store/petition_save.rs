//! Saving a petition: registration with the next case number of its year, and each step
//! checked by the lifecycle and the rules of recording it, in one immediate transaction.
use super::audit::append;
use super::petitions::*;
use super::{Store, StoreError};
use crate::domain::petition::{
    CaseState, Delivery, Petition, Step, StepKind, Timing, case_year, format_case_no, record,
};
use crate::domain::text::{clean_line, clean_multiline};
use crate::i18n::Msg;
use crate::store::db::{OptionalExtension, params};

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
             ON CONFLICT(year) DO UPDATE SET last = case_counters.last + 1 RETURNING last",
            [year],
            |r| r.get(0),
        )?;
        let case_no = format_case_no(year, u32::try_from(seq).unwrap_or(u32::MAX));
        let state = CaseState::registered(p.received_at);
        let cal = super::calendar::load_calendar(&tx)?;
        let id: i64 = tx.insert_id(
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
        let case_no = case_no_of(&tx, id)?;
        let state = load_state(&tx, id)?
            .ok_or_else(|| StoreError::Other(format!("petition {id} has no steps")))?;
        let cal = super::calendar::load_calendar(&tx)?;
        let (step, next) =
            record(&state, &step, now_at.date(), &cal).map_err(PetitionError::Refused)?;
        let step_id: i64 = tx.insert_id(
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
}
