//! The figures behind a report, read from the store: walk-ins, follow-ups, petitions and the
//! checklist. Used by the `report` command and the Reports screen alike.
use super::petitions::LedgerFilter;
use super::{Result, Store};
use crate::domain::report::{ChecklistFigures, Period, PetitionFigures, Report, build};
use crate::domain::report_petitions::{CaseFacts, count};
use crate::i18n::Lang;
use chrono::NaiveDate;

/// Gathers a report from the store: walk-ins, follow-ups, petitions and checklist.
pub fn gather(store: &Store, period: Period, today: NaiveDate, lang: Lang) -> Result<Report> {
    let (from, to) = period.bounds();
    let facts = store.visit_facts(from, to)?;
    let overdue = store.count_overdue_follow_ups(today)?;
    let mut report = build(period, &facts, overdue, lang);
    report.petitions = petition_figures(store, from, to, today)?;
    report.checklist = checklist_figures(store, from, to, today)?;
    Ok(report)
}

/// Cases received in the period: how many, how far they got, how many are overdue now.
fn petition_figures(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<PetitionFigures> {
    use crate::domain::petition::deadlines::Urgency;
    use crate::domain::petition::lifecycle::Status;
    use crate::domain::petition::types::Risk;
    let filter = LedgerFilter {
        from: Some(from),
        to: Some(to),
        ..LedgerFilter::default()
    };
    let mut f = PetitionFigures::default();
    let mut facts = Vec::new();
    for row in store.ledger(&filter, today)? {
        if let Some(case) = store.petition(row.id)? {
            facts.push(CaseFacts {
                channel: row.channel,
                people: case.petition.people_count,
                flags: row.flags,
                anonymous: case.petition.anonymous,
                source: case.petition.source,
                kind: case.petition.kind,
            });
        }
        f.received += 1;
        if !matches!(
            row.status,
            Status::Registered | Status::NotAccepted | Status::Forwarded
        ) {
            f.accepted += 1;
        }
        // Forwarded to the competent department, the case is finished here: it has its
        // closing time in the ledger and counts as closed.
        if matches!(row.status, Status::Closed | Status::Forwarded) {
            f.closed += 1;
        }
        if row.urgency == Urgency::Overdue {
            f.overdue += 1;
        }
        let risk = match row.risk {
            Risk::Low => 0,
            Risk::Medium => 1,
            Risk::High => 2,
        };
        f.by_risk[risk] += 1;
    }
    f.counts = count(&facts);
    f.handled_late = store.count_handled_late(from, to)?;
    Ok(f)
}

/// The checklist of the period, within the month it starts in: compliance and a day-by-day
/// series. A whole month is judged as the checklist screen judges it; a single day by that
/// day's own status, never by the month's.
pub fn checklist_figures(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<ChecklistFigures> {
    use crate::domain::checklist::DayStatus;
    use chrono::Datelike;
    let calendar = store.checklist_month_calendar(from.year(), from.month(), today)?;
    let within: Vec<DayStatus> = calendar
        .iter()
        .filter(|(date, _)| (from..=to).contains(date))
        .map(|(_, status)| *status)
        .collect();
    let daily: Vec<u64> = within
        .iter()
        .filter_map(|status| match status {
            DayStatus::Done | DayStatus::SignedWithExceptions => Some(100),
            DayStatus::Partial => Some(50),
            DayStatus::Missed => Some(0),
            _ => None,
        })
        .collect();
    if within.len() == calendar.len() {
        let compliance = store.checklist_compliance(from.year(), from.month(), today)?;
        return Ok(ChecklistFigures {
            working_days: u64::from(compliance.overall.due),
            signed_complete: u64::from(compliance.overall.done),
            rate: compliance.overall.percent(),
            daily,
        });
    }
    let working_days = daily.len() as u64;
    let signed_complete = daily.iter().filter(|v| **v == 100).count() as u64;
    Ok(ChecklistFigures {
        working_days,
        signed_complete,
        rate: (working_days > 0).then(|| signed_complete as f64 * 100.0 / working_days as f64),
        daily,
    })
}
