//! Forms as data: what fields a form has, of which kind, and the values it holds.
use crate::i18n::{Lang, t};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A text shown to the user: a catalog key, or the same text in every language, or one
/// text per language (lists that live in the domain, such as visit purposes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Key(&'static str),
    Plain(String),
    ByLang { zh: String, en: String },
}

impl Label {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Label::Key(k) => t(lang, k),
            Label::Plain(s) => s.clone(),
            Label::ByLang { zh, en } => match lang {
                Lang::Zh => zh.clone(),
                Lang::En => en.clone(),
            },
        }
    }
}

/// One option of a choice field: the stable value the form stores, and what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceOption {
    pub value: String,
    pub label: Label,
}

impl ChoiceOption {
    pub fn new(value: impl Into<String>, label: Label) -> ChoiceOption {
        ChoiceOption {
            value: value.into(),
            label,
        }
    }
}

/// What kind of field, and how it is edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text, at most `max` characters.
    Text { max: usize },
    /// Several lines (Enter breaks the line), at most `max` characters.
    Multiline { max: usize },
    /// A date: typed (`2026-11-25`, `20261125`) or a shortcut (`t`, `+7`, `-3`); the
    /// resolved date is shown beside it.
    Date,
    /// `YYYY-MM-DD HH:MM`, or `HH:MM` for today.
    DateTime,
    /// One of a list: Up/Down, a number, or the first letters (pinyin initials too).
    Choice { options: Vec<ChoiceOption> },
    /// Yes or no: Space toggles.
    Check,
}

impl FieldKind {
    /// Whether typed characters edit the field as text.
    pub fn is_text(&self) -> bool {
        matches!(
            self,
            FieldKind::Text { .. }
                | FieldKind::Multiline { .. }
                | FieldKind::Date
                | FieldKind::DateTime
        )
    }
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    /// The stable id: the key in [`FormValues`] and in drafts, and what conversions name.
    pub key: &'static str,
    pub label_key: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    /// A catalog key of a hint shown while the field has the focus.
    pub hint_key: Option<&'static str>,
    /// A number after the label, for fields repeated in rows (the second petitioner).
    pub number: Option<usize>,
}

impl FieldSpec {
    pub fn new(key: &'static str, label_key: &'static str, kind: FieldKind) -> FieldSpec {
        FieldSpec {
            key,
            label_key,
            kind,
            required: false,
            hint_key: None,
            number: None,
        }
    }

    pub fn text(key: &'static str, label_key: &'static str, max: usize) -> FieldSpec {
        FieldSpec::new(key, label_key, FieldKind::Text { max })
    }

    pub fn required(mut self) -> FieldSpec {
        self.required = true;
        self
    }

    pub fn hint(mut self, key: &'static str) -> FieldSpec {
        self.hint_key = Some(key);
        self
    }

    pub fn numbered(mut self, n: usize) -> FieldSpec {
        self.number = Some(n);
        self
    }

    /// The label as shown: the text, its number, and a mark when required.
    pub fn label(&self, lang: Lang) -> String {
        let text = t(lang, self.label_key);
        let mut label = match self.number {
            Some(n) => crate::i18n::tf(lang, "tui.form.numbered", &[("label", &text), ("n", &n)]),
            None => text,
        };
        if self.required {
            label.push_str(" *");
        }
        label
    }
}

/// The values of a form by field key, all as text: a choice holds its option's `value`
/// (empty when none is chosen), a check holds `"1"` or `""`. This is what a conversion
/// reads and what a draft stores (as a JSON object).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormValues(pub BTreeMap<String, String>);

impl FormValues {
    /// The text of a field; empty when the form has no such field.
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map_or("", String::as_str)
    }

    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        self.0.insert(key.to_string(), value.into());
    }

    /// A check field's state.
    pub fn check(&self, key: &str) -> bool {
        !self.get(key).is_empty()
    }

    /// A choice field's value, `None` when nothing is chosen.
    pub fn choice(&self, key: &str) -> Option<&str> {
        Some(self.get(key)).filter(|v| !v.is_empty())
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    pub fn from_json(text: &str) -> Option<FormValues> {
        serde_json::from_str(text).ok()
    }
}
