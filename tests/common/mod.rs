//! Shared test helpers: sample people, a fixed clock, an app driven without threads, and
//! a pseudo-terminal harness.
// Test helpers: a failed setup should stop the test on the spot.
#![allow(clippy::unwrap_used, dead_code)]

pub mod history;
pub mod keys;
pub mod pg;
pub mod pty;
pub mod screen;

use chrono::{NaiveDate, NaiveDateTime};
use stationdesk::clock::{FixedClock, SharedClock};
use stationdesk::domain::person::{FamilyLink, IdRule, PersonInput};
use stationdesk::i18n::Lang;
use stationdesk::store::Store;
use stationdesk::tui::action::{Action, Loaded, ShellLoaded};
use stationdesk::tui::app::{App, AppInit};
use stationdesk::tui::effect::Effect;
use stationdesk::tui::engine::{Engine, PeopleChanged};
use stationdesk::tui::jobs;
use stationdesk::tui::keymap::Keymap;
use stationdesk::tui::session::{AuthInit, AuthSettings};
use stationdesk::tui::theme::Theme;
use std::sync::Arc;

pub fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap()
}

/// The clock of the tests: stopped at [`now`].
pub fn clock() -> SharedClock {
    clock_at(now())
}

/// A clock stopped at `at`, which the test moves with `set` and `advance`.
pub fn clock_at(at: NaiveDateTime) -> Arc<FixedClock> {
    Arc::new(FixedClock::new(at))
}

/// An empty store on `clock`: in the file `file`, or in memory for `None`.
pub fn store(file: Option<&std::path::Path>, clock: SharedClock) -> Store {
    match file {
        Some(path) => Store::open_with_clock(&pg::db(path), clock).unwrap(),
        // On the server run a test's private database stands in for the memory one.
        None if pg::on_server() => {
            let dir = tempfile::tempdir().unwrap();
            Store::open_with_clock(&pg::db(dir.path().join("memory.db")), clock).unwrap()
        }
        None => Store::open_in_memory(clock).unwrap(),
    }
}

