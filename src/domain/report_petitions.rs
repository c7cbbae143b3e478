//! The county's monthly petition figures: 批次 (cases) and 人次 (people, summed over the
//! cases), by channel, and for collective, repeat, over-level and anonymous cases. Pure
//! counting over the facts the store hands over.
//!
//! A breakdown by another column (the source 本级/转送/交办, the type 建议意见/检举控告/
//! 申诉求决) is one more field in [`CaseFacts`] and one more entry in [`BREAKDOWNS`]; the
//! report screen, `report monthly` and the workbook show every entry.
use super::petition::{Channel, Flags, Petitioner};

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
    pub anonymous: bool,
}

/// A column the cases are broken down by: its title, and the label of a case's value.
pub struct Column {
    pub title_key: &'static str,
    pub value: fn(&CaseFacts) -> &'static str,
}

/// The breakdowns the figures show, in order.
pub const BREAKDOWNS: &[Column] = &[Column {
    title_key: "report_petitions.by_channel",
    value: |c| c.channel.label_key(),
}];

/// Which cases a line counts.
pub type Test = fn(&CaseFacts) -> bool;

/// The kinds of case counted on their own line: label key and test.
pub const FLAGGED: &[(&str, Test)] = &[
    ("report_petitions.collective", |c| c.flags.collective),
    ("report_petitions.repeat", |c| c.flags.repeat),
    ("report_petitions.skip_level", |c| c.flags.skip_level),
    ("report_petitions.anonymous", |c| c.anonymous),
];

/// A letter whose writer cannot be told (匿名, or the name left unknown): the rule of
/// 信访工作条例 art. 23 that no notice is owed to one whose name is unclear.
pub fn is_anonymous(petitioners: &[Petitioner]) -> bool {
    petitioners.iter().all(|p| {
        let name = p.name.trim();
        name.is_empty() || ["匿名", "不详", "佚名", "无名"].contains(&name)
    })
}

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
    fn anonymous_means_no_name_to_write_to() {
        let named = |n: &str| Petitioner {
            name: n.into(),
            ..Petitioner::default()
        };
        assert!(is_anonymous(&[named("匿名")]));
        assert!(is_anonymous(&[named(" ")]));
        assert!(!is_anonymous(&[named("张三")]));
        assert!(!is_anonymous(&[named("匿名"), named("李四")]));
    }
}
