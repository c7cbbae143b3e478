//! A person's save that ran into another desk's change: the differences field by field
//! above the form, and the officer's choice of reloading theirs or keeping their own.
use super::{PersonForm, specs, values_of};
use crate::domain::person::Person;
use crate::i18n::{Msg, tf};
use crate::tui::effect::Effect;
use crate::tui::form::Prompt;
use crate::tui::screens::View;
use chrono::NaiveDate;
use ratatui::text::Line;

pub(super) const RELOAD: &str = "reload_person";
pub(super) const KEEP_MINE: &str = "keep_mine_person";

/// Another desk's version of the person, and where it differs from the form.
#[derive(Debug, Clone)]
pub(super) struct PersonConflict {
    actor: String,
    at: String,
    theirs: Box<Person>,
    /// `(label key, theirs, mine)`.
    changes: Vec<(&'static str, String, String)>,
}

impl PersonForm {
    pub(super) fn conflict(&mut self, actor: &str, at: &str, theirs: &Person) -> Vec<Effect> {
        self.saving = false;
        self.form.pause_drafts(false);
        let mine = self.form.values();
        let theirs_values = values_of(theirs);
        let changes = specs()
            .iter()
            .filter(|s| mine.get(s.key).trim() != theirs_values.get(s.key).trim())
            .map(|s| {
                (
                    s.label_key,
                    theirs_values.get(s.key).to_string(),
                    mine.get(s.key).to_string(),
                )
            })
            .collect();
        self.conflict = Some(PersonConflict {
            actor: actor.to_string(),
            at: at.to_string(),
            theirs: Box::new(theirs.clone()),
            changes,
        });
        self.form.ask(Prompt::reload_or_keep(
            Msg::new("record_walkins.person_conflict")
                .arg("actor", actor)
                .arg("at", at),
            RELOAD,
            KEEP_MINE,
        ));
        vec![Effect::Status(
            Msg::new("desks.changed_meanwhile")
                .arg("actor", actor)
                .arg("at", at),
        )]
    }

    /// Their record into the form (`RELOAD`), or this form saved over it (`KEEP_MINE`).
    pub(super) fn conflict_answer(&mut self, answer: &str, today: NaiveDate) -> Vec<Effect> {
        let Some(conflict) = self.conflict.take() else {
            return Vec::new();
        };
        self.version = conflict.theirs.version;
        if answer == RELOAD {
            self.form.set_values(&values_of(&conflict.theirs));
            return vec![Effect::Status(
                Msg::new("record_walkins.person_reloaded").arg("name", &conflict.theirs.name),
            )];
        }
        self.submit(false, today)
    }

    pub(super) fn conflict_lines(&self, view: &View) -> Vec<Line<'static>> {
        let Some(c) = &self.conflict else {
            return Vec::new();
        };
        let mut lines = vec![Line::styled(
            tf(
                view.lang,
                "record_walkins.person_conflict_head",
                &[("actor", &c.actor), ("at", &c.at)],
            ),
            view.theme.warning,
        )];
        for (label, theirs, mine) in &c.changes {
            lines.push(Line::styled(
                tf(
                    view.lang,
                    "record_walkins.conflict_field",
                    &[
                        ("field", &view.t(label)),
                        ("theirs", theirs),
                        ("mine", mine),
                    ],
                ),
                view.theme.text,
            ));
        }
        lines
    }
}
