//! Register or edit a person: every field of the record, gender and birth date filled
//! from the ID number, and a warning when the person may already be on file.
use crate::domain::category::{CategoryList, DisabilityNature, shipped, shipped_named};
use crate::domain::id_number::IdNumber;
use crate::domain::person::{Field, IdRule, Person, PersonInput};
use crate::i18n::{Lang, Msg};
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::form::{
    ChoiceOption, DraftSlot, FieldErrors, FieldKind, FieldSpec, FormEvent, FormState, FormValues,
    Label, Prompt, PromptChoice, PromptKey, render,
};
use crate::tui::screens::people::jobs::PeopleJob;
use crate::tui::screens::people::profile::Profile;
use crate::tui::screens::walkins::jobs::{WalkinJob, WalkinLoaded};
use crate::tui::screens::walkins::visit_form::VisitForm;
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Where the form was opened from, and so where a saved person goes.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Lookup (Ctrl+N): the new profile opens.
    Lookup,
    /// A profile (edit): back to it, reloaded.
    Profile,
    /// A walk-in form for a visitor not on file: back to it, with the person.
    Visit(Box<VisitForm>),
    /// A family link's relative not on file: back to the link form, which takes them.
    Relative,
}

mod conflict;

#[derive(Debug, Clone)]
pub struct PersonForm {
    form: FormState,
    person_id: Option<i64>,
    /// The version of the record being edited, as it was opened (0 for a new person).
    version: i64,
    origin: Origin,
    saving: bool,
    /// The person the duplicate warning is about.
    existing: Option<(i64, String)>,
    /// What validation noticed about the person being saved (an old ID number converted),
    /// told once the save succeeds.
    notices: Vec<Msg>,
    /// Another desk's change the last save ran into.
    conflict: Option<conflict::PersonConflict>,
}

const OPEN_EXISTING: &str = "open_existing";
/// The categories after the main one, typed as a roster cell holds them.
const MORE_CATEGORIES: &str = "more_categories";
const SAVE_ANYWAY: &str = "save_anyway";
use crate::tui::form::lifecycle::{QUIT, STAY};

/// Every field of the record, as the form declares it (keys are `PersonInput`'s names).
pub fn specs() -> Vec<FieldSpec> {
    let text = |f: Field, key: &'static str, max: usize| FieldSpec::text(key, f.label_key(), max);
    let categories = shipped()
        .iter()
        .map(|c| {
            ChoiceOption::new(
                c.zh.as_str(),
                Label::ByLang {
                    zh: c.zh.clone(),
                    en: c.en.clone(),
                },
            )
        })
        .collect();
    let natures = DisabilityNature::ALL
        .iter()
        .map(|n| {
            ChoiceOption::new(
                n.zh(),
                Label::ByLang {
                    zh: n.zh().to_string(),
                    en: n.en().to_string(),
                },
            )
        })
        .collect();
    vec![
        text(Field::Name, "name", 40).required(),
        text(Field::IdNumber, "id_number", 24).hint("tui.person.id_hint"),
        FieldSpec::new(
            "gender",
            Field::Gender.label_key(),
            FieldKind::Choice {
                options: vec![
                    ChoiceOption::new("男", Label::Key("gender.male")),
                    ChoiceOption::new("女", Label::Key("gender.female")),
                ],
            },
        ),
        FieldSpec::new("birth_date", Field::BirthDate.label_key(), FieldKind::Date),
        text(Field::Ethnicity, "ethnicity", 20),
        text(Field::Phone, "phone", 20),
        FieldSpec::new(
            "category",
            Field::Category.label_key(),
            FieldKind::Choice {
                options: categories,
            },
        )
        .required()
        .hint("tui.form.choice_hint"),
        FieldSpec::text(MORE_CATEGORIES, "categories.field_more", 200).hint("categories.more_hint"),
        text(Field::PoliticalStatus, "political_status", 20),
        text(Field::Hukou, "hukou", 100),
        text(Field::Town, "town", 40),
        text(Field::Village, "village", 40),
        text(Field::Address, "address", 100),
        text(Field::EnlistDate, "enlist_date", 12).hint("tui.person.month_hint"),
        text(Field::DischargeDate, "discharge_date", 12).hint("tui.person.month_hint"),
        text(Field::Branch, "branch", 40),
        text(Field::Unit, "unit", 80),
        text(Field::Rank, "rank", 40),
        text(Field::DisabilityGrade, "disability_grade", 4),
        FieldSpec::new(
            "disability_nature",
            Field::DisabilityNature.label_key(),
            FieldKind::Choice { options: natures },
        ),
        text(Field::Awards, "awards", 200),
        text(Field::Employment, "employment", 40),
        FieldSpec::new("hardship", Field::Hardship.label_key(), FieldKind::Check),
        FieldSpec::new("key_person", Field::KeyPerson.label_key(), FieldKind::Check),
        FieldSpec::new(
            "notes",
            Field::Notes.label_key(),
            FieldKind::Multiline { max: 2000 },
        ),
    ]
}

