//! Lookup (F2): one search box, results on every keystroke, Enter opens the profile.
use crate::domain::category::category_name;
use crate::domain::dates::age_on;
use crate::i18n::t;
use crate::tui::action::{Action, Loaded};
use crate::tui::data::ResultRow;
use crate::tui::effect::Effect;
use crate::tui::screens::people::profile::Profile;
use crate::tui::screens::{Cx, IndexStatus, Screen, ScreenId, View};
use crate::tui::widgets::chrome;
use crate::tui::widgets::input::TextField;
use crate::tui::widgets::text::{fit, fit_right, width};
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

        let cols = Columns::new(view, usize::from(area.width));
        let head = cols.line(
            &[
                view.t("tui.lookup.col.name"),
                view.t("tui.lookup.col.gender"),
                view.t("tui.lookup.col.age"),
                view.t("tui.lookup.col.id"),
                view.t("tui.lookup.col.phone"),
                view.t("tui.lookup.col.category"),
                view.t("tui.lookup.col.town"),
            ],
            "  ",
        );
        frame.render_widget(Paragraph::new(head).style(view.theme.title), header);

        let height = usize::from(list.height);
        let offset = (self.selected + 1).saturating_sub(height);
        let lines: Vec<Line> = self
            .rows
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, row)| {
                let cells = [
                    row.name.clone(),
                    row.gender
                        .map(|g| t(view.lang, g.key()))
                        .unwrap_or_default(),
                    row.birth_date
                        .map(|b| age_on(b, view.today).to_string())
                        .unwrap_or_default(),
                    row.id_masked.clone(),
                    row.phone_masked.clone(),
                    category_name(row.category, view.lang).to_string(),
                    row.town.clone(),
                ];
                if i == self.selected {
                    Line::styled(cols.line(&cells, "> "), view.theme.selection)
                } else {
                    Line::styled(cols.line(&cells, "  "), view.theme.text)
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

/// Column widths of the result list, by display columns, for the terminal's width.
struct Columns {
    widths: [usize; 7],
}

impl Columns {
    fn new(view: &View, total: usize) -> Columns {
        let label = |key: &str| width(&view.t(key));
        let gender = label("tui.lookup.col.gender")
            .max(label("gender.male"))
            .max(label("gender.female"));
        let fixed = [
            16,
            gender,
            label("tui.lookup.col.age").max(3),
            18,
            12.max(label("tui.lookup.col.phone")),
        ];
        // Two columns of marker, one space after each column.
        let used: usize = 2 + fixed.iter().map(|w| w + 1).sum::<usize>();
        let rest = total.saturating_sub(used);
        let category = (rest * 3 / 5).min(18);
        let town = rest.saturating_sub(category);
        Columns {
            widths: [
                fixed[0], fixed[1], fixed[2], fixed[3], fixed[4], category, town,
            ],
        }
    }

    fn line(&self, cells: &[String; 7], marker: &str) -> String {
        let mut out = String::from(marker);
        for (i, (cell, w)) in cells.iter().zip(self.widths).enumerate() {
            // Age reads better right-aligned.
            if i == 2 {
                out.push_str(&fit_right(cell, w));
            } else {
                out.push_str(&fit(cell, w));
            }
            out.push(' ');
        }
        out
    }
}
