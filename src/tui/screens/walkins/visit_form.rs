//! Register a walk-in: the person on file (or a visitor's name and phone), purpose,
//! summary, outcome with its detail, arrival time; the handler is the officer signed in.
use crate::domain::visit::{
    OUTCOME_CODES, PURPOSES, PURPOSES_EN, VisitField, VisitInput, outcome_label_key, visitor_id,
};
use crate::i18n::Msg;
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::form::{
    ChoiceOption, DraftSlot, FieldErrors, FieldKind, FieldSpec, FormEvent, FormState, FormValues,
    Label, render,
};
use crate::tui::screens::people::jobs::PeopleJob;
use crate::tui::screens::people::person_form::PersonForm;
use crate::tui::screens::walkins::jobs::{WalkinJob, WalkinLoaded};
use crate::tui::screens::walkins::link::LinkOffer;
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

mod correct;

#[derive(Debug, Clone)]
pub struct VisitForm {
    form: FormState,
    /// The person on file: id and name.
    person: Option<(i64, String)>,
    saving: bool,
    /// A saved walk-in being corrected (`None`: a new one).
    correcting: Option<correct::Correcting>,
    /// What reading the visitor's ID number noticed (an old number converted), told once
    /// the walk-in is saved.
    notice: Option<Msg>,
}

use crate::tui::form::lifecycle::QUIT;

/// The fields; a person on file needs no name and phone.
pub fn specs(on_file: bool) -> Vec<FieldSpec> {
    let purposes = PURPOSES
        .iter()
        .zip(PURPOSES_EN)
        .enumerate()
        .map(|(i, (zh, en))| {
            ChoiceOption::new(
                i.to_string(),
                Label::ByLang {
                    zh: zh.to_string(),
                    en: en.to_string(),
                },
            )
        })
        .collect();
    let outcomes = OUTCOME_CODES
        .iter()
        .map(|c| ChoiceOption::new(*c, Label::Key(outcome_label_key(c))))
        .collect();
    let mut out = Vec::new();
    if !on_file {
        out.push(
            FieldSpec::text("visitor_name", "tui.visit.visitor", 40)
                .required()
                .hint("tui.visit.visitor_hint"),
        );
        out.push(FieldSpec::text("visitor_phone", "field.phone", 20));
    }
    out.extend([
        FieldSpec::new(
            "purpose",
            "tui.visit.purpose",
            FieldKind::Choice { options: purposes },
        )
        .required()
        .hint("tui.form.choice_hint"),
        FieldSpec::new(
            "summary",
            "tui.visit.summary",
            FieldKind::Multiline { max: 2000 },
        )
        .hint("tui.visit.summary_hint"),
        FieldSpec::new(
            "outcome",
            "tui.visit.outcome",
            FieldKind::Choice { options: outcomes },
        )
        .required()
        .hint("tui.form.choice_hint"),
        FieldSpec::text("referred_to", "tui.visit.referred_to", 60).required(),
        FieldSpec::new(
            "follow_up_date",
            "tui.visit.follow_up_date",
            FieldKind::Date,
        )
        .required()
        .hint("tui.form.date_hint"),
        FieldSpec::new("arrived_at", "tui.visit.arrived_at", FieldKind::DateTime)
            .hint("tui.visit.time_hint"),
    ]);
    // Last, so the keys that register a walk-in stay as they were: it is seldom given.
    if !on_file {
        out.push(
            FieldSpec::text("visitor_id_number", "field.id_number", 22)
                .hint("record_walkins.visitor_id_hint"),
        );
    }
    out
}

fn key_of(f: VisitField) -> &'static str {
    match f {
        VisitField::Visitor => "visitor_name",
        VisitField::Phone => "visitor_phone",
        VisitField::IdNumber => "visitor_id_number",
        VisitField::ArrivedAt => "arrived_at",
        VisitField::Purpose => "purpose",
        VisitField::Summary => "summary",
        VisitField::Outcome => "outcome",
        VisitField::ReferredTo => "referred_to",
        VisitField::FollowUpDate => "follow_up_date",
    }
}

