//! The slow work, as plain functions of a store (and the engine): the workers call them
//! off the UI thread, the tests' harness calls the same [`run`].
use crate::i18n::{Lang, Msg};
use crate::search::Ticket;
use crate::store::{Store, StoreError};
use crate::tui::action::Loaded;
use crate::tui::data::{DashboardData, ResultRow, SearchResult};
use crate::tui::effect::DbJob;
use crate::tui::engine::Engine;
use crate::tui::screens::checklist::data as checklist_data;
use crate::tui::screens::{people, petitions, reports, walkins};

/// The most results a query returns; the list scrolls through them.
pub const RESULT_LIMIT: usize = 200;

/// Does one database job and answers it: every job has an answer, a failure included
/// (said as what failed: a read, a save, a refusal), so no screen waits for ever.
/// `progress` receives the notes a long job (an export) sends before its answer.
pub fn run(store: &mut Store, job: DbJob, lang: Lang, progress: &mut dyn FnMut(Loaded)) -> Loaded {
    match job {
        DbJob::Dashboard => match dashboard(store) {
            Ok(d) => Loaded::Dashboard(Box::new(d)),
            Err(e) => Loaded::read_failed(e.msg().render(lang)),
        },
        DbJob::People(job) => people::jobs::run(store, job, lang),
        DbJob::Walkins(job) => Loaded::Walkin(walkins::jobs::run(store, job, lang)),
        DbJob::Petitions(job) => petitions::jobs::run(store, job, lang),
        DbJob::Checklist(job) => {
            let writes = job.writes();
            match checklist_data::run(store, job, lang) {
                Ok(loaded) => Loaded::Checklist(loaded),
                Err(text) if writes => Loaded::not_saved(text),
                Err(text) => Loaded::read_failed(text),
            }
        }
        DbJob::Reports(job) => reports::jobs::run(store, job, lang),
        DbJob::Auth(job) => Loaded::Auth(crate::tui::session::auth_job(store, job)),
        DbJob::Draft(job) => crate::tui::form::draft::run(store, job, lang),
        DbJob::ExportLedger { what, today } => {
            crate::tui::export_jobs::export(store, &what, today, lang, progress)
        }
    }
}

/// What the home screen shows, as of the store's clock.
pub fn dashboard(store: &Store) -> Result<DashboardData, StoreError> {
    let today = store.clock().now().date();
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
        petitions_high_risk_unreported: Some(store.count_high_risk_unreported()?),
        checklist: Some(checklist_data::today_state(store, today)?),
        checklist_missed: Some(checklist_data::missed_recently(store, today)?),
        ..DashboardData::default()
    };
    data.drafts = draft_notes(store)?;
    reports::jobs::dashboard_charts(store, &mut data)?;
    data.audit_problem = crate::tui::audit_check::for_administrator(store)?;
    Ok(data)
}

/// The signed-in officer's drafts, each as the way back to its form: the same form for the
/// same person brings it back.
fn draft_notes(store: &Store) -> Result<Vec<Msg>, StoreError> {
    let officer = store.actor().to_string();
    let mut notes = Vec::new();
    for (form, key) in store.drafts_of(&officer)? {
        let person_id = key
            .strip_prefix("person-")
            .unwrap_or(&key)
            .parse::<i64>()
            .ok();
        let name = match person_id {
            Some(id) => store.person(id)?.map(|p| p.name),
            None => None,
        };
        let key = match (form.as_str(), name.is_some(), key.is_empty()) {
            ("visit", true, _) => "tui.dashboard.draft_visit_person",
            ("visit", false, true) => "tui.dashboard.draft_visit_new",
            ("person", true, _) => "tui.dashboard.draft_person_edit",
            ("person", false, true) => "tui.dashboard.draft_person_new",
            ("petition", true, _) => "tui.dashboard.draft_petition_person",
            ("petition", false, true) => "tui.dashboard.draft_petition_new",
            _ => "tui.dashboard.draft_other",
        };
        let mut msg = Msg::new(key);
        if let Some(name) = name {
            msg = msg.arg("name", name);
        }
        notes.push(msg);
    }
    Ok(notes)
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
        owner: None,
    })
}
