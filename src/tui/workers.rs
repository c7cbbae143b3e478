//! The worker threads: one owns a database connection for reads and audit writes, one
//! loads the search index and answers queries. Both send their results back as Actions.
use crate::clock::SharedClock;
use crate::i18n::Lang;
use crate::search::{Generation, Ticket};
use crate::store::Store;
use crate::tui::action::{Action, Incoming, Loaded, ShellLoaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::engine::{Engine, MERGE_FROM, PeopleChanged};
use crate::tui::form::draft::{SavedForms, cleared_by};
use crate::tui::jobs;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

/// Where effects go.
pub struct Workers {
    db: Sender<DbJob>,
    search: Sender<SearchMsg>,
    /// Every query takes a ticket from it, so a search still running for an older
    /// keystroke stops early.
    tickets: Generation,
    /// Asks the change-log follower to look at once.
    follow_now: Sender<()>,
    db_thread: Option<std::thread::JoinHandle<()>>,
}

/// What the search worker is asked.
enum SearchMsg {
    Query(SearchJob),
    /// Load the index again (after demo data was written).
    Reload,
    /// People named by the change log: re-key them, or build afresh for a great many.
    Changed(PeopleChanged),
    /// The index a refresh built, to swap in.
    Built(Box<Result<Engine, crate::store::StoreError>>),
}

/// One query for the search worker.
struct SearchJob {
    generation: u64,
    query: String,
    owner: Option<crate::tui::screens::ScreenId>,
    ticket: Ticket,
}

impl Workers {
    /// Starts the workers. `store` serves the database jobs; the index worker opens its own
    /// connection to `db_path` so that loading a million rows never delays a profile.
    pub fn start(
        store: Store,
        db_path: PathBuf,
        clock: SharedClock,
        lang: Lang,
        out: Sender<Incoming>,
    ) -> Workers {
        let (db, db_rx) = channel();
        let (search, search_rx) = channel();
        let db_out = out.clone();
        let db_thread = std::thread::spawn(move || db_worker(store, db_rx, db_out, lang));
        let own = search.clone();
        let follow_now = crate::tui::follow::start(db_path.clone(), clock.clone(), out.clone());
        std::thread::spawn(move || search_worker(db_path, clock, search_rx, own, out, lang));
        Workers {
            db,
            search,
            tickets: Generation::new(),
            follow_now,
            db_thread: Some(db_thread),
        }
    }

    /// Waits until the database jobs already handed over (the drafts kept on quitting) are
    /// done.
    pub fn finish(mut self) {
        let handle = self.db_thread.take();
        drop(self);
        if let Some(h) = handle {
            let _ = h.join();
        }
    }

    /// Hands the work effects to the workers (a closed worker has already reported why).
    pub fn perform(&self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Db(job) => {
                    let _ = self.db.send(job);
                }
                Effect::Search {
                    generation,
                    query,
                    owner,
                } => {
                    let ticket = self.tickets.next_ticket();
                    let _ = self.search.send(SearchMsg::Query(SearchJob {
                        generation,
                        query,
                        owner,
                        ticket,
                    }));
                }
                Effect::ReloadIndex => {
                    let _ = self.search.send(SearchMsg::Reload);
                }
                Effect::RefreshIndex => {
                    let _ = self.follow_now.send(());
                }
                Effect::IndexChanges(people) => {
                    let _ = self.search.send(SearchMsg::Changed(people));
                }
                Effect::GiveUpWait => crate::store::busy::give_up(),
                // The app applies these itself and never hands them on.
                Effect::Push(_)
                | Effect::Pop
                | Effect::Switch(_)
                | Effect::Status(_)
                | Effect::Error(_)
                | Effect::Quit
                | Effect::SignedIn { .. }
                | Effect::OpenPetitionFromVisit { .. } => {}
            }
        }
    }
}

fn db_worker(mut store: Store, jobs: Receiver<DbJob>, out: Sender<Incoming>, lang: Lang) {
    // Every job handed over is done, even after the UI has gone (the drafts kept when
    // the program stops); the loop ends when the sender is dropped.
    let mut saved_forms = SavedForms::default();
    for job in jobs {
        if !saved_forms.admits(&job) {
            continue;
        }
        let clears = cleared_by(&job).cloned();
        let mut progress = |note| {
            let _ = out.send(Incoming::Action(Action::Loaded(note)));
        };
        let loaded = jobs::run(&mut store, job, lang, &mut progress);
        saved_forms.note(clears.as_ref(), &loaded);
        let _ = out.send(Incoming::Action(Action::Loaded(loaded)));
    }
}

