//! Long work started from the screens (an export, the daily backup): a line in the status
//! area once it has taken longer than a moment, and Esc to stop it at its next safe point.
//!
//! The work runs off the UI thread under a [`ScreenWatcher`], which sends a [`WorkNote`]
//! now and then; each note carries the work's [`StopHandle`], so the shell can ask for a
//! stop without knowing which thread runs it. The work itself undoes what it began (no
//! export file, the backup's temporary file removed), as [`crate::work`] promises.
use crate::i18n::{Lang, Msg, t, tf};
use crate::tui::action::{Loaded, ShellLoaded};
use crate::work::{Progress, Stage, Unit, Watcher};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long work runs before its line shows: a quick export only says it is done.
pub const MOMENT: Duration = Duration::from_millis(400);
/// How often the line is brought up to date after that.
const EVERY: Duration = Duration::from_millis(100);

/// Which long work a note is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkKind {
    Export,
    Backup,
}

impl WorkKind {
    fn label_key(self) -> &'static str {
        match self {
            WorkKind::Export => "record_deskday4.work_export",
            WorkKind::Backup => "record_deskday4.work_backup",
        }
    }
}

/// Asks one piece of work to stop; shared between the work and the shell.
#[derive(Debug, Clone, Default)]
pub struct StopHandle(Arc<AtomicBool>);

impl StopHandle {
    pub fn request(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn requested(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

impl PartialEq for StopHandle {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// How far a piece of long work has got (`None`: it has ended, whichever way).
#[derive(Debug, Clone, PartialEq)]
pub struct WorkNote {
    pub kind: WorkKind,
    pub progress: Option<Progress>,
    pub stop: StopHandle,
    /// What the status line says once the work has ended, if anything.
    pub said: Option<Msg>,
}

impl WorkNote {
    /// The work has ended; `said` goes to the status line.
    pub fn ended(kind: WorkKind, stop: StopHandle, said: Option<Msg>) -> Loaded {
        Loaded::Shell(ShellLoaded::Work(WorkNote {
            kind,
            progress: None,
            stop,
            said,
        }))
    }
}

/// Watches work for the screens: its notes go to `send`, its stop comes from `stop`.
pub struct ScreenWatcher<'a> {
    kind: WorkKind,
    stop: StopHandle,
    started: Instant,
    last: Option<(Instant, Stage)>,
    send: &'a mut dyn FnMut(Loaded),
}

impl<'a> ScreenWatcher<'a> {
    pub fn new(kind: WorkKind, stop: StopHandle, send: &'a mut dyn FnMut(Loaded)) -> Self {
        ScreenWatcher {
            kind,
            stop,
            started: Instant::now(),
            last: None,
            send,
        }
    }

    /// Whether a note was sent, so that the line must be taken down at the end.
    pub fn shown(&self) -> bool {
        self.last.is_some()
    }
}

impl Watcher for ScreenWatcher<'_> {
    fn progress(&mut self, p: Progress) {
        let now = Instant::now();
        if now.duration_since(self.started) < MOMENT {
            return;
        }
        if let Some((at, stage)) = self.last
            && stage == p.stage
            && now.duration_since(at) < EVERY
        {
            return;
        }
        self.last = Some((now, p.stage));
        (self.send)(Loaded::Shell(ShellLoaded::Work(WorkNote {
            kind: self.kind,
            progress: Some(p),
            stop: self.stop.clone(),
            said: None,
        })));
    }

    fn stop_requested(&self) -> bool {
        self.stop.requested()
    }

    fn stop_flag(&self) -> Option<&AtomicBool> {
        Some(&self.stop.0)
    }
}

/// The status line for a piece of work: what, how far, and how to stop it.
pub fn line(lang: Lang, kind: WorkKind, p: &Progress, stopping: bool) -> String {
    let what = t(lang, kind.label_key());
    if stopping {
        return tf(lang, "record_deskday4.work_stopping", &[("what", &what)]);
    }
    let stage = t(lang, p.stage.key());
    let (done, total, unit) = match p.stage.unit() {
        Unit::Bytes => (mb(p.done), p.total.map(mb), "MB".to_string()),
        Unit::People => (
            p.done.to_string(),
            p.total.map(|n| n.to_string()),
            t(lang, "record_progress.unit_people"),
        ),
        Unit::Rows => (
            p.done.to_string(),
            p.total.map(|n| n.to_string()),
            t(lang, "record_progress.unit_rows"),
        ),
        Unit::None => {
            return tf(
                lang,
                "record_deskday4.work_stage",
                &[("what", &what), ("stage", &stage)],
            );
        }
    };
    match (total, p.total) {
        (Some(total), Some(n)) if n > 0 => {
            let percent = (p.done.min(n) * 100) / n;
            tf(
                lang,
                "record_deskday4.work_line",
                &[
                    ("what", &what),
                    ("stage", &stage),
                    ("done", &done),
                    ("total", &total),
                    ("unit", &unit),
                    ("percent", &percent),
                ],
            )
        }
        _ => tf(
            lang,
            "record_deskday4.work_count",
            &[
                ("what", &what),
                ("stage", &stage),
                ("done", &done),
                ("unit", &unit),
            ],
        ),
    }
}

/// The one sentence a stopped piece of work leaves in the status line.
pub fn stopped(kind: WorkKind, file: &str) -> Msg {
    match kind {
        WorkKind::Export => Msg::new("record_progress.export_interrupted").arg("file", file),
        WorkKind::Backup => Msg::new("record_progress.backup_interrupted").arg("file", file),
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_048_576.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_what_how_far_and_how_to_stop() {
        let p = Progress {
            stage: Stage::WriteRows,
            done: 250,
            total: Some(1000),
        };
        let zh = line(Lang::Zh, WorkKind::Export, &p, false);
        assert!(
            zh.contains("250/1000") && zh.contains("25%") && zh.contains("Esc"),
            "{zh}"
        );
        let en = line(Lang::En, WorkKind::Backup, &p, true);
        assert!(en.contains("Daily backup"), "{en}");
    }

    #[test]
    fn nothing_is_sent_before_a_moment_has_passed() {
        let mut sent = Vec::new();
        let mut send = |l| sent.push(l);
        let mut w = ScreenWatcher::new(WorkKind::Export, StopHandle::default(), &mut send);
        let p = Progress {
            stage: Stage::WriteRows,
            done: 1,
            total: None,
        };
        w.progress(p);
        assert!(!w.shown());
        w.started -= MOMENT;
        w.progress(p);
        w.progress(p);
        assert!(w.shown());
        assert_eq!(sent.len(), 1, "the second note comes only after a while");
    }
}
