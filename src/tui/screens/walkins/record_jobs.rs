//! The database work of a saved walk-in: reading it with its history, correcting it, and
//! linking a visitor's walk-ins to the record made for them.
use super::jobs::{VisitRow, WalkinJob, WalkinLoaded, row_of};
use crate::i18n::Lang;
use crate::store::{Store, StoreError};

pub fn run(store: &mut Store, job: WalkinJob, lang: Lang) -> WalkinLoaded {
    let failed = |e: StoreError| e.msg().render(lang);
    match job {
        WalkinJob::Record(id) => match store.visit_record(id) {
            Ok(Some(r)) => WalkinLoaded::Record(Box::new(r)),
            Ok(None) => WalkinLoaded::RecordFailed {
                id,
                detail: failed(StoreError::NotFound(format!("visit {id}"))),
            },
            Err(e) => WalkinLoaded::RecordFailed {
                id,
                detail: failed(e),
            },
        },
        WalkinJob::Correct(c) => match store.correct_visit(&c) {
            Ok(_) => WalkinLoaded::Corrected {
                visit_id: c.visit_id,
            },
            Err(StoreError::ChangedMeanwhile { actor, at }) => match store.visit_record(c.visit_id)
            {
                Ok(Some(theirs)) => WalkinLoaded::CorrectConflict {
                    actor,
                    at,
                    theirs: Box::new(theirs),
                },
                Ok(None) => WalkinLoaded::CorrectFailed(failed(StoreError::NotFound(format!(
                    "visit {}",
                    c.visit_id
                )))),
                Err(e) => WalkinLoaded::CorrectFailed(failed(e)),
            },
            Err(e) => WalkinLoaded::CorrectFailed(failed(e)),
        },
        WalkinJob::Unlinked(person_id) | WalkinJob::UnlinkedFromVisit(person_id) => {
            let from_visit = matches!(job, WalkinJob::UnlinkedFromVisit(_));
            let found = store.person(person_id).and_then(|p| match p {
                Some(p) => store.unlinked_visits_matching(&p.name, &p.phone, &p.id_number),
                None => Ok(Vec::new()),
            });
            match found {
                Ok(visits) => {
                    let visits = visits.into_iter().map(dated_row).collect();
                    if from_visit {
                        WalkinLoaded::UnlinkedFromVisit { person_id, visits }
                    } else {
                        WalkinLoaded::Unlinked { person_id, visits }
                    }
                }
                // Only an offer: a failed read offers nothing (the profile itself says
                // when the database cannot be read).
                Err(e) => WalkinLoaded::LinkFailed(failed(e)),
            }
        }
        WalkinJob::OfPerson(person_id) => match store.visits_of_person(person_id) {
            Ok(visits) => WalkinLoaded::OfPerson {
                person_id,
                rows: visits.into_iter().map(dated_row).collect(),
            },
            Err(e) => WalkinLoaded::OfPersonFailed(failed(e)),
        },
        WalkinJob::Link {
            person_id,
            visit_ids,
        } => match store.link_visits(person_id, &visit_ids) {
            Ok(count) => WalkinLoaded::Linked { person_id, count },
            Err(e) => WalkinLoaded::LinkFailed(failed(e)),
        },
        // The register's own jobs: `jobs::run` sends only the four above here.
        other => super::jobs::run(store, other, lang),
    }
}

/// A walk-in as a line of a list over many days: its time with the date.
fn dated_row(v: crate::domain::visit::Visit) -> VisitRow {
    let when = v.arrived_at.format("%Y-%m-%d %H:%M").to_string();
    VisitRow {
        time: when,
        ..row_of(v)
    }
}
