//! Display-width arithmetic: a Chinese character takes two terminal columns, a combining
//! mark none. Cursors, truncation, padding and table columns all count columns, never bytes
//! or chars, and never split a grapheme.
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns `text` takes on screen.
pub fn width(text: &str) -> usize {
    text.width()
}

/// The longest prefix of whole graphemes that fits in `max` columns.
pub fn truncate(text: &str, max: usize) -> &str {
    let mut used = 0;
    for (at, g) in text.grapheme_indices(true) {
        let w = g.width();
        if used + w > max {
            return &text[..at];
        }
        used += w;
    }
    text
}

/// `text` cut to `cols` columns and padded with spaces to exactly `cols` columns (a wide
/// character that does not fit is replaced by the padding).
pub fn fit(text: &str, cols: usize) -> String {
    let cut = truncate(text, cols);
    let mut out = String::with_capacity(cut.len() + cols);
    out.push_str(cut);
    for _ in width(cut)..cols {
        out.push(' ');
    }
    out
}

/// Like [`fit`], but a text too long for `cols` ends with "…" to say that it goes on.
pub fn fit_ellipsis(text: &str, cols: usize) -> String {
    if width(text) <= cols || cols == 0 {
        return fit(text, cols);
    }
    let mut cut = truncate(text, cols - 1).to_string();
    cut.push('…');
    fit(&cut, cols)
}

/// Like [`fit`], aligned to the right.
pub fn fit_right(text: &str, cols: usize) -> String {
    let cut = truncate(text, cols);
    let mut out = " ".repeat(cols.saturating_sub(width(cut)));
    out.push_str(cut);
    out
}

/// The rest of `text` after skipping `cols` columns of whole graphemes.
pub fn skip_columns(text: &str, cols: usize) -> &str {
    let mut used = 0;
    for (at, g) in text.grapheme_indices(true) {
        if used >= cols {
            return &text[at..];
        }
        used += g.width();
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_are_never_split() {
        assert_eq!(width("张三丰"), 6);
        assert_eq!(truncate("张三丰", 5), "张三");
        assert_eq!(fit("张三丰", 5), "张三 ");
        assert_eq!(fit("欧阳", 6), "欧阳  ");
        assert_eq!(fit_right("12", 4), "  12");
        assert_eq!(skip_columns("张三丰", 2), "三丰");
        assert_eq!(skip_columns("张三丰", 7), "");
        // A base letter with a combining mark is one grapheme of one column.
        assert_eq!(truncate("e\u{301}x", 1), "e\u{301}");
    }

    #[test]
    fn names_with_a_middle_dot_have_their_width() {
        let name = "阿依古丽·买买提";
        assert_eq!(width(name), 15);
        assert_eq!(width(&fit(name, 12)), 12);
    }
}