/// The pure conversion: form values (and who, when, by whom) to a walk-in.
pub fn convert(
    v: &FormValues,
    person: Option<(i64, &str)>,
    officer: &str,
    now: NaiveDateTime,
) -> Result<crate::domain::visit::Visit, FieldErrors> {
    let input = VisitInput {
        person_id: person.map(|p| p.0),
        visitor_name: person.map_or_else(|| v.get("visitor_name").to_string(), |p| p.1.to_string()),
        visitor_phone: v.get("visitor_phone").to_string(),
        // A person on file has their ID number on their record.
        visitor_id_number: match person {
            Some(_) => String::new(),
            None => v.get("visitor_id_number").to_string(),
        },
        arrived_at: v.get("arrived_at").to_string(),
        purpose: v.choice("purpose").and_then(|p| p.parse().ok()),
        summary: v.get("summary").to_string(),
        outcome: v.get("outcome").to_string(),
        referred_to: v.get("referred_to").to_string(),
        follow_up_date: v.get("follow_up_date").to_string(),
        handler: officer.to_string(),
    };
    input
        .validate(now)
        .map_err(|errs| errs.into_iter().map(|(f, m)| (key_of(f), m)).collect())
}

impl VisitForm {
    fn build(cx: &Cx, person: Option<(i64, String)>) -> VisitForm {
        let slot = DraftSlot::new(
            "visit",
            person.as_ref().map(|p| p.0.to_string()).unwrap_or_default(),
            cx.officer.clone(),
            ScreenId::VisitForm,
        );
        let mut form = FormState::new(specs(person.is_some()), cx.lang).with_drafts(slot);
        form.set("arrived_at", &cx.now.format("%Y-%m-%d %H:%M").to_string());
        let mut f = VisitForm {
            form,
            person,
            saving: false,
            correcting: None,
            notice: None,
        };
        f.outcome_changed();
        f.form.focus_on(if f.person.is_some() {
            "purpose"
        } else {
            "visitor_name"
        });
        f
    }

    /// A walk-in of a person on file.
    pub fn for_person(cx: &Cx, id: i64, name: &str) -> VisitForm {
        VisitForm::build(cx, Some((id, name.to_string())))
    }

    /// A walk-in of a visitor not on file.
    pub fn unregistered(cx: &Cx) -> VisitForm {
        VisitForm::build(cx, None)
    }

    pub fn form(&self) -> &FormState {
        &self.form
    }

    /// The visitor has been put on file: the form goes on with the person, keeping what
    /// was typed.
    pub fn set_person(&mut self, cx: &Cx, id: i64, name: &str) {
        let values = self.form.values();
        let dirty = self.form.is_dirty();
        let mut next = VisitForm::for_person(cx, id, name);
        next.form.set_values(&values);
        next.outcome_changed();
        if dirty {
            next.form.mark_edited();
        }
        *self = next;
    }

    /// Forgets the draft kept under the form's current key (before it changes).
    pub fn forget_draft(&mut self) -> Vec<Effect> {
        self.form.draft_delete()
    }

    fn outcome_changed(&mut self) {
        let outcome = self.form.values().get("outcome").to_string();
        self.form.set_visible("referred_to", outcome == "referred");
        self.form
            .set_visible("follow_up_date", outcome == "follow_up");
    }

    fn submit(&mut self, cx: &Cx) -> Vec<Effect> {
        if self.correcting.is_some() {
            return self.submit_correction(cx);
        }
        let person = self.person.as_ref().map(|(id, n)| (*id, n.as_str()));
        let result = convert(&self.form.values(), person, &cx.officer, cx.now);
        let Some(visit) = self.form.check(result) else {
            return vec![Effect::Error(Msg::new("tui.form.has_errors"))];
        };
        self.notice = visitor_id(self.form.values().get("visitor_id_number"), cx.today)
            .ok()
            .flatten()
            .and_then(|read| read.notice())
            .filter(|_| self.person.is_none());
        self.saving = true;
        self.form.pause_drafts(true);
        vec![
            Effect::Status(Msg::new("tui.form.saving")),
            Effect::Db(DbJob::Walkins(WalkinJob::SaveVisit {
                visit: Box::new(visit),
                draft: self.form.draft_slot(),
            })),
        ]
    }

