//! A person's profile: every field (ID and phone in full here), family links, history.
use crate::domain::category::{display_list, display_name};
use crate::domain::dates::age_on;
use crate::domain::officer::Permission;
use crate::domain::person::{Field, Person};
use crate::i18n::{Lang, Msg, t};
use crate::tui::action::{Action, Loaded};
use crate::tui::data::ProfileData;
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::people::jobs::PeopleJob;
use crate::tui::screens::walkins::jobs::{WalkinJob, WalkinLoaded};
use crate::tui::screens::walkins::link::LinkOffer;
use crate::tui::screens::walkins::person_list::PersonWalkins;
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::session;
use crate::tui::widgets::chrome;
use crate::tui::widgets::text::{fit, width};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

#[derive(Debug)]
pub struct Profile {
    person_id: i64,
    /// Shown while the record loads.
    name: String,
    data: Option<Box<ProfileData>>,
    missing: bool,
    scroll: usize,
    /// Delete was pressed once: the next Delete deletes, any other key cancels.
    confirm_delete: bool,
    /// The visitor's unlinked walk-ins were offered for linking (once per opening).
    link_offered: bool,
}

impl Profile {
    pub fn new(person_id: i64, name: &str) -> Profile {
        Profile {
            person_id,
            name: name.to_string(),
            data: None,
            missing: false,
            scroll: 0,
            confirm_delete: false,
            link_offered: false,
        }
    }

    pub fn person_id(&self) -> i64 {
        self.person_id
    }

    fn max_scroll(&self) -> usize {
        self.data.as_ref().map_or(0, |d| {
            30 + d.family.len() + d.walkins.len() + d.petitions.len()
        })
    }
}

impl Profile {
    /// The first Delete asks, the second deletes; only an administrator gets that far.
    fn delete(&mut self, confirming: bool, cx: &Cx) -> Vec<Effect> {
        if let Err(why) = session::require(cx, Permission::Delete) {
            return vec![Effect::Error(why)];
        }
        if self.data.is_none() {
            return Vec::new();
        }
        if confirming {
            return vec![Effect::Db(DbJob::People(PeopleJob::Delete(self.person_id)))];
        }
        self.confirm_delete = true;
        Vec::new()
    }

    pub fn confirming_delete(&self) -> bool {
        self.confirm_delete
    }
}

impl Screen for Profile {
    fn data_changed(&mut self, changes: &[crate::store::Change], _cx: &Cx) -> Vec<Effect> {
        use crate::store::changes::{FAMILY_LINK, PERSON, PETITION, VISIT};
        // Walk-ins and petitions name the person in their rows, not in the log: any of
        // them may belong on this profile.
        let mine = changes.iter().any(|c| {
            (c.is(PERSON) && c.entity_id == self.person_id)
                || c.is(FAMILY_LINK)
                || c.is(VISIT)
                || c.is(PETITION)
        });
        if mine {
            vec![Effect::Db(DbJob::People(PeopleJob::Profile(
                self.person_id,
            )))]
        } else {
            Vec::new()
        }
    }

    fn id(&self) -> ScreenId {
        ScreenId::Profile
    }

