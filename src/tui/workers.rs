//! The worker threads: one owns a database connection for reads and audit writes, one
//! loads the search index and answers queries. Both send their results back as Actions.
use crate::clock::SharedClock;
use crate::i18n::Lang;
use crate::search::{Generation, Ticket};
use crate::store::Store;
use crate::tui::action::{Action, Incoming, Loaded, ShellLoaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::engine::Engine;
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
    db_thread: Option<std::thread::JoinHandle<()>>,
}

/// What the search worker is asked.
enum SearchMsg {
    Query(SearchJob),
    /// Load the index again (after demo data was written).
    Reload,
    /// Build a fresh index on another thread, keep answering from this one meanwhile.
    Refresh,
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
        crate::tui::follow::start(db_path.clone(), clock.clone(), out.clone());
        std::thread::spawn(move || search_worker(db_path, clock, search_rx, own, out, lang));
        Workers {
            db,
            search,
            tickets: Generation::new(),
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
                    let _ = self.search.send(SearchMsg::Refresh);
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
    // A refresh under way, and whether another was asked for meanwhile (its build must
    // start after the change it was asked for, so it waits for the current one).
    let mut building = false;
    let mut again = false;
    while let Ok(first) = queries.recv() {
        // Only the newest query matters: the ones typed over are already stale.
        let mut latest = None;
        let mut reload = false;
        let mut refresh = false;
        for msg in std::iter::once(first).chain(std::iter::from_fn(|| queries.try_recv().ok())) {
            match msg {
                SearchMsg::Query(job) => latest = Some(job),
                SearchMsg::Reload => reload = true,
                SearchMsg::Refresh => refresh = true,
                SearchMsg::Built(built) => {
                    building = false;
                    let loaded = match *built {
                        Ok(fresh) => {
                            engine = fresh;
                            Loaded::Shell(ShellLoaded::IndexReady {
                                people: engine.len(),
                            })
                        }
                        Err(e) => Loaded::read_failed(e.msg().render(lang)),
                    };
                    if out.send(Incoming::Action(Action::Loaded(loaded))).is_err() {
                        return;
                    }
                    refresh |= std::mem::take(&mut again);
                }
            }
        }
        if refresh && building {
            again = true;
        } else if refresh {
            building = true;
            let (path, clock, own) = (db_path.clone(), clock.clone(), own.clone());
            std::thread::spawn(move || {
                let built =
                    Store::open_existing_with_clock(&path, clock).and_then(|s| Engine::load(&s));
                let _ = own.send(SearchMsg::Built(Box::new(built)));
            });
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
