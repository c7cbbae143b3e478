//! The county's monthly petition figures: 批次 (cases) and 人次 (people, summed over the
//! cases), by channel, source (本级/转送/交办) and type (建议意见/检举控告/申诉求决), and for
//! collective, repeat, over-level and anonymous cases. Pure counting over the facts the
//! store hands over.
//!
//! A breakdown by another column is one more field in [`CaseFacts`] and one more entry in
//! [`BREAKDOWNS`]; the report screen, `report monthly` and the workbook show every entry.
use super::petition::{Channel, Flags, PetitionType, Source};

/// 批次 and 人次.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    pub cases: u64,
    pub people: u64,
}

impl Count {
    fn add(&mut self, people: u32) {
        self.cases += 1;
        self.people += u64::from(people);
    }
}

/// What the figures know of one case received in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts {
    pub channel: Channel,
    /// How many people came or signed (at least one).
    pub people: u32,
    pub flags: Flags,
    /// As recorded at intake (ticked, or every petitioner's name and address unknown).
    pub anonymous: bool,
    pub source: Source,
    /// `None` on cases registered before the program asked.
    pub kind: Option<PetitionType>,
}

/// A column the cases are broken down by: its title, and the label of a case's value.
pub struct Column {
    pub title_key: &'static str,
    pub value: fn(&CaseFacts) -> &'static str,
}

/// The breakdowns the figures show, in order.
pub const BREAKDOWNS: &[Column] = &[
    Column {
        title_key: "report_petitions.by_channel",
        value: |c| c.channel.label_key(),
    },
    Column {
        title_key: "report_petitions.by_source",
        value: |c| c.source.label_key(),
    },
    Column {
        title_key: "report_petitions.by_type",
        value: |c| {
            c.kind
                .map_or("report_petitions.type_unset", PetitionType::label_key)
        },
    },
];

/// Which cases a line counts.
pub type Test = fn(&CaseFacts) -> bool;

/// The kinds of case counted on their own line: label key and test.
pub const FLAGGED: &[(&str, Test)] = &[
    ("report_petitions.collective", |c| c.flags.collective),
    ("report_petitions.repeat", |c| c.flags.repeat),
    ("report_petitions.skip_level", |c| c.flags.skip_level),
    ("report_petitions.anonymous", |c| c.anonymous),
];

/// One breakdown's lines: each value's label key and count, in the order first seen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Breakdown {
    pub title_key: &'static str,
    pub rows: Vec<(&'static str, Count)>,
}

/// The month's petition counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PetitionCounts {
    pub total: Count,
    /// One line per entry of [`FLAGGED`], in its order.
    pub flagged: Vec<(&'static str, Count)>,
    /// One per entry of [`BREAKDOWNS`], in its order.
    pub breakdowns: Vec<Breakdown>,
}

/// Counts the cases.
pub fn count(cases: &[CaseFacts]) -> PetitionCounts {
    let mut total = Count::default();
    let mut flagged: Vec<(&'static str, Count)> = FLAGGED
        .iter()
        .map(|(k, _)| (*k, Count::default()))
        .collect();
    let mut breakdowns: Vec<Breakdown> = BREAKDOWNS
        .iter()
        .map(|c| Breakdown {
            title_key: c.title_key,
            rows: Vec::new(),
        })
        .collect();
    for case in cases {
        let people = case.people.max(1);
        total.add(people);
        for ((_, test), (_, n)) in FLAGGED.iter().zip(flagged.iter_mut()) {
            if test(case) {
                n.add(people);
            }
        }
        for (column, b) in BREAKDOWNS.iter().zip(breakdowns.iter_mut()) {
            let label = (column.value)(case);
            match b.rows.iter_mut().find(|(l, _)| *l == label) {
                Some((_, n)) => n.add(people),
                None => {
                    let mut n = Count::default();
                    n.add(people);
                    b.rows.push((label, n));
                }
            }
        }
    }
    PetitionCounts {
        total,
        flagged,
        breakdowns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(channel: Channel, people: u32, collective: bool, anonymous: bool) -> CaseFacts {
        CaseFacts {
            channel,
            people,
            flags: Flags {
                collective,
                ..Flags::default()
            },
            anonymous,
            source: Source::Local,
            kind: None,
        }
    }

    #[test]
    fn cases_and_people_by_channel_and_kind() {
        let c = count(&[
            case(Channel::Visit, 12, true, false),
            case(Channel::Letter, 1, false, true),
            case(Channel::Visit, 2, false, false),
            case(Channel::Phone, 0, false, false),
        ]);
        assert_eq!(
            c.total,
            Count {
                cases: 4,
                people: 16
            }
        );
        let line = |k: &str| c.flagged.iter().find(|(l, _)| *l == k).unwrap().1;
        assert_eq!(
            line("report_petitions.collective"),
            Count {
                cases: 1,
                people: 12
            }
        );
        assert_eq!(
            line("report_petitions.anonymous"),
            Count {
                cases: 1,
                people: 1
            }
        );
        assert_eq!(line("report_petitions.repeat"), Count::default());
        let channel = &c.breakdowns[0];
        assert_eq!(
            channel.rows,
            vec![
                (
                    Channel::Visit.label_key(),
                    Count {
                        cases: 2,
                        people: 14
                    }
                ),
                (
                    Channel::Letter.label_key(),
                    Count {
                        cases: 1,
                        people: 1
                    }
                ),
                (
                    Channel::Phone.label_key(),
                    Count {
                        cases: 1,
                        people: 1
                    }
                ),
            ]
        );
    }

    #[test]
    fn cases_and_people_by_source_and_type() {
        let mut assigned = case(Channel::Letter, 3, false, false);
        assigned.source = Source::Assigned;
        assigned.kind = Some(PetitionType::Appeal);
        let mut forwarded = case(Channel::Visit, 1, false, false);
        forwarded.source = Source::Forwarded;
        forwarded.kind = Some(PetitionType::Appeal);
        let local = case(Channel::Visit, 2, false, false);
        let c = count(&[assigned, forwarded, local]);
        let titles: Vec<&str> = c.breakdowns.iter().map(|b| b.title_key).collect();
        assert_eq!(
            titles,
            [
                "report_petitions.by_channel",
                "report_petitions.by_source",
                "report_petitions.by_type"
            ]
        );
        let n = |cases, people| Count { cases, people };
        assert_eq!(
            c.breakdowns[1].rows,
            vec![
                (Source::Assigned.label_key(), n(1, 3)),
                (Source::Forwarded.label_key(), n(1, 1)),
                (Source::Local.label_key(), n(1, 2)),
            ]
        );
        assert_eq!(
            c.breakdowns[2].rows,
            vec![
                (PetitionType::Appeal.label_key(), n(2, 4)),
                ("report_petitions.type_unset", n(1, 2)),
            ]
        );
    }
}
