//! A petition as registered (信访登记) and the rules that turn a filled-in form into one.
use crate::domain::dates::parse_date_time_parts;
use crate::domain::name::parse_name;
use crate::domain::phone::Phone;
use crate::domain::text::{clean_line, clean_multiline, fold_width};
use crate::i18n::Msg;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

pub use super::channel::Channel;
use super::intake::{Intake, PetitionType, Source, address_unknown, intake_fields, name_unknown};

/// The stability risk (稳定风险) an officer judges the case to carry. High-risk cases are
/// reported upward the same day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    Low,
    Medium,
    High,
}

impl Risk {
    /// Every level, lowest first.
    pub const ALL: [Risk; 3] = [Risk::Low, Risk::Medium, Risk::High];

    /// The stable code kept in the database.
    pub fn code(self) -> &'static str {
        match self {
            Risk::Low => "low",
            Risk::Medium => "medium",
            Risk::High => "high",
        }
    }

    /// The catalog key of the level's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Risk::Low => "petition.risk.low",
            Risk::Medium => "petition.risk.medium",
            Risk::High => "petition.risk.high",
        }
    }

    /// Reads the code, `低/中/高` (with or without `风险`) or the English word.
    pub fn parse(text: &str) -> Option<Risk> {
        let t = clean_line(text).to_lowercase();
        match t.trim_end_matches("风险") {
            "low" | "低" => Some(Risk::Low),
            "medium" | "中" => Some(Risk::Medium),
            "high" | "高" => Some(Risk::High),
            _ => None,
        }
    }
}

/// The marks a ledger shows beside a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Flags {
    /// 重复访: the same matter is already accepted and within its deadline, or was closed
    /// after re-review.
    pub repeat: bool,
    /// 越级访: the petitioner skipped the level that should handle the matter.
    pub skip_level: bool,
    /// 集体访: five or more people came about one matter.
    pub collective: bool,
}

impl Flags {
    /// The catalog keys of the flags that are set, in ledger order.
    pub fn label_keys(&self) -> Vec<&'static str> {
        let mut keys = Vec::new();
        if self.repeat {
            keys.push("petition.flag.repeat");
        }
        if self.skip_level {
            keys.push("petition.flag.skip_level");
        }
        if self.collective {
            keys.push("petition.flag.collective");
        }
        keys
    }
}

/// From this many people on, a petition is collective (集体访).
pub const COLLECTIVE_MIN_PEOPLE: u32 = 5;
/// A collective petition chooses at most this many representatives.
pub const MAX_REPRESENTATIVES: usize = 5;
/// A petitioner may appoint at most this many agents (代理人).
pub const MAX_AGENTS: usize = 2;
/// The longest subject, so that it fits a ledger line and a receipt.
pub const SUBJECT_MAX: usize = 100;
/// Longest request, facts, reasons: an oral petition is written down as said, so these are
/// generous; the limit only keeps a pasted file out.
pub const LONG_TEXT_MAX: usize = 5000;

/// One person the petition is from: somebody on file, or just a name and how to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Petitioner {
    /// The person on file, when there is one.
    pub person_id: Option<i64>,
    pub name: String,
    /// Normalised phone or empty.
    pub phone: String,
    pub address: String,
}

/// A registered petition's content (what the intake form records). The case number, the
/// row id and the status live beside it, in [`super::PetitionCase`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Petition {
    pub channel: Channel,
    /// When the letter arrived, the visitor came, the call or the message was received.
    pub received_at: NaiveDateTime,
    /// At least one; the first is the one the ledger shows.
    pub petitioners: Vec<Petitioner>,
    /// How many people came (or signed); at least the number of petitioners listed.
    pub people_count: u32,
    /// Names of the representatives of a collective petition (at most 5).
    pub representatives: Vec<String>,
    /// Names of the agents the petitioner appointed (at most 2).
    pub agents: Vec<String>,
    /// The kind of matter, as the station classifies it (free text).
    pub category: String,
    pub subject: String,
    /// 请求: what the petitioner asks for.
    pub request: String,
    /// 事实: the facts as told.
    pub facts: String,
    /// 理由: the reasons given.
    pub reasons: String,
    /// Documents handed in with the petition.
    pub documents: String,
    pub flags: Flags,
    pub risk: Risk,
    /// Username of the officer who handles the case.
    pub handler: String,
    /// The walk-in this petition was turned from (转信访), if any.
    pub from_visit: Option<i64>,
    /// 匿名: no name or address to notify; no notice deadline runs.
    pub anonymous: bool,
    /// 来源, and for a case assigned by a higher body the assigner and its deadline.
    pub source: Source,
    pub assigner: String,
    pub assigner_due: Option<NaiveDate>,
    /// 类别; `None` on cases registered before the program asked.
    pub kind: Option<PetitionType>,
}

