//! Walk-ins (来访登记): who came, when, why, what was done and what follow-up is due.
use super::id_number::{IdNumber, ReadId};
use super::name::parse_name;
use super::phone::Phone;
use super::text::{clean_line, clean_multiline};
use crate::i18n::{Lang, Msg};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Visit purposes (the services a station provides), in the order of DOMAIN.md.
pub const PURPOSES: [&str; 14] = [
    "政策咨询",
    "建档立卡/信息采集",
    "优待证办理",
    "抚恤补助",
    "就业创业",
    "帮扶援助",
    "医疗救助/体检",
    "法律援助",
    "权益维护",
    "信访",
    "党组织关系转接",
    "走访慰问",
    "立功喜报",
    "其他",
];

pub const PURPOSES_EN: [&str; 14] = [
    "Policy enquiry",
    "Registration / data collection",
    "Preferential-treatment card",
    "Pensions and subsidies",
    "Employment and business",
    "Hardship assistance",
    "Medical assistance / check-up",
    "Legal aid",
    "Rights protection",
    "Petition",
    "Party-membership transfer",
    "Home and condolence visits",
    "Merit notice",
    "Other",
];

pub fn purpose_name(index: usize, lang: Lang) -> &'static str {
    let i = index.min(PURPOSES.len() - 1);
    match lang {
        Lang::Zh => PURPOSES[i],
        Lang::En => PURPOSES_EN[i],
    }
}

/// What came of a walk-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// 当场办结
    DoneOnSpot,
    /// 转办: referred to another department
    Referred { to: String },
    /// 待跟进: a follow-up is due on a date
    FollowUp { due: NaiveDate },
    /// 转信访: handed over to a petition case
    ToPetition,
}

impl Outcome {
    /// The stored code: `done`, `referred`, `follow_up`, `petition`.
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::DoneOnSpot => "done",
            Outcome::Referred { .. } => "referred",
            Outcome::FollowUp { .. } => "follow_up",
            Outcome::ToPetition => "petition",
        }
    }
    /// The catalog key of the outcome's name.
    pub fn label_key(&self) -> &'static str {
        outcome_label_key(self.code())
    }
}

/// Catalog key of an outcome code.
pub fn outcome_label_key(code: &str) -> &'static str {
    match code {
        "done" => "visit.outcome_done",
        "referred" => "visit.outcome_referred",
        "follow_up" => "visit.outcome_follow_up",
        "petition" => "visit.outcome_petition",
        _ => "visit.outcome_none",
    }
}

/// The outcome codes in the order a form offers them.
pub const OUTCOME_CODES: [&str; 4] = ["done", "referred", "follow_up", "petition"];

/// A registered walk-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    pub id: Option<i64>,
    /// The person on file, if any.
    pub person_id: Option<i64>,
    /// The visitor's name: the person's name, or an unregistered visitor's.
    pub visitor_name: String,
    pub visitor_phone: String,
    /// A visitor not on file's ID number in its 18-digit form, when given (else empty).
    pub visitor_id_number: String,
    pub arrived_at: NaiveDateTime,
    /// Index into [`PURPOSES`].
    pub purpose: usize,
    pub summary: String,
    pub outcome: Outcome,
    /// The officer who handled it (username).
    pub handler: String,
    pub follow_up_done_at: Option<NaiveDateTime>,
    pub follow_up_note: String,
    /// The petition case this walk-in turned into.
    pub petition_id: Option<i64>,
}

/// The fields of a walk-in form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VisitField {
    Visitor,
    Phone,
    IdNumber,
    ArrivedAt,
    Purpose,
    Summary,
    Outcome,
    ReferredTo,
    FollowUpDate,
}

/// A walk-in as the form holds it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VisitInput {
    pub person_id: Option<i64>,
    /// The name of the person on file, or of an unregistered visitor.
    pub visitor_name: String,
    pub visitor_phone: String,
    /// A visitor not on file's ID number, optional; read as the person form reads it.
    pub visitor_id_number: String,
    /// `YYYY-MM-DD HH:MM`, or `HH:MM` for today; empty for now.
    pub arrived_at: String,
    pub purpose: Option<usize>,
    pub summary: String,
    /// One of [`OUTCOME_CODES`].
    pub outcome: String,
    pub referred_to: String,
    /// A date or a shortcut (`+7`).
    pub follow_up_date: String,
    pub handler: String,
}

