//! Exports from the ledger screens (petitions, walk-ins, the checklist's month) and the
//! folder every export from the screens goes to: `exports/` beside the database, made
//! private (0700) since the workbooks name people. The tables are the ones the
//! `stationdesk export` command writes, masked, and each export leaves an audit record
//! worded as the command's.
use crate::exchange::exports::{ExportRequest, Ledger, build_petition_table, build_table_watched};
use crate::exchange::write_table_audited_watched;
use crate::i18n::{Lang, Msg};
use crate::store::Store;
use crate::store::petitions::LedgerFilter;
use crate::tui::action::{Loaded, ShellLoaded};
use crate::tui::long_work::{self, ScreenWatcher, StopHandle, WorkKind, WorkNote};
use crate::work::Watcher;
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

/// What a ledger screen exports: what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerExport {
    /// The petition ledger's rows under its current filter.
    Petitions(LedgerFilter),
    /// The walk-ins of these days.
    Visits { from: NaiveDate, to: NaiveDate },
    /// The checklist of one month.
    Checklist { year: i32, month: u32 },
}

impl LedgerExport {
    fn ledger(&self) -> Ledger {
        match self {
            LedgerExport::Petitions(_) => Ledger::Petitions,
            LedgerExport::Visits { .. } => Ledger::Visits,
            LedgerExport::Checklist { .. } => Ledger::Checklist,
        }
    }

    /// The file's name, in the reports' scheme: the ledger's code and the date shown, or
    /// today's for the petition ledger (`petitions-2026-11-25.xlsx`,
    /// `visits-2026-11-25.xlsx`, `visits-2026-11-01-2026-11-25.xlsx`, `checklist-2026-11.xlsx`).
    pub fn file_name(&self, today: NaiveDate) -> String {
        let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        let when = match self {
            LedgerExport::Petitions(_) => day(today),
            LedgerExport::Visits { from, to } if from == to => day(*from),
            LedgerExport::Visits { from, to } => format!("{}-{}", day(*from), day(*to)),
            LedgerExport::Checklist { year, month } => format!("{year:04}-{month:02}"),
        };
        format!("{}-{when}.xlsx", self.ledger().code())
    }
}

/// The folder exports go to: `exports/` next to the database file.
pub fn exports_dir(db: &Path) -> PathBuf {
    let beside = db.parent().unwrap_or_else(|| Path::new(""));
    beside.join("exports")
}

/// A workbook written: where, and how many rows it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub file: String,
    pub rows: usize,
}

/// Makes the exports folder (0700) and returns it; an in-memory database has no folder
/// to be beside, which is said rather than writing into the working directory.
pub fn create_exports_dir(db: &Path) -> Result<PathBuf, Msg> {
    use std::os::unix::fs::DirBuilderExt;
    if db.as_os_str().is_empty() || db == Path::new(":memory:") {
        return Err(Msg::new("tui.export.no_dir"));
    }
    let dir = exports_dir(db);
    if dir.is_dir() {
        return Ok(dir);
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&dir)
        .map(|()| dir.clone())
        .map_err(|e| {
            Msg::new("tui.export.dir_failed")
                .arg("dir", dir.display())
                .arg("detail", e)
        })
}

/// Builds the table, writes it and records the export; the answer is the file's path,
/// or why not, in the user's language.
/// A long export shows its progress through `progress` and stops when its line's Esc asks;
/// a stopped export leaves no file (an earlier file of the same name stays as it was).
pub fn export(
    store: &Store,
    what: &LedgerExport,
    today: NaiveDate,
    lang: Lang,
    progress: &mut dyn FnMut(Loaded),
) -> Loaded {
    let stop = StopHandle::default();
    let mut watcher = ScreenWatcher::new(WorkKind::Export, stop.clone(), progress);
    match write(store, what, today, lang, &mut watcher) {
        // Stopped on request: said as a plain sentence, not as a failure.
        Err(_) if stop.requested() => {
            let file = create_exports_dir(&store.files_anchor())
                .map(|dir| dir.join(what.file_name(today)).display().to_string())
                .unwrap_or_else(|_| what.file_name(today));
            WorkNote::ended(
                WorkKind::Export,
                stop,
                Some(long_work::stopped(WorkKind::Export, &file)),
            )
        }
        result => Loaded::Shell(ShellLoaded::Exported(result)),
    }
}

fn write(
    store: &Store,
    what: &LedgerExport,
    today: NaiveDate,
    lang: Lang,
    watcher: &mut dyn Watcher,
) -> Result<Exported, String> {
    let dir = create_exports_dir(&store.files_anchor()).map_err(|m| m.render(lang))?;
    let ledger = what.ledger();
    let (from, to) = match what {
        LedgerExport::Petitions(_) => (None, None),
        LedgerExport::Visits { from, to } => (Some(*from), Some(*to)),
        LedgerExport::Checklist { year, month } => month_range(*year, *month),
    };
    let req = ExportRequest {
        ledger,
        from,
        to,
        unmasked: false,
        lang,
        today,
    };
    let file = dir.join(what.file_name(today));
    let shown = file.display().to_string();
    let table = match what {
        LedgerExport::Petitions(filter) => build_petition_table(store, filter, &req),
        _ => build_table_watched(store, &req, watcher),
    }
    .map_err(|e| e.msg().render(lang))?;
    let rows = table.rows.len();
    let summary = format!("{} {rows} rows -> {shown}", ledger.code());
    write_table_audited_watched(store, &file, &table, (ledger.code(), &summary), watcher)
        .map_err(|e| e.render(lang))?;
    Ok(Exported { file: shown, rows })
}

/// The first and last day of a month (`None`s for a month that does not exist).
fn month_range(year: i32, month: u32) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let last = first
        .and_then(|f| f.checked_add_months(chrono::Months::new(1)))
        .and_then(|n| n.pred_opt());
    (first, last.filter(|l| l.month() == month))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn names_follow_the_ledger_and_what_is_shown() {
        let today = d(2026, 11, 25);
        let petitions = LedgerExport::Petitions(LedgerFilter::default());
        assert_eq!(petitions.file_name(today), "petitions-2026-11-25.xlsx");
        let day = LedgerExport::Visits {
            from: today,
            to: today,
        };
        assert_eq!(day.file_name(today), "visits-2026-11-25.xlsx");
        let range = LedgerExport::Visits {
            from: d(2026, 11, 1),
            to: today,
        };
        assert_eq!(range.file_name(today), "visits-2026-11-01-2026-11-25.xlsx");
        let month = LedgerExport::Checklist {
            year: 2026,
            month: 2,
        };
        assert_eq!(month.file_name(today), "checklist-2026-02.xlsx");
        assert_eq!(
            month_range(2028, 2),
            (Some(d(2028, 2, 1)), Some(d(2028, 2, 29)))
        );
        assert_eq!(month_range(2026, 12).1, Some(d(2026, 12, 31)));
    }

    #[test]
    fn the_folder_is_beside_the_database_and_private() {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            exports_dir(Path::new("/srv/desk/station.db")),
            PathBuf::from("/srv/desk/exports")
        );
        assert_eq!(
            exports_dir(Path::new("station.db")),
            PathBuf::from("exports")
        );
        assert!(create_exports_dir(Path::new(":memory:")).is_err());
        let tmp = tempfile::tempdir().unwrap();
        let dir = create_exports_dir(&tmp.path().join("desk.db")).unwrap();
        assert_eq!(dir, tmp.path().join("exports"));
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}
