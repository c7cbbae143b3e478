//! Keys to actions: the embedded defaults, merged with the user's `keymap.toml`.
use crate::i18n::Msg;
use crate::toml_problem::{describe, entry_position};
use crate::tui::action::Action;
use crate::tui::keys::KeyChord;
use std::path::Path;

const DEFAULT_KEYMAP: &str = include_str!("keymap-default.toml");

/// The sections a keymap file may have, from the most general.
pub const SECTIONS: [&str; 23] = [
    "global",
    "list",
    "text",
    "dashboard",
    "lookup",
    "profile",
    "help",
    "form",
    "checklist",
    "petitions",
    "petition_case",
    "petition_step",
    "petition_form",
    "checklist_history",
    "checklist_rules",
    "calendar_years",
    "auth",
    "officers",
    "reports",
    "walkins",
    "walkin",
    "link_offer",
    "family",
];

/// One section's bindings: each action with its keys, in the help overlay's order.
pub type Bindings = Vec<(Action, Vec<KeyChord>)>;

/// The key table every screen, the help overlay and the tests read.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    sections: Vec<(String, Bindings)>,
}

impl Keymap {
    /// The embedded defaults. They are checked by a test, so a problem here is a build
    /// defect; an empty table is still a usable (if deaf) program, never a crash.
    pub fn defaults() -> Keymap {
        let mut map = Keymap {
            sections: SECTIONS
                .iter()
                .map(|s| (s.to_string(), Vec::new()))
                .collect(),
        };
        let _ = map.merge(DEFAULT_KEYMAP);
        map
    }

    /// The defaults with the user's file from `config_dir` merged on top. A bad file is
    /// ignored as a whole, and the message names the bad entry.
    pub fn load(config_dir: &Path) -> (Keymap, Option<Msg>) {
        let path = config_dir.join("keymap.toml");
        let text =
            match crate::config::read_text(&path, "tui.keymap.not_utf8", "tui.keymap.unreadable") {
                Ok(Some(text)) => text,
                Ok(None) => return (Keymap::defaults(), None),
                Err(m) => return (Keymap::defaults(), Some(m)),
            };
        let mut map = Keymap::defaults();
        match map.merge(&text) {
            Ok(()) => (map, None),
            Err(e) => (Keymap::defaults(), Some(e.msg(&path, &text))),
        }
    }