    fn loaded(&mut self, loaded: &WalkinLoaded, cx: &Cx) -> Vec<Effect> {
        match loaded {
            WalkinLoaded::VisitSaved {
                id,
                person_id,
                to_petition,
            } => {
                self.saving = false;
                // The save removed the draft; drafting stays off (`pause_drafts`).
                let mut out = vec![Effect::Pop];
                if let Some(pid) = person_id {
                    out.push(Effect::Db(DbJob::People(PeopleJob::Profile(*pid))));
                }
                out.push(Effect::Db(DbJob::Dashboard));
                out.push(Effect::Db(DbJob::Walkins(WalkinJob::Today(cx.today))));
                out.push(Effect::Status(match self.notice.take() {
                    Some(notice) => Msg::new("record_walkins.saved_notice")
                        .arg("id", id)
                        .arg("notice", notice.render(cx.lang)),
                    None => Msg::new("tui.visit.saved").arg("id", id),
                }));
                if *to_petition {
                    out.push(Effect::OpenPetitionFromVisit {
                        visit_id: *id,
                        person_id: *person_id,
                    });
                }
                out
            }
            // The visitor just put on file may have come before: their walk-ins are offered.
            WalkinLoaded::UnlinkedFromVisit { person_id, visits }
                if !visits.is_empty()
                    && self.person.as_ref().is_some_and(|(id, _)| id == person_id) =>
            {
                let name = self.person.as_ref().map_or("", |(_, n)| n.as_str());
                vec![Effect::Push(Box::new(LinkOffer::new(
                    *person_id, name, visits,
                )))]
            }
            WalkinLoaded::VisitFailed(detail) => {
                self.saving = false;
                self.form.save_failed(detail)
            }
            other => self.correction_loaded(other, cx),
        }
    }
}

impl Screen for VisitForm {
    fn id(&self) -> ScreenId {
        ScreenId::VisitForm
    }

    fn sections(&self) -> &'static [&'static str] {
        &["form", "text", "list"]
    }

    fn text_focused(&self) -> bool {
        self.form.takes_typing()
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Save, Action::NextField, Action::Back, Action::Help]
    }

    fn on_enter(&mut self, _cx: &Cx) -> Vec<Effect> {
        self.form.draft_lookup()
    }

    fn hold_quit(&mut self) -> bool {
        self.form.hold_quit()
    }

    fn on_quit(&mut self) -> Vec<Effect> {
        self.form.draft_now()
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        if let Some(effects) = self.form.background(action) {
            if matches!(action, Action::Loaded(_)) {
                self.outcome_changed();
            }
            return effects;
        }
        if let Action::Loaded(Loaded::Walkin(loaded)) = action {
            return self.loaded(loaded, cx);
        }
        if self.saving {
            return Vec::new();
        }
        // Ctrl+N: put an unregistered visitor on file, then come back here.
        if *action == Action::NewItem
            && self.person.is_none()
            && self.correcting.is_none()
            && self.form.prompt().is_none()
        {
            let v = self.form.values();
            let person = PersonForm::from_visit(
                cx,
                [
                    v.get("visitor_name"),
                    v.get("visitor_phone"),
                    v.get("visitor_id_number"),
                ],
                self.clone(),
            );
            return vec![Effect::Pop, Effect::Push(Box::new(person))];
        }
        match self.form.handle(action) {
            FormEvent::Changed(_) => self.outcome_changed(),
            FormEvent::Submit => return self.submit(cx),
            FormEvent::Close => {
                let mut out = self.form.draft_delete();
                out.push(Effect::Pop);
                return out;
            }
            FormEvent::Answer(QUIT) => return vec![Effect::Quit],
            FormEvent::Answer(answer @ (correct::RELOAD | correct::KEEP_MINE)) => {
                return self.conflict_answer(answer, cx);
            }
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let mut header = match &self.person {
            Some((_, name)) => vec![Line::from(vec![
                Span::styled(view.t("tui.visit.person_on_file"), view.theme.muted),
                Span::styled(format!("  {name}"), view.theme.accent),
            ])],
            None => vec![Line::styled(
                view.t("tui.visit.not_on_file"),
                view.theme.muted,
            )],
        };
        header.extend(self.conflict_lines(view));
        let title = if self.correcting.is_some() {
            view.t("record_walkins.correct_title")
        } else {
            view.t("tui.visit.title")
        };
        render::render(&self.form, frame, area, view, title, header);
    }
}
