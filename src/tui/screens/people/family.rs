//! A person's family links, opened from their profile with `f`: listed as the profile
//! shows them (from this person's side, both ways), Ctrl+N adds one, Enter changes the
//! chosen one, Delete asks and a second Delete removes it. Every change is audited by the
//! store, which also refuses what the rules forbid.
use crate::domain::category::display_name;
use crate::domain::family::Basis;
use crate::i18n::{Msg, tf};
use crate::store::family::FamilyView;
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::people::family_jobs::{FamilyJob, FamilyLoaded};
use crate::tui::screens::people::family_link::LinkForm;
use crate::tui::screens::people::jobs::PeopleJob;
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::widgets::chrome;
use crate::tui::widgets::text::{fit, fit_ellipsis};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Debug)]
pub struct FamilyScreen {
    person_id: i64,
    name: String,
    links: Option<Vec<FamilyView>>,
    selected: usize,
    /// Delete was pressed once on this link: the next Delete removes it, any other key
    /// cancels.
    confirm_remove: bool,
}

impl FamilyScreen {
    pub fn new(person_id: i64, name: &str) -> FamilyScreen {
        FamilyScreen {
            person_id,
            name: name.to_string(),
            links: None,
            selected: 0,
            confirm_remove: false,
        }
    }

    pub fn links(&self) -> Option<&[FamilyView]> {
        self.links.as_deref()
    }

    pub fn confirming_remove(&self) -> bool {
        self.confirm_remove
    }

    fn load(&self) -> Vec<Effect> {
        vec![job(FamilyJob::Links(self.person_id))]
    }

    fn chosen(&self) -> Option<&FamilyView> {
        self.links.as_ref()?.get(self.selected)
    }

    /// The first Delete asks, the second removes.
    fn remove(&mut self, confirming: bool) -> Vec<Effect> {
        let Some(link) = self.chosen() else {
            return Vec::new();
        };
        let Some(relative_id) = link.relative.id else {
            return Vec::new();
        };
        if !confirming {
            self.confirm_remove = true;
            return Vec::new();
        }
        vec![job(FamilyJob::Remove {
            person_id: self.person_id,
            relative_id,
            before: link.kinship,
        })]
    }
}

fn job(job: FamilyJob) -> Effect {
    Effect::Db(DbJob::People(PeopleJob::Family(job)))
}

impl Screen for FamilyScreen {
    fn data_changed(&mut self, changes: &[crate::store::Change], _cx: &Cx) -> Vec<Effect> {
        use crate::store::changes::{FAMILY_LINK, PERSON};
        // A relative's name or gender changes what the list says, not only a link.
        if changes.iter().any(|c| c.is(FAMILY_LINK) || c.is(PERSON)) {
            self.load()
        } else {
            Vec::new()
        }
    }

    fn id(&self) -> ScreenId {
        ScreenId::Family
    }

    fn sections(&self) -> &'static [&'static str] {
        &["family", "list"]
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::NewItem,
            Action::Open,
            Action::DeleteRecord,
            Action::Back,
            Action::Help,
        ]
    }

    fn on_enter(&mut self, _cx: &Cx) -> Vec<Effect> {
        self.load()
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        let confirming = self.confirm_remove;
        if action.is_bindable() {
            self.confirm_remove = false;
        }
        let last = self.links.as_ref().map_or(0, |l| l.len().saturating_sub(1));
        let page = cx.page_rows.max(1);
        match action {
            Action::Loaded(Loaded::Family(answer)) => return self.loaded(answer),
            Action::MoveUp => self.selected = self.selected.saturating_sub(1),
            Action::MoveDown => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(page),
            Action::PageDown => self.selected = (self.selected + page).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::NewItem => {
                let form = LinkForm::add(cx, self.person_id, &self.name);
                return vec![Effect::Push(Box::new(form))];
            }
            Action::Open => {
                if let Some(link) = self.chosen() {
                    let form = LinkForm::change(cx, self.person_id, &self.name, link);
                    return vec![Effect::Push(Box::new(form))];
                }
            }
            Action::DeleteRecord => return self.remove(confirming),
            Action::Back => return vec![Effect::Pop],
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let title = tf(view.lang, "family.screen.of", &[("name", &self.name)]);
        let block = chrome::boxed(title, view);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [body, footer] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(2)]).areas(inner);
        let Some(links) = &self.links else {
            frame.render_widget(
                Paragraph::new(view.t("tui.app.loading")).style(view.theme.muted),
                body,
            );
            return;
        };
        let mut lines = Vec::new();
        if links.is_empty() {
            lines.push(Line::styled(
                view.t("tui.profile.no_family"),
                view.theme.muted,
            ));
        }
        for (i, link) in links.iter().enumerate() {
            lines.push(row(link, i == self.selected, usize::from(body.width), view));
        }
        let height = usize::from(body.height);
        let scroll = (self.selected + 1).saturating_sub(height);
        frame.render_widget(
            Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(0), 0)),
            body,
        );
        let hint = match self.chosen() {
            Some(link) if self.confirm_remove => Line::styled(
                tf(
                    view.lang,
                    "family.screen.confirm_remove",
                    &[
                        ("relation", &view.t(link.kinship.relation.key())),
                        ("name", &link.relative.name),
                    ],
                ),
                view.theme.error,
            ),
            _ => Line::styled(view.t("family.screen.hint"), view.theme.muted),
        };
        frame.render_widget(Paragraph::new(hint).wrap(Wrap { trim: false }), footer);
    }
}

impl FamilyScreen {
    fn loaded(&mut self, answer: &FamilyLoaded) -> Vec<Effect> {
        match answer {
            FamilyLoaded::Links { person_id, links } if *person_id == self.person_id => {
                self.selected = self.selected.min(links.len().saturating_sub(1));
                self.links = Some(links.clone());
                Vec::new()
            }
            FamilyLoaded::Removed { relative } => vec![
                Effect::Status(Msg::new("family.screen.removed").arg("name", relative)),
                // The change log is read at once: this list and the profile reload.
                Effect::RefreshIndex,
            ],
            FamilyLoaded::NotRemoved(why) => {
                let mut out = vec![Effect::Error(Msg::new("tui.app.refused").arg("why", why))];
                out.extend(self.load());
                out
            }
            _ => Vec::new(),
        }
    }
}

/// `> 配偶  李四  现役军人家属  本人是其遗属`: the relation, the relative, their main
/// category and the basis when there is one.
fn row<'a>(link: &FamilyView, selected: bool, cols: usize, view: &View) -> Line<'a> {
    let (mark, style) = if selected {
        ("> ", view.theme.selection)
    } else {
        ("  ", view.theme.text)
    };
    let p = &link.relative;
    let mut text = format!(
        "{mark}{}  {}  {}",
        fit(&view.t(link.kinship.relation.key()), 8),
        fit_ellipsis(&p.name, 16),
        fit_ellipsis(display_name(p.main_category(), view.lang), 14),
    );
    if link.kinship.basis != Basis::None {
        text.push_str("  ");
        text.push_str(&view.t(link.kinship.basis.key()));
    }
    Line::from(Span::styled(fit_ellipsis(&text, cols), style))
}