/// The form's values as a `PersonInput`.
pub fn input_of(v: &FormValues) -> PersonInput {
    let s = |k: &str| v.get(k).to_string();
    PersonInput {
        name: s("name"),
        id_number: s("id_number"),
        gender: s("gender"),
        birth_date: s("birth_date"),
        ethnicity: s("ethnicity"),
        phone: s("phone"),
        // The main category first, then the others as typed.
        category: [s("category"), s(MORE_CATEGORIES)].join("、"),
        enlist_date: s("enlist_date"),
        discharge_date: s("discharge_date"),
        hukou: s("hukou"),
        town: s("town"),
        village: s("village"),
        address: s("address"),
        political_status: s("political_status"),
        branch: s("branch"),
        unit: s("unit"),
        rank: s("rank"),
        disability_grade: s("disability_grade"),
        disability_nature: s("disability_nature"),
        awards: s("awards"),
        employment: s("employment"),
        hardship: v.check("hardship"),
        key_person: v.check("key_person"),
        notes: s("notes"),
    }
}

/// The pure conversion as of `today`: form values to a person and what the officer should
/// still be told, or the errors by field key.
/// A name on no list is taken as a local category: the save checks it against the station's
/// list.
pub fn convert(v: &FormValues, today: NaiveDate) -> Result<(Person, Vec<Msg>), FieldErrors> {
    convert_with(v, today, &CategoryList::open_local())
}

/// [`convert`] accepting a list of categories besides the shipped ones.
pub fn convert_with(
    v: &FormValues,
    today: NaiveDate,
    categories: &CategoryList,
) -> Result<(Person, Vec<Msg>), FieldErrors> {
    input_of(v)
        .validate_with(IdRule::Optional, today, categories)
        .map(|ok| (ok.person, ok.notices.into_iter().map(|(_, m)| m).collect()))
        .map_err(|errs| errs.into_iter().map(|(f, m)| (f.code(), m)).collect())
}

/// A person's record as form values.
pub fn values_of(p: &Person) -> FormValues {
    let i = PersonInput::from_person(p);
    // A local main category is not among the choices: it leads the other categories.
    let (main, skip) = match shipped_named(p.main_category()) {
        Some(c) => (c.zh.as_str(), 1),
        None => ("", 0),
    };
    let more: Vec<&str> = p.categories.iter().skip(skip).map(String::as_str).collect();
    let mut v = FormValues::default();
    for (k, val) in [
        ("name", i.name),
        ("id_number", i.id_number),
        ("gender", i.gender),
        ("birth_date", i.birth_date),
        ("ethnicity", i.ethnicity),
        ("phone", i.phone),
        ("category", main.to_string()),
        (MORE_CATEGORIES, more.join("、")),
        ("enlist_date", i.enlist_date),
        ("discharge_date", i.discharge_date),
        ("hukou", i.hukou),
        ("town", i.town),
        ("village", i.village),
        ("address", i.address),
        ("political_status", i.political_status),
        ("branch", i.branch),
        ("unit", i.unit),
        ("rank", i.rank),
        ("disability_grade", i.disability_grade),
        ("disability_nature", i.disability_nature),
        ("awards", i.awards),
        ("employment", i.employment),
        ("notes", i.notes),
    ] {
        v.set(k, val);
    }
    v.set("hardship", if i.hardship { "1" } else { "" });
    v.set("key_person", if i.key_person { "1" } else { "" });
    v
}

impl PersonForm {
    fn build(lang: Lang, officer: &str, person_id: Option<i64>, origin: Origin) -> PersonForm {
        let slot = DraftSlot::new(
            "person",
            person_id.map(|i| i.to_string()).unwrap_or_default(),
            officer.to_string(),
            ScreenId::PersonForm,
        );
        PersonForm {
            form: FormState::new(specs(), lang).with_drafts(slot),
            person_id,
            version: 0,
            origin,
            saving: false,
            existing: None,
            notices: Vec::new(),
            conflict: None,
        }
    }

