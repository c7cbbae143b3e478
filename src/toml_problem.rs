//! What is wrong in a user's TOML file (config, keymap, theme), in the user's language.
//!
//! toml's own error text is English parser-speak ("invalid type: string \"soon\", expected
//! u32"); an officer reading Chinese gets nothing from it. Only what can be put into the
//! catalog's words is kept: the position, the kind of fault, the key the user wrote and
//! what kind of value was wanted.
use crate::i18n::Msg;

/// The fault toml found in `text`, as a catalog message (`toml_problem.*`).
pub fn describe(text: &str, err: &toml::de::Error) -> Msg {
    let message = err.message();
    let span = err.span();
    let at = span.as_ref().map(|s| position(text, s.start));
    let spanned = span
        .and_then(|s| text.get(s))
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty() && !s.contains('\n'));
    let named = backticked(message);
    let on_line = at.and_then(|(line, _)| key_on_line(text, line));
    let (key, name) = if message.starts_with("unknown field") {
        ("toml_problem.unknown_key", named.or(spanned))
    } else if message.starts_with("missing field") {
        ("toml_problem.missing_key", named)
    } else if message.starts_with("duplicate") {
        ("toml_problem.duplicate_key", spanned.or(named))
    } else if message.starts_with("invalid") {
        ("toml_problem.wrong_value", on_line.or(named))
    } else {
        ("toml_problem.syntax", None)
    };
    let place = match at {
        Some((line, column)) => Msg::new("toml_problem.at")
            .arg("line", line)
            .arg("column", column),
        None => Msg::new("toml_problem.somewhere"),
    };
    match name {
        Some(name) => Msg::new(key)
            .part("where", place)
            .arg("name", name)
            .part("want", Msg::new(wanted(message))),
        None => Msg::new("toml_problem.syntax").part("where", place),
    }
}

/// The line and column (counted from 1, in characters as an editor counts them) of the
/// byte offset `at` in `text`.
pub fn position(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// Where the entry `name` of the section `[section]` is written in `text`, if it is.
pub fn entry_position(text: &str, section: &str, name: Option<&str>) -> Option<(usize, usize)> {
    let mut current = String::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.chars().count() - trimmed.chars().count();
        if let Some(header) = trimmed.strip_prefix('[') {
            current = header.split(']').next().unwrap_or("").trim().to_string();
            if name.is_none() && current == section {
                return Some((i + 1, indent + 1));
            }
            continue;
        }
        if let Some(name) = name
            && current == section
            && key_of(trimmed).as_deref() == Some(name)
        {
            return Some((i + 1, indent + 1));
        }
    }
    None
}

/// The name of the key written on line `line` (from 1), when the line holds `key = …`.
fn key_on_line(text: &str, line: usize) -> Option<String> {
    text.lines()
        .nth(line.checked_sub(1)?)
        .and_then(|l| key_of(l.trim_start()))
}

fn key_of(line: &str) -> Option<String> {
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.starts_with('#')).then(|| key.to_string())
}

/// The first name serde quotes in backticks (`` unknown field `colour` ``).
fn backticked(message: &str) -> Option<String> {
    let rest = message.split_once('`')?.1;
    let name = rest.split_once('`')?.0;
    (!name.is_empty()).then(|| name.to_string())
}

/// What kind of value serde said it expected, as a catalog key.
fn wanted(message: &str) -> &'static str {
    let Some((_, expected)) = message.rsplit_once("expected") else {
        return "toml_problem.want_other";
    };
    let expected = expected.trim();
    let is = |words: &[&str]| words.iter().any(|w| expected.contains(w));
    if is(&["u8", "u16", "u32", "u64", "i32", "i64", "integer", "usize"]) {
        "toml_problem.want_number"
    } else if is(&["string", "str", "path", "char"]) {
        "toml_problem.want_text"
    } else if is(&["bool"]) {
        "toml_problem.want_bool"
    } else if is(&["sequence", "array", "list"]) {
        "toml_problem.want_list"
    } else if is(&["map", "table", "struct"]) {
        "toml_problem.want_table"
    } else {
        "toml_problem.want_other"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::i18n::Lang;

    fn problem(text: &str) -> (String, String) {
        let err = toml::from_str::<Config>(text).unwrap_err();
        let msg = describe(text, &err);
        (msg.render(Lang::Zh), msg.render(Lang::En))
    }

    /// Words of toml's and serde's own English that must never reach a Chinese screen.
    const PARSER_WORDS: [&str; 6] = [
        "expected",
        "invalid",
        "unknown field",
        "TOML parse error",
        "u32",
        "duplicate",
    ];

    #[test]
    fn each_kind_of_fault_is_put_in_the_users_words_with_its_position() {
        let cases = [
            (
                "lang = \"zh\"\ncolour = 1\n",
                "第 2 行第 1 列",
                "colour",
                "line 2, column 1",
            ),
            (
                "idle_lock_minutes = \"soon\"\n",
                "第 1 行",
                "idle_lock_minutes",
                "line 1",
            ),
            (
                "lang = \"zh\"\nlang = \"en\"\n",
                "第 2 行第 1 列",
                "lang",
                "appears twice",
            ),
            (
                "lang = \"zh\"\n\ntheme = [\"light\"\n",
                "第 3 行",
                "",
                "not valid TOML",
            ),
        ];
        for (text, zh_place, name, en_part) in cases {
            let (zh, en) = problem(text);
            assert!(zh.contains(zh_place) && zh.contains(name), "{text}: {zh}");
            assert!(en.contains(en_part) && en.contains(name), "{text}: {en}");
            for word in PARSER_WORDS {
                assert!(!zh.contains(word), "{text}: {zh}");
            }
        }
    }

    #[test]
    fn a_wrong_type_says_what_was_wanted() {
        let (zh, en) = problem("idle_lock_minutes = \"soon\"\n");
        assert!(zh.contains("整数"), "{zh}");
        assert!(en.contains("whole number"), "{en}");
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        assert_eq!(position("站 = 1\n名称 = x", 14), (2, 3));
        assert_eq!(position("站 = 1\n名称 = x", 13), (2, 2));
        assert_eq!(position("", 5), (1, 1));
        let text = "[global]\nquit = 1\n\n[lookup]\n  fly = 2\n";
        assert_eq!(entry_position(text, "lookup", Some("fly")), Some((5, 3)));
        assert_eq!(entry_position(text, "lookup", None), Some((4, 1)));
        assert_eq!(entry_position(text, "global", Some("fly")), None);
    }
}
