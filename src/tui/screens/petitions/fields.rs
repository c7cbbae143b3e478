//! The intake form's fields as data for the form engine, and the pure conversion from
//! the form's values to the domain's `PetitionInput`.
use crate::domain::petition::{
    Channel, LONG_TEXT_MAX, PetitionField, PetitionInput, PetitionType, PetitionerInput, Risk,
    SUBJECT_MAX, Source,
};
use crate::tui::form::{ChoiceOption, FieldErrors, FieldKind, FieldSpec, FormValues, Label};
use chrono::{NaiveDateTime, NaiveTime};

/// The most petitioner rows the form shows.
pub const MAX_PETITIONER_ROWS: usize = 3;

/// The keys of one petitioner row's fields: name, phone, address.
pub const ROW_KEYS: [[&str; 3]; MAX_PETITIONER_ROWS] = [
    ["name0", "phone0", "address0"],
    ["name1", "phone1", "address1"],
    ["name2", "phone2", "address2"],
];

/// Who a petitioner row was filled from: the person on file and the name as filled. The
/// link holds only while the name is unchanged; a typed name is somebody else.
pub type Prefill = Option<(i64, String)>;

/// Every field, all petitioner rows included (the screen hides the rows not in use).
pub fn specs() -> Vec<FieldSpec> {
    let channels = Channel::ALL
        .iter()
        .map(|c| ChoiceOption::new(c.code(), Label::Key(c.label_key())))
        .collect();
    let risks = Risk::ALL
        .iter()
        .map(|r| ChoiceOption::new(r.code(), Label::Key(r.label_key())))
        .collect();
    let long = |key, label| {
        FieldSpec::new(key, label, FieldKind::Multiline { max: LONG_TEXT_MAX })
            .hint("tui.petition.form.long_hint")
    };
    let mut out = vec![
        FieldSpec::new(
            "channel",
            "petition.field.channel",
            FieldKind::Choice { options: channels },
        )
        .required()
        .hint("tui.form.choice_hint"),
        FieldSpec::new(
            "received_at",
            "petition.field.received_at",
            FieldKind::DateTime,
        )
        .required()
        .hint("tui.petition.form.received_hint"),
    ];
    for (i, [name, phone, address]) in ROW_KEYS.iter().enumerate() {
        let mut rows = [
            FieldSpec::text(name, "petition.field.petitioner_name", 40)
                .hint("tui.petition.form.petitioner_hint"),
            FieldSpec::text(phone, "petition.field.petitioner_phone", 20),
            FieldSpec::text(address, "petition.field.petitioner_address", 100),
        ];
        if i == 0 {
            rows[0] = rows[0].clone().required();
        }
        out.extend(rows);
    }
    let sources = Source::ALL
        .iter()
        .map(|x| ChoiceOption::new(x.code(), Label::Key(x.label_key())))
        .collect();
    let kinds = PetitionType::ALL
        .iter()
        .map(|x| ChoiceOption::new(x.code(), Label::Key(x.label_key())))
        .collect();
    out.extend([
        FieldSpec::text("people_count", "petition.field.people_count", 8),
        FieldSpec::text("representatives", "petition.field.representatives", 200),
        FieldSpec::text("agents", "petition.field.agents", 100),
        FieldSpec::text("category", "petition.field.category", 40),
        FieldSpec::text("subject", "petition.field.subject", SUBJECT_MAX).required(),
        long("request", "petition.field.request").required(),
        long("facts", "petition.field.facts"),
        long("reasons", "petition.field.reasons"),
        // The papers handed over, one per line, as the domain keeps them (up to 1000).
        FieldSpec::new(
            "documents",
            "petition.field.documents",
            FieldKind::Multiline { max: 1000 },
        ),
        FieldSpec::new("repeat", "petition.flag.repeat", FieldKind::Check),
        FieldSpec::new("skip_level", "petition.flag.skip_level", FieldKind::Check),
        FieldSpec::new("collective", "petition.flag.collective", FieldKind::Check),
        FieldSpec::new(
            "risk",
            "petition.field.risk",
            FieldKind::Choice { options: risks },
        )
        .hint("tui.form.choice_hint"),
        FieldSpec::text("handler", "petition.field.handler", 40).required(),
    ]);
    // Intake facts asked after the content: most cases are taken here, named, untyped.
    out.extend([
        FieldSpec::new("anonymous", "petition.flag.anonymous", FieldKind::Check)
            .hint("tui.petition.form.anonymous_hint"),
        FieldSpec::new(
            "source",
            "petition.field.source",
            FieldKind::Choice { options: sources },
        )
        .hint("tui.form.choice_hint"),
        FieldSpec::text("assigner", "petition.field.assigner", 60),
        FieldSpec::new(
            "assigner_due",
            "petition.field.assigner_due",
            FieldKind::Date,
        )
        .hint("tui.petition.form.assigner_due_hint"),
        FieldSpec::new(
            "kind",
            "petition.field.kind",
            FieldKind::Choice { options: kinds },
        )
        .hint("tui.form.choice_hint"),
    ]);
    out
}

