//! Long work tells how far it has got, and stops at a safe point when asked to.
//!
//! The library (a demo, a roster import, an export, a backup, a restore) calls
//! [`Watcher::at`] at each of its safe points: a row read, a row written, a block copied.
//! What progress looks like (a bar on a terminal, a line on a screen, nothing) and what asks
//! for a stop (Ctrl+C, Esc) is the caller's business: nothing here draws or catches signals.
//! A stop is answered with [`Cancelled`], after which the work undoes what it began (a
//! transaction rolled back, a temporary file removed) before returning.
use std::sync::atomic::{AtomicBool, Ordering};

/// What a long piece of work is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Writing people (a demo's, made up as they are written).
    WritePeople,
    /// Writing a month of demo walk-ins and petitions.
    DemoActivity,
    /// Reading a roster and checking each row.
    ReadRoster,
    /// Comparing the roster's rows with the records on file (a dry run).
    PlanImport,
    /// Writing the roster's rows.
    WriteImport,
    /// Making the written rows permanent.
    Commit,
    /// Reading the records an export holds.
    Collect,
    /// Writing the rows of an export file.
    WriteRows,
    /// Packing a workbook.
    Pack,
    /// Copying a database, page by page.
    CopyPages,
    /// Copying a backup file in, byte by byte, and summing it.
    CopyFile,
    /// Summing a copy for its checksum file.
    Checksum,
    /// Checking a database: integrity, schema, text values.
    Verify,
    /// Writing the copy over the live database (not stopped once begun).
    Replace,
}

/// What a count counts, so that the caller can say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    People,
    Rows,
    Bytes,
    /// Nothing is counted: the stage only shows it is alive.
    None,
}

impl Stage {
    pub fn unit(self) -> Unit {
        match self {
            Stage::WritePeople => Unit::People,
            Stage::ReadRoster | Stage::PlanImport | Stage::WriteImport => Unit::Rows,
            Stage::Collect | Stage::WriteRows => Unit::Rows,
            Stage::CopyPages | Stage::CopyFile | Stage::Checksum | Stage::Replace => Unit::Bytes,
            Stage::DemoActivity | Stage::Commit | Stage::Pack | Stage::Verify => Unit::None,
        }
    }

    /// The catalog key of what a stage does.
    pub fn key(self) -> &'static str {
        match self {
            Stage::WritePeople => "record_progress.write_people",
            Stage::DemoActivity => "record_progress.demo_activity",
            Stage::ReadRoster => "record_progress.read_roster",
            Stage::PlanImport => "record_progress.plan_import",
            Stage::WriteImport => "record_progress.write_import",
            Stage::Commit => "record_progress.commit",
            Stage::Collect => "record_progress.collect",
            Stage::WriteRows => "record_progress.write_rows",
            Stage::Pack => "record_progress.pack",
            Stage::CopyPages => "record_progress.copy_pages",
            Stage::CopyFile => "record_progress.copy_file",
            Stage::Checksum => "record_progress.checksum",
            Stage::Verify => "record_progress.verify",
            Stage::Replace => "record_progress.replace",
        }
    }

    /// Whether the work can still stop during this stage.
    pub fn stoppable(self) -> bool {
        !matches!(self, Stage::Replace | Stage::DemoActivity)
    }
}

/// How far a stage has got: `done` of `total` (unknown while it is being found out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: u64,
    pub total: Option<u64>,
}

/// The work stopped at a safe point because it was asked to; nothing of it was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("stopped on request before the end; nothing was kept")]
pub struct Cancelled;

/// Who watches a long piece of work: told of its progress, asked whether to stop.
pub trait Watcher {
    /// How far the work has got; called often (once a row), so it must be cheap.
    fn progress(&mut self, _p: Progress) {}

    /// Whether a stop has been asked for.
    fn stop_requested(&self) -> bool {
        false
    }

    /// The flag behind [`Watcher::stop_requested`], when there is one that another thread
    /// may watch: work that spends a long time in one step (a database's integrity check)
    /// can then be broken off in the middle of it.
    fn stop_flag(&self) -> Option<&AtomicBool> {
        None
    }
}

impl dyn Watcher + '_ {
    /// A safe point: reports progress, then answers [`Cancelled`] when a stop was asked
    /// for and the stage may still stop.
    pub fn at(&mut self, stage: Stage, done: u64, total: Option<u64>) -> Result<(), Cancelled> {
        self.progress(Progress { stage, done, total });
        if stage.stoppable() && self.stop_requested() {
            return Err(Cancelled);
        }
        Ok(())
    }

    /// A safe point between stages.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.stop_requested() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}

/// Nobody watching, nothing to stop: the work as it always was.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unwatched;

impl Watcher for Unwatched {}

/// A watcher that only stops, on a flag set from elsewhere (a signal, another thread).
#[derive(Debug, Clone, Copy)]
pub struct StopFlag<'a>(pub &'a AtomicBool);

impl Watcher for StopFlag<'_> {
    fn stop_requested(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    fn stop_flag(&self) -> Option<&AtomicBool> {
        Some(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Seen(Vec<Progress>, bool);

    impl Watcher for Seen {
        fn progress(&mut self, p: Progress) {
            self.0.push(p);
        }
        fn stop_requested(&self) -> bool {
            self.1
        }
    }

    #[test]
    fn a_stop_is_answered_at_the_next_safe_point_of_a_stoppable_stage() {
        let mut seen = Seen(Vec::new(), false);
        let w: &mut dyn Watcher = &mut seen;
        assert_eq!(w.at(Stage::WriteRows, 1, Some(3)), Ok(()));
        let mut seen = Seen(Vec::new(), true);
        let w: &mut dyn Watcher = &mut seen;
        assert_eq!(w.at(Stage::WriteRows, 2, Some(3)), Err(Cancelled));
        // Once the live database is being replaced, the copy goes to its end.
        assert_eq!(w.at(Stage::Replace, 2, Some(3)), Ok(()));
        assert_eq!(seen.0.len(), 2);
        assert_eq!(seen.0[0].done, 2);
    }

    #[test]
    fn unwatched_work_never_stops() {
        let w: &mut dyn Watcher = &mut Unwatched;
        assert_eq!(w.at(Stage::CopyPages, 1, None), Ok(()));
        assert_eq!(w.check(), Ok(()));
    }
}
