//! Themes: semantic roles (text, muted, focus, error…) read from TOML. Screens ask for
//! `theme.error`, never for a colour, so a theme (or a monochrome terminal) changes all.
use crate::i18n::Msg;
use crate::toml_problem::{describe, entry_position};
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

/// The bundled themes, embedded in the binary.
pub const BUNDLED: [(&str, &str); 4] = [
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("mono", include_str!("../../themes/mono.toml")),
];

/// Every role and the role it falls back to when a theme leaves it out.
const ROLES: [(&str, Option<&str>); 18] = [
    ("text", None),
    ("muted", Some("text")),
    ("accent", Some("text")),
    ("focus", Some("accent")),
    ("selection", Some("focus")),
    ("error", Some("warning")),
    ("warning", Some("accent")),
    ("success", Some("accent")),
    ("border", Some("muted")),
    ("title", Some("accent")),
    ("title_bar", Some("selection")),
    ("tab", Some("muted")),
    ("tab_active", Some("focus")),
    ("status_bar", Some("title_bar")),
    ("key_hint", Some("accent")),
    ("bar", Some("accent")),
    ("bar_alt", Some("bar")),
    ("input", Some("text")),
];

/// The resolved styles of a theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    pub text: Style,
    pub muted: Style,
    pub accent: Style,
    pub focus: Style,
    pub selection: Style,
    pub error: Style,
    pub warning: Style,
    pub success: Style,
    pub border: Style,
    pub title: Style,
    pub title_bar: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub status_bar: Style,
    pub key_hint: Style,
    pub bar: Style,
    pub bar_alt: Style,
    pub input: Style,
}

/// One role as written in the file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleSpec {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    dim: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underline: bool,
    #[serde(default)]
    reversed: bool,
}

/// What is wrong with a theme file, in the file's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeError {
    /// Not TOML, or a role's entry of the wrong kind, put in the user's words.
    Syntax(Msg),
    UnknownRole(String),
    BadColour {
        role: String,
        /// `fg` or `bg`.
        entry: &'static str,
        value: String,
    },
}

impl Theme {
    /// The default theme. It is embedded and tested; should it ever fail to parse, plain
    /// terminal colours are still a working program.
    pub fn fallback() -> Theme {
        Theme::parse("default", BUNDLED[0].1)
            .unwrap_or_else(|_| Theme::from_styles("default", &BTreeMap::new()))
    }

    /// A bundled theme by name.
    pub fn bundled(name: &str) -> Option<Theme> {
        BUNDLED
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(n, text)| Theme::parse(n, text).ok())
    }

    /// The names of the bundled themes.
    pub fn bundled_names() -> Vec<&'static str> {
        BUNDLED.iter().map(|(n, _)| *n).collect()
    }

    /// Chooses the theme: `name` (from `--theme` or the config), looked up first in
    /// `config_dir/themes/NAME.toml`, then among the bundled ones. Anything wrong gives the
    /// default theme and a message saying why.
    pub fn load(name: Option<&str>, config_dir: &Path) -> (Theme, Option<Msg>) {
        let name = name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or("default");
        let safe = name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        if safe {
            let path = config_dir.join("themes").join(format!("{name}.toml"));
            match crate::config::read_text(&path, "tui.theme.not_utf8", "tui.theme.unreadable") {
                Ok(Some(text)) => {
                    return match Theme::parse(name, &text) {
                        Ok(theme) => (theme, None),
                        Err(e) => (Theme::fallback(), Some(e.msg(&path, &text))),
                    };
                }
                Ok(None) => {}
                Err(m) => return (Theme::fallback(), Some(m)),
            }
            if let Some(theme) = Theme::bundled(name) {
                return (theme, None);
            }
        }
        (
            Theme::fallback(),
            Some(
                Msg::new("tui.theme.unknown")
                    .arg("name", name)
                    .arg("names", Theme::bundled_names().join(", ")),
            ),
        )
    }

    /// Parses a theme file.
    pub fn parse(name: &str, text: &str) -> Result<Theme, ThemeError> {
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| ThemeError::Syntax(describe(text, &e)))?;
        if let Some(role) = table
            .keys()
            .find(|role| !ROLES.iter().any(|(r, _)| r == role))
        {
            return Err(ThemeError::UnknownRole(role.clone()));
        }
        // Read again as the roles' specs, this time from the text, so that a fault inside
        // a role keeps its position.
        let specs: BTreeMap<String, RoleSpec> = toml::from_str(text)
            .map_err(|e: toml::de::Error| ThemeError::Syntax(describe(text, &e)))?;
        let mut styles = BTreeMap::new();
        for (role, spec) in specs {
            styles.insert(role.clone(), spec.style(&role)?);
        }
        Ok(Theme::from_styles(name, &styles))
    }

    fn from_styles(name: &str, styles: &BTreeMap<String, Style>) -> Theme {
        let get = |role: &str| resolve(styles, role);
        Theme {
            name: name.to_string(),
            text: get("text"),
            muted: get("muted"),
            accent: get("accent"),
            focus: get("focus"),
            selection: get("selection"),
            error: get("error"),
            warning: get("warning"),
            success: get("success"),
            border: get("border"),
            title: get("title"),
            title_bar: get("title_bar"),
            tab: get("tab"),
            tab_active: get("tab_active"),
            status_bar: get("status_bar"),
            key_hint: get("key_hint"),
            bar: get("bar"),
            bar_alt: get("bar_alt"),
            input: get("input"),
        }
    }
}

