//! How the columns of a table share the terminal's width: each column asks for what its
//! widest cell (or its head) needs, by display width, up to a cap; when the sum does not fit,
//! the flexible columns (a name, a subject) give up room first, then the others, the widest
//! first, never below their minimum; a column marked optional is shown only when nothing
//! has to be cut for it. A cell longer than its column ends with "…".
use crate::tui::widgets::text::{fit_ellipsis, fit_right, width};

/// What one column asks for.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    min: usize,
    cap: usize,
    flexible: bool,
    optional: bool,
    right: bool,
}

impl Column {
    /// A column at least `min` and at most `cap` display columns wide.
    pub const fn new(min: usize, cap: usize) -> Column {
        Column {
            min: if min < cap { min } else { cap },
            cap,
            flexible: false,
            optional: false,
            right: false,
        }
    }

    /// A column that gives up its room before the others (free text, names).
    pub const fn flexible(mut self) -> Column {
        self.flexible = true;
        self
    }

    /// A column left out when the others would have to be cut for it.
    pub const fn optional(mut self) -> Column {
        self.optional = true;
        self
    }

    /// Cells aligned to the right (numbers).
    pub const fn right(mut self) -> Column {
        self.right = true;
        self
    }
}

/// The widths a table's columns were given; 0 for a column left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Widths {
    widths: Vec<usize>,
    right: Vec<bool>,
}

/// Columns between cells.
const GAP: usize = 1;

impl Widths {
    /// Shares `total` display columns (the marker before the first cell included) among
    /// `columns`, by what `head` and every row in `rows` hold.
    pub fn fit<'a, R, S>(
        columns: &[Column],
        head: &[String],
        rows: R,
        marker: usize,
        total: usize,
    ) -> Widths
    where
        R: IntoIterator<Item = &'a [S]>,
        S: AsRef<str> + 'a,
    {
        let mut want: Vec<usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| head.get(i).map_or(0, |h| width(h)).max(c.min))
            .collect();
        for row in rows {
            for (w, cell) in want.iter_mut().zip(row) {
                *w = (*w).max(width(cell.as_ref()));
            }
        }
        let mut widths: Vec<usize> = want
            .iter()
            .zip(columns)
            .map(|(w, c)| (*w).min(c.cap))
            .collect();
        let used = |widths: &[usize]| -> usize {
            marker
                + widths
                    .iter()
                    .filter(|w| **w > 0)
                    .map(|w| w + GAP)
                    .sum::<usize>()
        };
        // An optional column is shown only when every column gets what it holds: it drops out
        // (the last one first) before anything is cut.
        for i in (0..columns.len()).rev() {
            if used(&widths) <= total {
                break;
            }
            if columns[i].optional {
                widths[i] = 0;
            }
        }
        // Flexible columns first, then all; the widest column gives up one column at a time.
        for flexible_only in [true, false] {
            while used(&widths) > total {
                let widest = widths
                    .iter()
                    .enumerate()
                    .filter(|(i, w)| {
                        **w > columns[*i].min && (!flexible_only || columns[*i].flexible)
                    })
                    .max_by_key(|(i, w)| (**w, usize::MAX - i))
                    .map(|(i, _)| i);
                match widest {
                    Some(i) => widths[i] -= 1,
                    None => break,
                }
            }
        }
        Widths {
            widths,
            right: columns.iter().map(|c| c.right).collect(),
        }
    }

    /// The width of column `i` (0 when it was left out).
    pub fn width(&self, i: usize) -> usize {
        self.widths.get(i).copied().unwrap_or(0)
    }

    /// Column `i`'s cell, fitted to its width and followed by the gap; empty for a column
    /// left out.
    pub fn cell(&self, i: usize, text: &str) -> String {
        let w = self.width(i);
        if w == 0 {
            return String::new();
        }
        let mut out = if self.right.get(i).copied().unwrap_or(false) && width(text) <= w {
            fit_right(text, w)
        } else {
            fit_ellipsis(text, w)
        };
        out.push_str(&" ".repeat(GAP));
        out
    }

    /// The whole row after `marker`.
    pub fn line<S: AsRef<str>>(&self, marker: &str, cells: &[S]) -> String {
        let mut out = String::from(marker);
        for (i, cell) in cells.iter().enumerate() {
            out.push_str(&self.cell(i, cell.as_ref()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn columns_get_what_they_hold_and_the_name_gives_way_first() {
        let cols = [
            Column::new(4, 16).flexible(),
            Column::new(4, 20),
            Column::new(4, 12),
        ];
        let head = s(&["姓名", "类别", "镇街"]);
        let rows = [s(&["张三", "带病回乡退伍军人", "石埠街道"])];
        let w = Widths::fit(&cols, &head, rows.iter().map(|r| r.as_slice()), 2, 80);
        assert_eq!((w.width(0), w.width(1), w.width(2)), (4, 16, 8));
        // 2 + 5 + 17 + 9 = 33 columns needed; at 30 the name (flexible) cannot shrink below
        // its minimum, so the widest other column gives up the rest.
        let w = Widths::fit(&cols, &head, rows.iter().map(|r| r.as_slice()), 2, 30);
        assert_eq!((w.width(0), w.width(1), w.width(2)), (4, 13, 8));
    }

    #[test]
    fn a_long_cell_ends_with_an_ellipsis_and_never_half_a_wide_character() {
        let cols = [Column::new(2, 7).flexible(), Column::new(3, 4).right()];
        let head = s(&["", ""]);
        let rows = [s(&["阿依古丽·买买提", "12"])];
        let w = Widths::fit(&cols, &head, rows.iter().map(|r| r.as_slice()), 0, 40);
        let line = w.line("", &rows[0]);
        assert_eq!(line, "阿依古…  12 ");
        assert_eq!(width(&line), 7 + 1 + 3 + 1);
        // At 6 columns the cut falls inside 古: it is left out whole, never halved.
        let w = Widths::fit(
            &[Column::new(2, 6)],
            &head,
            rows.iter().map(|r| &r[..1]),
            0,
            40,
        );
        assert_eq!(w.line("", &rows[0][..1]), "阿依…  ");
    }

    #[test]
    fn optional_columns_drop_out_before_the_others_are_cut() {
        let cols = [
            Column::new(10, 10),
            Column::new(5, 5).optional(),
            Column::new(10, 10),
        ];
        let head = s(&["", "", ""]);
        let none: [Vec<String>; 0] = [];
        let w = Widths::fit(&cols, &head, none.iter().map(|r| r.as_slice()), 0, 25);
        assert_eq!((w.width(0), w.width(1), w.width(2)), (10, 0, 10));
        assert_eq!(
            w.line("", &["a", "b", "c"]),
            format!("{:11}{:11}", "a", "c")
        );
    }
}