    /// Merges a keymap file's text: each named action gets exactly the listed keys in its
    /// section, and those keys are taken away from the section's other actions.
    pub fn merge(&mut self, text: &str) -> Result<(), KeymapError> {
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| KeymapError::Syntax(describe(text, &e)))?;
        let mut parsed = Vec::new();
        for (section, value) in &table {
            if !SECTIONS.contains(&section.as_str()) {
                return Err(KeymapError::Section(section.clone()));
            }
            let toml::Value::Table(entries) = value else {
                return Err(KeymapError::Section(section.clone()));
            };
            for (name, keys) in entries {
                let entry = format!("{section}.{name}");
                let action =
                    Action::from_name(name).ok_or_else(|| KeymapError::Action(entry.clone()))?;
                let list: Vec<&str> = match keys {
                    toml::Value::String(s) => vec![s.as_str()],
                    toml::Value::Array(items) => items
                        .iter()
                        .map(|v| {
                            v.as_str()
                                .ok_or_else(|| KeymapError::NotText(entry.clone()))
                        })
                        .collect::<Result<_, _>>()?,
                    _ => return Err(KeymapError::NotText(entry)),
                };
                let mut chords = Vec::new();
                for key in list {
                    let chord = KeyChord::parse(key)
                        .ok_or_else(|| KeymapError::Key(entry.clone(), key.to_string()))?;
                    chords.push(chord);
                }
                parsed.push((section.clone(), action, chords));
            }
        }
        for (section, action, chords) in parsed {
            self.bind(&section, action, chords);
        }
        Ok(())
    }

    fn bind(&mut self, section: &str, action: Action, chords: Vec<KeyChord>) {
        let Some((_, bindings)) = self.sections.iter_mut().find(|(s, _)| s == section) else {
            return;
        };
        for (_, keys) in bindings.iter_mut() {
            keys.retain(|k| !chords.contains(k));
        }
        match bindings.iter_mut().find(|(a, _)| *a == action) {
            Some((_, keys)) => *keys = chords,
            None => bindings.push((action, chords)),
        }
        bindings.retain(|(_, keys)| !keys.is_empty());
        bindings.sort_by_key(|(a, _)| a.order());
    }

    /// The action of `chord` in the first of `sections` that binds it.
    pub fn action(&self, sections: &[&str], chord: &KeyChord) -> Option<Action> {
        sections.iter().find_map(|name| {
            self.bindings(name)
                .iter()
                .find(|(_, keys)| keys.contains(chord))
                .map(|(a, _)| a.clone())
        })
    }

    /// The bindings of one section (empty for an unknown one).
    pub fn bindings(&self, section: &str) -> &[(Action, Vec<KeyChord>)] {
        self.sections
            .iter()
            .find(|(s, _)| s == section)
            .map(|(_, b)| b.as_slice())
            .unwrap_or(&[])
    }

    /// The keys of `action` as seen from `sections` (a more specific section hides the
    /// same key further down), joined for a hint: `F1,?`. With `text_focused`, keys that
    /// would be typed into the field are left out.
    pub fn keys_for(
        &self,
        sections: &[&str],
        action: &Action,
        text_focused: bool,
    ) -> Option<String> {
        let labels: Vec<String> = sections
            .iter()
            .flat_map(|s| self.bindings(s).iter())
            .filter(|(a, _)| a == action)
            .flat_map(|(_, keys)| keys.iter())
            .filter(|k| !(text_focused && k.typed_char().is_some()))
            .filter(|k| self.action(sections, k).as_ref() == Some(action))
            .map(KeyChord::label)
            .collect();
        let mut unique: Vec<String> = Vec::new();
        for l in labels {
            if !unique.contains(&l) {
                unique.push(l);
            }
        }
        (!unique.is_empty()).then(|| unique.join(","))
    }
}

/// What is wrong with a keymap file; each names the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapError {
    /// Not TOML at all, put in the user's words.
    Syntax(Msg),
    Section(String),
    Action(String),
    NotText(String),
    Key(String, String),
}

impl KeymapError {
    /// The message for the start-up notice, naming the file, where in its `text` the bad
    /// entry is, and the entry.
    pub fn msg(&self, path: &Path, text: &str) -> Msg {
        let path = path.display();
        let place = |entry: &str| {
            let (section, name) = match entry.split_once('.') {
                Some((s, n)) => (s, Some(n)),
                None => (entry, None),
            };
            match entry_position(text, section, name) {
                Some((line, column)) => Msg::new("toml_problem.at")
                    .arg("line", line)
                    .arg("column", column),
                None => Msg::new("toml_problem.somewhere"),
            }
        };
        match self {
            KeymapError::Syntax(detail) => Msg::new("tui.keymap.syntax")
                .arg("path", path)
                .part("detail", detail.clone()),
            KeymapError::Section(section) => Msg::new("tui.keymap.bad_section")
                .arg("path", path)
                .part("where", place(section))
                .arg("section", section),
            KeymapError::Action(entry) => Msg::new("tui.keymap.bad_action")
                .arg("path", path)
                .part("where", place(entry))
                .arg("entry", entry),
            KeymapError::NotText(entry) => Msg::new("tui.keymap.not_text")
                .arg("path", path)
                .part("where", place(entry))
                .arg("entry", entry),
            KeymapError::Key(entry, key) => Msg::new("tui.keymap.bad_key")
                .arg("path", path)
                .part("where", place(entry))
                .arg("entry", entry)
                .arg("key", key),
        }
    }
}
