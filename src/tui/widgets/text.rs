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

/// `text` broken into rows of at most `cols` columns: at a space, or beside a wide
/// character (Chinese runs have no spaces), and inside a word only when the word alone is
/// wider than a row. The spaces at a break are dropped.
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    wrap_at(text, cols, false)
}

/// Like [`wrap`], but a row ends after a phrase (after punctuation: `。`, `，`, `,` …) when
/// that keeps it at least half full, so that a key name stays with what it does
/// ("Tab 切换字段" is not cut after "Tab").
pub fn wrap_phrases(text: &str, cols: usize) -> Vec<String> {
    wrap_at(text, cols, true)
}

fn ends_phrase(g: &str) -> bool {
    matches!(
        g,
        "。" | "，"
            | "、"
            | "；"
            | "："
            | "！"
            | "？"
            | "）"
            | ","
            | ";"
            | ":"
            | "!"
            | "?"
            | ")"
            | "."
    )
}

fn wrap_at(text: &str, cols: usize, phrases: bool) -> Vec<String> {
    let cols = cols.max(2);
    let mut rows = Vec::new();
    let mut row = String::new();
    let mut used = 0;
    // Where `row` may be cut: the byte offset and the columns before it.
    let mut cut: Option<(usize, usize)> = None;
    // The last place a phrase ends in `row`, when cutting by phrases.
    let mut phrase: Option<(usize, usize)> = None;
    for g in text.graphemes(true) {
        let w = g.width();
        let space = g.chars().all(char::is_whitespace);
        if used + w > cols && !space {
            let (at, _) = phrase
                .filter(|&(_, before)| before * 2 >= cols)
                .or(cut)
                .unwrap_or((row.len(), used));
            let rest = row.split_off(at);
            rows.push(row.trim_end().to_string());
            row = rest.trim_start().to_string();
            used = width(&row);
            cut = None;
            phrase = None;
        }
        if w > 1 && !row.is_empty() {
            cut = Some((row.len(), used));
        }
        row.push_str(g);
        used += w;
        if space || w > 1 {
            cut = Some((row.len(), used));
        }
        if phrases && ends_phrase(g) {
            phrase = Some((row.len(), used));
        }
    }
    if !row.trim().is_empty() || rows.is_empty() {
        rows.push(row.trim_end().to_string());
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_name_stays_with_what_it_does() {
        let text =
            "还没有任何账号。请填写服务站名称并创建第一个管理员。Tab 切换字段,空格切换选项。";
        let rows = wrap_phrases(text, 60);
        assert_eq!(
            rows,
            vec![
                "还没有任何账号。请填写服务站名称并创建第一个管理员。",
                "Tab 切换字段,空格切换选项。",
            ]
        );
        // Plain wrapping cuts beside any wide character, inside the phrase.
        assert!(wrap(text, 60)[0].ends_with("Tab 切换"));
    }

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

    #[test]
    fn wrapping_breaks_at_spaces_and_beside_wide_characters_never_inside_a_word() {
        let rows = wrap("Walk-in saved; receipt: receipts/2026-0004.htm", 30);
        assert_eq!(rows, ["Walk-in saved; receipt:", "receipts/2026-0004.htm"]);
        let rows = wrap("已登记来访，回执：receipts/2026-0004.htm", 24);
        assert_eq!(rows, ["已登记来访，回执：", "receipts/2026-0004.htm"]);
        for row in wrap("阿依古丽·买买提的来访已登记，回执已打印", 9) {
            assert!(width(&row) <= 9, "{row}");
        }
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10), [""]);
    }
}
