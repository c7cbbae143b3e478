//! The database work of walk-in registration, done on the database worker: saving a
//! person (after the duplicate checks), saving a walk-in, today's register and follow-ups.
use crate::domain::person::Person;
use crate::domain::visit::{Outcome, Visit, purpose_name};
use crate::domain::visit_correction::{VisitCorrection, VisitRecord};
use crate::i18n::{Lang, t};
use crate::store::{Store, StoreError};
use crate::tui::data::HistoryItem;
use crate::tui::form::DraftSlot;
use crate::tui::screens::ScreenId;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub enum WalkinJob {
    /// Save a person unless another has the same ID number (always refused) or the same
    /// name and birth date (refused unless `force`).
    SavePerson {
        person: Box<Person>,
        force: bool,
        /// The form's draft, removed in the save's transaction.
        draft: Option<DraftSlot>,
    },
    SaveVisit {
        visit: Box<Visit>,
        /// The form's draft, removed in the save's transaction.
        draft: Option<DraftSlot>,
    },
    Today(NaiveDate),
    CompleteFollowUp {
        visit_id: i64,
        note: String,
    },
    /// One walk-in with its earlier versions, to show or correct.
    Record(i64),
    Correct(Box<VisitCorrection>),
    /// Walk-ins of visitors not on file with this person's ID number, phone or name.
    Unlinked(i64),
    /// The same, for the walk-in form that has just put its visitor on file.
    UnlinkedFromVisit(i64),
    /// A person's walk-ins, newest first.
    OfPerson(i64),
    Link {
        person_id: i64,
        visit_ids: Vec<i64>,
    },
}

// The jobs hold no floating-point values: equality is total.
impl Eq for WalkinJob {}

/// One line of today's register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRow {
    pub visit_id: i64,
    pub person_id: Option<i64>,
    pub time: String,
    pub name: String,
    pub purpose: usize,
    /// One of `OUTCOME_CODES`.
    pub outcome: String,
    pub handler: String,
}

