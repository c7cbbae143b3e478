//! The petition screens' database work: the ledger, a case, a step, a registration (with
//! its receipt file) and the repeat check. Plain functions of a store, like `jobs`.
use crate::domain::petition::{Petition, acceptance_due, receipt_html};
use crate::exchange::receipt::{receipts_dir, write_receipt};
use crate::i18n::{Lang, Msg, t};
use crate::store::petitions::{LedgerFilter, Who};
use crate::store::{Store, StoreError};
use crate::tui::action::Loaded;
use crate::tui::data::{CaseData, HistoryItem, LedgerResult, PetitionSaved};
use crate::tui::effect::DbJob;
use crate::tui::form::DraftSlot;

/// Does one petition job; `None` for a job that is not a petition job.
pub fn run(store: &mut Store, job: DbJob, lang: Lang) -> Option<Loaded> {
    let today = store.clock().now().date();
    let result: Result<Loaded, StoreError> = match job {
        DbJob::Ledger { generation, filter } => ledger(store, generation, &filter),
        DbJob::PetitionCase(id) => case(store, id).map(|c| match c {
            Some(c) => Loaded::PetitionCase(Box::new(c)),
            None => Loaded::Failed(
                Msg::new("petition.store.not_found")
                    .arg("what", id)
                    .render(lang),
            ),
        }),
        DbJob::AddStep { id, step } => {
            let result = store
                .add_step(id, &step)
                .map(|_| ())
                .map_err(|e| e.msg().render(lang));
            Ok(Loaded::StepSaved { id, result })
        }
        DbJob::RecordDelivery { id, on } => {
            let result = store
                .record_delivery(id, on)
                .map(|_| ())
                .map_err(|e| e.msg().render(lang));
            Ok(Loaded::StepSaved { id, result })
        }
        DbJob::SavePetition { petition, draft } => {
            return Some(save(store, &petition, draft.as_ref(), lang));
        }
        DbJob::RepeatCheck {
            person_id,
            name,
            subject,
        } => {
            let who = match person_id {
                Some(id) => Who::Person(id),
                None => Who::Name(&name),
            };
            store
                .repeat_check(who, &subject, today)
                .map(Loaded::RepeatHits)
        }
        DbJob::VisitForPetition(id) => match store.visit(id) {
            Ok(Some(v)) => match v.person_id.map(|p| store.person(p)).transpose() {
                Ok(person) => Ok(Loaded::VisitForPetition(
                    Box::new(v),
                    person.flatten().map(Box::new),
                )),
                Err(e) => Err(e),
            },
            Ok(None) => Ok(Loaded::Failed(
                Msg::new("petition.store.not_found")
                    .arg("what", id)
                    .render(lang),
            )),
            Err(e) => Err(e),
        },
        _ => return None,
    };
    Some(result.unwrap_or_else(|e| Loaded::Failed(e.msg().render(lang))))
}

pub fn ledger(store: &Store, generation: u64, filter: &LedgerFilter) -> Result<Loaded, StoreError> {
    let today = store.clock().now().date();
    let rows = store.ledger(filter, today)?;
    Ok(Loaded::Ledger(LedgerResult { generation, rows }))
}

pub fn case(store: &Store, id: i64) -> Result<Option<CaseData>, StoreError> {
    let Some(case) = store.petition(id)? else {
        return Ok(None);
    };
    let steps = store.steps(id)?;
    let calendar = store.calendar()?;
    Ok(Some(CaseData {
        case,
        steps,
        calendar,
    }))
}

/// Registers the petition (linking the walk-in it came from and removing the form's
/// draft in the same transaction), and writes the receipt. A receipt that cannot be
/// written does not undo the registration: the case stands and the message says the
/// receipt is missing.
pub fn save(store: &mut Store, p: &Petition, draft: Option<&DraftSlot>, lang: Lang) -> Loaded {
    let (id, case_no) = match store.save_new_petition_clearing_draft(p, draft.map(DraftSlot::row)) {
        Ok(saved) => saved,
        Err(e) => return Loaded::PetitionNotSaved(e.msg().render(lang)),
    };
    let station = store
        .setting("station_name")
        .ok()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| t(lang, "tui.app.name"));
    let html = receipt_html(
        p,
        &case_no,
        acceptance_due(p.received_at.date()),
        &station,
        lang,
    );
    let receipt = match receipts_dir(store.path()) {
        None => Err(t(lang, "tui.petition.receipt_no_dir")),
        Some(dir) => write_receipt(&dir, &case_no, &html)
            .map(|path| {
                let name = crate::exchange::display_name(&path);
                format!("receipts/{name}")
            })
            .map_err(|e| {
                Msg::new("tui.petition.receipt_failed")
                    .arg("detail", e)
                    .render(lang)
            }),
    };
    Loaded::PetitionSaved(PetitionSaved {
        id,
        case_no,
        receipt,
    })
}

/// A person's petitions as profile history lines, newest first.
pub fn history(store: &Store, person_id: i64, lang: Lang) -> Result<Vec<HistoryItem>, StoreError> {
    let today = store.clock().now().date();
    Ok(store
        .petitions_of_person(person_id, today)?
        .into_iter()
        .map(|r| HistoryItem {
            date: r.received_at.date(),
            kind: t(lang, r.status.label_key()),
            summary: format!("{}  {}", r.case_no, r.subject),
        })
        .collect())
}
