//! The terminal program.
//!
//! One direction: `Event -> Action -> update(state) -> effects -> render(&state)`. The
//! keymap turns keys into [`action::Action`]s; [`app::App`] routes each action to the screen
//! that owns it and returns [`effect::Effect`]s; navigation effects are applied by the app,
//! slow ones (database, search) run on [`workers`] and come back as actions; rendering reads
//! state only.
pub mod action;
pub mod app;
pub mod audit_check;
pub mod data;
pub mod effect;
pub mod engine;
pub mod export_jobs;
pub mod follow;
pub mod form;
pub mod jobs;
pub mod keymap;
pub mod keys;
pub mod long_work;
pub mod screens;
pub mod session;
pub mod terminal;
pub mod theme;
pub mod widgets;
pub mod workers;

use crate::clock::SharedClock;
use crate::config::{Config, config_dir};
use crate::i18n::{Lang, t};
use crate::store::Store;
use app::{App, AppInit};
use keymap::Keymap;
use std::path::PathBuf;
use theme::Theme;

/// What the command line hands over.
pub struct Options {
    pub lang: Lang,
    pub db: PathBuf,
    /// `--theme`; the config file's `theme` when absent.
    pub theme: Option<String>,
    pub config: Config,
    /// What was wrong with the config file, for the start-up notice.
    pub config_problem: Option<crate::i18n::Msg>,
    pub clock: SharedClock,
}

/// Runs the terminal program until the user quits. The error is one sentence in the
/// user's language.
pub fn run(opts: Options) -> Result<(), String> {
    let lang = opts.lang;
    // The desk's first run is the one place besides `init` and `demo` that makes a new
    // database.
    let mut store =
        Store::open_with_clock(&opts.db, opts.clock.clone()).map_err(|e| e.msg().render(lang))?;
    // Held until the program ends: a restore refuses to run under an open desk. The
    // county server has no file to restore over, nor a daily copy beside it: its own tools
    // keep it (README, County server).
    let on_server = store.on_server();
    let _desk = (!on_server).then(|| crate::store::backup::DeskPresence::join(&opts.db));
    let open_notes = store.open_notes().to_vec();
    // First run, login, or the testing aid's officer on a database with no accounts.
    let test_officer = std::env::var(session::TEST_OFFICER_ENV).ok();
    let mut auth =
        session::start_for(&store, test_officer.as_deref()).map_err(|e| e.msg().render(lang))?;
    auth.settings = session::AuthSettings::from_config(&opts.config);
    if let Some(s) = &auth.session {
        store.set_actor(&s.username);
    }
    let station = store
        .setting("station_name")
        .ok()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| opts.config.station_name.clone())
        .unwrap_or_else(|| t(lang, "tui.app.name"));
    let dir = config_dir();
    let (keymap, keymap_problem) = Keymap::load(&dir);
    let theme_name = opts.theme.or_else(|| opts.config.theme.clone());
    let (theme, theme_problem) = Theme::load(theme_name.as_deref(), &dir);

    let (outbox, inbox) = std::sync::mpsc::channel();
    let workers = workers::Workers::start(
        store,
        opts.db.clone(),
        opts.clock.clone(),
        lang,
        outbox.clone(),
    );
    let (mut app, effects) = App::new(AppInit {
        lang,
        theme,
        keymap,
        station,
        officer: None,
        now: opts.clock.now(),
        notices: opts
            .config_problem
            .into_iter()
            .chain(open_notes)
            .chain(keymap_problem)
            .chain(theme_problem)
            .collect(),
        auth,
    });
    // When quitting asks first about an unsigned checklist.
    app.set_nudge_after(
        crate::domain::checklist::parse_nudge_after(&opts.config.checklist_nudge_after)
            .unwrap_or_else(|_| crate::domain::checklist::default_nudge_after()),
    );
    workers.perform(effects);
    let backup = (!on_server)
        .then(|| spawn_daily_backup(opts.db.clone(), opts.clock.clone(), lang, outbox.clone()));
    let result = terminal::run_loop(&mut app, &workers, inbox, outbox, opts.clock)
        .map_err(|detail| crate::i18n::tf(lang, "tui.app.terminal_failed", &[("detail", &detail)]));
    workers.finish();
    // A quit seconds after the first start of the day waits for the copy rather than
    // leaving a half-written temporary file behind.
    if let Some(backup) = backup {
        let _ = backup.join();
    }
    result
}

/// How many daily backups are kept beside the database.
const DAILY_BACKUPS_KEPT: usize = 30;

/// The first start of each day copies the database into `backups/` beside it, on its own
/// thread and connection so that a large database never delays the first frame. Only a
/// failure is reported (in the status line); the checklist shows whether today's exists.
fn spawn_daily_backup(
    db: PathBuf,
    clock: SharedClock,
    lang: Lang,
    out: std::sync::mpsc::Sender<action::Incoming>,
) -> std::thread::JoinHandle<()> {
    use crate::store::backup::BackupError;
    use long_work::{ScreenWatcher, StopHandle, WorkKind, WorkNote};
    std::thread::spawn(move || {
        let today = clock.now().date();
        let mut send = |loaded| {
            let _ = out.send(action::Incoming::Action(action::Action::Loaded(loaded)));
        };
        let stop = StopHandle::default();
        let mut file = None;
        let mut watcher = ScreenWatcher::new(WorkKind::Backup, stop.clone(), &mut send);
        let result = Store::open_existing_with_clock(&db, clock.clone())
            .map_err(BackupError::Store)
            .and_then(|mut store| {
                store.set_actor("system:daily-backup");
                file = store.daily_backup_file(today);
                store.daily_backup_watched(today, DAILY_BACKUPS_KEPT, &mut watcher)
            });
        let shown = watcher.shown();
        // A failure is said whether or not the line showed; a stop only when asked for.
        let said = match result {
            Ok(_) => None,
            Err(BackupError::Cancelled) => {
                let file = file.map(|f| f.display().to_string()).unwrap_or_default();
                Some(long_work::stopped(WorkKind::Backup, &file))
            }
            Err(e) => {
                let msg =
                    crate::i18n::Msg::new("tui.app.backup_failed").arg("detail", e.render(lang));
                send(action::Loaded::failed(msg));
                None
            }
        };
        if shown || said.is_some() {
            send(WorkNote::ended(WorkKind::Backup, stop, said));
        }
    })
}