/// Parses the arrival time as every date-and-time field reads it
/// ([`super::dates::parse_date_time_parts`]): `HH:MM` is today, a date alone (`-1`, `昨天`)
/// keeps the time of `now`; empty means `now`.
pub fn parse_time_input(text: &str, now: NaiveDateTime) -> Result<NaiveDateTime, Msg> {
    let folded = super::text::fold_width(text);
    let t = folded.trim();
    if t.is_empty() {
        return Ok(now);
    }
    if let Some((date, time)) = super::dates::parse_date_time_parts(t, now.date()) {
        return Ok(date.and_time(time.unwrap_or(now.time())));
    }
    Err(Msg::new("visit.time_invalid").arg("value", t))
}

/// A visitor's ID number as the person form reads it: empty is none; a 15-digit number
/// comes back in its 18-digit form (the [`ReadId`] says so); a wrong check character, a
/// birth date to come or a wrong length is refused.
pub fn visitor_id(text: &str, today: NaiveDate) -> Result<Option<ReadId>, Msg> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let read = IdNumber::read(text)?;
    match super::person_dates::id_birth_after(&read.id, today) {
        Some(m) => Err(m),
        None => Ok(Some(read)),
    }
}

impl VisitInput {
    /// Validates the form against the clock's `now`.
    pub fn validate(&self, now: NaiveDateTime) -> Result<Visit, Vec<(VisitField, Msg)>> {
        let mut errors = Vec::new();
        let visitor_name = match parse_name(&self.visitor_name) {
            Ok(n) => n,
            Err(m) => {
                errors.push((
                    VisitField::Visitor,
                    if self.visitor_name.trim().is_empty() {
                        Msg::new("visit.visitor_missing")
                    } else {
                        m
                    },
                ));
                String::new()
            }
        };
        let visitor_phone = if self.visitor_phone.trim().is_empty() {
            String::new()
        } else {
            match Phone::parse(&self.visitor_phone) {
                Ok(p) => p.as_str().to_string(),
                Err(m) => {
                    errors.push((VisitField::Phone, m));
                    String::new()
                }
            }
        };
        let visitor_id_number = match visitor_id(&self.visitor_id_number, now.date()) {
            Ok(id) => id.map(|r| r.id.as_str().to_string()).unwrap_or_default(),
            Err(m) => {
                errors.push((VisitField::IdNumber, m));
                String::new()
            }
        };
        let arrived_at = match parse_time_input(&self.arrived_at, now) {
            Ok(at) if at > now + chrono::Duration::minutes(5) => {
                errors.push((VisitField::ArrivedAt, Msg::new("visit.time_future")));
                now
            }
            Ok(at) => at,
            Err(m) => {
                errors.push((VisitField::ArrivedAt, m));
                now
            }
        };
        let purpose = match self.purpose {
            Some(p) if p < PURPOSES.len() => p,
            _ => {
                errors.push((VisitField::Purpose, Msg::new("visit.purpose_missing")));
                0
            }
        };
        let summary = clean_multiline(&self.summary);
        if summary.chars().count() > 2000 {
            errors.push((
                VisitField::Summary,
                Msg::new("field.too_long").arg("max", 2000),
            ));
        }
        let outcome = match self.outcome.as_str() {
            "done" => Some(Outcome::DoneOnSpot),
            "referred" => {
                let to = clean_line(&self.referred_to);
                if to.is_empty() {
                    errors.push((VisitField::ReferredTo, Msg::new("visit.referred_missing")));
                }
                Some(Outcome::Referred { to })
            }
            "follow_up" => match super::dates::parse_date_input(&self.follow_up_date, now.date()) {
                Ok(due) if due < now.date() => {
                    errors.push((VisitField::FollowUpDate, Msg::new("visit.follow_up_past")));
                    None
                }
                Ok(due) => Some(Outcome::FollowUp { due }),
                Err(m) => {
                    let m = if self.follow_up_date.trim().is_empty() {
                        Msg::new("visit.follow_up_missing")
                    } else {
                        m
                    };
                    errors.push((VisitField::FollowUpDate, m));
                    None
                }
            },
            "petition" => Some(Outcome::ToPetition),
            _ => {
                errors.push((VisitField::Outcome, Msg::new("visit.outcome_missing")));
                None
            }
        };
        match outcome {
            Some(outcome) if errors.is_empty() => Ok(Visit {
                id: None,
                person_id: self.person_id,
                visitor_name,
                visitor_phone,
                visitor_id_number,
                arrived_at,
                purpose,
                summary,
                outcome,
                handler: clean_line(&self.handler),
                follow_up_done_at: None,
                follow_up_note: String::new(),
                petition_id: None,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(10, 30, 0)
            .unwrap()
    }

    fn input() -> VisitInput {
        VisitInput {
            visitor_name: "阿依古丽·买买提".into(),
            purpose: Some(3),
            summary: "询问抚恤金发放\n时间".into(),
            outcome: "follow_up".into(),
            follow_up_date: "+7".into(),
            handler: "wang".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_walk_in_with_a_follow_up() {
        let v = input().validate(now()).unwrap();
        assert_eq!(
            v.outcome,
            Outcome::FollowUp {
                due: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
            }
        );
        assert_eq!(v.arrived_at, now());
        assert_eq!(v.summary, "询问抚恤金发放\n时间");
    }

    #[test]
    fn an_unregistered_visitor_needs_a_name() {
        let i = VisitInput {
            visitor_name: " ".into(),
            ..input()
        };
        let errs = i.validate(now()).unwrap_err();
        assert_eq!(
            errs[0],
            (VisitField::Visitor, Msg::new("visit.visitor_missing"))
        );
    }

    #[test]
    fn each_outcome_needs_its_detail() {
        let errs = VisitInput {
            outcome: "referred".into(),
            ..input()
        }
        .validate(now())
        .unwrap_err();
        assert_eq!(errs[0].0, VisitField::ReferredTo);
        let errs = VisitInput {
            follow_up_date: "".into(),
            ..input()
        }
        .validate(now())
        .unwrap_err();
        assert_eq!(errs[0].1.key, "visit.follow_up_missing");
        let errs = VisitInput {
            follow_up_date: "-1".into(),
            ..input()
        }
        .validate(now())
        .unwrap_err();
        assert_eq!(errs[0].1.key, "visit.follow_up_past");
        let errs = VisitInput {
            outcome: "".into(),
            ..input()
        }
        .validate(now())
        .unwrap_err();
        assert_eq!(errs[0].0, VisitField::Outcome);
        assert!(
            VisitInput {
                outcome: "done".into(),
                ..input()
            }
            .validate(now())
            .is_ok()
        );
    }

    #[test]
    fn times() {
        assert_eq!(
            parse_time_input("09:15", now()).unwrap(),
            now().date().and_hms_opt(9, 15, 0).unwrap()
        );
        assert_eq!(
            parse_time_input("2026-11-24 16:00", now())
                .unwrap()
                .format("%d %H")
                .to_string(),
            "24 16"
        );
        assert!(parse_time_input("25:00", now()).is_err());
        // Yesterday's walk-in, as the date fields take it.
        let yesterday = now().date().pred_opt().unwrap();
        assert_eq!(
            parse_time_input("-1", now()).unwrap(),
            yesterday.and_time(now().time())
        );
        for typed in ["昨天 15:30", "yesterday 15:30", "-1 15:30"] {
            assert_eq!(
                parse_time_input(typed, now()).unwrap(),
                yesterday.and_hms_opt(15, 30, 0).unwrap(),
                "{typed}"
            );
        }
        assert_eq!(
            parse_time_input("t 15:30", now()).unwrap(),
            now().date().and_hms_opt(15, 30, 0).unwrap()
        );
        let errs = VisitInput {
            arrived_at: "2026-11-26 09:00".into(),
            ..input()
        }
        .validate(now())
        .unwrap_err();
        assert_eq!(errs[0].1.key, "visit.time_future");
    }

    #[test]
    fn a_visitor_s_id_number_is_read_as_the_person_form_reads_it() {
        let with = |id: &str| {
            VisitInput {
                visitor_id_number: id.into(),
                ..input()
            }
            .validate(now())
        };
        assert_eq!(with("").unwrap().visitor_id_number, "");
        assert_eq!(
            with("11010519491231002x").unwrap().visitor_id_number,
            "11010519491231002X"
        );
        // The old 15-digit form comes back with its century and check character.
        assert_eq!(
            with("110105491231002").unwrap().visitor_id_number,
            "11010519491231002X"
        );
        assert!(
            visitor_id("110105491231002", now().date())
                .unwrap()
                .unwrap()
                .notice()
                .is_some()
        );
        // A wrong check character or length is refused on the ID field.
        for bad in ["110105194912310021", "1101051949"] {
            let errs = with(bad).unwrap_err();
            assert_eq!(errs[0].0, VisitField::IdNumber, "{bad}");
        }
    }

    #[test]
    fn purposes_have_both_languages() {
        assert_eq!(PURPOSES.len(), PURPOSES_EN.len());
        assert_eq!(purpose_name(9, Lang::Zh), "信访");
        assert_eq!(purpose_name(99, Lang::En), "Other");
    }
}
