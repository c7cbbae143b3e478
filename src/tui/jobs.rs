//! The slow work, as plain functions of a store (and the engine): the workers call them
//! off the UI thread, the tests call them directly.
use crate::i18n::Lang;
use crate::search::Ticket;
use crate::store::{Store, StoreError};
use crate::tui::action::Loaded;
use crate::tui::data::{DashboardData, ProfileData, ResultRow, SearchResult};
use crate::tui::effect::DbJob;
use crate::tui::engine::Engine;
use crate::tui::screens::checklist::data as checklist_data;

/// The most results a query returns; the list scrolls through them.
pub const RESULT_LIMIT: usize = 200;

/// Does one database job; `None` when there is nothing to report (an audit record written).
pub fn db_job(store: &mut Store, job: DbJob, lang: Lang) -> Option<Loaded> {
    let result = match job {
        DbJob::Dashboard => load_dashboard(store).map(|d| Loaded::Dashboard(Box::new(d))),
        DbJob::Profile(id) => load_profile(store, id).and_then(|p| match p {
            Some(mut p) => {
                p.petitions = crate::tui::screens::petitions::jobs::history(store, id, lang)?; // petitions
                p.walkins = crate::tui::screens::walkins::jobs::history(store, id, lang)?; // walk-ins
                Ok(Loaded::Profile(Box::new(p)))
            }
            None => Ok(Loaded::ProfileMissing(id)),
        }),
        DbJob::DeletePerson(id) => match store.delete_person(id) {
            Ok(Ok(())) => Ok(Loaded::PersonDeleted(id)),
            Ok(Err(history)) => Ok(Loaded::Refused(history.msg().render(lang))),
            Err(e) => Err(e),
        },
        DbJob::Audit {
            action,
            entity,
            entity_id,
            summary,
        } => match store.audit(&action, &entity, &entity_id, &summary) {
            Ok(()) => return None,
            Err(e) => Err(e),
        },
        // reports
        DbJob::Report { period, today } => {
            return Some(crate::tui::screens::reports::jobs::load(
                store, period, today, lang,
            ));
        }
        DbJob::ExportReport { period, today } => {
            return Some(crate::tui::screens::reports::jobs::export(
                store, period, today, lang,
            ));
        }
        DbJob::ExportLedger { what, today } => {
            return Some(crate::tui::export_jobs::export(store, &what, today, lang));
        }
        // auth: the database worker runs these with a mutable store (`session::auth_job`).
        DbJob::Auth(_) => return None,
        // walk-ins
        DbJob::Walkin(job) => Ok(Loaded::Walkin(crate::tui::screens::walkins::jobs::run(
            store, job, lang,
        ))),
        DbJob::Draft(job) => match crate::tui::form::draft::run(store, job) {
            Ok(found) => return found.map(Loaded::Draft),
            Err(e) => Err(e),
        },
        // checklist
        DbJob::Checklist(job) => {
            return Some(match checklist_data::run(store, job, lang) {
                Ok(loaded) => Loaded::Checklist(loaded),
                Err(text) => Loaded::Failed(text),
            });
        }
        // petitions
        other => return crate::tui::screens::petitions::jobs::run(store, other, lang),
    };
    Some(result.unwrap_or_else(|e| Loaded::Failed(e.msg().render(lang))))
}

pub fn load_dashboard(store: &Store) -> Result<DashboardData, StoreError> {
    let today = store.clock().now().date();
    // petitions
    let due = store.count_due(today)?;
    let follow_ups = store.follow_ups(today)?;
    let mut data = DashboardData {
        people_on_file: store.count_people()?,
        walkins_today: Some(store.count_visits_on(today)?),
        followups_due: Some(follow_ups.due_today.len() as u64),
        followups_overdue: Some(follow_ups.overdue.len() as u64),
        petitions_near_deadline: Some(due.due_soon),
        petitions_overdue: Some(due.overdue),
        petitions_high_risk: Some(due.high_risk_open),
        // checklist
        checklist: Some(checklist_data::today_state(store, today)?),
        checklist_missed: Some(checklist_data::missed_recently(store, today)?),
        ..DashboardData::default()
    };
    crate::tui::screens::reports::jobs::dashboard_charts(store, &mut data)?; // reports
    data.audit_problem = crate::tui::audit_check::for_administrator(store)?;
    Ok(data)
}

/// The profile of a person, or `None` if nobody has that id.
pub fn load_profile(store: &Store, id: i64) -> Result<Option<ProfileData>, StoreError> {
    let Some(person) = store.person(id)? else {
        return Ok(None);
    };
    Ok(Some(ProfileData {
        person,
        family: store.family_of(id)?,
        // `db_job` fills the histories, which need the user's language.
        walkins: Vec::new(),
        petitions: Vec::new(),
    }))
}

/// Runs a query and fetches the rows the list shows, in the engine's order.
pub fn search(
    engine: &mut Engine,
    store: &Store,
    query: &str,
    generation: u64,
) -> Result<SearchResult, StoreError> {
    let ids = engine.search(query, RESULT_LIMIT);
    rows_for(store, ids, query, generation)
}

/// Like [`search`], but `Ok(None)` when a newer keystroke made `ticket` stale midway.
pub fn search_until(
    engine: &mut Engine,
    store: &Store,
    query: &str,
    generation: u64,
    ticket: &Ticket,
) -> Result<Option<SearchResult>, StoreError> {
    match engine.search_until(query, RESULT_LIMIT, ticket) {
        Some(ids) => rows_for(store, ids, query, generation).map(Some),
        None => Ok(None),
    }
}

fn rows_for(
    store: &Store,
    ids: Vec<i64>,
    query: &str,
    generation: u64,
) -> Result<SearchResult, StoreError> {
    let people = store.people_by_ids(&ids)?;
    let rows = ids
        .iter()
        .filter_map(|id| people.iter().find(|p| p.id == Some(*id)))
        .filter_map(ResultRow::from_person)
        .collect();
    Ok(SearchResult {
        generation,
        query: query.to_string(),
        rows,
    })
}