    fn sections(&self) -> &'static [&'static str] {
        &["profile"]
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::Help,
            Action::NewItem,
            Action::Open,
            Action::NewPetition,
            Action::Edit,
            Action::FamilyLinks,
            Action::Back,
        ]
    }

    fn on_enter(&mut self, _cx: &Cx) -> Vec<Effect> {
        vec![
            Effect::Db(DbJob::People(PeopleJob::Profile(self.person_id))),
            Effect::Db(DbJob::viewed_person(self.person_id)),
            // Walk-ins of a visitor not on file with this name or phone are offered.
            Effect::Db(DbJob::Walkins(WalkinJob::Unlinked(self.person_id))),
        ]
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        let page = cx.page_rows.max(1);
        // Only a key cancels a pending delete, not a worker's answer or the clock.
        let confirming = self.confirm_delete;
        if action.is_bindable() {
            self.confirm_delete = false;
        }
        match action {
            Action::DeleteRecord => return self.delete(confirming, cx),
            Action::Loaded(Loaded::PersonDeleted(id)) if *id == self.person_id => {
                return vec![
                    Effect::Pop,
                    Effect::Status(Msg::new("tui.profile.deleted").arg("name", &self.name)),
                    Effect::RefreshIndex,
                ];
            }
            Action::MoveUp => self.scroll = self.scroll.saturating_sub(1),
            Action::MoveDown => self.scroll += 1,
            Action::PageUp => self.scroll = self.scroll.saturating_sub(page),
            Action::PageDown => self.scroll += page,
            Action::First => self.scroll = 0,
            Action::Last => self.scroll = self.max_scroll(),
            Action::Back => return vec![Effect::Pop],
            // The person's walk-ins, each to open.
            Action::Open => {
                let list = PersonWalkins::new(self.person_id, &self.name);
                return vec![Effect::Push(Box::new(list))];
            }
            Action::NewItem => {
                let name = self
                    .data
                    .as_ref()
                    .map_or(self.name.as_str(), |d| d.person.name.as_str());
                let form = crate::tui::screens::walkins::visit_form::VisitForm::for_person(
                    cx,
                    self.person_id,
                    name,
                );
                return vec![Effect::Push(Box::new(form))];
            }
            // The person on file becomes the first petitioner.
            Action::NewPetition => {
                if let Some(d) = &self.data {
                    let p = &d.person;
                    let form = crate::tui::screens::petitions::form::PetitionForm::for_person(
                        self.person_id,
                        &p.name,
                        &p.phone,
                        &p.address,
                        cx,
                    );
                    return vec![Effect::Push(Box::new(form))];
                }
            }
            // The family links, to add, change or remove.
            Action::FamilyLinks => {
                let screen = super::family::FamilyScreen::new(self.person_id, &self.name);
                return vec![Effect::Push(Box::new(screen))];
            }
            Action::Edit => {
                if let Some(d) = &self.data {
                    let form =
                        crate::tui::screens::people::person_form::PersonForm::edit(cx, &d.person);
                    return vec![Effect::Push(Box::new(form))];
                }
            }
            Action::Loaded(Loaded::Profile(data)) if data.person.id == Some(self.person_id) => {
                self.name = data.person.name.clone();
                self.data = Some(data.clone());
                self.missing = false;
            }
            Action::Loaded(Loaded::Walkin(WalkinLoaded::Unlinked { person_id, visits }))
                if *person_id == self.person_id && !visits.is_empty() && !self.link_offered =>
            {
                self.link_offered = true;
                let offer = LinkOffer::new(self.person_id, &self.name, visits);
                return vec![Effect::Push(Box::new(offer))];
            }
            Action::Loaded(Loaded::ProfileMissing(id)) if *id == self.person_id => {
                self.missing = true;
            }
            _ => {}
        }
        self.scroll = self.scroll.min(self.max_scroll());
        Vec::new()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let title = format!("{}: {}", view.t("tui.screen.profile"), self.name);
        let block = chrome::boxed(title, view);
        let mut inner = block.inner(area);
        frame.render_widget(block, area);
        if self.confirm_delete && inner.height > 1 {
            let ask = crate::i18n::tf(
                view.lang,
                "tui.profile.confirm_delete",
                &[("name", &self.name)],
            );
            let row = Rect { height: 1, ..inner };
            frame.render_widget(Paragraph::new(ask).style(view.theme.error), row);
            inner.y += 1;
            inner.height -= 1;
        }
        let Some(data) = &self.data else {
            let key = if self.missing {
                "tui.profile.missing"
            } else {
                "tui.app.loading"
            };
            frame.render_widget(Paragraph::new(view.t(key)).style(view.theme.muted), inner);
            return;
        };
        // Wide terminals get the history beside the record instead of below it.
        let (main, side) = if inner.width >= 110 {
            let [a, b] = Layout::horizontal([Constraint::Percentage(62), Constraint::Min(0)])
                .spacing(1)
                .areas(inner);
            (a, Some(b))
        } else {
            (inner, None)
        };
        // The family first: a few lines that the record's two dozen would push out of a
        // short terminal.
        let mut lines = family_lines(data, view);
        lines.extend(record_lines(&data.person, view, usize::from(main.width)));
        let history_cols = usize::from(side.map_or(main.width, |s| s.width));
        let history = super::history::history_lines(data, view, history_cols);
        match side {
            Some(side) => {
                frame.render_widget(Paragraph::new(history), side);
            }
            None => lines.extend(history),
        }
        let max = lines.len().saturating_sub(usize::from(main.height));
        let scroll = u16::try_from(self.scroll.min(max)).unwrap_or(0);
        frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), main);
    }
}

fn yes_no(lang: Lang, value: bool) -> String {
    t(
        lang,
        if value {
            "tui.profile.yes"
        } else {
            "tui.profile.no"
        },
    )
}

fn date_text(date: Option<NaiveDate>, today: NaiveDate, lang: Lang) -> String {
    date.map(|d| {
        let age = crate::i18n::tf(lang, "tui.profile.age", &[("age", &age_on(d, today))]);
        format!("{d} ({age})")
    })
    .unwrap_or_default()
}

