//! Normalisation of typed and pasted text.
use unicode_normalization::UnicodeNormalization;

/// Folds full-width ASCII (what Chinese input methods type: `１２３ｘ`) to half-width and the
/// ideographic space to a plain one.
pub fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// NFC, control characters removed (a pasted escape sequence must never reach the terminal
/// or the database as a control code), surrounding white space trimmed.
pub fn clean_line(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    nfc.chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string()
}

/// Like [`clean_line`] but keeps line breaks, for multi-line fields.
pub fn clean_multiline(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    let unified = nfc.replace("\r\n", "\n").replace('\r', "\n");
    unified
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| *c == '\n' || !c.is_control())
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_letters_fold() {
        assert_eq!(fold_width("４５０１０２ｘ"), "450102x");
        assert_eq!(fold_width("张\u{3000}三"), "张 三");
    }

    #[test]
    fn control_characters_and_escapes_are_removed() {
        assert_eq!(clean_line(" 张三\u{1b}[31m\u{7} "), "张三[31m");
        assert_eq!(clean_multiline("a\r\nb\u{1b}c"), "a\nbc");
    }

    #[test]
    fn text_is_nfc() {
        // e + combining acute becomes é
        assert_eq!(clean_line("e\u{301}"), "\u{e9}");
    }
}
