//! Building a roster from rows as they are read: finding the header, validating each row
//! below it, and keeping only what the import needs (the people, and the original cells of
//! the rows that did not validate).
use super::category_mapping::CategoryMapping;
use super::grid::{GridRow, ReadInfo};
use super::headers::{HEADER_SEARCH, Layout, column_letter, names_person};
use super::limits::MAX_KEPT_CELLS;
use super::validate::validate_row;
use super::{Roster, RosterError, RosterRow};
use crate::domain::category::CategoryList;
use crate::domain::person::Field;
use crate::domain::reimport::FieldSet;
use crate::i18n::Msg;
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

/// At most this many warnings of one kind are listed; the rest are counted in one line.
pub(crate) const WARNINGS_PER_KIND: usize = 10;

/// A roster being built row by row.
pub(crate) struct Builder<'a> {
    file: &'a str,
    categories: &'a CategoryList,
    /// The date rows are validated as of.
    today: NaiveDate,
    /// The non-blank rows read while the header is not yet known.
    pending: Vec<GridRow>,
    body: Option<Body>,
}

/// What is known once the header is.
struct Body {
    headers: Vec<String>,
    layout: Layout,
    fields: FieldSet,
    /// Per header column: whether it has no header text.
    unnamed: Vec<bool>,
    rows: Vec<RosterRow>,
    seen: HashMap<String, usize>,
    /// Columns with content but no header.
    stray: BTreeSet<usize>,
    /// Cells kept for the rejects file.
    kept: usize,
    today: NaiveDate,
    /// How the category cells were understood, for the officer to see.
    mapping: CategoryMapping,
}

impl<'a> Builder<'a> {
    pub fn new(file: &'a str, today: NaiveDate, categories: &'a CategoryList) -> Self {
        Builder {
            file,
            categories,
            today,
            pending: Vec::new(),
            body: None,
        }
    }

    pub fn push(&mut self, row: GridRow) -> Result<(), RosterError> {
        if let Some(body) = &mut self.body {
            return body.take(&row, self.file, self.categories);
        }
        if row.is_blank() {
            return Ok(());
        }
        let is_header = names_person(&row);
        self.pending.push(row);
        if is_header {
            self.start(self.pending.len() - 1)
        } else if self.pending.len() == HEADER_SEARCH {
            self.start(0)
        } else {
            Ok(())
        }
    }

    /// Takes the pending row `header` as the header row; the rows after it are people.
    fn start(&mut self, header: usize) -> Result<(), RosterError> {
        let mut rows = std::mem::take(&mut self.pending).into_iter().skip(header);
        let Some(header_row) = rows.next() else {
            return Err(RosterError::Empty {
                file: self.file.to_string(),
            });
        };
        let mut body = Body::new(&header_row, self.file, self.today)?;
        for row in rows {
            body.take(&row, self.file, self.categories)?;
        }
        self.body = Some(body);
        Ok(())
    }

    pub fn finish(mut self, info: ReadInfo) -> Result<Roster, RosterError> {
        if self.body.is_none() {
            self.start(0)?;
        }
        let Some(body) = self.body else {
            return Err(RosterError::Empty {
                file: self.file.to_string(),
            });
        };
        Ok(body.into_roster(self.file, info))
    }
}

impl Body {
    fn new(header_row: &GridRow, file: &str, today: NaiveDate) -> Result<Body, RosterError> {
        let mut headers: Vec<String> = header_row
            .cells
            .iter()
            .map(|c| c.display().trim_start_matches('\u{feff}').to_string())
            .collect();
        // A workbook's used range often runs past the table because of formatting alone.
        while headers.last().is_some_and(|h| h.trim().is_empty()) {
            headers.pop();
        }
        let layout = Layout::new(&headers, file)?;
        let mut fields = FieldSet::EMPTY;
        for (_, field) in &layout.columns {
            fields.insert(*field);
        }
        let mut unnamed = vec![false; headers.len()];
        for &col in &layout.blank {
            unnamed[col] = true;
        }
        Ok(Body {
            headers,
            layout,
            fields,
            unnamed,
            rows: Vec::new(),
            seen: HashMap::new(),
            stray: BTreeSet::new(),
            kept: 0,
            today,
            mapping: CategoryMapping::default(),
        })
    }

