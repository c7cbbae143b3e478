//! Adding or changing one family link: the relative chosen with the lookup engine (type a
//! name, initials or the tail of an ID number, ↓ ↑ and Enter pick a suggestion; Ctrl+N
//! registers a relative not on file and comes back with them), the relation and the basis
//! as choices, Ctrl+S saves. A change keeps the relative and offers the relation and the
//! basis, starting from what the list showed.
use crate::domain::family::{BASES, Basis, CHOICES, Kinship};
use crate::domain::person::Person;
use crate::i18n::{Msg, tf};
use crate::store::family::FamilyView;
use crate::tui::action::{Action, Loaded};
use crate::tui::data::{ResultRow, SearchResult};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::form::{
    ChoiceOption, FieldErrors, FieldKind, FieldSpec, FormEvent, FormState, Label, render,
};
use crate::tui::screens::people::family_jobs::{FamilyJob, FamilyLoaded};
use crate::tui::screens::people::jobs::PeopleJob;
use crate::tui::screens::people::person_form::PersonForm;
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

const RELATIVE: &str = "relative";
const RELATION: &str = "relation";
const BASIS: &str = "basis";
/// Suggestions shown at most; the engine ranks the best first.
const SHOWN: usize = 5;

fn specs() -> Vec<FieldSpec> {
    let relations = CHOICES
        .iter()
        .map(|r| ChoiceOption::new(r.key(), Label::Key(r.key())))
        .collect();
    let bases = BASES
        .iter()
        .map(|b| ChoiceOption::new(b.key(), Label::Key(b.key())))
        .collect();
    vec![
        FieldSpec::text(RELATIVE, "family.field.relative", 40)
            .required()
            .hint("family.field.relative_hint"),
        FieldSpec::new(
            RELATION,
            "family.field.relation",
            FieldKind::Choice { options: relations },
        )
        .required()
        .hint("family.field.relation_hint"),
        FieldSpec::new(
            BASIS,
            "family.field.basis",
            FieldKind::Choice { options: bases },
        )
        .hint("family.field.basis_hint"),
    ]
}

/// The relative's suggestions as the name is typed: the lookup engine's answers, asked
/// with this screen as the owner so that they come back here.
#[derive(Debug, Clone, Default)]
struct Suggestions {
    /// Bumped on every query; older answers are dropped.
    generation: u64,
    rows: Vec<ResultRow>,
    selected: usize,
}

#[derive(Debug)]
pub struct LinkForm {
    form: FormState,
    person_id: i64,
    person_name: String,
    /// The relative chosen: a suggestion picked, or a person just registered.
    relative: Option<(i64, String)>,
    /// The link as the list showed it, when changing one.
    before: Option<Kinship>,
    suggestions: Suggestions,
    saving: bool,
}

impl LinkForm {
    /// A new link for the person.
    pub fn add(cx: &Cx, person_id: i64, person_name: &str) -> LinkForm {
        LinkForm {
            form: FormState::new(specs(), cx.lang),
            person_id,
            person_name: person_name.to_string(),
            relative: None,
            before: None,
            suggestions: Suggestions::default(),
            saving: false,
        }
    }

    /// The link shown in the list, to change its relation or basis.
    pub fn change(cx: &Cx, person_id: i64, person_name: &str, link: &FamilyView) -> LinkForm {
        let mut f = LinkForm::add(cx, person_id, person_name);
        f.relative = link.relative.id.map(|id| (id, link.relative.name.clone()));
        f.before = Some(link.kinship);
        f.form.set(RELATIVE, &link.relative.name);
        f.form.set(RELATION, link.kinship.relation.key());
        f.form.set(BASIS, link.kinship.basis.key());
        f.form.set_visible(RELATIVE, false);
        f.form.focus_on(RELATION);
        f
    }

    pub fn form(&self) -> &FormState {
        &self.form
    }

