//! The petition intake form (信访登记): channel, time received, one to three petitioners,
//! numbers, representatives and agents, the matter, flags, risk and handler. Saving
//! validates through `PetitionInput::validate`, asks the store for earlier cases on the
//! same matter (重复访) and shows them before the case is registered, then writes the
//! receipt and goes to the ledger.
//!
//! The fields are declared as a table ([`Field::spec`]); the values live in text fields,
//! choices and checks held here, and [`PetitionForm::input`] is the pure conversion to the
//! domain's `PetitionInput`.
use crate::domain::petition::{Channel, PetitionField, PetitionInput, PetitionerInput, Risk};
use crate::i18n::{Msg, t, tf};
use crate::store::petitions::RepeatHit;
use crate::tui::action::{Action, Loaded};
use crate::tui::chrome;
use crate::tui::effect::{DbJob, Effect};
use crate::tui::input::TextField;
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::text::{fit, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::collections::HashMap;

/// The most petitioner rows the form shows.
pub const MAX_PETITIONER_ROWS: usize = 3;

/// One field of the form; petitioner fields carry their row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Channel,
    ReceivedAt,
    Name(usize),
    Phone(usize),
    Address(usize),
    PeopleCount,
    Representatives,
    Agents,
    Category,
    Subject,
    Request,
    Facts,
    Reasons,
    Documents,
    Repeat,
    SkipLevel,
    Collective,
    Risk,
    Handler,
}

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Choice,
    Check,
}

impl Field {
    /// `(label key, kind)` of the field.
    fn spec(self) -> (&'static str, Kind) {
        match self {
            Field::Channel => ("petition.field.channel", Kind::Choice),
            Field::ReceivedAt => ("petition.field.received_at", Kind::Text),
            Field::Name(_) => ("petition.field.petitioner_name", Kind::Text),
            Field::Phone(_) => ("petition.field.petitioner_phone", Kind::Text),
            Field::Address(_) => ("petition.field.petitioner_address", Kind::Text),
            Field::PeopleCount => ("petition.field.people_count", Kind::Text),
            Field::Representatives => ("petition.field.representatives", Kind::Text),
            Field::Agents => ("petition.field.agents", Kind::Text),
            Field::Category => ("petition.field.category", Kind::Text),
            Field::Subject => ("petition.field.subject", Kind::Text),
            Field::Request => ("petition.field.request", Kind::Text),
            Field::Facts => ("petition.field.facts", Kind::Text),
            Field::Reasons => ("petition.field.reasons", Kind::Text),
            Field::Documents => ("petition.field.documents", Kind::Text),
            Field::Repeat => ("petition.flag.repeat", Kind::Check),
            Field::SkipLevel => ("petition.flag.skip_level", Kind::Check),
            Field::Collective => ("petition.flag.collective", Kind::Check),
            Field::Risk => ("petition.field.risk", Kind::Choice),
            Field::Handler => ("petition.field.handler", Kind::Text),
        }
    }

    /// The form field a validation error points at.
    fn from_domain(f: PetitionField) -> Field {
        match f {
            PetitionField::Channel => Field::Channel,
            PetitionField::ReceivedAt => Field::ReceivedAt,
            PetitionField::Petitioners => Field::Name(0),
            PetitionField::PetitionerName(i) => Field::Name(i),
            PetitionField::PetitionerPhone(i) => Field::Phone(i),
            PetitionField::PetitionerAddress(i) => Field::Address(i),
            PetitionField::PeopleCount => Field::PeopleCount,
            PetitionField::Representatives => Field::Representatives,
            PetitionField::Agents => Field::Agents,
            PetitionField::Category => Field::Category,
            PetitionField::Subject => Field::Subject,
            PetitionField::Request => Field::Request,
            PetitionField::Facts => Field::Facts,
            PetitionField::Reasons => Field::Reasons,
            PetitionField::Documents => Field::Documents,
            PetitionField::Collective => Field::Collective,
            PetitionField::Risk => Field::Risk,
            PetitionField::Handler => Field::Handler,
        }
    }
}

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