impl Petition {
    /// The facts of intake the case's deadlines depend on.
    pub fn intake(&self) -> Intake {
        Intake {
            anonymous: self.anonymous,
            report_due: match self.source {
                Source::Assigned => self.assigner_due,
                _ => None,
            },
            passes_up: false,
        }
    }

    /// The name the ledger shows: the first petitioner's.
    pub fn first_petitioner(&self) -> &str {
        self.petitioners
            .first()
            .map(|p| p.name.as_str())
            .unwrap_or("")
    }
}

/// One petitioner row of the form, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PetitionerInput {
    pub person_id: Option<i64>,
    pub name: String,
    pub phone: String,
    pub address: String,
}

impl PetitionerInput {
    fn is_blank(&self) -> bool {
        self.person_id.is_none()
            && self.name.trim().is_empty()
            && self.phone.trim().is_empty()
            && self.address.trim().is_empty()
    }
}

/// The intake form's fields as text, the way a form holds them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PetitionInput {
    /// A channel code or name (see [`Channel::parse`]).
    pub channel: String,
    /// `YYYY-MM-DD HH:MM[:SS]`, a date alone, or a date shortcut (`t`, `-1`) with a time.
    pub received_at: String,
    /// Rows that are entirely blank are ignored, since a form shows spare rows.
    pub petitioners: Vec<PetitionerInput>,
    /// Empty means "as many as the petitioners listed".
    pub people_count: String,
    /// Names separated by `、` `,` `，` `;` `；` or line breaks.
    pub representatives: String,
    pub agents: String,
    pub category: String,
    pub subject: String,
    pub request: String,
    pub facts: String,
    pub reasons: String,
    pub documents: String,
    pub repeat: bool,
    pub skip_level: bool,
    pub collective: bool,
    /// Empty means low.
    pub risk: String,
    pub handler: String,
    pub from_visit: Option<i64>,
    /// Ticked for an anonymous letter; a petitioner named `不详` or `匿名` is anonymous too.
    pub anonymous: bool,
    /// A source code or name (see [`Source::parse`]); empty means taken here.
    pub source: String,
    /// For 交办: the body that assigned the case, and its deadline (a date).
    pub assigner: String,
    pub assigner_due: String,
    /// A type code or name (see [`PetitionType::parse`]); empty means not classified.
    pub kind: String,
}

/// The fields of the intake form, for pointing at the one in error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PetitionField {
    Channel,
    ReceivedAt,
    /// The list as a whole (none given).
    Petitioners,
    PetitionerName(usize),
    PetitionerPhone(usize),
    PetitionerAddress(usize),
    PeopleCount,
    Representatives,
    Agents,
    Category,
    Subject,
    Request,
    Facts,
    Reasons,
    Documents,
    Collective,
    Risk,
    Handler,
    Source,
    Assigner,
    AssignerDue,
    Kind,
}