    /// The relative typed changed: what was chosen no longer holds, and the engine is
    /// asked.
    fn typed(&mut self) -> Vec<Effect> {
        let query = self.form.values().get(RELATIVE).trim().to_string();
        if self.relative.as_ref().is_some_and(|(_, n)| *n == query) {
            return Vec::new();
        }
        self.relative = None;
        self.suggestions.generation += 1;
        self.suggestions.rows.clear();
        self.suggestions.selected = 0;
        if query.is_empty() {
            return Vec::new();
        }
        vec![Effect::Search {
            generation: self.suggestions.generation,
            query,
            owner: Some(ScreenId::FamilyLink),
        }]
    }

    fn searched(&mut self, result: &SearchResult) {
        if result.generation == self.suggestions.generation && self.relative.is_none() {
            self.suggestions.rows = result
                .rows
                .iter()
                .filter(|r| r.id != self.person_id)
                .take(SHOWN)
                .cloned()
                .collect();
            self.suggestions.selected = 0;
        }
    }

    fn choose(&mut self, id: i64, name: &str) {
        self.relative = Some((id, name.to_string()));
        self.form.set(RELATIVE, name);
        self.form.mark_edited();
        self.suggestions.rows.clear();
        self.form.focus_on(RELATION);
    }

    /// A key while suggestions show under the relative: ↓ ↑ choose, Enter picks, Esc puts
    /// the list away. `None` for the keys the form keeps.
    fn suggestion_key(&mut self, action: &Action) -> Option<Vec<Effect>> {
        let s = &mut self.suggestions;
        if s.rows.is_empty() || self.form.focused_key() != RELATIVE || self.form.prompt().is_some()
        {
            return None;
        }
        match action {
            Action::MoveDown => s.selected = (s.selected + 1).min(s.rows.len() - 1),
            Action::MoveUp => s.selected = s.selected.saturating_sub(1),
            Action::Open => {
                let row = s.rows.get(s.selected)?.clone();
                self.choose(row.id, &row.name);
            }
            Action::Back => s.rows.clear(),
            _ => return None,
        }
        Some(Vec::new())
    }

    fn kinship(values: &crate::tui::form::FormValues) -> Option<Kinship> {
        let relation = CHOICES
            .iter()
            .copied()
            .find(|r| r.key() == values.get(RELATION))?;
        let basis = BASES
            .iter()
            .copied()
            .find(|b| b.key() == values.get(BASIS))
            .unwrap_or(Basis::None);
        Some(Kinship::new(relation, basis))
    }

    fn submit(&mut self) -> Vec<Effect> {
        let values = self.form.values();
        let mut errors: FieldErrors = Vec::new();
        if self.relative.is_none() {
            errors.push((RELATIVE, Msg::new("family.field.choose_relative")));
        }
        let kinship = LinkForm::kinship(&values);
        if kinship.is_none() {
            errors.push((RELATION, Msg::new("family.field.choose_relation")));
        }
        let checked = match (self.relative.clone(), kinship) {
            (Some((id, _)), Some(k)) if errors.is_empty() => Ok((id, k)),
            _ => Err(errors),
        };
        let Some((relative_id, after)) = self.form.check(checked) else {
            return vec![Effect::Error(Msg::new("tui.form.has_errors"))];
        };
        let person_id = self.person_id;
        let job = match self.before {
            Some(before) if before == after => return vec![Effect::Pop],
            Some(before) => FamilyJob::Change {
                person_id,
                relative_id,
                before,
                after,
            },
            None => FamilyJob::Add {
                person_id,
                relative_id,
                kinship: after,
            },
        };
        self.saving = true;
        vec![
            Effect::Status(Msg::new("tui.form.saving")),
            Effect::Db(DbJob::People(PeopleJob::Family(job))),
        ]
    }