#[derive(Debug)]
pub struct PetitionForm {
    texts: HashMap<Field, TextField>,
    channel: usize,
    risk: usize,
    repeat: bool,
    skip_level: bool,
    collective: bool,
    rows: usize,
    person_ids: [Option<i64>; MAX_PETITIONER_ROWS],
    from_visit: Option<i64>,
    focus: Field,
    errors: Vec<(Field, Msg)>,
    /// Earlier cases found by the repeat check, shown until the form is saved.
    hits: Vec<RepeatHit>,
    /// The `(name, subject)` the repeat check last ran for: asked again only when changed.
    checked: Option<(String, String)>,
    saving: SaveState,
    dirty: bool,
    confirm_discard: bool,
}

impl PetitionForm {
    /// An empty form: a visit received now, handled by the officer.
    pub fn new(cx: &Cx) -> PetitionForm {
        let mut form = PetitionForm {
            texts: HashMap::new(),
            channel: Channel::ALL
                .iter()
                .position(|c| *c == Channel::Visit)
                .unwrap_or(0),
            risk: 0,
            repeat: false,
            skip_level: false,
            collective: false,
            rows: 1,
            person_ids: [None; MAX_PETITIONER_ROWS],
            from_visit: None,
            focus: Field::Channel,
            errors: Vec::new(),
            hits: Vec::new(),
            checked: None,
            saving: SaveState::Idle,
            dirty: false,
            confirm_discard: false,
        };
        form.set(
            Field::ReceivedAt,
            &cx.now.format("%Y-%m-%d %H:%M").to_string(),
        );
        form.set(Field::Handler, &cx.officer);
        form
    }

    /// The form for a walk-in turned into a petition (转信访): the visitor, the summary as
    /// the request, and the walk-in linked once saved. The walk-in is loaded on entry.
    pub fn from_visit(visit_id: i64, cx: &Cx) -> PetitionForm {
        let mut form = PetitionForm::new(cx);
        form.from_visit = Some(visit_id);
        form
    }

    /// The form for a petitioner on file (from a profile).
    pub fn for_person(person_id: i64, name: &str, phone: &str, address: &str, cx: &Cx) -> Self {
        let mut form = PetitionForm::new(cx);
        form.person_ids[0] = Some(person_id);
        form.set(Field::Name(0), name);
        form.set(Field::Phone(0), phone);
        form.set(Field::Address(0), address);
        form
    }

    fn set(&mut self, field: Field, value: &str) {
        self.texts.entry(field).or_default().set_value(value);
    }

    fn text(&self, field: Field) -> &str {
        self.texts.get(&field).map_or("", TextField::value)
    }

    pub fn errors(&self) -> &[(Field, Msg)] {
        &self.errors
    }

    pub fn focus(&self) -> Field {
        self.focus
    }