fn search_worker(
    db_path: PathBuf,
    clock: SharedClock,
    queries: Receiver<SearchMsg>,
    own: Sender<SearchMsg>,
    out: Sender<Incoming>,
    lang: Lang,
) {
    let loaded = Store::open_existing_with_clock(&db_path, clock.clone())
        .and_then(|store| Engine::load(&store).map(|engine| (store, engine)));
    let (store, mut engine) = match loaded {
        Ok(pair) => pair,
        Err(e) => {
            let failed = Loaded::Shell(ShellLoaded::IndexFailed(e.msg().render(lang)));
            let _ = out.send(Incoming::Action(Action::Loaded(failed)));
            return;
        }
    };
    let ready = Loaded::Shell(ShellLoaded::IndexReady {
        people: engine.len(),
    });
    if out.send(Incoming::Action(Action::Loaded(ready))).is_err() {
        return;
    }
    // A fresh build under way, with the people changed since it started: they are
    // re-keyed in it once it is swapped in, as it may have read them before they changed.
    let mut building: Option<Vec<i64>> = None;
    // Whether a great many changed during that build, so another must follow it.
    let mut again = false;
    while let Ok(first) = queries.recv() {
        // Only the newest query matters: the ones typed over are already stale.
        let mut latest = None;
        let mut reload = false;
        let mut changed: Vec<i64> = Vec::new();
        let mut everyone = false;
        let mut swapped = false;
        for msg in std::iter::once(first).chain(std::iter::from_fn(|| queries.try_recv().ok())) {
            match msg {
                SearchMsg::Query(job) => latest = Some(job),
                SearchMsg::Reload => reload = true,
                SearchMsg::Changed(PeopleChanged::These(ids)) => changed.extend(ids),
                SearchMsg::Changed(PeopleChanged::All) => everyone = true,
                SearchMsg::Built(built) => {
                    let since = building.take().unwrap_or_default();
                    match *built {
                        Ok(fresh) => {
                            engine = fresh;
                            swapped = true;
                            changed.extend(since);
                        }
                        Err(e) => {
                            let failed = Loaded::read_failed(e.msg().render(lang));
                            if out.send(Incoming::Action(Action::Loaded(failed))).is_err() {
                                return;
                            }
                        }
                    }
                    everyone |= std::mem::take(&mut again);
                }
            }
        }
        changed.sort_unstable();
        changed.dedup();
        let many = everyone || PeopleChanged::These(changed.clone()).wants_rebuild();
        if let Some(since) = building.as_mut() {
            again |= many;
            since.extend(&changed);
        } else if many || engine.changed_since_load() > MERGE_FROM {
            // Built from what is on file now, so it holds everything changed so far.
            building = Some(Vec::new());
            let (path, clock, own) = (db_path.clone(), clock.clone(), own.clone());
            std::thread::spawn(move || {
                let built =
                    Store::open_existing_with_clock(&path, clock).and_then(|s| Engine::load(&s));
                let _ = own.send(SearchMsg::Built(Box::new(built)));
            });
        }
        // Until a fresh build is swapped in, the one in use answers, kept up to date; a
        // great many people are left to the fresh build.
        let to_apply = if many { &[][..] } else { &changed[..] };
        if !to_apply.is_empty() || swapped {
            let loaded = match engine.apply_changes(&store, to_apply) {
                Ok(()) => Loaded::Shell(ShellLoaded::IndexReady {
                    people: engine.len(),
                }),
                Err(e) => Loaded::read_failed(e.msg().render(lang)),
            };
            if out.send(Incoming::Action(Action::Loaded(loaded))).is_err() {
                return;
            }
        }
        if reload {
            let loaded = match Engine::load(&store) {
                Ok(fresh) => {
                    engine = fresh;
                    Loaded::Shell(ShellLoaded::IndexReady {
                        people: engine.len(),
                    })
                }
                Err(e) => Loaded::Shell(ShellLoaded::IndexFailed(e.msg().render(lang))),
            };
            if out.send(Incoming::Action(Action::Loaded(loaded))).is_err() {
                return;
            }
        }
        let Some(latest) = latest else {
            continue;
        };
        let SearchJob {
            generation,
            query,
            owner,
            ticket,
        } = latest;
        let loaded = match jobs::search_until(&mut engine, &store, &query, generation, &ticket) {
            Ok(Some(result)) => Loaded::Search(crate::tui::data::SearchResult { owner, ..result }),
            // A newer query is already queued; its answer is the one to show.
            Ok(None) => continue,
            Err(e) => Loaded::read_failed(e.msg().render(lang)),
        };
        if out.send(Incoming::Action(Action::Loaded(loaded))).is_err() {
            return;
        }
    }
}
