//! The Reports screen's database work: gather a report, and write it to a workbook in the
//! `exports/` folder beside the database (see [`crate::tui::export_jobs`]) with an audit
//! record.
use crate::domain::report::Period;
use crate::i18n::Lang;
use crate::store::Store;
use crate::store::report_data::{checklist_figures, gather};
use crate::tui::action::{Loaded, ShellLoaded};
use crate::tui::data::DashboardData;
use chrono::NaiveDate;

/// Report work for the database worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportJob {
    /// The report of a period, figures counted as of `today`.
    Load { period: Period, today: NaiveDate },
    /// The same report written to an .xlsx file beside the database.
    Export { period: Period, today: NaiveDate },
}

/// Does one report job.
pub fn run(store: &Store, job: ReportJob, lang: Lang) -> Loaded {
    match job {
        ReportJob::Load { period, today } => load(store, period, today, lang),
        ReportJob::Export { period, today } => export(store, period, today, lang),
    }
}

/// The report of `period`, or why it could not be read.
pub fn load(store: &Store, period: Period, today: NaiveDate, lang: Lang) -> Loaded {
    match gather(store, period, today, lang) {
        Ok(report) => Loaded::Report(Box::new(report)),
        Err(e) => Loaded::read_failed(e.msg().render(lang)),
    }
}

/// The file a report is exported to: `report-daily-2026-11-25.xlsx`,
/// `report-monthly-2026-11.xlsx`.
pub fn file_name(period: Period) -> String {
    match period {
        Period::Day(d) => format!("report-daily-{}.xlsx", d.format("%Y-%m-%d")),
        Period::Month { year, month } => format!("report-monthly-{year:04}-{month:02}.xlsx"),
    }
}

/// Gathers the report again (the worker holds no screen state) and writes it; the answer
/// carries the file's path, or why the export failed.
pub fn export(store: &Store, period: Period, today: NaiveDate, lang: Lang) -> Loaded {
    match write(store, period, today, lang) {
        Ok(shown) => Loaded::ReportExported(shown),
        Err(text) => Loaded::Shell(ShellLoaded::Exported(Err(text))),
    }
}

fn write(store: &Store, period: Period, today: NaiveDate, lang: Lang) -> Result<String, String> {
    let report = gather(store, period, today, lang).map_err(|e| e.msg().render(lang))?;
    let dir = crate::tui::export_jobs::create_exports_dir(&store.files_anchor())
        .map_err(|m| m.render(lang))?;
    let file = dir.join(file_name(period));
    let table = crate::cli::report::to_table(&report, lang);
    let shown = file.display().to_string();
    crate::exchange::write_table_audited(store, &file, &table, "report", &shown)
        .map_err(|e| e.render(lang))?;
    Ok(shown)
}

/// Days the dashboard's walk-in chart covers.
pub const FORTNIGHT: u64 = 14;

/// Adds the dashboard's charts: walk-ins per day over the last fortnight and this month's
/// checklist, as of the store's clock.
pub fn dashboard_charts(store: &Store, data: &mut DashboardData) -> crate::store::Result<()> {
    let today = store.clock().today();
    let from = today
        .checked_sub_days(chrono::Days::new(FORTNIGHT - 1))
        .unwrap_or(today);
    let mut days: Vec<(NaiveDate, u64)> = from
        .iter_days()
        .take_while(|d| *d <= today)
        .map(|d| (d, 0))
        .collect();
    for visit in store.visits_between(from, today)? {
        let day = visit.arrived_at.date();
        if let Some((_, n)) = days.iter_mut().find(|(d, _)| *d == day) {
            *n += 1;
        }
    }
    data.fortnight = days;
    let (first, last) = crate::domain::report::Period::month_of(today).bounds();
    data.checklist_month = Some(checklist_figures(store, first, last, today)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_period() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap_or_default();
        assert_eq!(file_name(Period::Day(d)), "report-daily-2026-11-05.xlsx");
        assert_eq!(
            file_name(Period::month_of(d)),
            "report-monthly-2026-11.xlsx"
        );
    }
}
