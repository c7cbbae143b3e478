//! `stationdesk report daily|monthly [--date DATE]`: figures as aligned text tables.
use super::progress::Meter;
use super::text_table::render;
use super::{CliError, Ctx};
use crate::domain::report::{Period, Report, Tally};
use crate::domain::report_petitions::Count;
use crate::exchange::write_table_audited_watched;
use crate::i18n::{Lang, t};
pub use crate::store::report_data::gather;
use crate::work::{Progress, Stage, Watcher};

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
    let p = &r.petitions;
    let mut summary = summary;
    for (key, value) in [
        ("report.petitions_received", p.received),
        ("report.petitions_accepted", p.accepted),
        ("report.petitions_closed", p.closed),
        ("report.petitions_overdue", p.overdue),
        ("report.petitions_handled_late", p.handled_late),
        ("report.risk_high", p.by_risk[2]),
        ("report.risk_medium", p.by_risk[1]),
        ("report.risk_low", p.by_risk[0]),
    ] {
        summary.push(vec![t(lang, key), value.to_string()]);
    }
    let rate = r
        .checklist
        .rate
        .map(|v| format!("{v:.1}%"))
        .unwrap_or_else(|| "-".into());
    summary.push(vec![t(lang, "report.checklist_rate"), rate]);
    summary.push(vec![
        t(lang, "report.checklist_days"),
        format!(
            "{}/{}",
            r.checklist.signed_complete, r.checklist.working_days
        ),
    ]);
    out.push_str(&render(
        &[t(lang, "report.item"), n.clone()],
        &summary,
        &[1],
    ));
    out.push('\n');
    out.push_str(&t(lang, "report_petitions.section"));
    out.push('\n');
    let rows: Vec<Vec<String>> = petition_rows(r, lang)
        .into_iter()
        .map(|(item, c)| vec![item, c.cases.to_string(), c.people.to_string()])
        .collect();
    out.push_str(&render(
        &[
            t(lang, "report.item"),
            t(lang, "report_petitions.cases"),
            t(lang, "report_petitions.people_col"),
        ],
        &rows,
        &[1, 2],
    ));
    out.push('\n');
    for (key, tally) in [
        ("report.by_purpose", &r.by_purpose),
        ("report.by_outcome", &r.by_outcome),
        ("categories.report_by_main", &r.by_category),
        ("report.by_town", &r.by_town),
    ] {
        out.push_str(&tally_table(&t(lang, key), &n, tally));
        out.push('\n');
    }
    out
}

/// The petition lines counted in 批次 and 人次: the month's cases, each kind of case, and
/// each value of every breakdown (`渠道·来信`).
fn petition_rows(r: &Report, lang: Lang) -> Vec<(String, Count)> {
    let c = &r.petitions.counts;
    let mut rows = vec![(t(lang, "report.petitions_received"), c.total)];
    rows.extend(c.flagged.iter().map(|(k, n)| (t(lang, k), *n)));
    for b in &c.breakdowns {
        let title = t(lang, b.title_key);
        rows.extend(
            b.rows
                .iter()
                .map(|(k, n)| (format!("{title}·{}", t(lang, k)), *n)),
        );
    }
    rows
}

/// The report as one table (section, item, count) for a workbook or a CSV file.
pub fn to_table(r: &Report, lang: Lang) -> crate::exchange::Table {
    use crate::exchange::Cell;
    let mut rows = Vec::new();
    let mut push = |section: &str, item: String, value: Cell| {
        rows.push(vec![Cell::text(section), Cell::text(item), value])
    };
    let summary = t(lang, "report.item");
    let int = |n: u64| Cell::Int(i64::try_from(n).unwrap_or(i64::MAX));
    push(&summary, t(lang, "report.visits_total"), int(r.visits));
    push(
        &summary,
        t(lang, "report.follow_ups_done"),
        int(r.follow_ups_done),
    );
    push(
        &summary,
        t(lang, "report.follow_ups_overdue"),
        int(r.follow_ups_overdue),
    );
    let p = &r.petitions;
    for (key, value) in [
        ("report.petitions_received", p.received),
        ("report.petitions_accepted", p.accepted),
        ("report.petitions_closed", p.closed),
        ("report.petitions_overdue", p.overdue),
        ("report.petitions_handled_late", p.handled_late),
        ("report.risk_high", p.by_risk[2]),
        ("report.risk_medium", p.by_risk[1]),
        ("report.risk_low", p.by_risk[0]),
    ] {
        push(&summary, t(lang, key), int(value));
    }
    if let Some(rate) = r.checklist.rate {
        push(
            &summary,
            t(lang, "report.checklist_rate"),
            Cell::text(format!("{rate:.1}%")),
        );
    }
    for (key, tally) in [
        ("report.by_purpose", &r.by_purpose),
        ("report.by_outcome", &r.by_outcome),
        ("categories.report_by_main", &r.by_category),
        ("report.by_town", &r.by_town),
    ] {
        let section = t(lang, key);
        for (label, n) in &tally.0 {
            push(&section, label.clone(), int(*n));
        }
    }
    let section = t(lang, "report_petitions.section");
    let (cases, people) = (
        t(lang, "report_petitions.cases"),
        t(lang, "report_petitions.people_col"),
    );
    for (item, c) in petition_rows(r, lang) {
        push(&section, format!("{item}（{cases}）"), int(c.cases));
        push(&section, format!("{item}（{people}）"), int(c.people));
    }
    let section = t(lang, "report.per_day");
    for (day, n) in &r.per_day {
        push(&section, day.to_string(), int(*n));
    }
    let (from, to) = r.period.bounds();
    crate::exchange::Table {
        title: format!("{from} ~ {to}"),
        headers: vec![
            t(lang, "report.section"),
            t(lang, "report.item"),
            t(lang, "report.count"),
        ],
        rows,
    }
}

pub fn run(
    ctx: &Ctx,
    kind: &str,
    date: Option<&str>,
    out: Option<&std::path::Path>,
) -> Result<(), CliError> {
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
    // Only shown: the figures are read, not written, and a report is written whole or not
    // at all, so Ctrl+C may end it as any program.
    let mut meter = Meter::showing(ctx.lang);
    meter.progress(Progress {
        stage: Stage::Collect,
        done: 0,
        total: None,
    });
    let report = gather(&store, period, today, ctx.lang).map_err(|e| ctx.store_error(e));
    meter.clear();
    let report = report?;
    print!("{}", to_text(&report, ctx.lang));
    if let Some(file) = out {
        let table = to_table(&report, ctx.lang);
        let summary = file.display().to_string();
        let written =
            write_table_audited_watched(&store, file, &table, ("report", &summary), &mut meter);
        meter.clear();
        written.map_err(|e| CliError::user(e.render(ctx.lang)))?;
        println!(
            "{}",
            ctx.msg(
                &crate::i18n::Msg::new("export.done")
                    .arg("rows", table.rows.len())
                    .arg("file", file.display())
            )
        );
    }
    Ok(())
}
