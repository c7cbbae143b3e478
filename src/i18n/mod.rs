//! Message catalogs: every string the program shows comes from here.
//!
//! One catalog per language, split by area into TOML files (`i18n/zh/*.toml`,
//! `i18n/en/*.toml`) so that each part of the program keeps its own strings. Sections nest:
//! `[import] row = "…"` is the key `import.row`. Placeholders are `{name}`.
use std::collections::HashMap;
use std::sync::OnceLock;

mod visible;
pub use visible::{visible, visible_except};

/// The languages the program speaks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Parses `zh`, `zh-CN`, `en`, `en-US` and the like.
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Lang::Zh)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// The catalog files of each language, in the same order.
const ZH_FILES: &[(&str, &str)] = &[
    ("server", include_str!("zh/server.toml")),
    ("record_pintake", include_str!("zh/record_pintake.toml")),
    ("core", include_str!("zh/core.toml")),
    ("auth", include_str!("zh/auth.toml")),
    ("checklist", include_str!("zh/checklist.toml")),
    ("petition", include_str!("zh/petition.toml")),
    ("exchange", include_str!("zh/exchange.toml")),
    ("tui", include_str!("zh/tui.toml")),
    ("tui_walkin", include_str!("zh/tui_walkin.toml")),
    ("tui_petition", include_str!("zh/tui_petition.toml")),
    ("tui_checklist", include_str!("zh/tui_checklist.toml")),
    ("tui_auth", include_str!("zh/tui_auth.toml")),
    ("tui_reports", include_str!("zh/tui_reports.toml")),
    ("record_audit", include_str!("zh/record_audit.toml")),
    ("record_backup", include_str!("zh/record_backup.toml")),
    ("record_storeopen", include_str!("zh/record_storeopen.toml")),
    ("record_reimport", include_str!("zh/record_reimport.toml")),
    ("record_router", include_str!("zh/record_router.toml")),
    ("record_desks", include_str!("zh/record_desks.toml")),
    ("record_deskday", include_str!("zh/record_deskday.toml")),
    ("record_deskday2", include_str!("zh/record_deskday2.toml")),
    ("record_tryout", include_str!("zh/record_tryout.toml")),
    ("record_deskday3", include_str!("zh/record_deskday3.toml")),
    ("record_deskday4", include_str!("zh/record_deskday4.toml")),
    ("record_calendar", include_str!("zh/record_calendar.toml")),
    ("record_lookup", include_str!("zh/record_lookup.toml")),
    ("record_progress", include_str!("zh/record_progress.toml")),
    ("record_rostermsg", include_str!("zh/record_rostermsg.toml")),
    ("record_psteps", include_str!("zh/record_psteps.toml")),
    ("record_family", include_str!("zh/record_family.toml")),
    (
        "record_categories",
        include_str!("zh/record_categories.toml"),
    ),
    ("record_walkins", include_str!("zh/record_walkins.toml")),
    ("record_tryout2", include_str!("zh/record_tryout2.toml")),
    ("record_notices", include_str!("zh/record_notices.toml")),
    ("record_pg", include_str!("zh/record_pg.toml")),
    (
        "record_benchdesks",
        include_str!("zh/record_benchdesks.toml"),
    ),
    ("record_petfollow", include_str!("zh/record_petfollow.toml")),
    ("record_hints", include_str!("zh/record_hints.toml")),
];
const EN_FILES: &[(&str, &str)] = &[
    ("server", include_str!("en/server.toml")),
    ("record_pintake", include_str!("en/record_pintake.toml")),
    ("core", include_str!("en/core.toml")),
    ("auth", include_str!("en/auth.toml")),
    ("checklist", include_str!("en/checklist.toml")),
    ("petition", include_str!("en/petition.toml")),
    ("exchange", include_str!("en/exchange.toml")),
    ("tui", include_str!("en/tui.toml")),
    ("tui_walkin", include_str!("en/tui_walkin.toml")),
    ("tui_petition", include_str!("en/tui_petition.toml")),
    ("tui_checklist", include_str!("en/tui_checklist.toml")),
    ("tui_auth", include_str!("en/tui_auth.toml")),
    ("tui_reports", include_str!("en/tui_reports.toml")),
    ("record_audit", include_str!("en/record_audit.toml")),
    ("record_backup", include_str!("en/record_backup.toml")),
    ("record_storeopen", include_str!("en/record_storeopen.toml")),
    ("record_reimport", include_str!("en/record_reimport.toml")),
    ("record_router", include_str!("en/record_router.toml")),
    ("record_desks", include_str!("en/record_desks.toml")),
    ("record_deskday", include_str!("en/record_deskday.toml")),
    ("record_deskday2", include_str!("en/record_deskday2.toml")),
    ("record_tryout", include_str!("en/record_tryout.toml")),
    ("record_deskday3", include_str!("en/record_deskday3.toml")),
    ("record_deskday4", include_str!("en/record_deskday4.toml")),
    ("record_calendar", include_str!("en/record_calendar.toml")),
    ("record_lookup", include_str!("en/record_lookup.toml")),
    ("record_progress", include_str!("en/record_progress.toml")),
    ("record_rostermsg", include_str!("en/record_rostermsg.toml")),
    ("record_psteps", include_str!("en/record_psteps.toml")),
    ("record_family", include_str!("en/record_family.toml")),
    (
        "record_categories",
        include_str!("en/record_categories.toml"),
    ),
    ("record_walkins", include_str!("en/record_walkins.toml")),
    ("record_tryout2", include_str!("en/record_tryout2.toml")),
    ("record_notices", include_str!("en/record_notices.toml")),
    ("record_pg", include_str!("en/record_pg.toml")),
    (
        "record_benchdesks",
        include_str!("en/record_benchdesks.toml"),
    ),
    ("record_petfollow", include_str!("en/record_petfollow.toml")),
    ("record_hints", include_str!("en/record_hints.toml")),
];