impl PetitionField {
    /// The catalog key of the field's label.
    pub fn label_key(self) -> &'static str {
        match self {
            PetitionField::Channel => "petition.field.channel",
            PetitionField::ReceivedAt => "petition.field.received_at",
            PetitionField::Petitioners => "petition.field.petitioners",
            PetitionField::PetitionerName(_) => "petition.field.petitioner_name",
            PetitionField::PetitionerPhone(_) => "petition.field.petitioner_phone",
            PetitionField::PetitionerAddress(_) => "petition.field.petitioner_address",
            PetitionField::PeopleCount => "petition.field.people_count",
            PetitionField::Representatives => "petition.field.representatives",
            PetitionField::Agents => "petition.field.agents",
            PetitionField::Category => "petition.field.category",
            PetitionField::Subject => "petition.field.subject",
            PetitionField::Request => "petition.field.request",
            PetitionField::Facts => "petition.field.facts",
            PetitionField::Reasons => "petition.field.reasons",
            PetitionField::Documents => "petition.field.documents",
            PetitionField::Collective => "petition.field.collective",
            PetitionField::Risk => "petition.field.risk",
            PetitionField::Handler => "petition.field.handler",
            PetitionField::Source => "petition.field.source",
            PetitionField::Assigner => "petition.field.assigner",
            PetitionField::AssignerDue => "petition.field.assigner_due",
            PetitionField::Kind => "petition.field.kind",
        }
    }

    /// Every field once (petitioner fields for row 0), for catalog checks.
    pub const ALL: [PetitionField; 22] = [
        PetitionField::Channel,
        PetitionField::ReceivedAt,
        PetitionField::Petitioners,
        PetitionField::PetitionerName(0),
        PetitionField::PetitionerPhone(0),
        PetitionField::PetitionerAddress(0),
        PetitionField::PeopleCount,
        PetitionField::Representatives,
        PetitionField::Agents,
        PetitionField::Category,
        PetitionField::Subject,
        PetitionField::Request,
        PetitionField::Facts,
        PetitionField::Reasons,
        PetitionField::Documents,
        PetitionField::Collective,
        PetitionField::Risk,
        PetitionField::Handler,
        PetitionField::Source,
        PetitionField::Assigner,
        PetitionField::AssignerDue,
        PetitionField::Kind,
    ];
}

/// What is wrong with one field of the intake form.
pub type PetitionFieldError = (PetitionField, Msg);

/// Parses a date and time as typed, as every date-and-time field reads it
/// ([`parse_date_time_parts`]: `t`, `-1`, `昨天 15:30`). A date without a time is taken at
/// midnight: letters often carry only a date.
pub fn parse_datetime_input(text: &str, today: NaiveDate) -> Result<NaiveDateTime, Msg> {
    let folded = fold_width(text);
    let t = folded.trim();
    if t.is_empty() {
        return Err(Msg::new("date.empty"));
    }
    let (date, time) = parse_date_time_parts(t, today)
        .ok_or_else(|| Msg::new("petition.datetime_invalid").arg("value", t))?;
    Ok(date.and_time(time.unwrap_or(NaiveTime::MIN)))
}

