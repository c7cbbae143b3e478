//! Lookup (F2): one search box, results on every keystroke, Enter opens the profile.
use crate::domain::category::display_name;
use crate::domain::dates::age_on;
use crate::i18n::t;
use crate::tui::action::{Action, Loaded};
use crate::tui::data::ResultRow;
use crate::tui::effect::Effect;
use crate::tui::screens::people::profile::Profile;
use crate::tui::screens::{Cx, IndexStatus, Screen, ScreenId, View};
use crate::tui::widgets::chrome;
use crate::tui::widgets::columns::{Column, Widths};
use crate::tui::widgets::input::TextField;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

#[derive(Debug, Default)]
pub struct Lookup {
    field: TextField,
    /// Bumped on every edit; results of an older generation are stale and dropped.
    generation: u64,
    rows: Vec<ResultRow>,
    selected: usize,
    /// A query is out and its answer not back yet.
    pending: bool,
}

impl Lookup {
    pub fn query(&self) -> &str {
        self.field.value()
    }

    pub fn rows(&self) -> &[ResultRow] {
        &self.rows
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    fn edited(&mut self) -> Vec<Effect> {
        self.generation += 1;
        let query = self.field.value().trim().to_string();
        if query.is_empty() {
            self.rows.clear();
            self.selected = 0;
            self.pending = false;
            return Vec::new();
        }
        self.pending = true;
        vec![Effect::Search {
            generation: self.generation,
            query,
            owner: None,
        }]
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }
}

impl Screen for Lookup {
    fn id(&self) -> ScreenId {
        ScreenId::Lookup
    }

    fn sections(&self) -> &'static [&'static str] {
        &["lookup", "list", "text"]
    }

    fn text_focused(&self) -> bool {
        true
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Help, Action::Open, Action::Back, Action::Quit]
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        let page = isize::try_from(cx.page_rows.max(1)).unwrap_or(1);
        match action {
            Action::MoveUp => self.move_by(-1),
            Action::MoveDown => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::First => self.selected = 0,
            Action::Last => self.selected = self.rows.len().saturating_sub(1),
            Action::Open => {
                if let Some(row) = self.rows.get(self.selected) {
                    return vec![Effect::Push(Box::new(Profile::new(row.id, &row.name)))];
                }
            }
            Action::Back if !self.field.value().is_empty() => {
                self.field.apply(&Action::ClearField);
                return self.edited();
            }
            Action::Back => return vec![Effect::Switch(ScreenId::Dashboard)],
            Action::NewItem => {
                let form = crate::tui::screens::people::person_form::PersonForm::new_from_lookup(
                    cx,
                    self.field.value(),
                );
                return vec![Effect::Push(Box::new(form))];
            }
            Action::Loaded(Loaded::Search(result)) => {
                if result.generation == self.generation {
                    self.rows = result.rows.clone();
                    self.selected = 0;
                    self.pending = false;
                }
            }
            edit => {
                if self.field.apply(edit) {
                    return self.edited();
                }
            }
        }
        Vec::new()
    }

    fn index_changed(&mut self) -> Vec<Effect> {
        // A query typed while the index was being rebuilt was answered from the old one.
        self.edited()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let [search, header, list, footer] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);

        let block =
            chrome::boxed(view.t("tui.lookup.box_title"), view).border_style(view.theme.focus);
        let inner = block.inner(search);
        frame.render_widget(block, search);
        if self.field.value().is_empty() {
            let hint = Span::styled(view.t("tui.lookup.placeholder"), view.theme.muted);
            frame.render_widget(Paragraph::new(hint), inner);
        }
        self.field.render(frame, inner, view.theme.input, true);

        let head = [
            "tui.lookup.col.name",
            "tui.lookup.col.gender",
            "tui.lookup.col.age",
            "tui.lookup.col.id",
            "tui.lookup.col.phone",
            "tui.lookup.col.category",
            "tui.lookup.col.town",
        ]
        .map(|k| view.t(k));
        let cells: Vec<[String; 7]> = self.rows.iter().map(|row| cells(row, view)).collect();
        let cols = Widths::fit(
            &COLUMNS,
            &head,
            cells.iter().map(|c| c.as_slice()),
            2,
            usize::from(area.width),
        );
        frame.render_widget(
            Paragraph::new(cols.line("  ", &head)).style(view.theme.title),
            header,
        );

        let height = usize::from(list.height);
        let offset = (self.selected + 1).saturating_sub(height);
        let lines: Vec<Line> = cells
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, cells)| {
                if i == self.selected {
                    Line::styled(cols.line("> ", cells), view.theme.selection)
                } else {
                    Line::styled(cols.line("  ", cells), view.theme.text)
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), list);

        let note = match view.index {
            IndexStatus::Loading => view.t("tui.lookup.index_loading"),
            IndexStatus::Failed(_) => view.t("tui.lookup.index_failed"),
            IndexStatus::Ready { .. } if self.field.value().trim().is_empty() => {
                view.t("tui.lookup.empty_hint")
            }
            IndexStatus::Ready { .. } if self.pending => view.t("tui.lookup.searching"),
            IndexStatus::Ready { .. } if self.rows.is_empty() => view.t("tui.lookup.no_match"),
            IndexStatus::Ready { .. } => crate::i18n::tf(
                view.lang,
                "tui.lookup.count",
                &[("count", &self.rows.len()), ("n", &(self.selected + 1))],
            ),
        };
        frame.render_widget(Paragraph::new(note).style(view.theme.muted), footer);
    }
}

/// The result list's columns: the name gives way first; the masked ID and phone keep their
/// length; category and town get what their longest entry needs.
const COLUMNS: [Column; 7] = [
    Column::new(6, 16).flexible(),
    Column::new(2, 6),
    Column::new(3, 4).right(),
    Column::new(18, 18),
    Column::new(11, 13),
    Column::new(4, 26),
    Column::new(4, 16),
];

fn cells(row: &ResultRow, view: &View) -> [String; 7] {
    [
        row.name.clone(),
        row.gender
            .map(|g| t(view.lang, g.key()))
            .unwrap_or_default(),
        row.birth_date
            .map(|b| age_on(b, view.today).to_string())
            .unwrap_or_default(),
        row.id_masked.clone(),
        row.phone_masked.clone(),
        match row.categories.split_first() {
            // The main one, and how many more (the profile lists them).
            Some((main, rest)) if !rest.is_empty() => {
                format!("{} +{}", display_name(main, view.lang), rest.len())
            }
            Some((main, _)) => display_name(main, view.lang).to_string(),
            None => String::new(),
        },
        row.town.clone(),
    ]
}
