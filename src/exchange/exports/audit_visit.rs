//! A walk-in's correction and link as the audit ledger shows them: the reason and each
//! changed field before and after, or the record it was linked to, in the reader's language,
//! and the kinds of records named in words rather than as the program writes them.
use crate::domain::visit_correction::field_label_key;
use crate::i18n::{Lang, t, tf};
use crate::store::audit::AuditEntry;
use serde_json::Value;

/// The kinds of records the audit trail names, and the catalog key of each one's name.
/// A kind not listed (a newer program's, say) is shown as written.
const ENTITIES: &[(&str, &str)] = &[
    ("person", "record_walkins.entity_person"),
    ("visit", "record_walkins.entity_visit"),
    ("petition", "record_walkins.entity_petition"),
    ("officer", "record_walkins.entity_officer"),
    ("settings", "record_walkins.entity_settings"),
    ("calendar", "record_walkins.entity_calendar"),
    ("checklist_day", "record_walkins.entity_checklist_day"),
    ("checklist_item", "record_walkins.entity_checklist_item"),
    ("checklist_rule", "record_walkins.entity_checklist_rule"),
    ("checklist_rules", "record_walkins.entity_checklist_rule"),
];

/// The kind of record in `lang`, or as written.
pub fn entity_name(code: &str, lang: Lang) -> String {
    match ENTITIES.iter().find(|(c, _)| *c == code) {
        Some((_, key)) => t(lang, key),
        None => code.to_string(),
    }
}

/// The details of a walk-in's correction or link in `lang`; `None` for any other record,
/// or one whose summary is not as these write it (shown as written).
pub fn details(entry: &AuditEntry, lang: Lang) -> Option<String> {
    if entry.entity != "visit" {
        return None;
    }
    let json: Value = serde_json::from_str(&entry.summary).ok()?;
    match entry.action.as_str() {
        "correct" => {
            let mut parts = vec![tf(
                lang,
                "record_walkins.audit_reason",
                &[("reason", &json["reason"].as_str()?)],
            )];
            for change in json["changes"].as_array()? {
                let field = change["field"].as_str()?;
                parts.push(tf(
                    lang,
                    "record_walkins.audit_change",
                    &[
                        ("field", &t(lang, field_label_key(field))),
                        ("before", &one_line(&change["before"])),
                        ("after", &one_line(&change["after"])),
                    ],
                ));
            }
            Some(parts.join(&t(lang, "record_walkins.audit_separator")))
        }
        "link" => {
            let after = &json["after"];
            Some(tf(
                lang,
                "record_walkins.audit_linked",
                &[
                    ("name", &after["name"].as_str()?),
                    ("id", &after["person_id"].as_i64()?),
                ],
            ))
        }
        _ => None,
    }
}

fn one_line(value: &Value) -> String {
    value.as_str().unwrap_or_default().replace('\n', " / ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str, summary: &str) -> AuditEntry {
        AuditEntry {
            id: 1,
            at: "2026-11-25 09:30:00".into(),
            actor: "wang".into(),
            action: action.into(),
            entity: "visit".into(),
            entity_id: "3".into(),
            summary: summary.into(),
            os_user: String::new(),
        }
    }

    #[test]
    fn a_correction_and_a_link_read_in_either_language() {
        let c = entry(
            "correct",
            r#"{"reason":"笔误","changes":[{"field":"summary","before":"问","after":"问补发"}]}"#,
        );
        let zh = details(&c, Lang::Zh).expect("correct");
        assert!(zh.contains("笔误") && zh.contains("问 → 问补发"), "{zh}");
        assert!(!zh.contains("summary") && !zh.contains("reason"), "{zh}");
        let en = details(&c, Lang::En).expect("correct");
        assert!(en.contains("Summary") || en.contains("summary"), "{en}");
        let l = entry(
            "link",
            r#"{"before":{"person_id":null},"after":{"person_id":7,"name":"赵六"}}"#,
        );
        let zh = details(&l, Lang::Zh).expect("link");
        assert!(
            zh.contains("赵六") && zh.contains('7') && !zh.contains("person_id"),
            "{zh}"
        );
        assert_eq!(entity_name("visit", Lang::Zh), "来访登记");
        assert_eq!(entity_name("newer_kind", Lang::Zh), "newer_kind");
        // A plain summary is left as written.
        assert!(details(&entry("create", "张三 done"), Lang::Zh).is_none());
    }
}
