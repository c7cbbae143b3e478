//! Aligned text tables for the terminal, measured in display columns (a CJK character is
//! two columns wide), never in bytes or chars.
use crate::i18n::visible;
use unicode_width::UnicodeWidthStr;

/// Pads `text` with spaces to `width` display columns.
pub fn pad(text: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// Right-aligns `text` in `width` display columns.
pub fn pad_left(text: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(w)))
}

/// Renders rows under headers; columns listed in `numeric` are right-aligned. The cells come
/// from the database, so their control characters are made visible.
pub fn render(headers: &[String], rows: &[Vec<String>], numeric: &[usize]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| visible(c).into_owned()).collect())
        .collect();
    let rows = rows.as_slice();
    let cols = headers.len();
    let mut widths: Vec<usize> = headers
        .iter()
        .map(|h| UnicodeWidthStr::width(h.as_str()))
        .collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(UnicodeWidthStr::width(cell.as_str()));
        }
    }
    let line = |cells: &[String]| {
        let parts: Vec<String> = (0..cols)
            .map(|i| {
                let cell = cells.get(i).map(String::as_str).unwrap_or("");
                if numeric.contains(&i) {
                    pad_left(cell, widths[i])
                } else {
                    pad(cell, widths[i])
                }
            })
            .collect();
        parts.join("  ").trim_end().to_string()
    };
    let mut out = String::new();
    out.push_str(&line(headers));
    out.push('\n');
    out.push_str(
        &widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("  "),
    );
    out.push('\n');
    for row in rows {
        out.push_str(&line(row));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_columns_line_up() {
        let out = render(
            &["姓名".into(), "n".into()],
            &[
                vec!["阿依古丽·买买提".into(), "3".into()],
                vec!["Li".into(), "12".into()],
            ],
            &[1],
        );
        let lines: Vec<&str> = out.lines().collect();
        let widths: Vec<usize> = lines.iter().map(|l| UnicodeWidthStr::width(*l)).collect();
        assert_eq!(widths[2], widths[3], "{out}");
        assert!(lines[3].ends_with("12"));
    }
}