    fn take(
        &mut self,
        row: &GridRow,
        file: &str,
        categories: &CategoryList,
    ) -> Result<(), RosterError> {
        if row.is_blank() {
            return Ok(());
        }
        for (col, cell) in row.cells.iter().enumerate() {
            if !cell.is_blank() && self.unnamed.get(col).copied().unwrap_or(true) {
                self.stray.insert(col);
            }
        }
        let validated = validate_row(
            row,
            &self.layout,
            &self.headers,
            &mut self.seen,
            self.today,
            categories,
        );
        if validated.result.is_ok()
            && let Some(&(col, _)) = self
                .layout
                .columns
                .iter()
                .find(|(_, f)| *f == Field::Category)
        {
            self.mapping.count(categories, &row.cell(col).display());
        }
        self.kept += validated.raw.len();
        if self.kept > MAX_KEPT_CELLS {
            return Err(RosterError::TooManyRejectedCells {
                file: file.to_string(),
            });
        }
        self.rows.push(validated);
        Ok(())
    }

    fn into_roster(self, file: &str, info: ReadInfo) -> Roster {
        let mut warnings = Vec::new();
        if info.encoding_damaged {
            warnings.push(Msg::new("exchange.encoding_damaged").arg("file", file));
        }
        warnings.extend(self.layout.warnings);
        warnings.extend(
            self.stray
                .iter()
                .map(|&col| Msg::new("exchange.unnamed_column").arg("col", column_letter(col))),
        );
        if self.rows.is_empty() {
            warnings.push(Msg::new("exchange.no_rows").arg("file", file));
        }
        // Every mapping is shown, however many: they are what the officer must check.
        let mut warnings = cap_warnings(warnings);
        warnings.extend(self.mapping.messages());
        Roster {
            rows: self.rows,
            warnings,
            headers: self.headers,
            fields: self.fields,
        }
    }
}

/// Keeps the first [`WARNINGS_PER_KIND`] warnings of each kind and, after the last of them,
/// one line counting the rest: a roster with 100,000 unknown columns gives eleven lines,
/// not 100,000.
fn cap_warnings(warnings: Vec<Msg>) -> Vec<Msg> {
    let mut shown: HashMap<&'static str, usize> = HashMap::new();
    let mut kept: Vec<Msg> = Vec::new();
    let mut hidden: Vec<(&'static str, usize)> = Vec::new();
    for w in warnings {
        let n = shown.entry(w.key).or_default();
        if *n < WARNINGS_PER_KIND {
            *n += 1;
            kept.push(w);
        } else if let Some(h) = hidden.iter_mut().find(|(k, _)| *k == w.key) {
            h.1 += 1;
        } else {
            hidden.push((w.key, 1));
        }
    }
    for (key, count) in hidden {
        let after = kept
            .iter()
            .rposition(|w| w.key == key)
            .map_or(kept.len(), |i| i + 1);
        kept.insert(
            after,
            Msg::new("reimport.more_warnings").arg("count", count),
        );
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_are_capped_per_kind() {
        let mut warnings: Vec<Msg> = (0..25)
            .map(|i| Msg::new("exchange.unknown_column").arg("column", i))
            .collect();
        warnings.push(Msg::new("exchange.no_rows"));
        let capped = cap_warnings(warnings);
        let keys: Vec<&str> = capped.iter().map(|m| m.key).collect();
        assert_eq!(keys.len(), 12);
        assert_eq!(keys[10], "reimport.more_warnings");
        assert_eq!(capped[10].args[0].1, "15");
        assert_eq!(keys[11], "exchange.no_rows");
    }
}