    /// A new person; the lookup's text becomes the name unless it is a number.
    pub fn new_from_lookup(cx: &Cx, query: &str) -> PersonForm {
        let mut f = PersonForm::build(cx.lang, &cx.officer, None, Origin::Lookup);
        let q = query.trim();
        if !q.is_empty()
            && !q
                .chars()
                .all(|c| c.is_ascii_digit() || c == 'x' || c == 'X')
        {
            f.form.set("name", q);
        }
        f
    }

    /// Editing a person on file.
    pub fn edit(cx: &Cx, person: &Person) -> PersonForm {
        let mut f = PersonForm::build(cx.lang, &cx.officer, person.id, Origin::Profile);
        f.form.set_values(&values_of(person));
        f.version = person.version;

        f
    }

    /// A visitor not on file, from the walk-in form: name, phone and ID number carried over.
    pub fn from_visit(cx: &Cx, [name, phone, id]: [&str; 3], visit: VisitForm) -> PersonForm {
        let mut f = PersonForm::build(cx.lang, &cx.officer, None, Origin::Visit(Box::new(visit)));
        f.form.set("name", name);
        f.form.set("phone", phone);
        f.form.set("id_number", id);
        f.id_changed();
        f
    }

    /// A relative not on file, from the family link form: the name typed there carried
    /// over.
    pub fn for_relative(cx: &Cx, name: &str) -> PersonForm {
        let mut f = PersonForm::new_from_lookup(cx, name);
        f.origin = Origin::Relative;
        f
    }

    pub fn form(&self) -> &FormState {
        &self.form
    }

    /// Gender and birth date follow a complete, valid ID number.
    fn id_changed(&mut self) {
        if let Ok(id) = IdNumber::parse(self.form.values().get("id_number")) {
            self.form.set("gender", id.gender().zh());
            self.form.set(
                "birth_date",
                &id.birth_date().format("%Y-%m-%d").to_string(),
            );
        }
    }

    fn leave(&mut self, cx: &Cx) -> Vec<Effect> {
        let mut out = self.form.draft_delete();
        out.push(Effect::Pop);
        if let Origin::Visit(visit) = &self.origin {
            let _ = cx;
            out.push(Effect::Push(visit.clone()));
        }
        out
    }

    /// Where to go with a person (saved, or the existing one chosen instead).
    /// A saved person's draft went with the save's transaction.
    fn go_to(&mut self, id: i64, name: &str, cx: &Cx, saved: bool) -> Vec<Effect> {
        let mut out = vec![Effect::Pop];
        match &self.origin {
            Origin::Lookup => out.push(Effect::Push(Box::new(Profile::new(id, name)))),
            Origin::Profile if Some(id) == self.person_id => {
                out.push(Effect::Db(DbJob::People(PeopleJob::Profile(id))));
            }
            Origin::Profile => out.push(Effect::Push(Box::new(Profile::new(id, name)))),
            Origin::Visit(visit) => {
                let mut visit = visit.as_ref().clone();
                out.extend(visit.forget_draft());
                visit.set_person(cx, id, name);
                out.push(Effect::Push(Box::new(visit)));
                // Their earlier walk-ins, registered before they were on file.
                out.push(Effect::Db(DbJob::Walkins(WalkinJob::UnlinkedFromVisit(id))));
            }
            Origin::Relative => out.push(Effect::Db(DbJob::People(PeopleJob::Family(
                super::family_jobs::FamilyJob::Relative(id),
            )))),
        }
        if saved {
            let notices = std::mem::take(&mut self.notices);
            let status = if notices.is_empty() {
                Msg::new("tui.person.saved").arg("name", name)
            } else {
                let told: Vec<String> = notices.iter().map(|m| m.render(cx.lang)).collect();
                Msg::new("rostermsg.saved_notice")
                    .arg("name", name)
                    .arg("notice", told.join(" "))
            };
            out.push(Effect::Status(status));
        }
        out
    }

