//! The petition intake form (信访登记): channel, time received, one to three petitioners,
//! numbers, representatives and agents, the matter (request, facts and reasons as
//! paragraphs), flags, risk and handler. It runs on the form engine (fields in
//! [`fields`](crate::tui::screens::petitions::fields), drafts kept while typing). Saving validates through
//! `PetitionInput::validate`, asks the store for earlier cases on the same matter (重复访)
//! and shows them above the form before the case is registered, then goes to the ledger
//! with the receipt's path in the status line.
use crate::i18n::Msg;
use crate::store::petitions::RepeatHit;
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::form::lifecycle::QUIT;
use crate::tui::form::{DraftSlot, FormEvent, FormState, render};
use crate::tui::screens::petitions::fields::{
    self, MAX_PETITIONER_ROWS, Prefill, ROW_KEYS, errors_of, input_of, rows_in_use,
};
use crate::tui::screens::petitions::jobs::PetitionJob;
use crate::tui::screens::petitions::suggest::Suggestions;
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// Earlier cases listed above the form; more are summed up in one line.
const HITS_SHOWN: usize = 4;

/// Where saving stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum SaveState {
    #[default]
    Idle,
    /// Waiting for the repeat check.
    Checking,
    /// Waiting for the store to register the case.
    Registering,
}

#[derive(Debug, Clone)]
pub struct PetitionForm {
    form: FormState,
    /// Petitioner rows shown.
    rows: usize,
    prefill: [Prefill; MAX_PETITIONER_ROWS],
    from_visit: Option<i64>,
    /// Earlier cases found by the repeat check, shown until the form is saved.
    hits: Vec<RepeatHit>,
    /// The `(name, subject)` the repeat check last ran for: asked again only when changed.
    checked: Option<(String, String)>,
    saving: SaveState,
    /// People on file offered as a petitioner's name or phone is typed.
    suggestions: Suggestions,
}

impl PetitionForm {
    fn build(cx: &Cx, draft_key: String) -> PetitionForm {
        let slot = DraftSlot::new(
            "petition",
            draft_key,
            cx.officer.clone(),
            ScreenId::PetitionForm,
        );
        let mut form = FormState::new(fields::specs(), cx.lang).with_drafts(slot);
        form.set("channel", crate::domain::petition::Channel::Visit.code());
        form.set("risk", crate::domain::petition::Risk::Low.code());
        form.set("received_at", &cx.now.format("%Y-%m-%d %H:%M").to_string());
        form.set("handler", &cx.officer);
        let mut f = PetitionForm {
            form,
            rows: 1,
            prefill: [None, None, None],
            from_visit: None,
            hits: Vec::new(),
            checked: None,
            saving: SaveState::Idle,
            suggestions: Suggestions::default(),
        };
        f.show_rows(1);
        f
    }

    /// An empty form: a visit received now, handled by the officer.
    pub fn new(cx: &Cx) -> PetitionForm {
        PetitionForm::build(cx, String::new())
    }

    /// The form for a walk-in turned into a petition (转信访): the visitor, the summary as
    /// the request, and the walk-in linked once saved. The walk-in is loaded on entry.
    pub fn from_visit(visit_id: i64, cx: &Cx) -> PetitionForm {
        let mut form = PetitionForm::build(cx, format!("visit-{visit_id}"));
        form.from_visit = Some(visit_id);
        form
    }

    /// The form for a petitioner on file (from a profile).
    pub fn for_person(person_id: i64, name: &str, phone: &str, address: &str, cx: &Cx) -> Self {
        let mut form = PetitionForm::build(cx, format!("person-{person_id}"));
        form.prefill[0] = Some((person_id, name.to_string()));
        form.form.set("name0", name);
        form.form.set("phone0", phone);
        form.form.set("address0", address);
        form
    }

    pub fn form(&self) -> &FormState {
        &self.form
    }