/// Like [`store`], with what it writes recorded as `actor`'s.
pub fn store_as(actor: &str, file: Option<&std::path::Path>, clock: SharedClock) -> Store {
    let mut store = store(file, clock);
    store.set_actor(actor);
    store
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

fn check_char(first17: &str) -> char {
    let sum: u32 = first17
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    CHECK[(sum % 11) as usize]
}

/// A valid ID number for a region and birth date, with the first sequence number of the
/// right parity whose check character is `want` (or any, for `None`).
pub fn id_number(region: &str, birth: &str, male: bool, want: Option<char>) -> String {
    for seq in 100..1000u32 {
        if (seq % 2 == 1) != male {
            continue;
        }
        let first17 = format!("{region}{birth}{seq:03}");
        let check = check_char(&first17);
        if want.is_none_or(|w| w == check) {
            return format!("{first17}{check}");
        }
    }
    panic!("no sequence gives {want:?}");
}

fn input(name: &str, id: String, phone: &str, category: &str, town: &str) -> PersonInput {
    PersonInput {
        name: name.into(),
        id_number: id,
        phone: phone.into(),
        category: category.into(),
        town: town.into(),
        ethnicity: "汉族".into(),
        village: "东门社区".into(),
        ..Default::default()
    }
}

/// The sample people: a plain name, a long minority name with a middle dot, compound
/// surnames, and an ID number ending in X (张三丰's).
pub fn sample_people() -> Vec<PersonInput> {
    let mut zhang = input(
        "张三丰",
        id_number("450102", "19800305", true, Some('X')),
        "13800001234",
        "退役士兵",
        "城关镇",
    );
    zhang.enlist_date = "1998-12".into();
    zhang.discharge_date = "2002-12".into();
    zhang.branch = "陆军".into();
    zhang.rank = "上士".into();
    zhang.address = "城关镇东门街 12 号".into();
    zhang.key_person = true;
    let mut ayi = input(
        "阿依古丽·买买提",
        id_number("450105", "19900817", false, None),
        "13912345678",
        "烈士遗属",
        "城关镇",
    );
    ayi.ethnicity = "维吾尔族".into();
    let ouyang = input(
        "欧阳修文",
        id_number("450103", "19751120", true, None),
        "0771-1234567",
        "军队转业干部",
        "大塘镇",
    );
    let mut yuchi = input(
        "尉迟恭",
        id_number("450104", "19680402", true, None),
        "13600002222",
        "残疾军人",
        "大塘镇",
    );
    yuchi.disability_grade = "4".into();
    yuchi.hardship = true;
    let li = input(
        "李四",
        id_number("450102", "19820611", false, None),
        "13700003333",
        "现役军人家属",
        "城关镇",
    );
    vec![zhang, ayi, ouyang, yuchi, li]
}

/// Saves the sample people and links 张三丰 and 李四 as spouses; returns their ids in order.
pub fn fill(store: &mut Store) -> Vec<i64> {
    let ids: Vec<i64> = sample_people()
        .iter()
        .map(|p| {
            let person = p.validate(IdRule::Required).expect("sample is valid");
            store.save_person(&person).unwrap()
        })
        .collect();
    store
        .link_family(&FamilyLink {
            person_id: ids[0],
            relative_id: ids[4],
            relation: "配偶".into(),
        })
        .unwrap();
    ids
}

pub fn memory_store() -> (Store, Vec<i64>) {
    let mut store = store(None, clock());
    let ids = fill(&mut store);
    (store, ids)
}

/// An app with the workers replaced by direct calls, so that a test sees every step.
pub struct Harness {
    pub app: App,
    pub store: Store,
    pub engine: Engine,
    pub ids: Vec<i64>,
    pub lang: Lang,
    /// Every effect handed to the "workers", in order.
    pub performed: Vec<String>,
    /// The keys sent through [`keys`], counted by the helpers that send them.
    pub keys: keys::KeysSent,
    /// How far the change log has been read, as the desk's follower would.
    pub seen: i64,
}

impl Harness {
    pub fn new(lang: Lang) -> Harness {
        Harness::with(lang, Theme::fallback(), Keymap::defaults(), Vec::new())
    }

    pub fn with(
        lang: Lang,
        theme: Theme,
        keymap: Keymap,
        notices: Vec<stationdesk::i18n::Msg>,
    ) -> Harness {
        let (store, ids) = memory_store();
        Harness::build(
            lang,
            theme,
            keymap,
            notices,
            store,
            ids,
            // Signed in, as the testing aid signs in: an administrator called "tester".
            AuthInit {
                session: Some(stationdesk::tui::session::Session::test_officer("tester")),
                ..AuthInit::default()
            },
        )
    }

    /// Signed in as the testing aid's administrator "tester", on a database file in `dir`
    /// (so that anything the app writes beside the database — exports, receipts — lands
    /// there), with cheap password hashes.
    pub fn on_file(lang: Lang, dir: &std::path::Path) -> Harness {
        let mut store = store(Some(&dir.join("desk.db")), clock());
        let ids = fill(&mut store);
        Harness::build(
            lang,
            Theme::fallback(),
            Keymap::defaults(),
            Vec::new(),
            store,
            ids,
            AuthInit {
                session: Some(stationdesk::tui::session::Session::test_officer("tester")),
                settings: AuthSettings::testing(),
                ..AuthInit::default()
            },
        )
    }

    /// An app on `store` starting as `auth` says (first run, login, or as someone), with
    /// cheap password hashes.
    pub fn auth(lang: Lang, store: Store, auth: AuthInit) -> Harness {
        Harness::auth_themed(lang, Theme::fallback(), store, auth)
    }

    /// Like [`Harness::auth`], in `theme`.
    pub fn auth_themed(lang: Lang, theme: Theme, store: Store, mut auth: AuthInit) -> Harness {
        auth.settings = AuthSettings::testing();
        Harness::build(
            lang,
            theme,
            Keymap::defaults(),
            Vec::new(),
            store,
            Vec::new(),
            auth,
        )
    }

    fn build(
        lang: Lang,
        theme: Theme,
        keymap: Keymap,
        notices: Vec<stationdesk::i18n::Msg>,
        store: Store,
        ids: Vec<i64>,
        auth: AuthInit,
    ) -> Harness {
        let engine = Engine::load(&store).unwrap();
        let (app, effects) = App::new(AppInit {
            lang,
            theme,
            keymap,
            station: "城关镇退役军人服务站".into(),
            officer: None,
            now: now(),
            notices,
            auth,
        });
        let mut h = Harness {
            app,
            store,
            engine,
            ids,
            lang,
            performed: Vec::new(),
            keys: keys::KeysSent::default(),
            seen: 0,
        };
        h.seen = stationdesk::store::ChangeFeed::change_seq(&h.store).unwrap();
        h.perform(effects);
        let people = h.engine.len();
        h.send(Action::Loaded(Loaded::Shell(ShellLoaded::IndexReady {
            people,
        })));
        h
    }

    pub fn send(&mut self, action: Action) {
        let effects = self.app.update(action);
        self.perform(effects);
    }

    /// Does what the workers would, at once: the database jobs through the same
    /// `jobs::run` as the database worker, so every job the app asks for is answered here
    /// exactly as in the program.
    pub fn perform(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            self.performed.push(format!("{effect:?}"));
            let loaded = match effect {
                Effect::Db(job) => {
                    let mut notes = Vec::new();
                    let answer = jobs::run(&mut self.store, job, self.lang, &mut |n| notes.push(n));
                    for note in notes {
                        self.send(Action::Loaded(note));
                    }
                    answer
                }
                Effect::ReloadIndex => {
                    self.engine = Engine::load(&self.store).unwrap();
                    Loaded::Shell(ShellLoaded::IndexReady {
                        people: self.engine.len(),
                    })
                }
                // The follower looks at the change log at once.
                Effect::RefreshIndex => {
                    let batches = stationdesk::tui::follow::read(&self.store, &mut self.seen);
                    for batch in batches.unwrap_or_default() {
                        self.send(Action::Loaded(Loaded::Shell(ShellLoaded::DataChanged(
                            batch,
                        ))));
                    }
                    continue;
                }
                Effect::IndexChanges(people) => {
                    match people {
                        PeopleChanged::These(ids) => {
                            self.engine.apply_changes(&self.store, &ids).unwrap()
                        }
                        PeopleChanged::All => self.engine = Engine::load(&self.store).unwrap(),
                    }
                    Loaded::Shell(ShellLoaded::IndexReady {
                        people: self.engine.len(),
                    })
                }
                Effect::Search {
                    generation,
                    query,
                    owner,
                } => Loaded::Search(stationdesk::tui::data::SearchResult {
                    owner,
                    ..jobs::search(&mut self.engine, &self.store, &query, generation).unwrap()
                }),
                // Nothing here waits for another desk's write.
                Effect::GiveUpWait => continue,
                Effect::Push(_)
                | Effect::Pop
                | Effect::Switch(_)
                | Effect::Status(_)
                | Effect::Error(_)
                | Effect::Quit
                | Effect::SignedIn { .. }
                | Effect::OpenPetitionFromVisit { .. } => {
                    panic!("the app applies {effect:?} itself, never hands it on")
                }
            };
            self.send(Action::Loaded(loaded));
        }
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.send(Action::Type(c));
        }
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.send(Action::Resize(w, h));
    }

    /// The screen as text, drawn at `w`x`h`.
    pub fn draw(&mut self, w: u16, h: u16) -> String {
        self.resize(w, h);
        let backend = ratatui::backend::TestBackend::new(w, h);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal.draw(|f| self.app.render(f)).unwrap();
        terminal.backend().to_string()
    }

    /// Where the terminal cursor is after drawing at `w`x`h`.
    pub fn cursor(&mut self, w: u16, h: u16) -> (u16, u16) {
        use ratatui::backend::Backend;
        self.resize(w, h);
        let backend = ratatui::backend::TestBackend::new(w, h);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal.draw(|f| self.app.render(f)).unwrap();
        let pos = terminal.backend_mut().get_cursor_position().unwrap();
        (pos.x, pos.y)
    }
}
