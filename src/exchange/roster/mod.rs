//! Reading a roster (花名册) from .csv or .xlsx and validating every row.
//!
//! The file is first read into a grid of raw cells (`csv.rs`, `xlsx.rs`, with `encoding.rs`
//! deciding how CSV bytes are text), the header row is matched to person fields
//! (`headers.rs`), and each later row becomes a person or a list of problems
//! (`validate.rs`). `report.rs` turns the result into sentences and the rejects file.
mod builder;
mod category_mapping;
mod csv;
mod encoding;
mod family;
mod grid;
mod headers;
mod limits;
mod report;
mod validate;
mod xlsx;

use crate::domain::category::CategoryList;
use crate::domain::person::Person;
use crate::domain::reimport::FieldSet;
use crate::i18n::{Lang, Msg};
use crate::work::{Unwatched, Watcher};
use chrono::NaiveDate;
use std::fmt;
use std::path::Path;

pub use report::{
    describe_notices, describe_problems, describe_warnings, rejects_path, write_rejects,
};

pub use family::RosterLink;
pub(crate) use grid::read_grid;

use limits::{
    MAX_BYTES, MAX_CELL_CHARS, MAX_COLUMNS, MAX_INFLATED, MAX_KEPT_CELLS, MAX_PARTS, MAX_ROWS,
};

/// A roster read and validated, row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    /// Every non-blank row below the header, in file order.
    pub rows: Vec<RosterRow>,
    /// File-level remarks that do not stop an import (unknown columns, …).
    pub warnings: Vec<Msg>,
    /// The header row as written in the file (a leading BOM removed).
    pub headers: Vec<String>,
    /// The person fields that have a column in the file.
    pub fields: FieldSet,
}

/// One person's row.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterRow {
    /// The row number as a spreadsheet shows it: the header of a plain file is row 1 and the
    /// first person row 2.
    pub row: usize,
    /// The validated person, or everything wrong with the row.
    pub result: Result<Person, Vec<RowProblem>>,
    /// The original cells of an invalid row, for the rejects file, up to the last filled one
    /// (at most one per header); empty for a valid row.
    pub raw: Vec<String>,
    /// The fields whose cell in this row is not empty: on re-import, only they (unless empty
    /// cells are to clear) change a record on file.
    pub filled: FieldSet,
    /// What the officer should still be told about a valid row (an old ID number converted,
    /// a discharge before the 16th birthday), with the column it concerns.
    pub notices: Vec<RowProblem>,
    /// The family links the row asks for, written after every person of the file.
    pub family: Vec<RosterLink>,
}

/// What is wrong with one cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub struct RowProblem {
    /// The column's header as written in the file (trimmed).
    pub column: String,
    pub msg: Msg,
}

impl Roster {
    /// The people of the valid rows.
    pub fn people(&self) -> impl Iterator<Item = &Person> {
        self.rows.iter().filter_map(|r| r.result.as_ref().ok())
    }

    /// The rows that did not validate.
    pub fn invalid_rows(&self) -> impl Iterator<Item = &RosterRow> {
        self.rows.iter().filter(|r| r.result.is_err())
    }

    /// Whether every row validated.
    pub fn is_valid(&self) -> bool {
        self.rows.iter().all(|r| r.result.is_ok())
    }
}

/// Why a roster could not be read at all. Row-level problems are not errors: they are in
/// [`RosterRow::result`].
#[derive(Debug, Clone, PartialEq)]
pub enum RosterError {
    NotFound {
        file: String,
    },
    Permission {
        file: String,
    },
    /// Any other input/output failure; `reason` is the system's text.
    Unreadable {
        file: String,
        reason: String,
    },
    IsDirectory {
        file: String,
    },
    TooLarge {
        file: String,
        megabytes: u64,
    },
    /// No bytes, or no non-blank row.
    Empty {
        file: String,
    },
    NoExtension {
        file: String,
    },
    Unsupported {
        file: String,
        ext: String,
    },
    /// Named .xlsx/.xls but not a workbook calamine can open; `reason` is for logs.
    NotXlsx {
        file: String,
        reason: String,
    },
    /// Named .csv but holding an Excel workbook (a renamed file).
    CsvIsExcel {
        file: String,
    },
    NoWorksheet {
        file: String,
    },
    BadCsv {
        file: String,
        row: usize,
        reason: String,
    },
    /// More non-blank rows than [`MAX_ROWS`].
    TooManyRows {
        file: String,
    },
    /// A row wider than [`MAX_COLUMNS`].
    TooManyColumns {
        file: String,
        row: usize,
        columns: usize,
    },
    /// A cell longer than [`MAX_CELL_CHARS`]; `column` is its letter.
    CellTooLong {
        file: String,
        row: usize,
        column: String,
        chars: usize,
    },
    /// A workbook whose parts would inflate past [`MAX_INFLATED`] (a zip bomb).
    Inflated {
        file: String,
        megabytes: u64,
    },
    /// A workbook of more than [`MAX_PARTS`] parts.
    TooManyParts {
        file: String,
        parts: usize,
    },
    /// A workbook part that inflates past the size its header declares.
    SizeMismatch {
        file: String,
    },
    /// The invalid rows hold more than [`MAX_KEPT_CELLS`] cells.
    TooManyRejectedCells {
        file: String,
    },
    /// Required columns absent, as (Chinese header, English header).
    MissingColumns {
        file: String,
        columns: Vec<(&'static str, &'static str)>,
    },
    /// Stopped on request while reading.
    Cancelled,
}

