//! A petition as registered (信访登记) and the intake form that fills one in; the form's
//! rules are in [`super::validate`].
use crate::domain::dates::parse_date_time_parts;
use crate::domain::text::{clean_line, fold_width};
use crate::i18n::Msg;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

pub use super::channel::Channel;
use super::intake::{Intake, PetitionType, Source};

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
    pub(super) fn is_blank(&self) -> bool {
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

#[cfg(test)]
#[path = "types_tests.rs"]
mod tests;
