//! Person names: 1–40 characters of CJK, Latin letters and the middle dot of minority names.
use super::text::clean_line;
use crate::i18n::Msg;

/// The dots people type in minority names (阿依古丽·买买提); all are stored as U+00B7.
const DOTS: [char; 5] = ['·', '•', '‧', '・', '.'];

/// Validates and normalises a name (NFC, trimmed, inner spaces collapsed, dots unified).
pub fn parse_name(text: &str) -> Result<String, Msg> {
    let cleaned = clean_line(text);
    let unified: String = cleaned
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| if DOTS.contains(&c) { '·' } else { c })
        .collect();
    let count = unified.chars().count();
    if count == 0 {
        return Err(Msg::new("name.empty"));
    }
    if count > 40 {
        return Err(Msg::new("name.too_long").arg("count", count));
    }
    if let Some(bad) = unified.chars().find(|c| !allowed(*c)) {
        return Err(Msg::new("name.bad_char").arg("char", bad));
    }
    Ok(unified)
}

fn allowed(c: char) -> bool {
    c == '·' || c == ' ' || c.is_alphabetic() || is_cjk(c)
}

/// CJK ideographs, including the extension blocks that rare surnames need.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F | 0x3007)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minority_names_with_dots() {
        assert_eq!(parse_name("阿依古丽•买买提").unwrap(), "阿依古丽·买买提");
        assert_eq!(parse_name(" 尉迟  恭 ").unwrap(), "尉迟 恭");
        assert_eq!(parse_name("John Smith").unwrap(), "John Smith");
    }

    #[test]
    fn bad_names() {
        assert_eq!(parse_name("  ").unwrap_err().key, "name.empty");
        assert_eq!(parse_name("张3").unwrap_err().key, "name.bad_char");
        assert_eq!(
            parse_name(&"张".repeat(41)).unwrap_err().key,
            "name.too_long"
        );
        // a pasted escape sequence loses its control character and then its '[' is refused
        assert_eq!(parse_name("张\u{1b}[31m").unwrap_err().key, "name.bad_char");
    }
}
