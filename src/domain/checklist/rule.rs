//! Checklist rules: the posted duty rules as items, and on which days they apply.
use super::live::LiveCheck;
use crate::domain::text::clean_line;
use crate::i18n::{Lang, Msg};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use serde::Deserialize;

/// The longest rule title, in characters: a title is one line on the checklist screen.
pub const TITLE_MAX: usize = 120;

/// On which days a rule's item appears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frequency {
    /// Every working day.
    Workdays,
    /// Only on these weekdays (sorted, without repeats), e.g. Friday for the study session.
    Weekdays(Vec<Weekday>),
}

impl Frequency {
    /// A weekly frequency from ISO weekday numbers (1 = Monday … 7 = Sunday); `None` when a
    /// number is out of range or the list is empty.
    pub fn from_iso_numbers(numbers: &[u8]) -> Option<Frequency> {
        let mut days: Vec<Weekday> = numbers
            .iter()
            .map(|n| weekday_from_iso(*n))
            .collect::<Option<_>>()?;
        if days.is_empty() {
            return None;
        }
        days.sort_by_key(|d| d.number_from_monday());
        days.dedup();
        Some(Frequency::Weekdays(days))
    }

    /// Whether the rule's item belongs on `date`, if it is a working day: whether a date is
    /// one is the working calendar's to say (a make-up Saturday is), not the rule's.
    pub fn applies(&self, date: NaiveDate) -> bool {
        match self {
            Frequency::Workdays => true,
            Frequency::Weekdays(days) => days.contains(&date.weekday()),
        }
    }

    /// The stored form: `workdays` or `weekdays:1,5`.
    pub fn code(&self) -> String {
        match self {
            Frequency::Workdays => "workdays".to_string(),
            Frequency::Weekdays(days) => {
                let numbers: Vec<String> = days
                    .iter()
                    .map(|d| d.number_from_monday().to_string())
                    .collect();
                format!("weekdays:{}", numbers.join(","))
            }
        }
    }

    /// Reads [`Frequency::code`]'s form back.
    pub fn parse_code(text: &str) -> Option<Frequency> {
        let text = text.trim();
        if text == "workdays" {
            return Some(Frequency::Workdays);
        }
        let list = text.strip_prefix("weekdays:")?;
        let numbers: Vec<u8> = list
            .split(',')
            .map(|n| n.trim().parse::<u8>().ok())
            .collect::<Option<_>>()?;
        Frequency::from_iso_numbers(&numbers)
    }
}

fn weekday_from_iso(n: u8) -> Option<Weekday> {
    Some(match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        7 => Weekday::Sun,
        _ => return None,
    })
}

/// A rule as stored: one line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub id: i64,
    pub title_zh: String,
    /// May be empty: a village station need not write English; [`Rule::title`] falls back.
    pub title_en: String,
    pub frequency: Frequency,
    /// A required item left open blocks the sign-off.
    pub required: bool,
    /// What the data can say about the item, if anything.
    pub check: Option<LiveCheck>,
    /// Order on the checklist, smallest first.
    pub position: i64,
    /// When the rule was added; days before it are not its days.
    pub created_at: Option<NaiveDateTime>,
    /// When an administrator retired it: it keeps its history but is not on later days.
    pub retired_at: Option<NaiveDateTime>,
}

impl Rule {
    /// The title in `lang`, the Chinese one when there is no English.
    pub fn title(&self, lang: Lang) -> &str {
        pick_title(&self.title_zh, &self.title_en, lang)
    }

    /// Whether the rule existed and was not retired on `date`. A rule retired during a day is
    /// already off that day's list, so retiring it today takes it off from today.
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.created_at.is_none_or(|c| c.date() <= date)
            && self.retired_at.is_none_or(|r| r.date() > date)
    }

    /// Whether the rule puts an item on the checklist of `date`.
    pub fn applies_on(&self, date: NaiveDate) -> bool {
        self.active_on(date) && self.frequency.applies(date)
    }
}

