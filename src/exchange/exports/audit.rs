//! The audit trail as a ledger: times as date-time cells, actions in the reader's language,
//! and officers by the name colleagues know them by.
use super::Parts;
use crate::domain::petition::StepKind;
use crate::exchange::table::Cell;
use crate::i18n::{Lang, t, tf};
use crate::store::audit::AuditEntry;
use crate::store::{Result, Store};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::HashMap;

/// The actions the store writes, and the catalog key of each one's name. An action not
/// listed (a newer program's, say) is shown as written.
const ACTIONS: &[(&str, &str)] = &[
    ("create", "audit_action.create"),
    ("update", "audit_action.update"),
    ("delete", "audit_action.delete"),
    ("view", "audit_action.view"),
    ("import", "audit_action.import"),
    ("replace", "audit_action.replace"),
    ("link", "audit_action.link"),
    ("correct", "record_walkins.audit_correct"),
    ("export", "audit_action.export"),
    ("backup", "audit_action.backup"),
    ("restored", "audit_action.restored"),
    ("init", "audit_action.init"),
    ("login", "audit_action.login"),
    ("login_failed", "audit_action.login_failed"),
    ("locked", "audit_action.locked"),
    ("unlock", "audit_action.unlock"),
    ("lockout_policy", "audit_action.lockout_policy"),
    ("enable", "audit_action.enable"),
    ("disable", "audit_action.disable"),
    ("password_reset", "audit_action.password_reset"),
    ("password_change", "audit_action.password_change"),
    ("role_change", "audit_action.role_change"),
    ("step", "audit_action.step"),
    ("delivered", "audit_action.delivered"),
    ("follow_up_done", "audit_action.follow_up_done"),
    ("open", "audit_action.open"),
    ("reopen", "audit_action.reopen"),
    ("reorder", "audit_action.reorder"),
    ("retire", "audit_action.retire"),
    ("set", "audit_action.set"),
    ("sign", "audit_action.sign"),
    ("mark_working", "audit_action.mark_working"),
    ("mark_day_off", "audit_action.mark_day_off"),
];

/// An action's name in `lang`: from the table above, or a petition step's name (受理), or
/// the code as written.
pub fn action_name(code: &str, lang: Lang) -> String {
    if let Some((_, key)) = ACTIONS.iter().find(|(c, _)| *c == code) {
        return t(lang, key);
    }
    match StepKind::from_code(code) {
        Some(kind) => t(lang, kind.label_key()),
        None => code.to_string(),
    }
}

/// A step's details (`2026-0001: accepted at …`) with the step named in `lang`; a
/// walk-in's correction or link in words.
fn details(entry: &AuditEntry, lang: Lang) -> String {
    if let Some(text) = super::audit_visit::details(entry, lang) {
        return text;
    }
    if entry.action != "step" {
        return entry.summary.clone();
    }
    let Some((case_no, rest)) = entry.summary.split_once(": ") else {
        return entry.summary.clone();
    };
    let (code, tail) = rest.split_once(' ').unwrap_or((rest, ""));
    match StepKind::from_code(code) {
        Some(kind) => format!("{case_no}: {} {tail}", t(lang, kind.label_key()))
            .trim_end()
            .to_string(),
        None => entry.summary.clone(),
    }
}

/// The actor as people know them: an officer's display name with the user name in
/// brackets; anyone else (`cli:…`, an account since removed) as written.
fn actor_name(actor: &str, names: &HashMap<String, String>, lang: Lang) -> String {
    match names.get(actor) {
        Some(display) if !display.is_empty() && display != actor => tf(
            lang,
            "rostermsg.officer_actor",
            &[("name", display), ("user", &actor)],
        ),
        _ => actor.to_string(),
    }
}

pub(super) fn audit(
    store: &Store,
    lang: Lang,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Parts> {
    const HEADS: &[&str] = &[
        "export.at",
        "export.actor",
        "export.os_user",
        "export.action",
        "export.entity",
        "export.entity_id",
        "export.details",
    ];
    let names: HashMap<String, String> = store
        .officers()?
        .into_iter()
        .map(|o| (o.username, o.display_name))
        .collect();
    let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let (from, to) = (day(from), day(to));
    let rows = store
        .audit_entries(from.as_deref(), to.as_deref())?
        .into_iter()
        .map(|a| {
            let at = NaiveDateTime::parse_from_str(&a.at, "%Y-%m-%d %H:%M:%S")
                .map_or_else(|_| Cell::text(&a.at), Cell::DateTime);
            vec![
                at,
                Cell::text(actor_name(&a.actor, &names, lang)),
                Cell::text(&a.os_user),
                Cell::text(action_name(&a.action, lang)),
                Cell::text(super::audit_visit::entity_name(&a.entity, lang)),
                Cell::text(&a.entity_id),
                Cell::text(details(&a, lang)),
            ]
        })
        .collect();
    Ok(("export.title_audit", HEADS, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_name_in_both_languages() {
        for (code, key) in ACTIONS {
            for lang in [Lang::Zh, Lang::En] {
                assert_ne!(action_name(code, lang), *key, "{code}");
            }
        }
        assert_eq!(action_name("accepted", Lang::Zh), "受理");
        assert_eq!(action_name("newer_action", Lang::Zh), "newer_action");
    }
}
