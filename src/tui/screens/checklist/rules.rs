//! The posted duty rules, as an administrator keeps them: the list with frequency and
//! required flag; add and edit through a few one-line questions, move up and down, retire
//! (a retired rule leaves the days to come; the days that had it keep their items).
use crate::domain::checklist::{Frequency, LiveCheck, Rule, RuleInput};
use crate::i18n::Msg;
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::checklist::data::{ChecklistJob, ChecklistLoaded};
use crate::tui::screens::checklist::frequency::{
    frequency_text, parse_weekdays, parse_yes_no, weekdays_text,
};
use crate::tui::screens::checklist::prompt::{PROMPT_HINTS, PROMPT_SECTIONS, Prompt, PromptKey};
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::widgets::chrome;
use crate::tui::widgets::columns::{Column, Widths};
use crate::tui::widgets::text::fit;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The question being asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    TitleZh,
    TitleEn,
    Weekdays,
    Required,
    ConfirmRetire { id: i64 },
}

/// A rule being added (`id` is `None`) or edited.
#[derive(Debug, Clone)]
struct Draft {
    id: Option<i64>,
    title_zh: String,
    title_en: String,
    frequency: Frequency,
    required: bool,
    check: Option<LiveCheck>,
}

#[derive(Debug, Default)]
pub struct ChecklistRules {
    rules: Vec<Rule>,
    loaded: bool,
    selected: usize,
    prompt: Option<Prompt<Step>>,
    draft: Option<Draft>,
}

/// The weekday numbers of a frequency as typed: `1,3,5`; empty for every working day.
impl ChecklistRules {
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    fn job(job: ChecklistJob) -> Vec<Effect> {
        vec![Effect::Db(DbJob::Checklist(job))]
    }

    fn ask(&mut self, step: Step, value: &str) {
        let label = match step {
            Step::TitleZh => "tui.checklist.ask_title_zh",
            Step::TitleEn => "tui.checklist.ask_title_en",
            Step::Weekdays => "tui.checklist.ask_weekdays",
            Step::Required => "tui.checklist.ask_required",
            Step::ConfirmRetire { .. } => "tui.checklist.ask_retire",
        };
        self.prompt = Some(Prompt::new(step, label, value));
    }

    fn start(&mut self, draft: Draft) {
        let title = draft.title_zh.clone();
        self.draft = Some(draft);
        self.ask(Step::TitleZh, &title);
    }

    /// Takes the answer to the current question and asks the next, or saves.
    fn answer(&mut self, cx: &Cx) -> Vec<Effect> {
        let (Some(prompt), Some(draft)) = (&self.prompt, &mut self.draft) else {
            if let Some(Prompt {
                kind: Step::ConfirmRetire { id },
                field,
                ..
            }) = &self.prompt
            {
                let id = *id;
                let yes = parse_yes_no(field.value()) == Some(true);
                self.prompt = None;
                if yes {
                    return ChecklistRules::job(ChecklistJob::Retire {
                        id,
                        officer: cx.officer.clone(),
                    });
                }
            }
            return Vec::new();
        };
        let value = prompt.field.value().trim().to_string();
        match prompt.kind {
            Step::TitleZh => {
                if value.is_empty() {
                    return vec![Effect::Error(Msg::new("checklist.rule_title_missing"))];
                }
                draft.title_zh = value;
                let next = draft.title_en.clone();
                self.ask(Step::TitleEn, &next);
            }
            Step::TitleEn => {
                draft.title_en = value;
                let next = weekdays_text(&draft.frequency);
                self.ask(Step::Weekdays, &next);
            }
            Step::Weekdays => match parse_weekdays(&value) {
                Ok(f) => {
                    draft.frequency = f;
                    self.ask(Step::Required, "");
                }
                Err(m) => return vec![Effect::Error(m)],
            },
            Step::Required => {
                let answer = if value.is_empty() {
                    Some(draft.required)
                } else {
                    parse_yes_no(&value)
                };
                let Some(required) = answer else {
                    return vec![Effect::Error(Msg::new("tui.checklist.yes_or_no"))];
                };
                draft.required = required;
                let input = RuleInput {
                    title_zh: draft.title_zh.clone(),
                    title_en: draft.title_en.clone(),
                    frequency: draft.frequency.clone(),
                    required,
                    check: draft.check,
                };
                if let Err(m) = input.validate() {
                    return vec![Effect::Error(m)];
                }
                let officer = cx.officer.clone();
                let job = match draft.id {
                    Some(id) => ChecklistJob::UpdateRule { id, input, officer },
                    None => ChecklistJob::AddRule { input, officer },
                };
                self.prompt = None;
                self.draft = None;
                return ChecklistRules::job(job);
            }
            Step::ConfirmRetire { .. } => {}
        }
        Vec::new()
    }

    fn prompt_update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        let Some(prompt) = &mut self.prompt else {
            return Vec::new();
        };
        match prompt.key(action) {
            PromptKey::Answer => self.answer(cx),
            PromptKey::Cancel => {
                self.prompt = None;
                self.draft = None;
                Vec::new()
            }
            PromptKey::Edited => Vec::new(),
        }
    }

    /// Swaps the selected rule with its neighbour and stores the new order.
    fn shift(&mut self, up: bool, cx: &Cx) -> Vec<Effect> {
        let i = self.selected;
        let j = if up {
            i.checked_sub(1)
        } else {
            Some(i + 1).filter(|j| *j < self.rules.len())
        };
        let Some(j) = j.filter(|_| i < self.rules.len()) else {
            return Vec::new();
        };
        self.rules.swap(i, j);
        self.selected = j;
        ChecklistRules::job(ChecklistJob::Reorder {
            order: self.rules.iter().map(|r| r.id).collect(),
            officer: cx.officer.clone(),
        })
    }
}

