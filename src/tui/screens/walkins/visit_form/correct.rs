//! The walk-in form correcting a saved walk-in: its fields filled in, a reason required,
//! and a save that ran into another desk's change shown field by field, with the choice
//! of reloading theirs or keeping one's own.
use super::{VisitForm, convert, specs};
use crate::domain::visit::{Outcome, Visit};
use crate::domain::visit_correction::{
    FieldChange, VisitCorrection, VisitRecord, apply, differences, field_label_key,
};
use crate::i18n::{Msg, tf};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::form::{FieldSpec, FormState, Prompt};
use crate::tui::screens::walkins::jobs::{WalkinJob, WalkinLoaded};
use crate::tui::screens::{Cx, View};
use ratatui::text::Line;

pub(super) const RELOAD: &str = "reload";
pub(super) const KEEP_MINE: &str = "keep_mine";

/// What a correction form corrects.
#[derive(Debug, Clone)]
pub(super) struct Correcting {
    visit_id: i64,
    /// The version the form was filled from (or reloaded, or chosen to keep over).
    version: i64,
    saved: Visit,
    /// Another desk's change the last save ran into.
    conflict: Option<Conflict>,
}

#[derive(Debug, Clone)]
struct Conflict {
    actor: String,
    at: String,
    theirs: VisitRecord,
    /// Where their version and this form differ.
    changes: Vec<FieldChange>,
}

impl VisitForm {
    /// Correcting a saved walk-in.
    pub fn correct(cx: &Cx, r: &VisitRecord) -> VisitForm {
        let v = &r.visit;
        let person = v.person_id.map(|id| (id, v.visitor_name.clone()));
        let mut fields = specs(person.is_some());
        fields.push(
            FieldSpec::text("reason", "record_walkins.reason", 200)
                .required()
                .hint("record_walkins.reason_hint"),
        );
        let mut f = VisitForm {
            form: FormState::new(fields, cx.lang),
            person,
            saving: false,
            notice: None,
            correcting: Some(Correcting {
                visit_id: v.id.unwrap_or_default(),
                version: r.version,
                saved: v.clone(),
                conflict: None,
            }),
        };
        f.fill(v);
        f.form.focus_on("purpose");
        f
    }

    pub fn is_correction(&self) -> bool {
        self.correcting.is_some()
    }

    fn fill(&mut self, v: &Visit) {
        let (referred, due) = match &v.outcome {
            Outcome::Referred { to } => (to.clone(), String::new()),
            Outcome::FollowUp { due } => (String::new(), due.to_string()),
            _ => (String::new(), String::new()),
        };
        for (key, value) in [
            ("visitor_name", v.visitor_name.clone()),
            ("visitor_phone", v.visitor_phone.clone()),
            ("visitor_id_number", v.visitor_id_number.clone()),
            ("purpose", v.purpose.to_string()),
            ("summary", v.summary.clone()),
            ("outcome", v.outcome.code().to_string()),
            ("referred_to", referred),
            ("follow_up_date", due),
            (
                "arrived_at",
                v.arrived_at.format("%Y-%m-%d %H:%M").to_string(),
            ),
        ] {
            self.form.set(key, &value);
        }
        self.outcome_changed();
        // When the visitor came is not corrected here.
        self.form.set_visible("arrived_at", false);
    }

    /// The form's fields as a walk-in; a follow-up date already past is accepted when it
    /// is the one registered (an old walk-in is corrected without moving it).
    fn fields(&self, c: &Correcting, cx: &Cx) -> Result<Visit, crate::tui::form::FieldErrors> {
        let values = self.form.values();
        let person = self.person.as_ref().map(|(id, n)| (*id, n.as_str()));
        let now = convert(&values, person, &c.saved.handler, cx.now);
        let past_due_kept = matches!(&now, Err(errs) if errs.iter().all(|(_, m)| m.key == "visit.follow_up_past"))
            && matches!(c.saved.outcome, Outcome::FollowUp { due } if values.get("follow_up_date") == due.to_string());
        if past_due_kept {
            return convert(&values, person, &c.saved.handler, c.saved.arrived_at);
        }
        now
    }

    pub(super) fn submit_correction(&mut self, cx: &Cx) -> Vec<Effect> {
        let Some(c) = self.correcting.clone() else {
            return Vec::new();
        };
        let reason = self.form.values().get("reason").trim().to_string();
        let mut result = self.fields(&c, cx);
        if reason.is_empty() {
            let missing = ("reason", Msg::new("record_walkins.reason_missing"));
            result = match result {
                Ok(_) => Err(vec![missing]),
                Err(mut errs) => {
                    errs.push(missing);
                    Err(errs)
                }
            };
        }
        let Some(fields) = self.form.check(result) else {
            return vec![Effect::Error(Msg::new("tui.form.has_errors"))];
        };
        // The store keeps an unchanged walk-in as it is: saying "corrected" would be untrue.
        if differences(&c.saved, &apply(&c.saved, &fields), cx.lang).is_empty() {
            return vec![Effect::Error(Msg::new("record_tryout2.nothing_corrected"))];
        }
        self.saving = true;
        vec![
            Effect::Status(Msg::new("tui.form.saving")),
            Effect::Db(DbJob::Walkins(WalkinJob::Correct(Box::new(
                VisitCorrection {
                    visit_id: c.visit_id,
                    version: c.version,
                    fields,
                    reason,
                },
            )))),
        ]
    }

