//! What the intake records beside the petition's content: where the case came from (来源),
//! what kind of matter it is (类别), the channel a refused petitioner is told to use, the
//! station's level (which decides the procedure it runs), and anonymity.
use super::types::{PetitionField, PetitionFieldError, PetitionInput};
use crate::domain::dates::parse_date_input;
use crate::domain::text::{clean_line, fold_width};
use crate::i18n::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where the case came from (来源).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// 本级受理: the petitioner came to this station.
    #[default]
    Local,
    /// 上级转送: a higher body forwarded it here as the competent body.
    Forwarded,
    /// 上级交办: a higher body assigned it here, with its own deadline and a 办结报告 owed
    /// back to it.
    Assigned,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::Local, Source::Forwarded, Source::Assigned];

    /// The stable code kept in the database and in exports.
    pub fn code(self) -> &'static str {
        match self {
            Source::Local => "local",
            Source::Forwarded => "forwarded",
            Source::Assigned => "assigned",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Source::Local => "petition.source.local",
            Source::Forwarded => "petition.source.forwarded",
            Source::Assigned => "petition.source.assigned",
        }
    }

    /// Reads the code or the Chinese name, with or without `上级`.
    pub fn parse(text: &str) -> Option<Source> {
        let t = clean_line(text).to_lowercase();
        match t.trim_start_matches("上级") {
            "local" | "本级" | "本级受理" => Some(Source::Local),
            "forwarded" | "转送" => Some(Source::Forwarded),
            "assigned" | "交办" => Some(Source::Assigned),
            _ => None,
        }
    }
}

/// The kind of matter (类别).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PetitionType {
    /// 建议意见
    Suggestion,
    /// 检举控告
    Accusation,
    /// 申诉求决
    Appeal,
}

impl PetitionType {
    pub const ALL: [PetitionType; 3] = [
        PetitionType::Suggestion,
        PetitionType::Accusation,
        PetitionType::Appeal,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PetitionType::Suggestion => "suggestion",
            PetitionType::Accusation => "accusation",
            PetitionType::Appeal => "appeal",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            PetitionType::Suggestion => "petition.type.suggestion",
            PetitionType::Accusation => "petition.type.accusation",
            PetitionType::Appeal => "petition.type.appeal",
        }
    }

    /// Reads the code, the full Chinese name or its first half (`建议`, `检举`, `申诉`).
    pub fn parse(text: &str) -> Option<PetitionType> {
        let t = clean_line(text).to_lowercase();
        match t.as_str() {
            "suggestion" | "建议意见" | "建议" | "意见" => Some(PetitionType::Suggestion),
            "accusation" | "检举控告" | "检举" | "控告" => Some(PetitionType::Accusation),
            "appeal" | "申诉求决" | "申诉" | "求决" => Some(PetitionType::Appeal),
            _ => None,
        }
    }
}

/// The channel a petitioner whose matter is not accepted is told to use.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Redirect {
    /// 诉讼
    Litigation,
    /// 仲裁
    Arbitration,
    /// 行政复议
    AdminReview,
    /// Another channel, named.
    Other(String),
}

impl Redirect {
    /// The code kept in the database; [`Redirect::Other`]'s text is kept beside it.
    pub fn code(&self) -> &'static str {
        match self {
            Redirect::Litigation => "litigation",
            Redirect::Arbitration => "arbitration",
            Redirect::AdminReview => "admin_review",
            Redirect::Other(_) => "other",
        }
    }

    pub fn label_key(&self) -> &'static str {
        match self {
            Redirect::Litigation => "petition.redirect.litigation",
            Redirect::Arbitration => "petition.redirect.arbitration",
            Redirect::AdminReview => "petition.redirect.admin_review",
            Redirect::Other(_) => "petition.redirect.other",
        }
    }

    /// Rebuilds a redirect from its code and the text kept beside it.
    pub fn from_code(code: &str, text: &str) -> Option<Redirect> {
        match code {
            "litigation" => Some(Redirect::Litigation),
            "arbitration" => Some(Redirect::Arbitration),
            "admin_review" => Some(Redirect::AdminReview),
            "other" => Some(Redirect::Other(text.to_string())),
            _ => None,
        }
    }

    /// Reads what an officer types: `诉讼`, `仲裁`, `行政复议` (or `复议`), the codes, or
    /// any other text naming the channel. Empty is none.
    pub fn parse(text: &str) -> Option<Redirect> {
        let t = clean_line(text);
        match t.to_lowercase().as_str() {
            "" => None,
            "litigation" | "诉讼" | "起诉" => Some(Redirect::Litigation),
            "arbitration" | "仲裁" => Some(Redirect::Arbitration),
            "admin_review" | "行政复议" | "复议" => Some(Redirect::AdminReview),
            _ => Some(Redirect::Other(t)),
        }
    }

    /// The text a refused petitioner is shown or an export holds, given a translator for
    /// the named channels.
    pub fn text(&self, tr: impl Fn(&str) -> String) -> String {
        match self {
            Redirect::Other(t) => t.clone(),
            named => tr(named.label_key()),
        }
    }
}