    pub fn hits(&self) -> &[RepeatHit] {
        &self.hits
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn suggestions(&self) -> &Suggestions {
        &self.suggestions
    }

    /// Fills petitioner row `row` from the record picked and links it while its name is
    /// unchanged; a phone or address typed already gives way to the record's.
    fn fill_row(&mut self, row: usize, p: &crate::domain::person::Person) {
        let Some([name, phone, address]) = ROW_KEYS.get(row) else {
            return;
        };
        let Some(id) = p.id else {
            return;
        };
        self.prefill[row] = Some((id, p.name.clone()));
        self.form.set(name, &p.name);
        self.form.set(phone, &p.phone);
        self.form.set(address, &p.address);
        self.form.mark_edited();
        self.form.focus_on(address);
    }

    /// Shows `rows` petitioner rows; with more than one, each is numbered.
    fn show_rows(&mut self, rows: usize) {
        self.rows = rows.clamp(1, MAX_PETITIONER_ROWS);
        for (i, keys) in ROW_KEYS.iter().enumerate() {
            for key in keys {
                self.form.set_visible(key, i < self.rows);
                self.form.set_number(key, (self.rows > 1).then_some(i + 1));
            }
        }
    }

    /// Validates; on success runs the repeat check (once per name and subject) or saves.
    fn submit(&mut self, cx: &Cx) -> Vec<Effect> {
        let input = input_of(
            &self.form.values(),
            self.rows,
            &self.prefill,
            self.from_visit,
            cx.now,
        );
        let result = input.validate(cx.today).map_err(errors_of);
        let Some(petition) = self.form.check(result) else {
            let count = self.form.errors().iter().filter(|e| e.is_some()).count();
            return vec![Effect::Error(
                Msg::new("tui.petition.form.invalid").arg("count", count),
            )];
        };
        self.form.pause_drafts(true);
        let key = (
            petition.first_petitioner().to_string(),
            petition.subject.clone(),
        );
        if self.checked.as_ref() != Some(&key) {
            self.checked = Some(key.clone());
            self.saving = SaveState::Checking;
            let person_id = petition.petitioners.first().and_then(|p| p.person_id);
            return vec![Effect::Db(DbJob::Petitions(PetitionJob::RepeatCheck {
                person_id,
                name: key.0,
                subject: key.1,
            }))];
        }
        self.saving = SaveState::Registering;
        vec![
            Effect::Status(Msg::new("tui.form.saving")),
            Effect::Db(DbJob::Petitions(PetitionJob::Save {
                petition: Box::new(petition),
                draft: self.form.draft_slot(),
            })),
        ]
    }

    fn loaded(&mut self, loaded: &Loaded, cx: &Cx) -> Vec<Effect> {
        match loaded {
            Loaded::RepeatHits(hits) if self.saving == SaveState::Checking => {
                self.saving = SaveState::Idle;
                self.hits = hits.clone();
                if hits.is_empty() {
                    return self.submit(cx);
                }
                self.form.pause_drafts(false);
                self.form.focus_on("repeat");
                vec![Effect::Status(Msg::new("tui.petition.form.repeat_found"))]
            }
            Loaded::PetitionSaved(saved) => {
                self.saving = SaveState::Idle;
                let msg = match &saved.receipt {
                    Ok(path) => Msg::new("tui.petition.form.saved")
                        .arg("case_no", &saved.case_no)
                        .arg("path", path),
                    Err(why) => Msg::new("tui.petition.form.saved_no_receipt")
                        .arg("case_no", &saved.case_no)
                        .arg("detail", why),
                };
                // The save removed the draft; drafting stays off (`pause_drafts`).
                vec![Effect::Switch(ScreenId::Petitions), Effect::Status(msg)]
            }
            Loaded::PetitionNotSaved(why) => {
                self.saving = SaveState::Idle;
                self.form.pause_drafts(false);
                // As every form: saved by itself once the county server is back.
                self.form.set_offline_retry(crate::store::db::server_away());
                vec![Effect::Error(
                    Msg::new("tui.petition.refused").arg("detail", why),
                )]
            }
            Loaded::Search(result) => {
                self.suggestions.loaded(result);
                Vec::new()
            }
            Loaded::PetitionerOnFile(row, person) => {
                self.fill_row(*row, person);
                vec![Effect::Status(
                    Msg::new("tui.petition.form.suggest_linked").arg("name", &person.name),
                )]
            }
            // Typing (or a restored draft) wins over a walk-in that loads late.
            Loaded::VisitForPetition(v, person)
                if v.id.is_some() && v.id == self.from_visit && !self.form.is_dirty() =>
            {
                self.prefill[0] = v.person_id.map(|id| (id, v.visitor_name.clone()));
                self.form.set("name0", &v.visitor_name);
                // A walk-in of someone on file keeps no phone of its own: the record has it.
                let phone = match person {
                    Some(p) if v.visitor_phone.is_empty() => p.phone.as_str(),
                    _ => v.visitor_phone.as_str(),
                };
                self.form.set("phone0", phone);
                if let Some(p) = person {
                    self.form.set("address0", &p.address);
                }
                self.form.set("request", &v.summary);
                self.form.set(
                    "received_at",
                    &v.arrived_at.format("%Y-%m-%d %H:%M").to_string(),
                );
                // The walk-in gave who, when and what was asked; the subject is what is left.
                self.form.focus_on("subject");
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn add_row(&mut self) -> Vec<Effect> {
        if self.rows >= MAX_PETITIONER_ROWS {
            return vec![Effect::Status(
                Msg::new("tui.petition.form.max_rows").arg("max", MAX_PETITIONER_ROWS),
            )];
        }
        self.show_rows(self.rows + 1);
        self.form.focus_on(ROW_KEYS[self.rows - 1][0]);
        Vec::new()
    }

    /// The earlier cases found, above the form.
    fn header(&self, view: &View) -> Vec<Line<'static>> {
        if self.hits.is_empty() {
            return Vec::new();
        }
        let mut lines = vec![Line::styled(
            view.t("tui.petition.form.repeat_title"),
            view.theme.warning,
        )];
        for h in self.hits.iter().take(HITS_SHOWN) {
            lines.push(Line::styled(
                format!(
                    "  {}  {}  {}  {}",
                    h.case_no,
                    view.t(h.status.label_key()),
                    h.subject,
                    view.t(h.reason.label_key())
                ),
                view.theme.warning,
            ));
        }
        if self.hits.len() > HITS_SHOWN {
            lines.push(Line::styled(
                format!(
                    "  {}",
                    crate::i18n::tf(
                        view.lang,
                        "tui.petition.form.more_hits",
                        &[("n", &(self.hits.len() - HITS_SHOWN))]
                    )
                ),
                view.theme.warning,
            ));
        }
        lines
    }
}

impl Screen for PetitionForm {
    fn id(&self) -> ScreenId {
        ScreenId::PetitionForm
    }

    fn sections(&self) -> &'static [&'static str] {
        &["petition_form", "form", "text", "list"]
    }

    fn text_focused(&self) -> bool {
        self.form.takes_typing()
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::NextField,
            Action::Save,
            Action::AddPetitioner,
            Action::Back,
        ]
    }

    fn on_enter(&mut self, _cx: &Cx) -> Vec<Effect> {
        let mut out = match self.from_visit {
            Some(id) if !self.form.is_dirty() => {
                vec![Effect::Db(DbJob::Petitions(PetitionJob::Visit(id)))]
            }
            _ => Vec::new(),
        };
        out.extend(self.form.draft_lookup());
        out
    }

    fn hold_quit(&mut self) -> bool {
        self.form.hold_quit()
    }

    fn on_quit(&mut self) -> Vec<Effect> {
        self.form.draft_now()
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        if let Some(effects) = self.form.background(action) {
            return effects;
        }
        if let Action::Loaded(loaded) = action {
            return self.loaded(loaded, cx);
        }
        if self.saving != SaveState::Idle {
            return Vec::new();
        }
        if *action == Action::AddPetitioner && self.form.prompt().is_none() {
            return self.add_row();
        }
        if self.form.prompt().is_none()
            && let Some(effects) = self.suggestions.key(action)
        {
            return effects;
        }
        let event = self.form.handle(action);
        self.suggestions.focus_moved(self.form.focused_key());
        match event {
            // A restored draft brings its petitioner rows back.
            FormEvent::Changed("") => {
                let rows = rows_in_use(&self.form.values()).max(self.rows);
                self.show_rows(rows);
            }
            FormEvent::Changed(key) => {
                let value = self.form.values().get(key).to_string();
                return self.suggestions.typed(key, &value);
            }
            FormEvent::Submit => return self.submit(cx),
            FormEvent::Close => {
                let mut out = self.form.draft_delete();
                out.push(Effect::Pop);
                return out;
            }
            FormEvent::Answer(QUIT) => return vec![Effect::Quit],
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        render::render(
            &self.form,
            frame,
            area,
            view,
            view.t("tui.petition.form.title"),
            {
                let mut header = self.header(view);
                header.extend(self.suggestions.lines(view));
                header
            },
        );
    }
}
