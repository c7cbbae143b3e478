//! Control characters made visible, so that text from a file or a command line cannot act
//! on the officer's terminal when a message echoes it.
//!
//! A roster cell holding `ESC ] 0 ; … BEL` retitles a terminal and `ESC [ 2 J` clears it; a
//! right-to-left override makes `exe.txt` read as `txt.exe`. Every message argument goes
//! through [`visible`]: the C0 controls and DEL become their Unicode control pictures
//! (`␛`, `␀`, `␇`…), the C1 controls and the bidirectional controls their `\u{…}` escapes.
use std::borrow::Cow;
use std::fmt::Write;

/// The bidirectional formatting characters (Unicode's Bidi_Control property).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn needs_escape(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// `text` with every control character shown as a visible character or escape.
pub fn visible(text: &str) -> Cow<'_, str> {
    visible_except(text, &[])
}

/// Like [`visible`], but the characters in `keep` (a message's own line breaks, a data
/// file's tabs) pass unchanged.
pub fn visible_except<'a>(text: &'a str, keep: &[char]) -> Cow<'a, str> {
    if !text.chars().any(|c| needs_escape(c) && !keep.contains(&c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !needs_escape(c) || keep.contains(&c) {
            out.push(c);
        } else if let Some(picture) = control_picture(c) {
            out.push(picture);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
    Cow::Owned(out)
}

/// U+2400 CONTROL PICTURES: `␀` for NUL … `␟` for US, and `␡` for DEL.
fn control_picture(c: char) -> Option<char> {
    match u32::from(c) {
        code @ 0x00..=0x1f => char::from_u32(0x2400 + code),
        0x7f => Some('\u{2421}'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_nul_become_visible() {
        assert_eq!(visible("\u{1b}]0;pwned\u{7}\u{1b}[2J\0"), "␛]0;pwned␇␛[2J␀");
        assert_eq!(visible("a\u{7f}b\u{9b}c"), "a␡b\\u{9b}c");
        assert_eq!(visible("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(visible("a\nb"), "a␊b");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(visible("张三 138-0000-1234"), Cow::Borrowed(_)));
        assert_eq!(visible_except("a\nb\tc\u{1b}", &['\n', '\t']), "a\nb\tc␛");
    }
}