/// The station's level, kept in the settings (`station_level`): it decides which procedure
/// the station runs on a new case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StationLevel {
    /// 县级服务中心
    #[default]
    County,
    /// 乡镇服务站
    Town,
    /// 村服务站: registers and passes up (转报) the same day; it does not accept.
    Village,
}

impl StationLevel {
    /// Reads the setting; an unset or unknown level is a county centre, which runs the
    /// whole procedure.
    pub fn from_setting(value: Option<&str>) -> StationLevel {
        match value.map(str::trim) {
            Some("town") => StationLevel::Town,
            Some("village") => StationLevel::Village,
            _ => StationLevel::County,
        }
    }

    /// Whether this station runs the acceptance procedure (受理 / 不予受理 / 转送); a village
    /// station passes the petition up instead.
    pub fn accepts(self) -> bool {
        self != StationLevel::Village
    }
}

/// Whether a petitioner's name as written says it is not known: a blank, `不详`, `匿名`,
/// `无名`, `佚名`, `未知`, or an English `anonymous` / `unknown`.
pub fn name_unknown(name: &str) -> bool {
    let t = fold_width(name).trim().to_lowercase();
    let t = t.trim_matches(|c: char| c.is_ascii_punctuation() || "（）【】".contains(c));
    matches!(
        t,
        "" | "不详" | "匿名" | "无名" | "无名氏" | "佚名" | "未知" | "anonymous" | "unknown"
    )
}

/// Whether an address as written says it is not known (blank or `不详`).
pub fn address_unknown(address: &str) -> bool {
    let t = fold_width(address).trim().to_lowercase();
    matches!(t.as_str(), "" | "不详" | "未知" | "unknown")
}

/// The facts of intake the deadlines depend on, kept with the petition and given to the
/// replay of its steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Intake {
    /// An anonymous letter (or one whose name and address are unclear): the duty to notify
    /// does not apply, so no notice deadline runs.
    pub anonymous: bool,
    /// For a case assigned (交办) by a higher body: the assigner's own deadline for the
    /// 办结报告.
    pub report_due: Option<NaiveDate>,
    /// Registered at a village station, which passes it up (转报) the same day instead of
    /// deciding on acceptance. Filled from the station's level when the case is loaded.
    pub passes_up: bool,
}

/// The source, assigner and type as validated.
pub(super) struct IntakeFields {
    pub source: Source,
    pub assigner: String,
    pub assigner_due: Option<NaiveDate>,
    pub kind: Option<PetitionType>,
}

/// Validates the form's source, assigner and type, adding what is wrong to `errors`. A
/// case assigned (交办) needs the assigner and its deadline (any real date: a case may
/// arrive with its assigner's date already past); a deadline on any other source is a
/// mistake the form points out.
pub(super) fn intake_fields(
    input: &PetitionInput,
    today: NaiveDate,
    errors: &mut Vec<PetitionFieldError>,
) -> IntakeFields {
    let source = if input.source.trim().is_empty() {
        Source::Local
    } else {
        Source::parse(&input.source).unwrap_or_else(|| {
            errors.push((
                PetitionField::Source,
                Msg::new("petition.source_invalid").arg("value", clean_line(&input.source)),
            ));
            Source::Local
        })
    };
    let assigner = clean_line(&input.assigner);
    if assigner.chars().count() > 60 {
        errors.push((
            PetitionField::Assigner,
            Msg::new("field.too_long").arg("max", 60),
        ));
    }
    let due_text = input.assigner_due.trim();
    let assigner_due = if due_text.is_empty() {
        None
    } else {
        match parse_date_input(due_text, today) {
            Ok(d) => Some(d),
            Err(m) => {
                errors.push((PetitionField::AssignerDue, m));
                None
            }
        }
    };
    if source == Source::Assigned {
        if assigner.is_empty() {
            errors.push((
                PetitionField::Assigner,
                Msg::new("petition.assigner_missing"),
            ));
        }
        if due_text.is_empty() {
            errors.push((
                PetitionField::AssignerDue,
                Msg::new("petition.assigner_due_missing"),
            ));
        }
    } else if !due_text.is_empty() {
        errors.push((
            PetitionField::AssignerDue,
            Msg::new("petition.assigner_due_only_assigned"),
        ));
    }
    let kind = if input.kind.trim().is_empty() {
        None
    } else {
        let k = PetitionType::parse(&input.kind);
        if k.is_none() {
            errors.push((
                PetitionField::Kind,
                Msg::new("petition.kind_invalid").arg("value", clean_line(&input.kind)),
            ));
        }
        k
    };
    IntakeFields {
        source,
        assigner,
        assigner_due,
        kind,
    }
}