/// Every field of the record as `label  value`, in one or two columns.
fn record_lines<'a>(p: &Person, view: &View, cols: usize) -> Vec<Line<'a>> {
    let lang = view.lang;
    let pairs: Vec<(String, String)> = vec![
        (Field::Name.label_key(), p.name.clone()),
        (
            Field::Gender.label_key(),
            p.gender.map(|g| t(lang, g.key())).unwrap_or_default(),
        ),
        (Field::Ethnicity.label_key(), p.ethnicity.clone()),
        (
            Field::BirthDate.label_key(),
            date_text(p.birth_date, view.today, lang),
        ),
        (Field::IdNumber.label_key(), p.id_number.clone()),
        (Field::Phone.label_key(), p.phone.clone()),
        (Field::Category.label_key(), {
            // With several, the main one (the first) is marked.
            match p.categories.split_first() {
                Some((main, rest)) if !rest.is_empty() => {
                    let main = format!(
                        "{}{}",
                        display_name(main, lang),
                        view.t("categories.main_mark")
                    );
                    let sep = if lang == Lang::Zh { "、" } else { "; " };
                    std::iter::once(main)
                        .chain(rest.iter().map(|c| display_name(c, lang).to_string()))
                        .collect::<Vec<_>>()
                        .join(sep)
                }
                _ => display_list(&p.categories, lang),
            }
        }),
        (
            Field::PoliticalStatus.label_key(),
            p.political_status.clone(),
        ),
        (Field::Hukou.label_key(), p.hukou.clone()),
        (Field::Town.label_key(), p.town.clone()),
        (Field::Village.label_key(), p.village.clone()),
        (Field::Address.label_key(), p.address.clone()),
        (Field::EnlistDate.label_key(), p.enlist_date.clone()),
        (Field::DischargeDate.label_key(), p.discharge_date.clone()),
        (Field::Branch.label_key(), p.branch.clone()),
        (Field::Unit.label_key(), p.unit.clone()),
        (Field::Rank.label_key(), p.rank.clone()),
        (
            Field::DisabilityGrade.label_key(),
            p.disability_grade
                .map(|g| g.to_string())
                .unwrap_or_default(),
        ),
        (
            Field::DisabilityNature.label_key(),
            p.disability_nature
                .map(|n| n.name(lang).to_string())
                .unwrap_or_default(),
        ),
        (Field::Awards.label_key(), p.awards.clone()),
        (Field::Employment.label_key(), p.employment.clone()),
        ("field.hardship", yes_no(lang, p.hardship)),
        ("field.key_person", yes_no(lang, p.key_person)),
        (Field::Notes.label_key(), p.notes.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (t(lang, k), v))
    .collect();

    let label_cols = pairs.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    let half = cols / 2;
    let two_columns = half >= label_cols + 2 + 20;
    let cell = |(label, value): &(String, String), cell_cols: usize| -> Vec<Span<'a>> {
        vec![
            Span::styled(fit(label, label_cols + 2), view.theme.muted),
            Span::styled(
                fit(value, cell_cols.saturating_sub(label_cols + 2)),
                view.theme.text,
            ),
        ]
    };
    let mut lines = vec![Line::styled(view.t("tui.profile.record"), view.theme.title)];
    if two_columns {
        // Notes and addresses are long: they get whole lines after the paired fields.
        let (short, long): (Vec<_>, Vec<_>) = pairs
            .iter()
            .partition(|(_, v)| width(v) <= half.saturating_sub(label_cols + 3));
        for pair in short.chunks(2) {
            let mut spans = cell(pair[0], half);
            if let Some(second) = pair.get(1) {
                spans.extend(cell(second, half));
            }
            lines.push(Line::from(spans));
        }
        for pair in long {
            lines.push(Line::from(cell(pair, cols)));
        }
    } else {
        for pair in &pairs {
            lines.push(Line::from(cell(pair, cols)));
        }
    }
    lines
}

fn family_lines<'a>(data: &ProfileData, view: &View) -> Vec<Line<'a>> {
    let mut lines = vec![Line::styled(view.t("tui.profile.family"), view.theme.title)];
    if data.family.is_empty() {
        lines.push(Line::styled(
            view.t("tui.profile.no_family"),
            view.theme.muted,
        ));
    }
    for link in &data.family {
        let p = &link.relative;
        let mut spans = vec![
            Span::styled(
                format!("  {}  ", view.t(link.kinship.relation.key())),
                view.theme.muted,
            ),
            Span::styled(p.name.clone(), view.theme.text),
            Span::styled(
                format!("  {}", display_name(p.main_category(), view.lang)),
                view.theme.muted,
            ),
        ];
        if link.kinship.basis != crate::domain::family::Basis::None {
            spans.push(Span::styled(
                format!("  {}", view.t(link.kinship.basis.key())),
                view.theme.muted,
            ));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(""));
    lines
}