/// An open follow-up, due today or overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpRow {
    pub visit_id: i64,
    pub name: String,
    pub due: NaiveDate,
    pub summary: String,
    pub overdue: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WalkinsToday {
    pub day: NaiveDate,
    pub visits: Vec<VisitRow>,
    pub follow_ups: Vec<FollowUpRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum WalkinLoaded {
    PersonSaved {
        id: i64,
        name: String,
    },
    /// A new person's ID number is already on file (perhaps written a moment ago by
    /// another desk): that record is opened instead.
    PersonOnFile {
        id: i64,
        name: String,
    },
    /// Another person has this ID number: `(id, name)`.
    SameId {
        id: i64,
        name: String,
    },
    /// Another person has the same name and birth date.
    LikelySame {
        id: i64,
        name: String,
    },
    PersonFailed(String),
    VisitSaved {
        id: i64,
        person_id: Option<i64>,
        to_petition: bool,
    },
    VisitFailed(String),
    Today(WalkinsToday),
    /// Today's register could not be read.
    TodayFailed(String),
    FollowUpDone {
        visit_id: i64,
    },
    FollowUpFailed(String),
    Record(Box<VisitRecord>),
    RecordFailed {
        id: i64,
        detail: String,
    },
    Corrected {
        visit_id: i64,
    },
    /// Another desk changed the walk-in since the form opened it: who, when, and the
    /// walk-in as it is now.
    CorrectConflict {
        actor: String,
        at: String,
        theirs: Box<VisitRecord>,
    },
    CorrectFailed(String),
    /// Another desk changed the person since the form opened them.
    PersonConflict {
        actor: String,
        at: String,
        theirs: Box<Person>,
    },
    Unlinked {
        person_id: i64,
        visits: Vec<VisitRow>,
    },
    /// [`WalkinLoaded::Unlinked`] for the walk-in form whose visitor was just put on file.
    UnlinkedFromVisit {
        person_id: i64,
        visits: Vec<VisitRow>,
    },
    Linked {
        person_id: i64,
        count: usize,
    },
    OfPerson {
        person_id: i64,
        rows: Vec<VisitRow>,
    },
    /// A person's walk-ins could not be read.
    OfPersonFailed(String),
    LinkFailed(String),
}

impl WalkinLoaded {
    /// The screen the answer is for.
    pub fn owner(&self) -> ScreenId {
        match self {
            WalkinLoaded::PersonSaved { .. }
            | WalkinLoaded::PersonOnFile { .. }
            | WalkinLoaded::SameId { .. }
            | WalkinLoaded::LikelySame { .. }
            | WalkinLoaded::PersonConflict { .. }
            | WalkinLoaded::PersonFailed(_) => ScreenId::PersonForm,
            WalkinLoaded::VisitSaved { .. }
            | WalkinLoaded::VisitFailed(_)
            | WalkinLoaded::Corrected { .. }
            | WalkinLoaded::CorrectConflict { .. }
            | WalkinLoaded::CorrectFailed(_)
            | WalkinLoaded::UnlinkedFromVisit { .. } => ScreenId::VisitForm,
            WalkinLoaded::Record(_) | WalkinLoaded::RecordFailed { .. } => ScreenId::VisitView,
            WalkinLoaded::Unlinked { .. } => ScreenId::Profile,
            WalkinLoaded::OfPerson { .. } | WalkinLoaded::OfPersonFailed(_) => {
                ScreenId::PersonWalkins
            }
            WalkinLoaded::Linked { .. } | WalkinLoaded::LinkFailed(_) => ScreenId::LinkOffer,
            WalkinLoaded::Today(_)
            | WalkinLoaded::TodayFailed(_)
            | WalkinLoaded::FollowUpDone { .. }
            | WalkinLoaded::FollowUpFailed(_) => ScreenId::Walkins,
        }
    }
}

pub fn run(store: &mut Store, job: WalkinJob, lang: Lang) -> WalkinLoaded {
    let failed = |e: StoreError| e.msg().render(lang);
    match job {
        WalkinJob::SavePerson {
            person,
            force,
            draft,
        } => {
            // The form takes any well-formed name as a local category; here the station's
            // list is at hand.
            let refused = store
                .category_list()
                .map(|list| list.refused(&person.categories));
            match refused {
                Ok(refused) if !refused.is_empty() => {
                    let told: Vec<String> = refused.iter().map(|m| m.render(lang)).collect();
                    WalkinLoaded::PersonFailed(told.join(" "))
                }
                Err(e) => WalkinLoaded::PersonFailed(failed(e)),
                Ok(_) => save_person(store, &person, force, draft.as_ref())
                    .unwrap_or_else(|e| WalkinLoaded::PersonFailed(failed(e))),
            }
        }
        WalkinJob::SaveVisit { visit, draft } => {
            match store.save_visit_clearing_draft(&visit, draft.as_ref().map(DraftSlot::row)) {
                Ok(id) => WalkinLoaded::VisitSaved {
                    id,
                    person_id: visit.person_id,
                    to_petition: visit.outcome == Outcome::ToPetition,
                },
                Err(e) => WalkinLoaded::VisitFailed(failed(e)),
            }
        }
        WalkinJob::Today(day) => match today(store, day) {
            Ok(t) => WalkinLoaded::Today(t),
            Err(e) => WalkinLoaded::TodayFailed(failed(e)),
        },
        WalkinJob::CompleteFollowUp { visit_id, note } => {
            match store.complete_follow_up(visit_id, &note) {
                Ok(()) => WalkinLoaded::FollowUpDone { visit_id },
                Err(e) => WalkinLoaded::FollowUpFailed(failed(e)),
            }
        }
        job @ (WalkinJob::Record(_)
        | WalkinJob::Correct(_)
        | WalkinJob::Unlinked(_)
        | WalkinJob::UnlinkedFromVisit(_)
        | WalkinJob::OfPerson(_)
        | WalkinJob::Link { .. }) => super::record_jobs::run(store, job, lang),
    }
}

fn save_person(
    store: &mut Store,
    p: &Person,
    force: bool,
    draft: Option<&DraftSlot>,
) -> Result<WalkinLoaded, StoreError> {
    let other = |found: &Person| found.id.is_some() && found.id != p.id;
    if !p.id_number.is_empty()
        && let Some(found) = store.person_by_id_number(&p.id_number)?
        && other(&found)
    {
        let (id, name) = (found.id.unwrap_or_default(), found.name);
        return Ok(match p.id {
            None => WalkinLoaded::PersonOnFile { id, name },
            Some(_) => WalkinLoaded::SameId { id, name },
        });
    }
    if !force && let Some(birth) = p.birth_date {
        let same = store.people_by_name_and_birth(&p.name, birth)?;
        if let Some(found) = same.into_iter().find(other) {
            return Ok(WalkinLoaded::LikelySame {
                id: found.id.unwrap_or_default(),
                name: found.name,
            });
        }
    }
    let id = match store.save_person_clearing_draft(p, draft.map(DraftSlot::row)) {
        Ok(id) => id,
        // Another desk saved the same ID number between the check and this save.
        Err(StoreError::Duplicate(_)) if p.id.is_none() => {
            return match store.person_by_id_number(&p.id_number)? {
                Some(found) => Ok(WalkinLoaded::PersonOnFile {
                    id: found.id.unwrap_or_default(),
                    name: found.name,
                }),
                None => Err(StoreError::Duplicate(p.id_number.clone())),
            };
        }
        Err(StoreError::ChangedMeanwhile { actor, at }) if p.id.is_some() => {
            let theirs = p.id.map(|id| store.person(id)).transpose()?.flatten();
            return match theirs {
                Some(theirs) => Ok(WalkinLoaded::PersonConflict {
                    actor,
                    at,
                    theirs: Box::new(theirs),
                }),
                None => Err(StoreError::ChangedMeanwhile { actor, at }),
            };
        }
        Err(e) => return Err(e),
    };
    Ok(WalkinLoaded::PersonSaved {
        id,
        name: p.name.clone(),
    })
}

/// A walk-in as one line of a register.
pub fn row_of(v: Visit) -> VisitRow {
    VisitRow {
        visit_id: v.id.unwrap_or_default(),
        person_id: v.person_id,
        time: v.arrived_at.format("%H:%M").to_string(),
        name: v.visitor_name,
        purpose: v.purpose,
        outcome: v.outcome.code().to_string(),
        handler: v.handler,
    }
}

/// A day's register and the open follow-ups due by that day.
pub fn today(store: &Store, day: NaiveDate) -> Result<WalkinsToday, StoreError> {
    let visits = store
        .visits_between(day, day)?
        .into_iter()
        .map(row_of)
        .collect();
    let due = store.follow_ups(day)?;
    let row = |v: Visit, overdue: bool| FollowUpRow {
        visit_id: v.id.unwrap_or_default(),
        name: v.visitor_name,
        due: match v.outcome {
            Outcome::FollowUp { due } => due,
            _ => day,
        },
        summary: one_line(&v.summary),
        overdue,
    };
    let follow_ups = due
        .overdue
        .into_iter()
        .map(|v| row(v, true))
        .chain(due.due_today.into_iter().map(|v| row(v, false)))
        .collect();
    Ok(WalkinsToday {
        day,
        visits,
        follow_ups,
    })
}

/// A summary of several lines on one line: its non-empty lines joined with " / ", so that a
/// summary begun from a template ("反映：" then the matter) still says what it is about.
fn one_line(summary: &str) -> String {
    summary
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// A person's walk-ins as profile history lines, newest first.
pub fn history(store: &Store, person_id: i64, lang: Lang) -> Result<Vec<HistoryItem>, StoreError> {
    Ok(store
        .visits_of_person(person_id)?
        .into_iter()
        .map(|v| {
            let first = v.summary.lines().next().unwrap_or_default().to_string();
            HistoryItem {
                date: v.arrived_at.date(),
                kind: purpose_name(v.purpose, lang).to_string(),
                summary: format!("[{}] {first}", t(lang, v.outcome.label_key())),
            }
        })
        .collect())
}