impl Screen for ChecklistRules {
    fn id(&self) -> ScreenId {
        ScreenId::ChecklistRules
    }

    fn sections(&self) -> &'static [&'static str] {
        if self.prompt.is_some() {
            PROMPT_SECTIONS
        } else {
            &["checklist_rules", "list"]
        }
    }

    fn text_focused(&self) -> bool {
        self.prompt.is_some()
    }

    fn hints(&self) -> &'static [Action] {
        if self.prompt.is_some() {
            PROMPT_HINTS
        } else {
            &[
                Action::NewItem,
                Action::Open,
                Action::MoveRuleUp,
                Action::RetireRule,
                Action::Back,
                Action::Help,
            ]
        }
    }

    fn on_enter(&mut self, _cx: &Cx) -> Vec<Effect> {
        ChecklistRules::job(ChecklistJob::Rules)
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        if let Action::Loaded(Loaded::Checklist(ChecklistLoaded::Rules(rules))) = action {
            self.rules = rules.clone();
            self.loaded = true;
            self.selected = self.selected.min(self.rules.len().saturating_sub(1));
            return Vec::new();
        }
        if self.prompt.is_some() {
            return self.prompt_update(action, cx);
        }
        let last = self.rules.len().saturating_sub(1);
        match action {
            Action::MoveUp => self.selected = self.selected.saturating_sub(1),
            Action::MoveDown => self.selected = (self.selected + 1).min(last),
            Action::PageUp | Action::First => self.selected = 0,
            Action::PageDown | Action::Last => self.selected = last,
            Action::NewItem => self.start(Draft {
                id: None,
                title_zh: String::new(),
                title_en: String::new(),
                frequency: Frequency::Workdays,
                required: true,
                check: None,
            }),
            Action::Open => {
                if let Some(r) = self.rules.get(self.selected) {
                    let draft = Draft {
                        id: Some(r.id),
                        title_zh: r.title_zh.clone(),
                        title_en: r.title_en.clone(),
                        frequency: r.frequency.clone(),
                        required: r.required,
                        check: r.check,
                    };
                    self.start(draft);
                }
            }
            Action::MoveRuleUp => return self.shift(true, cx),
            Action::MoveRuleDown => return self.shift(false, cx),
            Action::RetireRule => {
                if let Some(r) = self.rules.get(self.selected) {
                    let id = r.id;
                    self.ask(Step::ConfirmRetire { id }, "");
                }
            }
            Action::Back => return vec![Effect::Pop],
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let block = chrome::boxed(view.t("tui.checklist.rules_title"), view);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let prompt_rows = if self.prompt.is_some() { 3 } else { 0 };
        let [head, list, prompt_area] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(0),
            Constraint::Length(prompt_rows),
        ])
        .areas(inner);
        if !self.loaded {
            frame.render_widget(
                Paragraph::new(view.t("tui.app.loading")).style(view.theme.muted),
                head,
            );
            return;
        }
        let cols = usize::from(inner.width);
        let head_cells = [
            "tui.checklist.col_rule",
            "tui.checklist.col_frequency",
            "tui.checklist.col_required",
        ]
        .map(|k| view.t(k));
        let cells: Vec<[String; 3]> = self
            .rules
            .iter()
            .map(|r| {
                [
                    r.title(view.lang).to_string(),
                    frequency_text(&r.frequency, view.lang),
                    if r.required { "[x]" } else { "[ ]" }.to_string(),
                ]
            })
            .collect();
        // The marker and the rule's number: "> 1 ".
        let table = Widths::fit(
            &RULE_COLUMNS,
            &head_cells,
            cells.iter().map(|c| c.as_slice()),
            4,
            cols,
        );
        let header = Line::styled(table.line("    ", &head_cells), view.theme.title);
        let note = Line::styled(
            fit(&view.t("tui.checklist.rules_note"), cols),
            view.theme.muted,
        );
        frame.render_widget(Paragraph::new(vec![note, header]), head);
        let height = usize::from(list.height);
        let offset = (self.selected + 1).saturating_sub(height);
        let lines: Vec<Line> = self
            .rules
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, _)| {
                let marker = format!(
                    "{}{:>2} ",
                    if i == self.selected { ">" } else { " " },
                    i + 1
                );
                let text = table.line(&marker, &cells[i]);
                let style = if i == self.selected {
                    view.theme.selection
                } else {
                    view.theme.text
                };
                Line::from(Span::styled(text, style))
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), list);
        if let Some(p) = &self.prompt {
            p.render(frame, prompt_area, view);
        }
    }
}

/// The rules' columns: the rule gives way first; frequency and "required" are kept whole.
const RULE_COLUMNS: [Column; 3] = [
    Column::new(12, 200).flexible(),
    Column::new(6, 30),
    Column::new(3, 12),
];
