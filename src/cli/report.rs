//! `stationdesk report daily|monthly [--date DATE]`: figures as aligned text tables.
use super::text_table::render;
use super::{CliError, Ctx};
use crate::domain::report::{Period, Report, Tally, build};
use crate::i18n::{Lang, t};
use crate::store::Store;
use chrono::NaiveDate;

/// Gathers a report from the store: walk-ins, follow-ups, petitions and checklist.
pub fn gather(
    store: &Store,
    period: Period,
    today: NaiveDate,
    lang: Lang,
) -> crate::store::Result<Report> {
    let (from, to) = period.bounds();
    let facts = store.visit_facts(from, to)?;
    let overdue = store.count_overdue_follow_ups(today)?;
    Ok(build(period, &facts, overdue, lang))
}

fn tally_table(title: &str, count_header: &str, tally: &Tally) -> String {
    let rows: Vec<Vec<String>> = tally
        .0
        .iter()
        .map(|(k, n)| vec![k.clone(), n.to_string()])
        .collect();
    format!(
        "{title}\n{}",
        render(&[String::new(), count_header.to_string()], &rows, &[1])
    )
}

/// The report as text, section after section.
pub fn to_text(r: &Report, lang: Lang) -> String {
    let (from, to) = r.period.bounds();
    let mut out = String::new();
    let title = match r.period {
        Period::Day(d) => format!("{} {}", t(lang, "report.daily_title"), d),
        Period::Month { .. } => format!("{} {from} ~ {to}", t(lang, "report.monthly_title")),
    };
    out.push_str(&title);
    out.push_str("\n\n");
    let n = t(lang, "report.count");
    let summary = vec![
        vec![t(lang, "report.visits_total"), r.visits.to_string()],
        vec![
            t(lang, "report.follow_ups_done"),
            r.follow_ups_done.to_string(),
        ],
        vec![
            t(lang, "report.follow_ups_overdue"),
            r.follow_ups_overdue.to_string(),
        ],
    ];
    out.push_str(&render(
        &[t(lang, "report.item"), n.clone()],
        &summary,
        &[1],
    ));
    out.push('\n');
    for (key, tally) in [
        ("report.by_purpose", &r.by_purpose),
        ("report.by_outcome", &r.by_outcome),
        ("report.by_category", &r.by_category),
        ("report.by_town", &r.by_town),
    ] {
        out.push_str(&tally_table(&t(lang, key), &n, tally));
        out.push('\n');
    }
    out
}

pub fn run(ctx: &Ctx, kind: &str, date: Option<&str>) -> Result<(), CliError> {
    let today = ctx.clock.today();
    let day = match date {
        Some(text) => crate::domain::dates::parse_date(text)
            .map_err(|m| CliError::user(format!("--date: {}", ctx.msg(&m))))?,
        None => today,
    };
    let period = if kind == "daily" {
        Period::Day(day)
    } else {
        Period::month_of(day)
    };
    let store = ctx.open_store()?;
    let report = gather(&store, period, today, ctx.lang).map_err(|e| ctx.store_error(e))?;
    print!("{}", to_text(&report, ctx.lang));
    Ok(())
}