/// The title in `lang`, falling back to Chinese when the English one is empty.
pub(crate) fn pick_title<'a>(zh: &'a str, en: &'a str, lang: Lang) -> &'a str {
    match lang {
        Lang::En if !en.trim().is_empty() => en,
        _ => zh,
    }
}

/// A rule as an administrator writes it (or as the default file gives it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInput {
    pub title_zh: String,
    pub title_en: String,
    pub frequency: Frequency,
    pub required: bool,
    pub check: Option<LiveCheck>,
}

impl RuleInput {
    /// Cleans the titles and checks them: a Chinese title is needed (it is what hangs on the
    /// wall), a weekly rule needs at least one weekday (any of the seven: a make-up Saturday
    /// is a working day, and a station may keep a weekend duty).
    pub fn validate(&self) -> Result<RuleInput, Msg> {
        let title_zh = clean_line(&self.title_zh);
        let title_en = clean_line(&self.title_en);
        if title_zh.is_empty() {
            return Err(Msg::new("checklist.rule_title_missing"));
        }
        if title_zh.chars().count() > TITLE_MAX || title_en.chars().count() > TITLE_MAX {
            return Err(Msg::new("field.too_long").arg("max", TITLE_MAX));
        }
        if let Frequency::Weekdays(days) = &self.frequency
            && days.is_empty()
        {
            return Err(Msg::new("checklist.rule_weekdays_invalid"));
        }
        Ok(RuleInput {
            title_zh,
            title_en,
            frequency: self.frequency.clone(),
            required: self.required,
            check: self.check,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    rule: Vec<RuleSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    title_zh: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    weekdays: Vec<u8>,
    #[serde(default = "yes")]
    required: bool,
    #[serde(default)]
    check: Option<String>,
}

fn yes() -> bool {
    true
}

/// The embedded default rules file.
pub const DEFAULT_RULES_TOML: &str = include_str!("default-rules.toml");

/// Reads a rules file (the format of `default-rules.toml`), in file order. The error names
/// the rule (counting from 1) and what is wrong with it.
pub fn parse_rules(text: &str) -> Result<Vec<RuleInput>, Msg> {
    let file: RuleFile = toml::from_str(text)
        .map_err(|e| Msg::new("checklist.rules_file_invalid").arg("detail", e.message()))?;
    file.rule
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            // The file is for whoever maintains a station's rules: naming the rule and its
            // title is what lets them find the line; the message lists what to look at.
            let at = |_: Msg| {
                Msg::new("checklist.rules_file_rule")
                    .arg("number", i + 1)
                    .arg("title", clean_line(&spec.title_zh))
            };
            let frequency = if spec.weekdays.is_empty() {
                Frequency::Workdays
            } else {
                Frequency::from_iso_numbers(&spec.weekdays)
                    .ok_or_else(|| at(Msg::new("checklist.rule_weekdays_invalid")))?
            };
            let check = match spec.check.as_deref() {
                None | Some("") => None,
                Some(code) => Some(
                    LiveCheck::parse(code)
                        .ok_or_else(|| at(Msg::new("checklist.rule_check_invalid")))?,
                ),
            };
            RuleInput {
                title_zh: spec.title_zh.clone(),
                title_en: spec.title_en.clone(),
                frequency,
                required: spec.required,
                check,
            }
            .validate()
            .map_err(at)
        })
        .collect()
}

/// The default rules a station starts with.
pub fn default_rules() -> Result<Vec<RuleInput>, Msg> {
    parse_rules(DEFAULT_RULES_TOML)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn frequencies_apply_on_their_days() {
        // 2026-11-27 is a Friday, 2026-11-26 a Thursday, 2026-11-28 a Saturday.
        let friday = Frequency::from_iso_numbers(&[5]).unwrap();
        assert!(friday.applies(d(2026, 11, 27)));
        assert!(!friday.applies(d(2026, 11, 26)));
        assert!(Frequency::Workdays.applies(d(2026, 11, 26)));
        // Whether Saturday is worked is the calendar's to say; a weekend rule is allowed.
        assert!(Frequency::Workdays.applies(d(2026, 11, 28)));
        let saturday = Frequency::from_iso_numbers(&[6]).unwrap();
        assert!(saturday.applies(d(2026, 11, 28)));
        assert!(!saturday.applies(d(2026, 11, 27)));
    }

    #[test]
    fn frequency_codes_round_trip() {
        let f = Frequency::from_iso_numbers(&[5, 1, 5]).unwrap();
        assert_eq!(f.code(), "weekdays:1,5");
        assert_eq!(Frequency::parse_code("weekdays:1,5"), Some(f));
        assert_eq!(Frequency::parse_code("workdays"), Some(Frequency::Workdays));
        assert_eq!(Frequency::parse_code("weekdays:9"), None);
        assert_eq!(Frequency::parse_code("weekdays:"), None);
        assert_eq!(Frequency::parse_code("monthly"), None);
    }

    #[test]
    fn the_default_rules_parse() {
        let rules = default_rules().unwrap();
        assert_eq!(rules.len(), 10);
        assert!(
            rules
                .iter()
                .any(|r| r.check == Some(LiveCheck::BackupToday))
        );
        let study = rules.iter().find(|r| r.title_zh.contains("学习")).unwrap();
        assert_eq!(study.frequency, Frequency::Weekdays(vec![Weekday::Fri]));
        let home = rules.iter().find(|r| r.title_zh.contains("走访")).unwrap();
        assert!(!home.required);
    }

    #[test]
    fn a_bad_rules_file_names_the_rule() {
        let err =
            parse_rules("[[rule]]\ntitle_zh = \"a\"\n[[rule]]\ntitle_zh = \"b\"\ncheck = \"x\"\n")
                .unwrap_err();
        assert_eq!(err.key, "checklist.rules_file_rule");
        assert_eq!(err.args[0], ("number", "2".to_string()));
        assert_eq!(
            parse_rules("rule = 3").unwrap_err().key,
            "checklist.rules_file_invalid"
        );
    }

    #[test]
    fn rule_input_is_checked() {
        let input = RuleInput {
            title_zh: "  每日例会 ".into(),
            title_en: String::new(),
            frequency: Frequency::Workdays,
            required: true,
            check: None,
        };
        assert_eq!(input.validate().unwrap().title_zh, "每日例会");
        let empty = RuleInput {
            title_zh: " ".into(),
            ..input.clone()
        };
        assert_eq!(
            empty.validate().unwrap_err().key,
            "checklist.rule_title_missing"
        );
        let sunday = RuleInput {
            frequency: Frequency::Weekdays(vec![Weekday::Sun]),
            ..input.clone()
        };
        assert!(sunday.validate().is_ok(), "rules may apply on any weekday");
        let none = RuleInput {
            frequency: Frequency::Weekdays(Vec::new()),
            ..input
        };
        assert_eq!(
            none.validate().unwrap_err().key,
            "checklist.rule_weekdays_invalid"
        );
    }

    #[test]
    fn active_dates_and_titles() {
        let at = |day: u32| d(2026, 11, day).and_hms_opt(10, 0, 0);
        let rule = Rule {
            id: 1,
            title_zh: "档案上锁".into(),
            title_en: String::new(),
            frequency: Frequency::Workdays,
            required: true,
            check: None,
            position: 1,
            created_at: at(2),
            retired_at: at(20),
        };
        assert!(!rule.active_on(d(2026, 11, 1)));
        assert!(rule.active_on(d(2026, 11, 2)));
        assert!(rule.active_on(d(2026, 11, 19)));
        assert!(!rule.active_on(d(2026, 11, 20)));
        assert_eq!(rule.title(Lang::En), "档案上锁");
    }
}