    fn loaded(&mut self, loaded: &Loaded) -> Vec<Effect> {
        match loaded {
            Loaded::Search(result) => self.searched(result),
            Loaded::Family(FamilyLoaded::Saved { relative, changed }) => {
                self.saving = false;
                let key = if *changed {
                    "family.screen.changed"
                } else {
                    "family.screen.added"
                };
                return vec![
                    Effect::Pop,
                    Effect::Status(Msg::new(key).arg("name", relative)),
                    // The change log is read at once: the list and the profile reload.
                    Effect::RefreshIndex,
                ];
            }
            Loaded::Family(FamilyLoaded::Refused { why, stale }) => {
                self.saving = false;
                let told = Effect::Error(Msg::new("tui.app.refused").arg("why", why));
                if *stale {
                    // What the form started from is gone: back to the list, read afresh.
                    return vec![Effect::Pop, told, Effect::RefreshIndex];
                }
                return vec![told];
            }
            Loaded::Family(FamilyLoaded::Relative(person)) => self.registered(person),
            _ => {}
        }
        Vec::new()
    }

    /// A relative registered from this form (or the record on file chosen instead).
    fn registered(&mut self, person: &Person) {
        if let Some(id) = person.id {
            self.choose(id, &person.name);
        }
    }
}

impl Screen for LinkForm {
    fn id(&self) -> ScreenId {
        ScreenId::FamilyLink
    }

    fn sections(&self) -> &'static [&'static str] {
        &["form", "text", "list"]
    }

    fn text_focused(&self) -> bool {
        self.form.takes_typing()
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::Save,
            Action::NextField,
            Action::NewItem,
            Action::Back,
            Action::Help,
        ]
    }

    fn hold_quit(&mut self) -> bool {
        self.form.hold_quit()
    }

    /// A new index (a person registered or changed): the suggestions are asked again.
    fn index_changed(&mut self) -> Vec<Effect> {
        if self.relative.is_some() || self.form.values().get(RELATIVE).trim().is_empty() {
            return Vec::new();
        }
        self.typed()
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        if let Action::Loaded(loaded) = action {
            return self.loaded(loaded);
        }
        if self.saving {
            return Vec::new();
        }
        if let Some(effects) = self.suggestion_key(action) {
            return effects;
        }
        // A relative not on file: registered in the person form, then chosen here.
        if *action == Action::NewItem && self.before.is_none() && self.form.prompt().is_none() {
            let name = self.form.values().get(RELATIVE).to_string();
            return vec![Effect::Push(Box::new(PersonForm::for_relative(cx, &name)))];
        }
        match self.form.handle(action) {
            FormEvent::Changed(RELATIVE) => return self.typed(),
            FormEvent::Submit => return self.submit(),
            FormEvent::Close => return vec![Effect::Pop],
            FormEvent::Answer(crate::tui::form::lifecycle::QUIT) => return vec![Effect::Quit],
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let key = if self.before.is_some() {
            "family.screen.change_title"
        } else {
            "family.screen.add_title"
        };
        let title = tf(view.lang, key, &[("name", &self.person_name)]);
        // The picked relative's name is the relative field's own text: not repeated here.
        let mut header = Vec::new();
        if !self.suggestions.rows.is_empty() {
            header.push(Line::styled(
                view.t("family.screen.suggest_title"),
                view.theme.title,
            ));
        }
        for (i, r) in self.suggestions.rows.iter().enumerate() {
            let birth = r
                .birth_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            let text = tf(
                view.lang,
                "tui.petition.form.suggest_row",
                &[
                    ("name", &r.name),
                    ("birth", &birth),
                    ("id", &r.id_masked),
                    ("phone", &r.phone_masked),
                    ("town", &r.town),
                ],
            );
            let (mark, style) = if i == self.suggestions.selected {
                ("> ", view.theme.selection)
            } else {
                ("  ", view.theme.text)
            };
            header.push(Line::styled(format!("{mark}{text}"), style));
        }
        render::render(&self.form, frame, area, view, title, header);
    }
}
