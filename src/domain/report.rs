//! Daily and monthly statistics (pure arithmetic over records the store hands over).
use super::category::display_name;
use super::visit::{Outcome, Visit, purpose_name};
use crate::i18n::{Lang, t};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Which period a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Day(NaiveDate),
    Month { year: i32, month: u32 },
}

impl Period {
    /// The month containing `date`.
    pub fn month_of(date: NaiveDate) -> Period {
        Period::Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// First and last day, inclusive.
    pub fn bounds(self) -> (NaiveDate, NaiveDate) {
        match self {
            Period::Day(d) => (d, d),
            Period::Month { year, month } => {
                let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default();
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)
                }
                .unwrap_or(first);
                (first, next.pred_opt().unwrap_or(first))
            }
        }
    }
}

/// Counts by label, largest first, ties by label.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally(pub Vec<(String, u64)>);

impl Tally {
    fn from_counts(counts: BTreeMap<String, u64>) -> Tally {
        let mut rows: Vec<(String, u64)> = counts.into_iter().collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Tally(rows)
    }
    pub fn total(&self) -> u64 {
        self.0.iter().map(|(_, n)| n).sum()
    }
}

/// The walk-ins of a period, with what is known of each visitor.
#[derive(Debug, Clone)]
pub struct VisitFacts {
    pub visit: Visit,
    /// The main category of the person on file, if any: walk-ins are counted by it, so the
    /// category figures add up to the walk-ins like the others.
    pub category: Option<String>,
    pub town: String,
}

/// Petition figures of a period (filled when the petition ledger exists).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PetitionFigures {
    pub received: u64,
    pub accepted: u64,
    pub closed: u64,
    pub overdue: u64,
    /// Cases the station handled late in the period: a decision on acceptance or a reply
    /// recorded in the period after its legal end, whenever the case was received.
    pub handled_late: u64,
    /// Low, medium, high.
    pub by_risk: [u64; 3],
    /// 批次 and 人次, by channel, and of collective, repeat, over-level and anonymous cases.
    pub counts: super::report_petitions::PetitionCounts,
}

/// Checklist figures of a period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChecklistFigures {
    pub working_days: u64,
    pub signed_complete: u64,
    /// Overall compliance in percent, if any working day has passed.
    pub rate: Option<f64>,
    /// Daily compliance (0–100) for a sparkline.
    pub daily: Vec<u64>,
}

/// A whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub period: Period,
    pub visits: u64,
    pub by_purpose: Tally,
    pub by_outcome: Tally,
    pub by_category: Tally,
    pub by_town: Tally,
    /// Walk-ins per day of the period, for the bar chart.
    pub per_day: Vec<(NaiveDate, u64)>,
    pub follow_ups_done: u64,
    pub follow_ups_overdue: u64,
    pub petitions: PetitionFigures,
    pub checklist: ChecklistFigures,
}

/// Builds the walk-in part of a report; petitions and checklist are set by the caller.
pub fn build(period: Period, facts: &[VisitFacts], overdue_follow_ups: u64, lang: Lang) -> Report {
    let (from, to) = period.bounds();
    let mut purpose = BTreeMap::new();
    let mut outcome = BTreeMap::new();
    let mut category = BTreeMap::new();
    let mut town = BTreeMap::new();
    let mut per_day: BTreeMap<NaiveDate, u64> = from
        .iter_days()
        .take_while(|d| *d <= to)
        .map(|d| (d, 0))
        .collect();
    let mut done = 0;
    for f in facts {
        let v = &f.visit;
        *purpose
            .entry(purpose_name(v.purpose, lang).to_string())
            .or_insert(0) += 1;
        *outcome.entry(t(lang, v.outcome.label_key())).or_insert(0) += 1;
        let cat = match &f.category {
            Some(c) => display_name(c, lang).to_string(),
            None => t(lang, "report.not_on_file"),
        };
        *category.entry(cat).or_insert(0) += 1;
        let town_name = if f.town.is_empty() {
            t(lang, "report.town_unknown")
        } else {
            f.town.clone()
        };
        *town.entry(town_name).or_insert(0) += 1;
        if let Some(n) = per_day.get_mut(&v.arrived_at.date()) {
            *n += 1;
        }
        if matches!(v.outcome, Outcome::FollowUp { .. }) && v.follow_up_done_at.is_some() {
            done += 1;
        }
    }
    Report {
        period,
        visits: facts.len() as u64,
        by_purpose: Tally::from_counts(purpose),
        by_outcome: Tally::from_counts(outcome),
        by_category: Tally::from_counts(category),
        by_town: Tally::from_counts(town),
        per_day: per_day.into_iter().collect(),
        follow_ups_done: done,
        follow_ups_overdue: overdue_follow_ups,
        petitions: PetitionFigures::default(),
        checklist: ChecklistFigures::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::visit::VisitInput;

    fn fact(
        day: u32,
        purpose: usize,
        outcome: &str,
        category: Option<&str>,
        town: &str,
    ) -> VisitFacts {
        let now = NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let visit = VisitInput {
            visitor_name: "张三".into(),
            purpose: Some(purpose),
            outcome: outcome.into(),
            follow_up_date: "+3".into(),
            referred_to: "民政局".into(),
            handler: "wang".into(),
            ..Default::default()
        }
        .validate(now)
        .unwrap();
        VisitFacts {
            visit,
            category: category.map(str::to_string),
            town: town.into(),
        }
    }

    #[test]
    fn a_month_on_a_fixed_data_set() {
        let facts = vec![
            fact(2, 0, "done", Some("退役士兵"), "城关镇"),
            fact(2, 0, "follow_up", Some("退役士兵"), "城关镇"),
            fact(3, 3, "referred", Some("残疾军人"), "石门镇"),
            fact(30, 9, "petition", None, ""),
        ];
        let r = build(
            Period::Month {
                year: 2026,
                month: 11,
            },
            &facts,
            1,
            Lang::Zh,
        );
        assert_eq!(r.visits, 4);
        assert_eq!(r.by_purpose.0[0], ("政策咨询".to_string(), 2));
        assert_eq!(r.by_purpose.total(), 4);
        assert_eq!(
            r.by_category.0,
            vec![
                ("退役士兵".into(), 2),
                ("未建档".into(), 1),
                ("残疾军人".into(), 1)
            ]
        );
        assert_eq!(r.by_town.0[0], ("城关镇".into(), 2));
        assert_eq!(r.per_day.len(), 30);
        assert_eq!(
            r.per_day[1],
            (NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(), 2)
        );
        assert_eq!(r.per_day[29].1, 1);
        assert_eq!(r.follow_ups_overdue, 1);
        assert_eq!(r.by_outcome.total(), 4);
    }

    #[test]
    fn period_bounds() {
        assert_eq!(
            Period::Month {
                year: 2028,
                month: 2
            }
            .bounds()
            .1,
            NaiveDate::from_ymd_opt(2028, 2, 29).unwrap()
        );
        assert_eq!(
            Period::Month {
                year: 2026,
                month: 12
            }
            .bounds()
            .1,
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
        );
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(Period::Day(d).bounds(), (d, d));
    }
}
