//! The shell's part in long work: the line it shows while an export or the daily backup
//! runs, and Esc asking it to stop.
use super::*;
use crate::tui::long_work::{self, WorkKind, WorkNote};
use crate::work::Progress;

/// A piece of long work the status line shows.
#[derive(Debug, Clone)]
pub(super) struct Running {
    note: WorkNote,
    progress: Progress,
    stopping: bool,
}

impl App {
    /// A note from the work: shows or updates its line, or takes it down and says how it
    /// ended.
    pub(super) fn take_work(&mut self, note: &WorkNote) -> Vec<Effect> {
        let stopping = self
            .work
            .iter()
            .any(|r| r.note.kind == note.kind && r.stopping);
        self.work.retain(|r| r.note.kind != note.kind);
        match note.progress {
            Some(progress) => {
                self.work.push(Running {
                    note: note.clone(),
                    progress,
                    stopping,
                });
                Vec::new()
            }
            None => note.said.clone().map(Effect::Status).into_iter().collect(),
        }
    }

    /// The work of `kind` answered; its line goes.
    pub(super) fn work_ended(&mut self, kind: WorkKind) {
        self.work.retain(|r| r.note.kind != kind);
    }

    /// Esc while work runs: each piece stops at its next safe point.
    pub(super) fn stop_work(&mut self) {
        for running in &mut self.work {
            running.note.stop.request();
            running.stopping = true;
        }
    }

    /// Whether an export or backup is showing its line.
    pub fn work_running(&self) -> bool {
        !self.work.is_empty()
    }

    /// The line of the work under way, newest last.
    pub(super) fn work_text(&self) -> Option<String> {
        let lines: Vec<String> = self
            .work
            .iter()
            .map(|r| long_work::line(self.lang, r.note.kind, &r.progress, r.stopping))
            .collect();
        (!lines.is_empty()).then(|| lines.join("; "))
    }
}