/// Splits a list of names as people type it: `张三、李四`, `张三, 李四`, one per line.
fn split_names(text: &str) -> Vec<String> {
    clean_multiline(text)
        .split(['、', ',', '，', ';', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn names(
    field: PetitionField,
    text: &str,
    max: usize,
    too_many: &'static str,
    errors: &mut Vec<PetitionFieldError>,
) -> Vec<String> {
    let mut out = Vec::new();
    for raw in split_names(text) {
        match parse_name(&raw) {
            Ok(n) => out.push(n),
            Err(m) => errors.push((field, m)),
        }
    }
    if out.len() > max {
        errors.push((
            field,
            Msg::new(too_many).arg("max", max).arg("count", out.len()),
        ));
    }
    out
}

fn line(
    field: PetitionField,
    text: &str,
    max: usize,
    errors: &mut Vec<PetitionFieldError>,
) -> String {
    let cleaned = clean_line(text);
    if cleaned.chars().count() > max {
        errors.push((field, Msg::new("field.too_long").arg("max", max)));
    }
    cleaned
}

fn multiline(
    field: PetitionField,
    text: &str,
    max: usize,
    errors: &mut Vec<PetitionFieldError>,
) -> String {
    let cleaned = clean_multiline(text);
    if cleaned.chars().count() > max {
        errors.push((field, Msg::new("field.too_long").arg("max", max)));
    }
    cleaned
}

impl PetitionInput {
    /// Validates every field against `today` (the receipt may not lie in the future) and
    /// builds the petition; on failure lists every problem found, in form order.
    ///
    /// The minimum content the 信访工作条例 asks for is enforced: a petitioner's name, a way
    /// to reach the petitioners (an address or a phone of at least one of them) and the
    /// request. Facts and reasons are recorded when given; an oral petition often has none
    /// worth separating from the request.
    pub fn validate(&self, today: NaiveDate) -> Result<Petition, Vec<PetitionFieldError>> {
        let mut errors: Vec<PetitionFieldError> = Vec::new();

        let channel = if self.channel.trim().is_empty() {
            errors.push((PetitionField::Channel, Msg::new("petition.channel_missing")));
            None
        } else {
            let c = Channel::parse(&self.channel);
            if c.is_none() {
                errors.push((
                    PetitionField::Channel,
                    Msg::new("petition.channel_invalid").arg("value", clean_line(&self.channel)),
                ));
            }
            c
        };

        let received_at = match parse_datetime_input(&self.received_at, today) {
            Ok(at) if at.date() > today => {
                errors.push((
                    PetitionField::ReceivedAt,
                    Msg::new("petition.received_future"),
                ));
                None
            }
            Ok(at) => Some(at),
            Err(m) => {
                errors.push((PetitionField::ReceivedAt, m));
                None
            }
        };

        let anonymous = self.anonymous
            || (self.petitioners.iter().any(|r| !r.is_blank())
                && self
                    .petitioners
                    .iter()
                    .filter(|r| !r.is_blank())
                    .all(|r| name_unknown(&r.name) && address_unknown(&r.address)));
        let mut petitioners = Vec::new();
        for (i, row) in self.petitioners.iter().enumerate() {
            if row.is_blank() {
                continue;
            }
            let mut p = Petitioner {
                person_id: row.person_id,
                ..Default::default()
            };
            // An anonymous letter keeps what was written for the name (不详, 匿名) or none.
            match parse_name(&row.name) {
                Ok(n) => p.name = n,
                Err(_) if anonymous && name_unknown(&row.name) => {
                    p.name = clean_line(&row.name);
                }
                Err(m) => errors.push((PetitionField::PetitionerName(i), m)),
            }
            if !row.phone.trim().is_empty() {
                match Phone::parse(&row.phone) {
                    Ok(ph) => p.phone = ph.as_str().to_string(),
                    Err(m) => errors.push((PetitionField::PetitionerPhone(i), m)),
                }
            }
            p.address = line(
                PetitionField::PetitionerAddress(i),
                &row.address,
                100,
                &mut errors,
            );
            petitioners.push((i, p));
        }
        if anonymous {
            // Nothing to reach: the duty to notify does not apply to an anonymous letter.
        } else if petitioners.is_empty() {
            errors.push((
                PetitionField::Petitioners,
                Msg::new("petition.petitioner_missing"),
            ));
        } else if petitioners
            .iter()
            .all(|(_, p)| p.phone.is_empty() && p.address.is_empty())
        {
            // Only complain when no phone was even typed: a mistyped phone has its own error.
            let first = petitioners[0].0;
            let typed_phone = self
                .petitioners
                .iter()
                .any(|row| !row.phone.trim().is_empty());
            if !typed_phone {
                errors.push((
                    PetitionField::PetitionerAddress(first),
                    Msg::new("petition.contact_missing"),
                ));
            }
        }
        let listed = u32::try_from(petitioners.len()).unwrap_or(u32::MAX);

        let count_text = fold_width(&self.people_count);
        let count_text = count_text.trim().trim_end_matches('人').trim();
        let people_count = if count_text.is_empty() {
            listed.max(1)
        } else {
            match count_text.parse::<u32>() {
                Ok(n) if (1..=100_000).contains(&n) => {
                    if n < listed {
                        errors.push((
                            PetitionField::PeopleCount,
                            Msg::new("petition.count_below_listed").arg("count", listed),
                        ));
                    }
                    n
                }
                _ => {
                    errors.push((
                        PetitionField::PeopleCount,
                        Msg::new("petition.count_invalid").arg("value", count_text),
                    ));
                    listed.max(1)
                }
            }
        };

        let representatives = names(
            PetitionField::Representatives,
            &self.representatives,
            MAX_REPRESENTATIVES,
            "petition.too_many_representatives",
            &mut errors,
        );
        let agents = names(
            PetitionField::Agents,
            &self.agents,
            MAX_AGENTS,
            "petition.too_many_agents",
            &mut errors,
        );

        let category = line(PetitionField::Category, &self.category, 40, &mut errors);
        let subject = line(
            PetitionField::Subject,
            &self.subject,
            SUBJECT_MAX,
            &mut errors,
        );
        if subject.is_empty() {
            errors.push((PetitionField::Subject, Msg::new("petition.subject_missing")));
        }
        let request = multiline(
            PetitionField::Request,
            &self.request,
            LONG_TEXT_MAX,
            &mut errors,
        );
        if request.is_empty() {
            errors.push((PetitionField::Request, Msg::new("petition.request_missing")));
        }
        let facts = multiline(
            PetitionField::Facts,
            &self.facts,
            LONG_TEXT_MAX,
            &mut errors,
        );
        let reasons = multiline(
            PetitionField::Reasons,
            &self.reasons,
            LONG_TEXT_MAX,
            &mut errors,
        );
        let documents = multiline(PetitionField::Documents, &self.documents, 1000, &mut errors);

        // Five or more people make a petition collective whatever the officer ticked; a
        // ticked box with fewer people is a contradiction the ledger must not carry.
        let collective = people_count >= COLLECTIVE_MIN_PEOPLE;
        if self.collective && !collective {
            errors.push((
                PetitionField::Collective,
                Msg::new("petition.collective_needs_people").arg("min", COLLECTIVE_MIN_PEOPLE),
            ));
        }

        let risk = if self.risk.trim().is_empty() {
            Risk::Low
        } else {
            Risk::parse(&self.risk).unwrap_or_else(|| {
                errors.push((
                    PetitionField::Risk,
                    Msg::new("petition.risk_invalid").arg("value", clean_line(&self.risk)),
                ));
                Risk::Low
            })
        };

        let handler = line(PetitionField::Handler, &self.handler, 40, &mut errors);
        if handler.is_empty() {
            errors.push((PetitionField::Handler, Msg::new("petition.handler_missing")));
        }

        let facts_of_intake = intake_fields(self, today, &mut errors);

        match (channel, received_at) {
            (Some(channel), Some(received_at)) if errors.is_empty() => Ok(Petition {
                channel,
                received_at,
                petitioners: petitioners.into_iter().map(|(_, p)| p).collect(),
                people_count,
                representatives,
                agents,
                category,
                subject,
                request,
                facts,
                reasons,
                documents,
                flags: Flags {
                    repeat: self.repeat,
                    skip_level: self.skip_level,
                    collective,
                },
                risk,
                handler,
                from_visit: self.from_visit,
                anonymous,
                source: facts_of_intake.source,
                assigner: facts_of_intake.assigner,
                assigner_due: facts_of_intake.assigner_due,
                kind: facts_of_intake.kind,
            }),
            _ => Err(errors),
        }
    }

    /// The text form of a registered petition, for showing it in the form again.
    pub fn from_petition(p: &Petition) -> PetitionInput {
        PetitionInput {
            channel: p.channel.code().to_string(),
            received_at: p.received_at.format("%Y-%m-%d %H:%M:%S").to_string(),
            petitioners: p
                .petitioners
                .iter()
                .map(|x| PetitionerInput {
                    person_id: x.person_id,
                    name: x.name.clone(),
                    phone: x.phone.clone(),
                    address: x.address.clone(),
                })
                .collect(),
            people_count: p.people_count.to_string(),
            representatives: p.representatives.join("、"),
            agents: p.agents.join("、"),
            category: p.category.clone(),
            subject: p.subject.clone(),
            request: p.request.clone(),
            facts: p.facts.clone(),
            reasons: p.reasons.clone(),
            documents: p.documents.clone(),
            repeat: p.flags.repeat,
            skip_level: p.flags.skip_level,
            collective: p.flags.collective,
            risk: p.risk.code().to_string(),
            handler: p.handler.clone(),
            from_visit: p.from_visit,
            anonymous: p.anonymous,
            source: p.source.code().to_string(),
            assigner: p.assigner.clone(),
            assigner_due: p
                .assigner_due
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            kind: p.kind.map(|k| k.code().to_string()).unwrap_or_default(),
        }
    }
}

/// Whether two subjects name the same matter, for the repeat check. Compares the subjects
/// without spaces and punctuation: equal, one containing the other (a short subject typed
/// the second time), or sharing at least half of their character pairs (the same complaint
/// worded a little differently). It is a hint for the officer, who decides.
pub fn same_matter(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> Vec<char> {
        fold_width(s)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (sa, sb): (String, String) = (a.iter().collect(), b.iter().collect());
    if sa == sb {
        return true;
    }
    // Containment counts only when the shorter one is not trivially short (one character
    // such as "地" would be contained in half the subjects).
    if a.len().min(b.len()) >= 4 && (sa.contains(&sb) || sb.contains(&sa)) {
        return true;
    }
    let pairs = |v: &[char]| -> std::collections::HashSet<(char, char)> {
        v.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (pa, pb) = (pairs(&a), pairs(&b));
    let union = pa.union(&pb).count();
    if union == 0 {
        return false;
    }
    let shared = pa.intersection(&pb).count();
    shared * 2 >= union
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn input() -> PetitionInput {
        PetitionInput {
            channel: "来访".into(),
            received_at: "2026-11-25 09:30".into(),
            petitioners: vec![PetitionerInput {
                person_id: None,
                name: "张三丰".into(),
                phone: "138-0000-1234".into(),
                address: "城关镇东街1号".into(),
            }],
            subject: "优待证未办理".into(),
            request: "请求尽快办理优待证".into(),
            handler: "wang".into(),
            ..Default::default()
        }
    }

    fn fields(errs: &[PetitionFieldError]) -> Vec<PetitionField> {
        errs.iter().map(|(f, _)| *f).collect()
    }

    #[test]
    fn a_good_form_becomes_a_petition() {
        let p = input().validate(today()).unwrap();
        assert_eq!(p.channel, Channel::Visit);
        assert_eq!(p.received_at.to_string(), "2026-11-25 09:30:00");
        assert_eq!(p.petitioners[0].phone, "13800001234");
        assert_eq!(p.people_count, 1);
        assert_eq!(p.risk, Risk::Low);
        assert!(!p.flags.collective);
        assert_eq!(
            PetitionInput::from_petition(&p).validate(today()).unwrap(),
            p
        );
    }

    #[test]
    fn an_empty_form_lists_every_missing_thing() {
        let errs = PetitionInput::default().validate(today()).unwrap_err();
        assert_eq!(
            fields(&errs),
            vec![
                PetitionField::Channel,
                PetitionField::ReceivedAt,
                PetitionField::Petitioners,
                PetitionField::Subject,
                PetitionField::Request,
                PetitionField::Handler,
            ]
        );
    }

    #[test]
    fn the_receipt_time_may_not_be_in_the_future() {
        let mut i = input();
        i.received_at = "+1 08:00".into();
        let errs = i.validate(today()).unwrap_err();
        assert_eq!(errs[0].1.key, "petition.received_future");
        i.received_at = "t".into();
        assert_eq!(
            i.validate(today()).unwrap().received_at,
            today().and_hms_opt(0, 0, 0).unwrap()
        );
        i.received_at = "2026-11-25 25:00".into();
        assert_eq!(
            i.validate(today()).unwrap_err()[0].1.key,
            "petition.datetime_invalid"
        );
        i.received_at = "２０２６-１１-２４ ８：０５".into();
        assert_eq!(
            i.validate(today()).unwrap().received_at.to_string(),
            "2026-11-24 08:05:00"
        );
    }

    #[test]
    fn a_way_to_reach_the_petitioner_is_required() {
        let mut i = input();
        i.petitioners[0].phone.clear();
        i.petitioners[0].address.clear();
        let errs = i.validate(today()).unwrap_err();
        assert_eq!(fields(&errs), vec![PetitionField::PetitionerAddress(0)]);
        assert_eq!(errs[0].1.key, "petition.contact_missing");
        // a second petitioner's address is enough
        i.petitioners.push(PetitionerInput {
            name: "李四".into(),
            address: "某村".into(),
            ..Default::default()
        });
        assert!(i.validate(today()).is_ok());
    }

    #[test]
    fn blank_rows_are_skipped_and_bad_rows_named() {
        let mut i = input();
        i.petitioners.insert(0, PetitionerInput::default());
        i.petitioners.push(PetitionerInput {
            name: "".into(),
            phone: "123".into(),
            ..Default::default()
        });
        let errs = i.validate(today()).unwrap_err();
        assert_eq!(
            fields(&errs),
            vec![
                PetitionField::PetitionerName(2),
                PetitionField::PetitionerPhone(2)
            ]
        );
    }

    #[test]
    fn five_people_make_it_collective() {
        let mut i = input();
        i.people_count = "５人".into();
        let p = i.validate(today()).unwrap();
        assert_eq!(p.people_count, 5);
        assert!(p.flags.collective);
        i.people_count = "4".into();
        i.collective = true;
        let errs = i.validate(today()).unwrap_err();
        assert_eq!(fields(&errs), vec![PetitionField::Collective]);
        i.people_count = "0".into();
        i.collective = false;
        assert_eq!(
            i.validate(today()).unwrap_err()[0].1.key,
            "petition.count_invalid"
        );
    }

    #[test]
    fn people_count_cannot_be_below_the_listed_petitioners() {
        let mut i = input();
        i.petitioners.push(PetitionerInput {
            name: "李四".into(),
            ..Default::default()
        });
        assert_eq!(i.validate(today()).unwrap().people_count, 2);
        i.people_count = "1".into();
        assert_eq!(
            i.validate(today()).unwrap_err()[0].1.key,
            "petition.count_below_listed"
        );
    }

    #[test]
    fn at_most_five_representatives_and_two_agents() {
        let mut i = input();
        i.people_count = "30".into();
        i.representatives = "张一、张二,张三，张四;张五".into();
        i.agents = "李一\n李二".into();
        let p = i.validate(today()).unwrap();
        assert_eq!(p.representatives.len(), 5);
        assert_eq!(p.agents, vec!["李一", "李二"]);
        i.representatives.push_str("；张六");
        i.agents.push_str("、李三");
        let errs = i.validate(today()).unwrap_err();
        assert_eq!(
            fields(&errs),
            vec![PetitionField::Representatives, PetitionField::Agents]
        );
        assert_eq!(errs[0].1.key, "petition.too_many_representatives");
    }

    #[test]
    fn long_and_bad_text_is_refused() {
        let mut i = input();
        i.subject = "事".repeat(101);
        i.risk = "极高".into();
        i.channel = "电报".into();
        let errs = i.validate(today()).unwrap_err();
        assert_eq!(
            fields(&errs),
            vec![
                PetitionField::Channel,
                PetitionField::Subject,
                PetitionField::Risk
            ]
        );
        i.subject = "事".repeat(100);
        i.risk = "高风险".into();
        i.channel = "网上".into();
        let p = i.validate(today()).unwrap();
        assert_eq!(p.risk, Risk::High);
        assert_eq!(p.channel, Channel::Online);
    }

    #[test]
    fn control_characters_are_cleaned() {
        let mut i = input();
        i.subject = " 优待证\u{1b}[2J ".into();
        i.request = "第一行\r\n第二行\u{7}".into();
        let p = i.validate(today()).unwrap();
        assert_eq!(p.subject, "优待证[2J");
        assert_eq!(p.request, "第一行\n第二行");
    }

    #[test]
    fn same_matter_is_recognised_loosely() {
        assert!(same_matter("优待证未办理", "优待证 未办理！"));
        assert!(same_matter("优待证未办理", "关于优待证未办理的问题"));
        assert!(same_matter("要求补发伤残抚恤金", "要求补发抚恤金"));
        assert!(!same_matter("优待证未办理", "宅基地纠纷"));
        assert!(!same_matter("", "宅基地纠纷"));
        assert!(!same_matter("地", "宅基地纠纷"));
    }
}