type Catalog = HashMap<String, String>;

fn flatten(prefix: &str, table: &toml::Table, out: &mut Catalog) {
    for (key, value) in table {
        let full = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::Table(t) => flatten(&full, t, out),
            toml::Value::String(s) => {
                out.insert(full, s.clone());
            }
            other => {
                out.insert(full, other.to_string());
            }
        }
    }
}

fn build(files: &[(&str, &str)]) -> Catalog {
    let mut out = Catalog::new();
    for (name, text) in files {
        // The catalogs are embedded and checked by tests; a broken one is a build defect,
        // so report it loudly in the catalog itself rather than crash the program.
        match text.parse::<toml::Table>() {
            Ok(table) => flatten("", &table, &mut out),
            Err(e) => {
                out.insert(format!("_broken.{name}"), e.to_string());
            }
        }
    }
    out
}

/// The whole catalog of a language.
pub fn catalog(lang: Lang) -> &'static Catalog {
    static ZH: OnceLock<Catalog> = OnceLock::new();
    static EN: OnceLock<Catalog> = OnceLock::new();
    match lang {
        Lang::Zh => ZH.get_or_init(|| build(ZH_FILES)),
        Lang::En => EN.get_or_init(|| build(EN_FILES)),
    }
}

/// The text of `key`; the key itself when it is missing (a test forbids that).
pub fn t(lang: Lang, key: &str) -> String {
    catalog(lang)
        .get(key)
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

/// The text of `key` with `{name}` placeholders filled from `args`, their control
/// characters made visible.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut text = t(lang, key);
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), &visible(&value.to_string()));
    }
    text
}

/// A message not yet put into words: a catalog key and its arguments. Domain rules return
/// these so that they stay free of any language, and the caller renders them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
    /// Placeholders filled by other messages, put into words in the same language.
    pub parts: Vec<(&'static str, Msg)>,
}

impl Msg {
    pub fn new(key: &'static str) -> Self {
        Msg {
            key,
            args: Vec::new(),
            parts: Vec::new(),
        }
    }
    pub fn arg(mut self, name: &'static str, value: impl std::fmt::Display) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
    /// Fills the placeholder `name` with another message, rendered in the same language.
    pub fn part(mut self, name: &'static str, value: Msg) -> Self {
        self.parts.push((name, value));
        self
    }
    /// The message in `lang`, the control characters of its arguments made visible.
    pub fn render(&self, lang: Lang) -> String {
        let mut text = t(lang, self.key);
        for (name, part) in &self.parts {
            text = text.replace(&format!("{{{name}}}"), &part.render(lang));
        }
        for (name, value) in &self.args {
            text = text.replace(&format!("{{{name}}}"), &visible(value));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogs_parse_and_have_the_same_keys() {
        let zh = catalog(Lang::Zh);
        let en = catalog(Lang::En);
        assert!(
            !zh.keys().any(|k| k.starts_with("_broken")),
            "a zh catalog file does not parse"
        );
        assert!(
            !en.keys().any(|k| k.starts_with("_broken")),
            "an en catalog file does not parse"
        );
        let mut only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
        let mut only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
        only_zh.sort();
        only_en.sort();
        assert!(
            only_zh.is_empty() && only_en.is_empty(),
            "zh only: {only_zh:?}; en only: {only_en:?}"
        );
        assert!(zh.len() > 10);
    }

    #[test]
    fn placeholders_agree_between_languages() {
        let zh = catalog(Lang::Zh);
        let en = catalog(Lang::En);
        let names = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                .collect();
            v.sort();
            v.dedup();
            v
        };
        for (key, zh_text) in zh {
            if let Some(en_text) = en.get(key) {
                assert_eq!(
                    names(zh_text),
                    names(en_text),
                    "placeholders differ for {key}"
                );
            }
        }
    }

    /// Every `"area.key"` literal handed to the catalog in the source exists in it.
    #[test]
    fn every_key_used_in_the_code_exists() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(root)];
        let catalog = catalog(Lang::Zh);
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    for key in used_keys(&text) {
                        if !catalog.contains_key(&key) {
                            missing.push(format!("{}: {key}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys used but not in the catalog: {missing:#?}"
        );
    }

    /// Finds keys in calls of the forms `t(lang, "k")`, `tf(lang, "k"`, `Msg::new("k")`
    /// and `tr!("k")`-like helpers named `t(`/`tf(`/`Msg::new(`/`.t("`.
    fn used_keys(text: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for marker in [
            "Msg::new(\"",
            ".t(\"",
            ".tf(\"",
            "t(lang, \"",
            "tf(lang, \"",
            "t(self.lang, \"",
            "tf(self.lang, \"",
        ] {
            let mut rest = text;
            while let Some(pos) = rest.find(marker) {
                rest = &rest[pos + marker.len()..];
                if let Some(end) = rest.find('"') {
                    let key = &rest[..end];
                    if key.contains('.') && !key.contains(' ') && !key.contains('{') {
                        keys.push(key.to_string());
                    }
                }
            }
        }
        keys
    }
}