    pub(super) fn correction_loaded(&mut self, loaded: &WalkinLoaded, cx: &Cx) -> Vec<Effect> {
        match loaded {
            WalkinLoaded::Corrected { visit_id } => {
                self.saving = false;
                vec![
                    Effect::Pop,
                    Effect::Db(DbJob::Walkins(WalkinJob::Record(*visit_id))),
                    Effect::Status(Msg::new("record_walkins.corrected").arg("id", visit_id)),
                ]
            }
            WalkinLoaded::CorrectConflict { actor, at, theirs } => {
                self.saving = false;
                let changes = match self.correcting.as_ref().map(|c| self.fields(c, cx)) {
                    Some(Ok(mine)) => {
                        differences(&theirs.visit, &apply(&theirs.visit, &mine), cx.lang)
                    }
                    _ => Vec::new(),
                };
                if let Some(c) = &mut self.correcting {
                    c.conflict = Some(Conflict {
                        actor: actor.clone(),
                        at: at.clone(),
                        theirs: theirs.as_ref().clone(),
                        changes,
                    });
                }
                self.form.ask(conflict_prompt(actor, at));
                vec![Effect::Status(Msg::new(
                    "record_walkins.not_saved_conflict",
                ))]
            }
            WalkinLoaded::CorrectFailed(detail) => {
                self.saving = false;
                self.form.save_failed(detail)
            }
            _ => Vec::new(),
        }
    }

    /// The officer's choice after a conflict: their version into the form, or this
    /// form's values saved over it.
    pub(super) fn conflict_answer(&mut self, answer: &str, cx: &Cx) -> Vec<Effect> {
        let Some(c) = &mut self.correcting else {
            return Vec::new();
        };
        let Some(conflict) = c.conflict.take() else {
            return Vec::new();
        };
        // Linked to a record meanwhile: the form becomes that of a person on file, so the
        // correction keeps the link; what was typed stays when it is kept.
        if self.person.is_none() && conflict.theirs.visit.person_id.is_some() {
            let typed = self.form.values();
            *self = VisitForm::correct(cx, &conflict.theirs);
            if answer == RELOAD {
                return vec![Effect::Status(Msg::new("record_walkins.reloaded"))];
            }
            self.form.set_values(&typed);
            self.outcome_changed();
            self.form.set_visible("arrived_at", false);
            return self.submit_correction(cx);
        }
        c.version = conflict.theirs.version;
        c.saved = conflict.theirs.visit.clone();
        if answer == RELOAD {
            self.fill(&conflict.theirs.visit);
            return vec![Effect::Status(Msg::new("record_walkins.reloaded"))];
        }
        self.submit_correction(cx)
    }

    /// Above the form while a conflict is asked about: who changed it when, and each field
    /// where their version and this form differ.
    pub(super) fn conflict_lines(&self, view: &View) -> Vec<Line<'static>> {
        let Some(Correcting {
            conflict: Some(conflict),
            saved,
            ..
        }) = &self.correcting
        else {
            return Vec::new();
        };
        let mut lines = vec![Line::styled(
            tf(
                view.lang,
                "record_walkins.conflict_head",
                &[("actor", &conflict.actor), ("at", &conflict.at)],
            ),
            view.theme.warning,
        )];
        if saved.person_id.is_none() && conflict.theirs.visit.person_id.is_some() {
            lines.push(Line::styled(
                view.t("record_walkins.conflict_linked"),
                view.theme.text,
            ));
        }
        for d in &conflict.changes {
            lines.push(Line::styled(
                tf(
                    view.lang,
                    "record_walkins.conflict_field",
                    &[
                        ("field", &view.t(field_label_key(d.field))),
                        ("theirs", &d.before.replace('\n', " / ")),
                        ("mine", &d.after.replace('\n', " / ")),
                    ],
                ),
                view.theme.text,
            ));
        }
        lines
    }
}

/// Reload theirs (Enter), keep mine (k), or back to the form (Esc).
pub(crate) fn conflict_prompt(actor: &str, at: &str) -> Prompt {
    Prompt::reload_or_keep(
        Msg::new("record_walkins.conflict")
            .arg("actor", actor)
            .arg("at", at),
        RELOAD,
        KEEP_MINE,
    )
}