    pub fn hits(&self) -> &[RepeatHit] {
        &self.hits
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The fields in Tab order.
    fn fields(&self) -> Vec<Field> {
        let mut out = vec![Field::Channel, Field::ReceivedAt];
        for i in 0..self.rows {
            out.extend([Field::Name(i), Field::Phone(i), Field::Address(i)]);
        }
        out.extend([
            Field::PeopleCount,
            Field::Representatives,
            Field::Agents,
            Field::Category,
            Field::Subject,
            Field::Request,
            Field::Facts,
            Field::Reasons,
            Field::Documents,
            Field::Repeat,
            Field::SkipLevel,
            Field::Collective,
            Field::Risk,
            Field::Handler,
        ]);
        out
    }

    /// The form's values as the domain reads them: the pure conversion.
    pub fn input(&self) -> PetitionInput {
        PetitionInput {
            channel: Channel::ALL
                .get(self.channel)
                .map_or("", |c| c.code())
                .to_string(),
            received_at: self.text(Field::ReceivedAt).to_string(),
            petitioners: (0..self.rows)
                .map(|i| PetitionerInput {
                    person_id: self.person_ids[i],
                    name: self.text(Field::Name(i)).to_string(),
                    phone: self.text(Field::Phone(i)).to_string(),
                    address: self.text(Field::Address(i)).to_string(),
                })
                .collect(),
            people_count: self.text(Field::PeopleCount).to_string(),
            representatives: self.text(Field::Representatives).to_string(),
            agents: self.text(Field::Agents).to_string(),
            category: self.text(Field::Category).to_string(),
            subject: self.text(Field::Subject).to_string(),
            request: self.text(Field::Request).to_string(),
            facts: self.text(Field::Facts).to_string(),
            reasons: self.text(Field::Reasons).to_string(),
            documents: self.text(Field::Documents).to_string(),
            repeat: self.repeat,
            skip_level: self.skip_level,
            collective: self.collective,
            risk: Risk::ALL
                .get(self.risk)
                .map_or("", |r| r.code())
                .to_string(),
            handler: self.text(Field::Handler).to_string(),
            from_visit: self.from_visit,
        }
    }

    fn move_focus(&mut self, forward: bool) {
        let fields = self.fields();
        let n = fields.len();
        let i = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        self.focus = fields[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
        self.confirm_discard = false;
    }

    fn edited(&mut self) {
        self.dirty = true;
        self.confirm_discard = false;
    }

    /// Validates; on success runs the repeat check (once per name and subject) or saves.
    fn save(&mut self, cx: &Cx) -> Vec<Effect> {
        if self.saving != SaveState::Idle {
            return Vec::new();
        }
        let input = self.input();
        let petition = match input.validate(cx.today) {
            Ok(p) => p,
            Err(errors) => {
                self.errors = errors
                    .into_iter()
                    .map(|(f, m)| (Field::from_domain(f), m))
                    .collect();
                if let Some((f, _)) = self.errors.first() {
                    self.focus = *f;
                }
                return vec![Effect::Error(
                    Msg::new("tui.petition.form.invalid").arg("count", self.errors.len()),
                )];
            }
        };
        self.errors.clear();
        let key = (
            petition.first_petitioner().to_string(),
            petition.subject.clone(),
        );
        if self.checked.as_ref() != Some(&key) {
            self.checked = Some(key.clone());
            self.saving = SaveState::Checking;
            let person_id = petition.petitioners.first().and_then(|p| p.person_id);
            return vec![Effect::Db(DbJob::RepeatCheck {
                person_id,
                name: key.0,
                subject: key.1,
            })];
        }
        self.saving = SaveState::Registering;
        vec![Effect::Db(DbJob::SavePetition(Box::new(petition)))]
    }

    fn loaded(&mut self, loaded: &Loaded, cx: &Cx) -> Vec<Effect> {
        match loaded {
            Loaded::RepeatHits(hits) => {
                self.saving = SaveState::Idle;
                self.hits = hits.clone();
                if hits.is_empty() {
                    return self.save(cx);
                }
                self.focus = Field::Repeat;
                vec![Effect::Status(Msg::new("tui.petition.form.repeat_found"))]
            }
            Loaded::PetitionSaved(saved) => {
                self.saving = SaveState::Idle;
                self.dirty = false;
                let msg = match &saved.receipt {
                    Ok(path) => Msg::new("tui.petition.form.saved")
                        .arg("case_no", &saved.case_no)
                        .arg("path", path),
                    Err(why) => Msg::new("tui.petition.form.saved_no_receipt")
                        .arg("case_no", &saved.case_no)
                        .arg("detail", why),
                };
                vec![Effect::Switch(ScreenId::Petitions), Effect::Status(msg)]
            }
            Loaded::PetitionNotSaved(why) => {
                self.saving = SaveState::Idle;
                vec![Effect::Error(
                    Msg::new("tui.petition.refused").arg("detail", why),
                )]
            }
            Loaded::VisitForPetition(v, person) if v.id.is_some() && v.id == self.from_visit => {
                self.person_ids[0] = v.person_id;
                self.set(Field::Name(0), &v.visitor_name);
                // A walk-in of someone on file keeps no phone of its own: the record has it.
                let phone = match person {
                    Some(p) if v.visitor_phone.is_empty() => p.phone.as_str(),
                    _ => v.visitor_phone.as_str(),
                };
                self.set(Field::Phone(0), phone);
                if let Some(p) = person {
                    self.set(Field::Address(0), &p.address);
                }
                self.set(Field::Request, &v.summary);
                self.set(
                    Field::ReceivedAt,
                    &v.arrived_at.format("%Y-%m-%d %H:%M").to_string(),
                );
                // The walk-in gave who, when and what was asked; the subject is what is left.
                self.focus = Field::Subject;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}

impl Screen for PetitionForm {
    fn id(&self) -> ScreenId {
        ScreenId::PetitionForm
    }

    fn sections(&self) -> &'static [&'static str] {
        &["petition_form", "form", "text"]
    }

    fn text_focused(&self) -> bool {
        self.focus.spec().1 == Kind::Text
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
        match self.from_visit {
            Some(id) if !self.dirty => vec![Effect::Db(DbJob::VisitForPetition(id))],
            _ => Vec::new(),
        }
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        if let Action::Loaded(loaded) = action {
            return self.loaded(loaded, cx);
        }
        match action {
            Action::NextField => self.move_focus(true),
            Action::PrevField => self.move_focus(false),
            Action::Save => return self.save(cx),
            Action::Back => {
                if self.dirty && !self.confirm_discard {
                    self.confirm_discard = true;
                    return vec![Effect::Status(Msg::new(
                        "tui.petition.form.confirm_discard",
                    ))];
                }
                return vec![Effect::Pop];
            }
            Action::AddPetitioner => {
                if self.rows < MAX_PETITIONER_ROWS {
                    self.rows += 1;
                    self.focus = Field::Name(self.rows - 1);
                } else {
                    return vec![Effect::Status(
                        Msg::new("tui.petition.form.max_rows").arg("max", MAX_PETITIONER_ROWS),
                    )];
                }
            }
            other => match self.focus.spec().1 {
                Kind::Check => {
                    if matches!(other, Action::Toggle) {
                        let flag = match self.focus {
                            Field::Repeat => &mut self.repeat,
                            Field::SkipLevel => &mut self.skip_level,
                            _ => &mut self.collective,
                        };
                        *flag = !*flag;
                        self.edited();
                    }
                }
                Kind::Choice => {
                    let n = if self.focus == Field::Channel {
                        Channel::ALL.len()
                    } else {
                        Risk::ALL.len()
                    };
                    let slot = if self.focus == Field::Channel {
                        &mut self.channel
                    } else {
                        &mut self.risk
                    };
                    match other {
                        Action::CursorLeft | Action::MoveUp => *slot = (*slot + n - 1) % n,
                        Action::CursorRight | Action::MoveDown | Action::Toggle => {
                            *slot = (*slot + 1) % n;
                        }
                        _ => return Vec::new(),
                    }
                    self.edited();
                }
                Kind::Text => {
                    let focus = self.focus;
                    if self.texts.entry(focus).or_default().apply(other) {
                        if let Field::Name(i) = focus {
                            // A typed name is somebody else than the person prefilled.
                            self.person_ids[i] = None;
                        }
                        self.edited();
                    }
                }
            },
        }
        Vec::new()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let block = chrome::boxed(view.t("tui.petition.form.title"), view);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let fields = self.fields();
        let label_cols = fields
            .iter()
            .map(|f| width(&self.label(*f, view)))
            .max()
            .unwrap_or(8)
            + 2;
        // One line per field, plus one under each field in error; the hits panel on top.
        let mut lines: Vec<(Option<Field>, Line)> = Vec::new();
        if !self.hits.is_empty() {
            lines.push((
                None,
                Line::styled(view.t("tui.petition.form.repeat_title"), view.theme.warning),
            ));
            for h in &self.hits {
                lines.push((
                    None,
                    Line::styled(
                        format!(
                            "  {}  {}  {}  {}",
                            h.case_no,
                            view.t(h.status.label_key()),
                            h.subject,
                            view.t(h.reason.label_key())
                        ),
                        view.theme.warning,
                    ),
                ));
            }
        }
        for f in &fields {
            lines.push((Some(*f), Line::from("")));
            for (_, msg) in self.errors.iter().filter(|(e, _)| e == f) {
                lines.push((
                    None,
                    Line::styled(
                        format!("{}{}", " ".repeat(label_cols), msg.render(view.lang)),
                        view.theme.error,
                    ),
                ));
            }
        }
        let height = usize::from(inner.height);
        let focus_line = lines
            .iter()
            .position(|(f, _)| *f == Some(self.focus))
            .unwrap_or(0);
        // Keep the focused field and the line under it (its error) in view.
        let offset = (focus_line + 2).saturating_sub(height);
        let lw = u16::try_from(label_cols).unwrap_or(12);
        for (row, (field, line)) in lines.iter().skip(offset).take(height).enumerate() {
            let y = inner.y + u16::try_from(row).unwrap_or(0);
            let line_area = Rect::new(inner.x, y, inner.width, 1);
            let Some(f) = field else {
                frame.render_widget(Paragraph::new(line.clone()), line_area);
                continue;
            };
            let focused = self.focus == *f;
            let in_error = self.errors.iter().any(|(e, _)| e == f);
            let label_style = if in_error {
                view.theme.error
            } else if focused {
                view.theme.focus
            } else {
                view.theme.muted
            };
            frame.render_widget(
                Span::styled(fit(&self.label(*f, view), label_cols), label_style),
                Rect::new(inner.x, y, lw.min(inner.width), 1),
            );
            let value_area = Rect::new(inner.x + lw, y, inner.width.saturating_sub(lw + 1), 1);
            let style = if focused {
                view.theme.input.patch(view.theme.focus)
            } else {
                view.theme.input
            };
            match f.spec().1 {
                Kind::Text => {
                    frame.render_widget(Paragraph::new("").style(style), value_area);
                    let field = self.texts.get(f).cloned().unwrap_or_default();
                    field.render(frame, value_area, style, focused);
                }
                Kind::Check => {
                    let on = match f {
                        Field::Repeat => self.repeat,
                        Field::SkipLevel => self.skip_level,
                        _ => self.collective,
                    };
                    let mark = if on { "[x]" } else { "[ ]" };
                    frame.render_widget(Span::styled(mark, style), value_area);
                }
                Kind::Choice => {
                    let (keys, chosen): (Vec<&str>, usize) = if *f == Field::Channel {
                        (
                            Channel::ALL.iter().map(|c| c.label_key()).collect(),
                            self.channel,
                        )
                    } else {
                        (Risk::ALL.iter().map(|r| r.label_key()).collect(), self.risk)
                    };
                    let mut spans = vec![Span::styled("< ", view.theme.key_hint)];
                    for (i, k) in keys.iter().enumerate() {
                        let s = if i == chosen {
                            view.theme.selection
                        } else {
                            view.theme.text
                        };
                        spans.push(Span::styled(t(view.lang, k), s));
                        spans.push(Span::raw(" "));
                    }
                    spans.push(Span::styled(">", view.theme.key_hint));
                    frame.render_widget(Paragraph::new(Line::from(spans)), value_area);
                }
            }
        }
    }
}

impl PetitionForm {
    /// A field's label; petitioner fields carry their row number from the second row on.
    fn label(&self, f: Field, view: &View) -> String {
        let base = view.t(f.spec().0);
        match f {
            Field::Name(i) | Field::Phone(i) | Field::Address(i) if self.rows > 1 => tf(
                view.lang,
                "tui.petition.form.row_label",
                &[("label", &base), ("n", &(i + 1))],
            ),
            _ => base,
        }
    }
}