/// The form field a validation error points at.
pub fn key_of(f: PetitionField) -> &'static str {
    let row = |i: usize, col: usize| ROW_KEYS.get(i).map_or(ROW_KEYS[0][col], |r| r[col]);
    match f {
        PetitionField::Channel => "channel",
        PetitionField::ReceivedAt => "received_at",
        PetitionField::Petitioners => "name0",
        PetitionField::PetitionerName(i) => row(i, 0),
        PetitionField::PetitionerPhone(i) => row(i, 1),
        PetitionField::PetitionerAddress(i) => row(i, 2),
        PetitionField::PeopleCount => "people_count",
        PetitionField::Representatives => "representatives",
        PetitionField::Agents => "agents",
        PetitionField::Category => "category",
        PetitionField::Subject => "subject",
        PetitionField::Request => "request",
        PetitionField::Facts => "facts",
        PetitionField::Reasons => "reasons",
        PetitionField::Documents => "documents",
        PetitionField::Collective => "collective",
        PetitionField::Risk => "risk",
        PetitionField::Handler => "handler",
        PetitionField::Source => "source",
        PetitionField::Assigner => "assigner",
        PetitionField::AssignerDue => "assigner_due",
        PetitionField::Kind => "kind",
    }
}

/// The rows in use: the first, and any later one with something typed in it.
pub fn rows_in_use(v: &FormValues) -> usize {
    ROW_KEYS
        .iter()
        .rposition(|keys| keys.iter().any(|k| !v.get(k).trim().is_empty()))
        .map_or(1, |i| i + 1)
}

/// The form's values as the domain reads them: `rows` petitioner rows, each linked to the
/// person it was filled from while its name is unchanged. A bare `HH:MM` is today.
pub fn input_of(
    v: &FormValues,
    rows: usize,
    prefill: &[Prefill; MAX_PETITIONER_ROWS],
    from_visit: Option<i64>,
    now: NaiveDateTime,
) -> PetitionInput {
    let s = |k: &str| v.get(k).to_string();
    let received = v.get("received_at").trim();
    let received_at = match NaiveTime::parse_from_str(received, "%H:%M") {
        Ok(time) => now
            .date()
            .and_time(time)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        Err(_) => received.to_string(),
    };
    PetitionInput {
        channel: s("channel"),
        received_at,
        petitioners: ROW_KEYS
            .iter()
            .zip(prefill)
            .take(rows.clamp(1, MAX_PETITIONER_ROWS))
            .map(|([name, phone, address], pre)| PetitionerInput {
                person_id: pre
                    .as_ref()
                    .filter(|(_, n)| n.trim() == v.get(name).trim())
                    .map(|(id, _)| *id),
                name: s(name),
                phone: s(phone),
                address: s(address),
            })
            .collect(),
        people_count: s("people_count"),
        representatives: s("representatives"),
        agents: s("agents"),
        category: s("category"),
        subject: s("subject"),
        request: s("request"),
        facts: s("facts"),
        reasons: s("reasons"),
        documents: s("documents"),
        repeat: v.check("repeat"),
        skip_level: v.check("skip_level"),
        collective: v.check("collective"),
        risk: s("risk"),
        handler: s("handler"),
        from_visit,
        anonymous: v.check("anonymous"),
        source: s("source"),
        assigner: s("assigner"),
        assigner_due: s("assigner_due"),
        kind: s("kind"),
    }
}

/// The domain's errors by form field key.
pub fn errors_of(errors: Vec<(PetitionField, crate::i18n::Msg)>) -> FieldErrors {
    errors.into_iter().map(|(f, m)| (key_of(f), m)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .unwrap_or_default()
    }

    #[test]
    fn every_domain_field_has_a_form_field() {
        let keys: Vec<&str> = specs().iter().map(|s| s.key).collect();
        for f in PetitionField::ALL {
            assert!(keys.contains(&key_of(f)), "{f:?}");
        }
        assert_eq!(key_of(PetitionField::PetitionerPhone(2)), "phone2");
    }

    #[test]
    fn the_conversion_keeps_lines_and_links_only_unchanged_names() {
        let mut v = FormValues::default();
        v.set("received_at", "08:15");
        v.set("name0", "张三丰");
        v.set("name1", "李四");
        v.set("request", "第一行\n第二行");
        let prefill = [
            Some((7, "张三丰".to_string())),
            Some((9, "王五".to_string())),
            None,
        ];
        assert_eq!(rows_in_use(&v), 2);
        let input = input_of(&v, 2, &prefill, Some(3), now());
        assert_eq!(input.received_at, "2026-11-25 08:15");
        assert_eq!(input.petitioners.len(), 2);
        assert_eq!(input.petitioners[0].person_id, Some(7));
        assert_eq!(input.petitioners[1].person_id, None);
        assert_eq!(input.request, "第一行\n第二行");
        assert_eq!(input.from_visit, Some(3));
    }
}
