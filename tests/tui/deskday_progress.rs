//! Long work started from the screens shows how far it has got and stops on Esc, leaving
//! nothing half-written (issue 21 on the screens).
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use stationdesk::i18n::Lang;
use stationdesk::store::backup::BackupError;
use stationdesk::tui::action::{Action, Loaded};
use stationdesk::tui::app::App;
use stationdesk::tui::effect::Effect;
use stationdesk::tui::jobs;
use stationdesk::work::{Progress, Stage, Watcher};
use std::sync::atomic::{AtomicBool, Ordering};

/// `n` walk-ins today, written straight into the desk's file: enough for an export that
/// takes longer than a moment.
fn many_walkins_today(db: &std::path::Path, n: u32) {
    let today = common::now().date().format("%Y-%m-%d").to_string();
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n})
         INSERT INTO visits (visitor_name, visitor_phone, arrived_at, purpose, summary,
                             outcome, handler, created_at)
         SELECT '来访人' || i, '13800000000', '{today} 10:00:00', 1,
                '反映优抚待遇发放情况，请求核实', 'done', 'tester', '{today} 10:00:00' FROM n;"
    ))
    .unwrap();
}

fn draw(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    terminal.backend().to_string()
}

fn esc() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))
}

#[test]
fn an_export_from_the_walkins_board_shows_its_progress_and_esc_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::on_file(Lang::Zh, dir.path());
    many_walkins_today(&dir.path().join("desk.db"), 60_000);
    h.send(Action::GotoWalkins);
    let effects = h.app.update(Action::Export);
    let job = effects
        .into_iter()
        .find_map(|e| match e {
            Effect::Db(job) => Some(job),
            _ => None,
        })
        .expect("the export goes to the database worker");
    // The worker's notes reach the app while the export runs, as they do in the program;
    // the officer sees the line and presses Esc.
    let (app, store) = (&mut h.app, &mut h.store);
    let mut seen: Option<String> = None;
    let answer = jobs::run(store, job, Lang::Zh, &mut |note: Loaded| {
        app.update(Action::Loaded(note));
        if seen.is_none() {
            let screen = draw(app);
            if screen.contains("按 Esc 中断") {
                seen = Some(screen);
                let stop = app.action_for(&esc()).unwrap();
                assert_eq!(stop, Action::StopWork);
                app.update(stop);
                assert!(draw(app).contains("正在中断"), "{}", draw(app));
            }
        }
    });
    let seen = seen.expect("a progress line while the export ran");
    assert!(seen.contains("导出：") && seen.contains('%'), "{seen}");
    h.send(Action::Loaded(answer));
    assert!(!h.app.work_running());
    let status = h.app.status().unwrap().text.clone();
    assert!(status.starts_with("已中断：未写出"), "{status}");
    let exports = dir.path().join("exports");
    let left: Vec<_> = std::fs::read_dir(&exports).unwrap().collect();
    assert!(left.is_empty(), "nothing is left in {exports:?}: {left:?}");
}

#[test]
fn a_quick_export_shows_no_progress_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::on_file(Lang::En, dir.path());
    h.send(Action::GotoWalkins);
    h.send(Action::Export);
    assert!(!h.app.work_running());
    let status = h.app.status().unwrap().text.clone();
    assert!(status.contains("visits-2026-11-25.xlsx"), "{status}");
    assert!(dir.path().join("exports/visits-2026-11-25.xlsx").exists());
}

/// Stops the work at the first page it copies.
struct StopAtFirstPage(AtomicBool);

impl Watcher for StopAtFirstPage {
    fn progress(&mut self, p: Progress) {
        if p.stage == Stage::CopyPages {
            self.0.store(true, Ordering::Relaxed);
        }
    }
    fn stop_requested(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

#[test]
fn a_stopped_daily_backup_leaves_neither_the_file_nor_its_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let h = Harness::on_file(Lang::Zh, dir.path());
    many_walkins_today(&dir.path().join("desk.db"), 20_000);
    let today = common::now().date();
    let file = h.store.daily_backup_file(today).unwrap();
    let mut stop = StopAtFirstPage(AtomicBool::new(false));
    let result = h.store.daily_backup_watched(today, 30, &mut stop);
    assert!(matches!(result, Err(BackupError::Cancelled)), "{result:?}");
    assert!(!file.exists());
    let left: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // Asked again without a stop, today's backup is made.
    let made = h.store.daily_backup(today, 30).unwrap();
    assert_eq!(made.as_deref(), Some(file.as_path()));
}