fn resolve(styles: &BTreeMap<String, Style>, role: &str) -> Style {
    let mut current = role;
    // The fallback chain is a fixed, acyclic table, so this ends within ROLES.len() steps.
    for _ in 0..ROLES.len() {
        if let Some(style) = styles.get(current) {
            return *style;
        }
        match ROLES
            .iter()
            .find(|(r, _)| *r == current)
            .and_then(|(_, f)| *f)
        {
            Some(next) => current = next,
            None => break,
        }
    }
    // Without any style, selection and focus must still be visible.
    match role {
        "selection" | "title_bar" | "status_bar" | "tab_active" => {
            Style::default().add_modifier(Modifier::REVERSED)
        }
        _ => Style::default(),
    }
}

impl RoleSpec {
    fn style(&self, role: &str) -> Result<Style, ThemeError> {
        let colour = |value: &Option<String>, entry| -> Result<Option<Color>, ThemeError> {
            match value {
                None => Ok(None),
                Some(v) => Color::from_str(v.trim())
                    .map(Some)
                    .map_err(|_| ThemeError::BadColour {
                        role: role.to_string(),
                        entry,
                        value: v.clone(),
                    }),
            }
        };
        let mut style = Style::default();
        if let Some(fg) = colour(&self.fg, "fg")? {
            style = style.fg(fg);
        }
        if let Some(bg) = colour(&self.bg, "bg")? {
            style = style.bg(bg);
        }
        for (on, modifier) in [
            (self.bold, Modifier::BOLD),
            (self.dim, Modifier::DIM),
            (self.italic, Modifier::ITALIC),
            (self.underline, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
        ] {
            if on {
                style = style.add_modifier(modifier);
            }
        }
        Ok(style)
    }
}

impl ThemeError {
    /// The message for the start-up notice, naming the file, where in its `text` the bad
    /// entry is, and the entry.
    pub fn msg(&self, path: &Path, text: &str) -> Msg {
        let path = path.display();
        let place = |role: &str, name: Option<&str>| match entry_position(text, role, name) {
            Some((line, column)) => Msg::new("toml_problem.at")
                .arg("line", line)
                .arg("column", column),
            None => Msg::new("toml_problem.somewhere"),
        };
        match self {
            ThemeError::Syntax(detail) => Msg::new("tui.theme.syntax")
                .arg("path", path)
                .part("detail", detail.clone()),
            ThemeError::UnknownRole(role) => Msg::new("tui.theme.bad_role")
                .arg("path", path)
                .part("where", place(role, None))
                .arg("role", role),
            ThemeError::BadColour { role, entry, value } => Msg::new("tui.theme.bad_colour")
                .arg("path", path)
                .part("where", place(role, Some(entry)))
                .arg("role", role)
                .arg("value", value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_themes_parse() {
        for (name, text) in BUNDLED {
            Theme::parse(name, text).unwrap();
        }
    }

    #[test]
    fn mono_has_no_colours() {
        let t = Theme::bundled("mono").unwrap();
        for style in [
            t.text,
            t.muted,
            t.focus,
            t.selection,
            t.error,
            t.title_bar,
            t.bar,
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
        assert!(t.selection.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn missing_roles_fall_back() {
        let t = Theme::parse("x", "[accent]\nfg = \"red\"\n").unwrap();
        assert_eq!(t.title.fg, Some(Color::Red));
        assert_eq!(t.error.fg, Some(Color::Red));
        assert_eq!(t.text, Style::default());
    }
}
