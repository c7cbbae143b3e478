//! Correcting a saved walk-in: who may, what may change, and what changed.
//!
//! The officer who registered a walk-in may correct it on the day it was registered; an
//! administrator may correct any walk-in on any day. Every correction gives a reason, and
//! the version it replaces is kept.
use super::mask::mask_id;
use super::text::clean_multiline;
use super::visit::{Outcome, Visit, purpose_name};
use crate::i18n::{Lang, Msg, t};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

/// A saved walk-in with what a correction needs to know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitRecord {
    pub visit: Visit,
    /// 1, raised by every correction.
    pub version: i64,
    /// The day it was registered (not the day the visitor came: a walk-in can be entered
    /// the next morning).
    pub registered_on: NaiveDate,
    /// Earlier versions, oldest first.
    pub history: Vec<VisitVersion>,
}

/// A version a correction replaced: the walk-in as it was, and who replaced it, when, why.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitVersion {
    pub version: i64,
    pub visit: Visit,
    pub corrected_at: NaiveDateTime,
    pub corrected_by: String,
    pub reason: String,
}

/// What the officer asks to change, over the version they opened.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitCorrection {
    pub visit_id: i64,
    /// The version the officer opened; a save over a newer one is stopped.
    pub version: i64,
    /// The corrected fields (validated as a new walk-in is).
    pub fields: Visit,
    pub reason: String,
}

/// Whether `actor` may correct a walk-in registered by `handler` on `registered_on`.
pub fn may_correct(
    handler: &str,
    registered_on: NaiveDate,
    actor: &str,
    is_admin: bool,
    today: NaiveDate,
) -> Result<(), Msg> {
    if is_admin {
        return Ok(());
    }
    if actor != handler {
        return Err(Msg::new("record_walkins.not_your_walkin").arg("handler", handler));
    }
    if registered_on != today {
        return Err(Msg::new("record_walkins.not_today").arg("day", registered_on));
    }
    Ok(())
}

/// The reason, cleaned; an empty one is refused.
pub fn reason(text: &str) -> Result<String, Msg> {
    let r = clean_multiline(text);
    if r.trim().is_empty() {
        return Err(Msg::new("record_walkins.reason_missing"));
    }
    if r.chars().count() > 500 {
        return Err(Msg::new("field.too_long").arg("max", 500));
    }
    Ok(r)
}

/// `saved` with the correctable fields taken from `fields`: purpose, summary, outcome (and
/// its detail), and the visitor's name and phone when the visitor is not on file. Who came
/// when, who handled it, and what followed stay as registered.
pub fn apply(saved: &Visit, fields: &Visit) -> Visit {
    let mut out = saved.clone();
    out.purpose = fields.purpose;
    out.summary = fields.summary.clone();
    out.outcome = fields.outcome.clone();
    if saved.person_id.is_none() {
        out.visitor_name = fields.visitor_name.clone();
        out.visitor_phone = fields.visitor_phone.clone();
        out.visitor_id_number = fields.visitor_id_number.clone();
    }
    out
}

/// One field that differs between two versions of a walk-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// `visitor_name`, `visitor_phone`, `visitor_id_number` (masked), `purpose`, `summary`,
    /// `outcome`.
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

/// The catalog key of a correctable field's label.
pub fn field_label_key(field: &str) -> &'static str {
    match field {
        "visitor_name" => "tui.visit.visitor",
        "visitor_phone" => "field.phone",
        "visitor_id_number" => "field.id_number",
        "purpose" => "tui.visit.purpose",
        "summary" => "tui.visit.summary",
        _ => "tui.visit.outcome",
    }
}

/// An outcome in words, with its detail (where referred, the follow-up date).
pub fn outcome_text(o: &Outcome, lang: Lang) -> String {
    let name = t(lang, o.label_key());
    match o {
        Outcome::Referred { to } => format!("{name}: {to}"),
        Outcome::FollowUp { due } => format!("{name}: {due}"),
        _ => name,
    }
}

/// The fields that differ from `a` to `b`, in `lang`'s words; an ID number masked, as
/// lists and the audit trail show it.
pub fn differences(a: &Visit, b: &Visit, lang: Lang) -> Vec<FieldChange> {
    let pairs = [
        (
            "visitor_name",
            a.visitor_name.clone(),
            b.visitor_name.clone(),
        ),
        (
            "visitor_phone",
            a.visitor_phone.clone(),
            b.visitor_phone.clone(),
        ),
        (
            "visitor_id_number",
            mask_id(&a.visitor_id_number),
            mask_id(&b.visitor_id_number),
        ),
        (
            "purpose",
            purpose_name(a.purpose, lang).to_string(),
            purpose_name(b.purpose, lang).to_string(),
        ),
        ("summary", a.summary.clone(), b.summary.clone()),
        (
            "outcome",
            outcome_text(&a.outcome, lang),
            outcome_text(&b.outcome, lang),
        ),
    ];
    // Two ID numbers may look alike masked: whether it changed is read from the numbers.
    let id_changed = a.visitor_id_number != b.visitor_id_number;
    pairs
        .into_iter()
        .filter(|(field, x, y)| x != y || (*field == "visitor_id_number" && id_changed))
        .map(|(field, before, after)| FieldChange {
            field,
            before,
            after,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::visit::VisitInput;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).expect("date")
    }

    fn visit(summary: &str, person: Option<i64>) -> Visit {
        VisitInput {
            person_id: person,
            visitor_name: "张三".into(),
            purpose: Some(0),
            summary: summary.into(),
            outcome: "done".into(),
            handler: "wang".into(),
            ..Default::default()
        }
        .validate(day(5).and_hms_opt(10, 0, 0).expect("time"))
        .expect("valid")
    }

    #[test]
    fn the_registering_officer_on_the_day_or_an_administrator() {
        assert!(may_correct("wang", day(5), "wang", false, day(5)).is_ok());
        let other = may_correct("wang", day(5), "li", false, day(5)).unwrap_err();
        assert_eq!(other.key, "record_walkins.not_your_walkin");
        let later = may_correct("wang", day(5), "wang", false, day(6)).unwrap_err();
        assert_eq!(later.key, "record_walkins.not_today");
        assert!(may_correct("wang", day(1), "boss", true, day(6)).is_ok());
    }

    #[test]
    fn a_reason_is_required() {
        assert_eq!(
            reason("  ").unwrap_err().key,
            "record_walkins.reason_missing"
        );
        assert_eq!(reason(" 笔误 ").expect("reason"), "笔误");
    }

    #[test]
    fn only_correctable_fields_change() {
        let saved = visit("原来", Some(7));
        let mut fields = visit("更正后", None);
        fields.visitor_name = "李四".into();
        fields.handler = "li".into();
        let out = apply(&saved, &fields);
        assert_eq!(out.summary, "更正后");
        // The person on file names the visitor; the handler stays.
        assert_eq!(out.visitor_name, "张三");
        assert_eq!(out.handler, "wang");
        let d = differences(&saved, &out, Lang::Zh);
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].field, d[0].before.as_str(), d[0].after.as_str()),
            ("summary", "原来", "更正后")
        );
        // A visitor not on file: the name may be put right.
        let saved = visit("原来", None);
        assert_eq!(apply(&saved, &fields).visitor_name, "李四");
    }
}
