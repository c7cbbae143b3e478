//! The petition screens' database work: the ledger, a case, a step, a registration (with
//! its receipt file) and the repeat check. Plain functions of a store, like `jobs`.
use crate::domain::petition::notice::NoticeKind;
use crate::domain::petition::{Petition, Step};
use crate::exchange::notices::{NoticeError, issue};
use crate::i18n::{Lang, Msg, t};
use crate::store::petitions::{LedgerFilter, Who};
use crate::store::{Store, StoreError};
use crate::tui::action::Loaded;
use crate::tui::data::{CaseData, HistoryItem, LedgerResult, PetitionSaved};
use crate::tui::form::DraftSlot;

/// Petition work for the database worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PetitionJob {
    /// The petition ledger for a filter, tagged like a search.
    Ledger {
        generation: u64,
        filter: LedgerFilter,
    },
    /// One case with its steps.
    Case(i64),
    AddStep {
        id: i64,
        step: Step,
    },
    /// The day the petitioner received a mailed reply, known later; answered by `StepSaved`.
    RecordDelivery {
        id: i64,
        on: chrono::NaiveDate,
    },
    /// Voids the step at `index` of the case's steps (an administrator's act); answered by
    /// `StepSaved`.
    VoidStep {
        id: i64,
        index: usize,
        reason: String,
    },
    /// Records a report of the case upward; answered by `StepSaved`.
    RiskReport {
        id: i64,
        report: crate::domain::petition::RiskReport,
    },
    /// Registers a petition, links the walk-in it came from and removes the form's draft
    /// (one transaction), then writes the receipt.
    Save {
        petition: Box<Petition>,
        draft: Option<DraftSlot>,
    },
    /// Earlier cases that would make a new petition a repeat (重复访).
    RepeatCheck {
        person_id: Option<i64>,
        name: String,
        subject: String,
    },
    /// The walk-in a petition is turned from, for prefilling the intake form.
    Visit(i64),
    /// A person picked among the intake form's suggestions, for petitioner row `row`.
    Petitioner {
        row: usize,
        person_id: i64,
    },
    /// Issues a notice for a case into the documents folder; answered by `NoticeIssued`.
    IssueNotice {
        id: i64,
        kind: NoticeKind,
    },
}

/// Does one petition job. The reads that fail say so; a step or a registration that fails
/// is answered by its own refusal.
pub fn run(store: &mut Store, job: PetitionJob, lang: Lang) -> Loaded {
    let today = store.clock().now().date();
    let not_found = |id: i64| {
        Loaded::read_failed(
            Msg::new("petition.store.not_found")
                .arg("what", id)
                .render(lang),
        )
    };
    let result: Result<Loaded, StoreError> = match job {
        PetitionJob::Ledger { generation, filter } => ledger(store, generation, &filter),
        PetitionJob::Case(id) => case(store, id).map(|c| match c {
            Some(c) => Loaded::PetitionCase(Box::new(c)),
            None => not_found(id),
        }),
        PetitionJob::AddStep { id, step } => {
            let result = store
                .add_step(id, &step)
                .map(|_| ())
                .map_err(|e| e.msg().render(lang));
            Ok(Loaded::StepSaved { id, result })
        }
        PetitionJob::RecordDelivery { id, on } => {
            let result = store
                .record_delivery(id, on)
                .map(|_| ())
                .map_err(|e| e.msg().render(lang));
            Ok(Loaded::StepSaved { id, result })
        }
        PetitionJob::VoidStep { id, index, reason } => {
            let result = store
                .void_step(id, index, &reason)
                .map(|_| ())
                .map_err(|e| e.msg().render(lang));
            Ok(Loaded::StepSaved { id, result })
        }
        PetitionJob::RiskReport { id, report } => {
            let result = store
                .record_risk_report(id, &report)
                .map(|_| ())
                .map_err(|e| e.msg().render(lang));
            Ok(Loaded::StepSaved { id, result })
        }
        PetitionJob::Save { petition, draft } => {
            return save(store, &petition, draft.as_ref(), lang);
        }
        PetitionJob::RepeatCheck {
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
        PetitionJob::IssueNotice { id, kind } => {
            let result = match store.petition(id) {
                Ok(Some(case)) => issue_notice(store, &case, kind, lang),
                Ok(None) => return not_found(id),
                Err(e) => Err(e.msg().render(lang)),
            };
            Ok(Loaded::NoticeIssued { id, result })
        }
        PetitionJob::Visit(id) => match store.visit(id) {
            Ok(Some(v)) => v
                .person_id
                .map(|p| store.person(p))
                .transpose()
                .map(|person| {
                    Loaded::VisitForPetition(Box::new(v), person.flatten().map(Box::new))
                }),
            Ok(None) => Ok(not_found(id)),
            Err(e) => Err(e),
        },
        PetitionJob::Petitioner { row, person_id } => store.person(person_id).map(|p| match p {
            Some(p) => Loaded::PetitionerOnFile(row, Box::new(p)),
            None => not_found(person_id),
        }),
    };
    result.unwrap_or_else(|e| Loaded::read_failed(e.msg().render(lang)))
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
    let risk_reports = store.risk_reports(id)?;
    let notices = store.notices_issued(id)?;
    Ok(Some(CaseData {
        case,
        steps,
        calendar,
        risk_reports,
        notices,
    }))
}

/// Issues a notice: the path as the status line shows it, or why not, in `lang`.
fn issue_notice(
    store: &Store,
    case: &crate::domain::petition::PetitionCase,
    kind: NoticeKind,
    lang: Lang,
) -> Result<String, String> {
    issue(store, case, kind, None)
        .map(|issued| issued.shown())
        .map_err(|e| e.render(lang))
}

/// Registers the petition (linking the walk-in it came from and removing the form's
/// draft in the same transaction), and issues its registration receipt (登记回执) as a
/// notice in the documents folder. A receipt that cannot be written does not undo the
/// registration: the case stands and the message says the receipt is missing.
pub fn save(store: &mut Store, p: &Petition, draft: Option<&DraftSlot>, lang: Lang) -> Loaded {
    let (id, case_no) = match store.save_new_petition_clearing_draft(p, draft.map(DraftSlot::row)) {
        Ok(saved) => saved,
        Err(e) => return Loaded::PetitionNotSaved(e.msg().render(lang)),
    };
    let receipt = match store.petition(id) {
        Ok(Some(case)) => issue(store, &case, NoticeKind::Receipt, None)
            .map(|issued| issued.shown())
            .map_err(|e| match e {
                NoticeError::NoFolder => t(lang, "tui.petition.receipt_no_dir"),
                e => Msg::new("tui.petition.receipt_failed")
                    .arg("detail", e.render(lang))
                    .render(lang),
            }),
        Ok(None) => Err(t(lang, "tui.petition.receipt_no_dir")),
        Err(e) => Err(e.msg().render(lang)),
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