impl RosterError {
    /// The error as a message, for the caller to render in the user's language.
    pub fn msg(&self) -> Msg {
        match self {
            RosterError::NotFound { file } => Msg::new("exchange.not_found").arg("file", file),
            RosterError::Permission { file } => Msg::new("exchange.permission").arg("file", file),
            RosterError::Unreadable { file, reason } => Msg::new("exchange.unreadable")
                .arg("file", file)
                .arg("reason", reason),
            RosterError::IsDirectory { file } => Msg::new("exchange.is_dir").arg("file", file),
            RosterError::TooLarge { file, megabytes } => Msg::new("exchange.too_large")
                .arg("file", file)
                .arg("size", megabytes)
                .arg("max", MAX_BYTES / (1024 * 1024)),
            RosterError::Empty { file } => Msg::new("exchange.empty").arg("file", file),
            RosterError::NoExtension { file } => {
                Msg::new("exchange.no_extension").arg("file", file)
            }
            RosterError::Unsupported { file, ext } => Msg::new("exchange.unsupported")
                .arg("file", file)
                .arg("ext", ext),
            RosterError::NotXlsx { file, .. } => Msg::new("exchange.not_xlsx").arg("file", file),
            RosterError::CsvIsExcel { file } => Msg::new("exchange.csv_is_excel").arg("file", file),
            RosterError::NoWorksheet { file } => Msg::new("exchange.no_sheet").arg("file", file),
            RosterError::BadCsv { file, row, reason } => Msg::new("exchange.bad_csv")
                .arg("file", file)
                .arg("row", row)
                .arg("reason", reason),
            RosterError::TooManyRows { file } => Msg::new("reimport.too_many_rows")
                .arg("file", file)
                .arg("max", MAX_ROWS),
            RosterError::TooManyColumns { file, row, columns } => {
                Msg::new("reimport.too_many_columns")
                    .arg("file", file)
                    .arg("row", row)
                    .arg("columns", columns)
                    .arg("max", MAX_COLUMNS)
            }
            RosterError::CellTooLong {
                file,
                row,
                column,
                chars,
            } => Msg::new("reimport.cell_too_long")
                .arg("file", file)
                .arg("row", row)
                .arg("col", column)
                .arg("chars", chars)
                .arg("max", MAX_CELL_CHARS),
            RosterError::Inflated { file, megabytes } => Msg::new("reimport.inflated")
                .arg("file", file)
                .arg("size", megabytes)
                .arg("max", MAX_INFLATED / (1024 * 1024)),
            RosterError::TooManyParts { file, parts } => Msg::new("reimport.too_many_parts")
                .arg("file", file)
                .arg("parts", parts)
                .arg("max", MAX_PARTS),
            RosterError::SizeMismatch { file } => {
                Msg::new("reimport.size_mismatch").arg("file", file)
            }
            RosterError::TooManyRejectedCells { file } => Msg::new("reimport.too_many_kept")
                .arg("file", file)
                .arg("max", MAX_KEPT_CELLS),
            RosterError::MissingColumns { file, columns } => {
                let zh: Vec<&str> = columns.iter().map(|(zh, _)| *zh).collect();
                let en: Vec<&str> = columns.iter().map(|(_, en)| *en).collect();
                Msg::new("exchange.missing_columns")
                    .arg("file", file)
                    .arg("zh", zh.join("、"))
                    .arg("en", en.join(", "))
            }
            RosterError::Cancelled => Msg::new("record_progress.cancelled"),
        }
    }

    pub(crate) fn from_io(file: &str, e: &std::io::Error) -> RosterError {
        let file = file.to_string();
        match e.kind() {
            std::io::ErrorKind::NotFound => RosterError::NotFound { file },
            std::io::ErrorKind::PermissionDenied => RosterError::Permission { file },
            std::io::ErrorKind::IsADirectory => RosterError::IsDirectory { file },
            _ => RosterError::Unreadable {
                file,
                reason: e.to_string(),
            },
        }
    }
}

impl fmt::Display for RosterError {
    /// English, for logs; the user sees [`RosterError::msg`] in their language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg().render(Lang::En))?;
        if let RosterError::NotXlsx { reason, .. } = self {
            write!(f, " ({reason})")?;
        }
        Ok(())
    }
}

impl std::error::Error for RosterError {}

/// Reads and validates the roster at `path` as of the machine's date; see [`read_roster_on`].
pub fn read_roster(path: &Path) -> Result<Roster, RosterError> {
    read_roster_on(path, chrono::Local::now().date_naive())
}

/// Reads and validates the roster at `path` (.csv, .xlsx, .xlsm or .xls, by the extension)
/// as of `today` (no birth or service date after it).
///
/// Every row is validated; nothing is written anywhere. A file that cannot be read as a
/// roster at all (missing, empty, wrong type, a required column absent) is an error; a row
/// that is wrong is reported in [`Roster::rows`].
pub fn read_roster_on(path: &Path, today: NaiveDate) -> Result<Roster, RosterError> {
    read_roster_watched(path, today, &mut Unwatched)
}

/// [`read_roster_on`], telling `watcher` of each row read and checked, and stopping with
/// [`RosterError::Cancelled`] when it asks.
pub fn read_roster_watched(
    path: &Path,
    today: NaiveDate,
    watcher: &mut dyn Watcher,
) -> Result<Roster, RosterError> {
    read_roster_with(path, today, &CategoryList::shipped(), watcher)
}

/// [`read_roster_watched`] accepting a station's categories (its local ones besides the
/// shipped list).
pub fn read_roster_with(
    path: &Path,
    today: NaiveDate,
    categories: &CategoryList,
    watcher: &mut dyn Watcher,
) -> Result<Roster, RosterError> {
    let file = super::display_name(path);
    let mut builder = builder::Builder::new(&file, today, categories);
    let info = grid::read_rows(path, &mut |row| builder.push(row), watcher)?;
    builder.finish(info)
}
