//! Why a change to a checklist day is refused, and the refusal in words.
use super::day::NOTE_MAX;
use super::rule::pick_title;
use crate::i18n::{Lang, Msg};
use chrono::NaiveDate;

/// Why a change to a day is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The day is signed; reopen it first.
    Locked { date: NaiveDate },
    /// The day has no item for this rule.
    NoSuchItem { rule_id: i64 },
    /// An exception needs a note saying why.
    ExceptionNeedsNote { title_zh: String, title_en: String },
    /// A required item marked not applicable needs a note saying why it did not apply.
    NotApplicableNeedsNote { title_zh: String, title_en: String },
    /// A note or reason is too long.
    NoteTooLong,
    /// Required items are still open: (zh, en) titles.
    RequiredOpen { titles: Vec<(String, String)> },
    /// Signing a day that is already signed.
    AlreadySigned { date: NaiveDate },
    /// Reopening a day that is not signed.
    NotSigned { date: NaiveDate },
    /// Reopening needs a reason.
    ReasonNeeded,
    /// Days off (weekends, holidays, days marked off) have no checklist to sign.
    NotWorkingDay { date: NaiveDate },
    /// Correcting the working status of a past day needs a reason.
    CorrectionNeedsReason { date: NaiveDate },
    /// The day has not come yet.
    FutureDay { date: NaiveDate },
    /// The day has not been opened.
    NotOpened { date: NaiveDate },
    /// A rule is retired, or not found.
    NoSuchRule { rule_id: i64 },
    /// An administrator's rule is invalid.
    InvalidRule(Msg),
}

impl Refusal {
    /// The refusal in words. Rule titles are data in two languages rather than catalog
    /// entries, so the language picks which title the message names.
    pub fn msg(&self, lang: Lang) -> Msg {
        match self {
            Refusal::Locked { date } => Msg::new("checklist.locked").arg("date", date),
            Refusal::NoSuchItem { rule_id } => {
                Msg::new("checklist.no_such_item").arg("id", rule_id)
            }
            Refusal::ExceptionNeedsNote { title_zh, title_en } => {
                Msg::new("checklist.exception_needs_note")
                    .arg("item", pick_title(title_zh, title_en, lang))
            }
            Refusal::NotApplicableNeedsNote { title_zh, title_en } => {
                Msg::new("checklist.na_needs_note")
                    .arg("item", pick_title(title_zh, title_en, lang))
            }
            Refusal::NoteTooLong => Msg::new("field.too_long").arg("max", NOTE_MAX),
            Refusal::RequiredOpen { titles } => {
                let names: Vec<&str> = titles
                    .iter()
                    .map(|(zh, en)| pick_title(zh, en, lang))
                    .collect();
                let separator = match lang {
                    Lang::Zh => "、",
                    Lang::En => "; ",
                };
                Msg::new("checklist.required_open")
                    .arg("count", titles.len())
                    .arg("items", names.join(separator))
            }
            Refusal::AlreadySigned { date } => {
                Msg::new("checklist.already_signed").arg("date", date)
            }
            Refusal::NotSigned { date } => Msg::new("checklist.not_signed").arg("date", date),
            Refusal::ReasonNeeded => Msg::new("checklist.reason_needed"),
            Refusal::NotWorkingDay { date } => {
                Msg::new("checklist.not_working_day").arg("date", date)
            }
            Refusal::CorrectionNeedsReason { date } => {
                Msg::new("calendar.correction_needs_reason").arg("date", date)
            }
            Refusal::FutureDay { date } => Msg::new("checklist.future_day").arg("date", date),
            Refusal::NotOpened { date } => Msg::new("checklist.not_opened").arg("date", date),
            Refusal::NoSuchRule { rule_id } => {
                Msg::new("checklist.no_such_rule").arg("id", rule_id)
            }
            Refusal::InvalidRule(m) => m.clone(),
        }
    }
}