    fn submit(&mut self, force: bool, today: NaiveDate) -> Vec<Effect> {
        let Some((mut person, notices)) = self.form.check(convert(&self.form.values(), today))
        else {
            return vec![Effect::Error(Msg::new("tui.form.has_errors"))];
        };
        self.notices = notices;
        person.id = self.person_id;
        person.version = self.version;
        self.saving = true;
        self.form.pause_drafts(true);
        vec![
            Effect::Status(Msg::new("tui.form.saving")),
            Effect::Db(DbJob::Walkins(WalkinJob::SavePerson {
                person: Box::new(person),
                force,
                draft: self.form.draft_slot(),
            })),
        ]
    }

    fn loaded(&mut self, loaded: &WalkinLoaded, cx: &Cx) -> Vec<Effect> {
        let open = PromptChoice {
            key: PromptKey::Enter,
            label_key: "tui.person.open_existing",
            answer: OPEN_EXISTING,
        };
        let back = PromptChoice {
            key: PromptKey::Esc,
            label_key: "tui.person.back_to_form",
            answer: STAY,
        };
        match loaded {
            WalkinLoaded::PersonSaved { id, name } => {
                self.saving = false;
                // A new name, ID or phone must be found by the next lookup.
                let mut out = self.go_to(*id, name, cx, true);
                out.push(Effect::RefreshIndex);
                out
            }
            WalkinLoaded::PersonOnFile { id, name } => {
                self.saving = false;
                self.form.pause_drafts(false);
                // What was typed is the record on file: its draft goes, the record opens.
                let mut out = self.form.draft_delete();
                out.extend(self.go_to(*id, name, cx, false));
                out.push(Effect::Status(
                    Msg::new("desks.on_file_opened").arg("name", name),
                ));
                out
            }
            WalkinLoaded::SameId { id, name } => {
                self.saving = false;
                self.form.pause_drafts(false);
                self.existing = Some((*id, name.clone()));
                self.form
                    .set_error("id_number", Msg::new("tui.person.same_id_field"));
                self.form.focus_on("id_number");
                self.form.ask(Prompt {
                    message: Msg::new("tui.person.same_id").arg("name", name),
                    choices: vec![open, back],
                });
                vec![Effect::Status(Msg::new("desks.not_saved_same"))]
            }
            WalkinLoaded::LikelySame { id, name } => {
                self.saving = false;
                self.form.pause_drafts(false);
                self.existing = Some((*id, name.clone()));
                self.form.ask(Prompt {
                    message: Msg::new("tui.person.likely_same").arg("name", name),
                    choices: vec![
                        open,
                        PromptChoice {
                            key: PromptKey::Char('s'),
                            label_key: "tui.person.save_anyway",
                            answer: SAVE_ANYWAY,
                        },
                        back,
                    ],
                });
                vec![Effect::Status(Msg::new("desks.not_saved_same"))]
            }
            WalkinLoaded::PersonConflict { actor, at, theirs } => self.conflict(actor, at, theirs),
            WalkinLoaded::PersonFailed(detail) => {
                self.saving = false;
                self.form.save_failed(detail)
            }
            _ => Vec::new(),
        }
    }
}

impl Screen for PersonForm {
    fn id(&self) -> ScreenId {
        ScreenId::PersonForm
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
            return effects;
        }
        if let Action::Loaded(Loaded::Walkin(loaded)) = action {
            return self.loaded(loaded, cx);
        }
        if self.saving {
            return Vec::new();
        }
        match self.form.handle(action) {
            FormEvent::Changed("id_number") => self.id_changed(),
            FormEvent::Submit => return self.submit(false, cx.today),
            FormEvent::Close => return self.leave(cx),
            FormEvent::Answer(QUIT) => return vec![Effect::Quit],
            FormEvent::Answer(SAVE_ANYWAY) => return self.submit(true, cx.today),
            FormEvent::Answer(answer @ (conflict::RELOAD | conflict::KEEP_MINE)) => {
                return self.conflict_answer(answer, cx.today);
            }
            FormEvent::Answer(OPEN_EXISTING) => {
                if let Some((id, name)) = self.existing.take() {
                    return self.go_to(id, &name, cx, false);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let title = if self.person_id.is_some() {
            view.t("tui.person.title_edit")
        } else {
            view.t("tui.person.title_new")
        };
        render::render(
            &self.form,
            frame,
            area,
            view,
            title,
            self.conflict_lines(view),
        );
    }
}

#[cfg(test)]
#[path = "person_form_categories_tests.rs"]
mod categories_tests;
