//! The intake form's suggestions of people on file: as a petitioner's name (or an ID number
//! typed in its place) or phone is typed, the lookup engine's answers are listed above the
//! form; ↓ ↑ choose, Enter fills the row from the record and links the petitioner to it,
//! Esc puts the list away. The same engine and the same masked lines as the lookup (F2).
use crate::i18n::tf;
use crate::tui::action::Action;
use crate::tui::data::{ResultRow, SearchResult};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::petitions::fields::ROW_KEYS;
use crate::tui::screens::petitions::jobs::PetitionJob;
use crate::tui::screens::{ScreenId, View};
use ratatui::text::Line;

/// Suggestions shown at most; the engine ranks the best first.
const SHOWN: usize = 5;
/// Digits of a phone typed before the engine is asked: fewer match half the county.
const PHONE_MIN: usize = 3;

#[derive(Debug, Clone, Default)]
pub struct Suggestions {
    /// Bumped on every query; older answers are dropped.
    generation: u64,
    /// The petitioner row the list is for.
    row: Option<usize>,
    rows: Vec<ResultRow>,
    selected: usize,
}

/// The petitioner row and whether the field is the phone, for a name or phone field key.
fn row_of(key: &str) -> Option<(usize, bool)> {
    ROW_KEYS
        .iter()
        .enumerate()
        .find_map(|(i, [name, phone, _])| {
            if key == *name {
                Some((i, false))
            } else if key == *phone {
                Some((i, true))
            } else {
                None
            }
        })
}

impl Suggestions {
    pub fn rows(&self) -> &[ResultRow] {
        &self.rows
    }

    pub fn showing(&self) -> bool {
        self.row.is_some() && !self.rows.is_empty()
    }

    pub fn clear(&mut self) {
        self.generation += 1;
        self.row = None;
        self.rows.clear();
        self.selected = 0;
    }

    /// A field changed to `value`: asks the engine when it is a petitioner's name or phone.
    pub fn typed(&mut self, key: &str, value: &str) -> Vec<Effect> {
        let Some((row, phone)) = row_of(key) else {
            return Vec::new();
        };
        let query = value.trim();
        let digits = query.chars().filter(char::is_ascii_digit).count();
        if query.is_empty() || (phone && digits < PHONE_MIN) {
            self.clear();
            return Vec::new();
        }
        self.generation += 1;
        self.row = Some(row);
        vec![Effect::Search {
            generation: self.generation,
            query: query.to_string(),
            owner: Some(ScreenId::PetitionForm),
        }]
    }

    /// The engine's answer; an answer to an older query is dropped.
    pub fn loaded(&mut self, result: &SearchResult) {
        if result.generation == self.generation && self.row.is_some() {
            self.rows = result.rows.iter().take(SHOWN).cloned().collect();
            self.selected = 0;
        }
    }

    /// The focus left the row the list is for.
    pub fn focus_moved(&mut self, key: &str) {
        if let Some(row) = self.row
            && row_of(key).map(|(r, _)| r) != Some(row)
        {
            self.clear();
        }
    }

    /// A key while the list shows: ↓ ↑ choose, Enter picks (the record is loaded to fill
    /// the row), Esc puts the list away. `None` for keys the form keeps.
    pub fn key(&mut self, action: &Action) -> Option<Vec<Effect>> {
        if !self.showing() {
            return None;
        }
        match action {
            Action::MoveDown => {
                self.selected = (self.selected + 1).min(self.rows.len() - 1);
                Some(Vec::new())
            }
            Action::MoveUp => {
                self.selected = self.selected.saturating_sub(1);
                Some(Vec::new())
            }
            Action::Open => {
                let row = self.row?;
                let person_id = self.rows.get(self.selected)?.id;
                self.clear();
                Some(vec![Effect::Db(DbJob::Petitions(
                    PetitionJob::Petitioner { row, person_id },
                ))])
            }
            Action::Back => {
                self.clear();
                Some(Vec::new())
            }
            _ => None,
        }
    }

    /// The list as lines above the form: masked numbers, the chosen one marked.
    pub fn lines(&self, view: &View) -> Vec<Line<'static>> {
        if !self.showing() {
            return Vec::new();
        }
        let mut lines = vec![Line::styled(
            view.t("tui.petition.form.suggest_title"),
            view.theme.title,
        )];
        for (i, r) in self.rows.iter().enumerate() {
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
            let (mark, style) = if i == self.selected {
                ("> ", view.theme.selection)
            } else {
                ("  ", view.theme.text)
            };
            lines.push(Line::styled(format!("{mark}{text}"), style));
        }
        lines
    }
}
