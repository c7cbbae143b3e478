//! What the case view shows of intake and referrals: the source, the assigner and its
//! deadline, the type and anonymity among the details; the feedback awaited from a body a
//! case went to and the 办结报告 owed to an assigner among the deadlines.
use crate::domain::calendar::Calendar;
use crate::domain::petition::{CaseState, DeadlineKind, Due, Petition, Source, deadlines};
use crate::i18n::{Lang, t};

/// The deadlines a referral adds: the feedback once the case went to another body, the
/// report while one is owed.
pub(super) fn extra_rows(state: &CaseState, cal: &Calendar) -> Vec<(DeadlineKind, Option<Due>)> {
    let d = deadlines(state, cal);
    let mut rows = Vec::new();
    if d.feedback.is_some() {
        rows.push((DeadlineKind::Feedback, d.feedback));
    }
    if d.report.is_some() {
        rows.push((DeadlineKind::Report, d.report));
    }
    rows
}

/// The intake facts as `(label key, value)` pairs for the details list.
pub(super) fn intake_pairs(p: &Petition, lang: Lang) -> Vec<(&'static str, String)> {
    let mut source = t(lang, p.source.label_key());
    if p.source != Source::Local && !p.assigner.is_empty() {
        source = format!("{source}  {}", p.assigner);
    }
    let mut pairs = vec![
        ("petition.field.source", source),
        (
            "petition.field.kind",
            p.kind.map(|k| t(lang, k.label_key())).unwrap_or_default(),
        ),
    ];
    if let Some(due) = p.assigner_due {
        pairs.push((
            "petition.field.assigner_due",
            due.format("%Y-%m-%d").to_string(),
        ));
    }
    if p.anonymous {
        pairs.push((
            "petition.flag.anonymous",
            t(lang, "petition.intake.no_notice_anonymous"),
        ));
    }
    pairs
}
