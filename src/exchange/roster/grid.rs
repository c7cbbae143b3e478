//! The file as a grid of raw cells, before any meaning is given to the columns.
use super::RosterError;
use super::limits::{MAX_BYTES, RowCheck};
use crate::work::{Stage, Unwatched, Watcher};
use chrono::{NaiveDateTime, Timelike};
use std::path::Path;

/// One cell as the file holds it. CSV gives only text; a workbook also numbers, dates and
/// error values, which matter: an ID number stored as a number has already been damaged.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RawCell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date cell; midnight when the cell holds a date only.
    Date(NaiveDateTime),
    /// An Excel error value such as `#N/A`.
    Error(String),
}

impl RawCell {
    /// Whether the cell holds nothing a person would see.
    pub fn is_blank(&self) -> bool {
        match self {
            RawCell::Empty => true,
            RawCell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as Excel's "General" format would show it.
    pub fn display(&self) -> String {
        match self {
            RawCell::Empty => String::new(),
            RawCell::Text(s) => s.clone(),
            RawCell::Number(f) => general_number(*f),
            RawCell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            RawCell::Date(dt) => {
                if dt.time().num_seconds_from_midnight() == 0 {
                    dt.format("%Y-%m-%d").to_string()
                } else {
                    dt.format("%Y-%m-%d %H:%M:%S").to_string()
                }
            }
            RawCell::Error(e) => e.clone(),
        }
    }
}

/// A number the way Excel's General format shows it: whole numbers of up to 11 digits as
/// digits, larger ones in scientific notation with six significant digits (`4.50102E+17`,
/// the form officers recognise from damaged ID columns), fractions as the shortest decimal.
pub(crate) fn general_number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    if f.abs() >= 1e11 {
        return scientific(f);
    }
    if f.fract() == 0.0 {
        return format!("{}", f as i64);
    }
    f.to_string()
}

fn scientific(f: f64) -> String {
    let s = format!("{f:.5E}");
    let Some((mantissa, exp)) = s.split_once('E') else {
        return s;
    };
    let mantissa = if mantissa.contains('.') {
        mantissa.trim_end_matches('0').trim_end_matches('.')
    } else {
        mantissa
    };
    let (sign, digits) = match exp.strip_prefix('-') {
        Some(d) => ('-', d),
        None => ('+', exp),
    };
    format!("{mantissa}E{sign}{digits:0>2}")
}

/// A row of cells with its number as a spreadsheet counts rows (from 1).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GridRow {
    pub row: usize,
    pub cells: Vec<RawCell>,
}

impl GridRow {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(RawCell::is_blank)
    }

    pub fn cell(&self, col: usize) -> &RawCell {
        self.cells.get(col).unwrap_or(&RawCell::Empty)
    }
}

/// The rows of a whole file (blank ones included: the caller skips them) and remarks made
/// while reading it.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Grid {
    pub rows: Vec<GridRow>,
    /// Set when CSV bytes were neither UTF-8 nor clean GB18030.
    pub encoding_damaged: bool,
}

/// What reading a file learned besides its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct ReadInfo {
    /// Set when CSV bytes were neither UTF-8 nor clean GB18030.
    pub encoding_damaged: bool,
}

/// Where the rows of a file go, one at a time, as they are read.
pub(crate) type RowSink<'a> = dyn FnMut(GridRow) -> Result<(), RosterError> + 'a;

/// A safe point of reading: row `row` of about `total` is about to be handed on.
pub(crate) fn reading_at(
    watcher: &mut dyn Watcher,
    row: usize,
    total: Option<u64>,
) -> Result<(), RosterError> {
    watcher
        .at(Stage::ReadRoster, row as u64, total)
        .map_err(|_| RosterError::Cancelled)
}

/// Reads the file at `path` row by row, choosing the reader by the extension. Each row is
/// checked against the limits before `sink` gets it, so a file far too large stops at the
/// first row past a limit, with only that row in memory.
pub(crate) fn read_rows(
    path: &Path,
    sink: &mut RowSink,
    watcher: &mut dyn Watcher,
) -> Result<ReadInfo, RosterError> {
    let file = crate::exchange::display_name(path);
    let meta = std::fs::metadata(path).map_err(|e| RosterError::from_io(&file, &e))?;
    if meta.is_dir() {
        return Err(RosterError::IsDirectory { file });
    }
    if meta.len() == 0 {
        return Err(RosterError::Empty { file });
    }
    if meta.len() > MAX_BYTES {
        return Err(RosterError::TooLarge {
            file,
            megabytes: meta.len() / (1024 * 1024),
        });
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut check = RowCheck::default();
    let mut checked = |row: GridRow| -> Result<(), RosterError> {
        check.check(&row, &file)?;
        sink(row)
    };
    match ext.as_str() {
        "csv" => super::csv::read(path, &file, &mut checked, watcher),
        // calamine reads the older and macro-enabled workbooks too, and stations still keep
        // rosters as .xls.
        "xlsx" | "xlsm" | "xls" => {
            super::xlsx::read(path, &file, &mut checked, watcher)?;
            Ok(ReadInfo::default())
        }
        "" => Err(RosterError::NoExtension { file }),
        _ => Err(RosterError::Unsupported { file, ext }),
    }
}

/// Reads the whole file at `path` into a grid.
pub(crate) fn read_grid(path: &Path) -> Result<Grid, RosterError> {
    let mut rows = Vec::new();
    let info = read_rows(
        path,
        &mut |row| {
            rows.push(row);
            Ok(())
        },
        &mut Unwatched,
    )?;
    if rows.iter().all(GridRow::is_blank) {
        return Err(RosterError::Empty {
            file: crate::exchange::display_name(path),
        });
    }
    Ok(Grid {
        rows,
        encoding_damaged: info.encoding_damaged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_as_excel_general_does() {
        assert_eq!(general_number(4.50102199001011e17), "4.50102E+17");
        assert_eq!(general_number(1.1e17), "1.1E+17");
        assert_eq!(general_number(13800001234.0), "13800001234");
        assert_eq!(general_number(42.0), "42");
        assert_eq!(general_number(2.5), "2.5");
    }
}
