//! The table writer every export goes through: one sheet of headers and typed cells, as
//! .csv or .xlsx by the file's extension.
mod xlsx;

use super::atomic::prepare;
use super::display_name;
use super::roster::{RosterError, read_grid};
use crate::durable::PendingFile;
use crate::i18n::{Lang, Msg};
use crate::work::{Cancelled, Stage, Unwatched, Watcher};
use chrono::{NaiveDate, NaiveDateTime};
use std::fmt;
use std::io::{self, Write};
use std::path::Path;
use xlsx::{XlsxFailure, xlsx_bytes};

/// One cell of an export.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, written as text in every format: ID numbers and phones go here, never as
    /// numbers, because Excel would round an 18-digit number and drop leading zeros.
    Text(String),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    Int(i64),
    Empty,
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// The cell as CSV text (and the basis of column widths).
    pub(super) fn plain(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::DateTime(dt) => dt.format("%Y-%m-%d %H:%M").to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

impl From<Option<NaiveDate>> for Cell {
    fn from(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }
}

/// One sheet of an export.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The worksheet's name (made valid for Excel when written).
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Why an export could not be written. The target file is then unchanged.
#[derive(Debug)]
pub enum ExportError {
    /// The extension is neither .csv nor .xlsx.
    Unsupported {
        file: String,
    },
    Io {
        file: String,
        source: io::Error,
    },
    Xlsx {
        file: String,
        reason: String,
    },
    TooManyRows {
        file: String,
        rows: usize,
    },
    /// Stopped on request before the file was whole; nothing was left behind.
    Cancelled,
}

/// Rows an Excel worksheet holds, the header included.
const XLSX_MAX_ROWS: usize = 1_048_576;

impl ExportError {
    /// The error as a message, for the caller to render in the user's language.
    pub fn msg(&self) -> Msg {
        match self {
            ExportError::Unsupported { file } => {
                Msg::new("exchange.export_unsupported").arg("file", file)
            }
            ExportError::Io { file, source } => match source.kind() {
                io::ErrorKind::NotFound => Msg::new("exchange.export_no_dir").arg("file", file),
                io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                    Msg::new("exchange.export_permission").arg("file", file)
                }
                io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
                    Msg::new("exchange.export_disk_full").arg("file", file)
                }
                _ => Msg::new("exchange.export_failed")
                    .arg("file", file)
                    .arg("reason", source),
            },
            ExportError::Xlsx { file, reason } => Msg::new("exchange.export_xlsx_failed")
                .arg("file", file)
                .arg("reason", reason),
            ExportError::TooManyRows { file, rows } => Msg::new("exchange.export_too_many_rows")
                .arg("file", file)
                .arg("rows", rows)
                .arg("max", XLSX_MAX_ROWS - 1),
            ExportError::Cancelled => Msg::new("record_progress.cancelled"),
        }
    }
}

impl fmt::Display for ExportError {
    /// English, for logs; the user sees [`ExportError::msg`] in their language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg().render(Lang::En))
    }
}

impl std::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ExportError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Csv,
    Xlsx,
}

fn kind_of(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_string_lossy().to_lowercase();
    match ext.as_str() {
        "csv" => Some(Kind::Csv),
        "xlsx" => Some(Kind::Xlsx),
        _ => None,
    }
}

/// Writes `table` to `path` as .csv (UTF-8 with a BOM) or .xlsx, by the extension.
///
/// The file appears whole or not at all (written beside the target, then renamed), with
/// mode 0600: exports hold personal data. An export that must be audited goes through
/// [`crate::exchange::write_table_audited`] instead.
pub fn write_table(path: &Path, table: &Table) -> Result<(), ExportError> {
    let pending = prepare_table(path, table, &mut Unwatched)?;
    pending
        .publish()
        .map(|_| ())
        .map_err(|source| ExportError::Io {
            file: display_name(path),
            source,
        })
}

/// Writes the whole table beside `path`, synced but not yet visible under its name,
/// telling `watcher` of each row; a stop asked for removes the temporary.
pub(crate) fn prepare_table(
    path: &Path,
    table: &Table,
    watcher: &mut dyn Watcher,
) -> Result<PendingFile, ExportError> {
    let file = display_name(path);
    let io_error = |source: io::Error| {
        if source.get_ref().is_some_and(|e| e.is::<Cancelled>()) {
            ExportError::Cancelled
        } else {
            ExportError::Io {
                file: file.clone(),
                source,
            }
        }
    };
    match kind_of(path) {
        None => Err(ExportError::Unsupported { file }),
        Some(Kind::Csv) => prepare(path, |out| write_csv(out, table, watcher)).map_err(io_error),
        Some(Kind::Xlsx) => {
            if table.rows.len() >= XLSX_MAX_ROWS {
                return Err(ExportError::TooManyRows {
                    file,
                    rows: table.rows.len(),
                });
            }
            // Built in memory first, so that a failure in the workbook never touches the
            // disk.
            let bytes = match xlsx_bytes(table, watcher) {
                Ok(bytes) => bytes,
                Err(XlsxFailure::Cancelled) => return Err(ExportError::Cancelled),
                Err(XlsxFailure::Xlsx(e)) => {
                    return Err(ExportError::Xlsx {
                        file,
                        reason: e.to_string(),
                    });
                }
            };
            watcher.check().map_err(|_| ExportError::Cancelled)?;
            prepare(path, |out| out.write_all(&bytes)).map_err(io_error)
        }
    }
}

/// A spreadsheet opening the CSV would run a cell starting with `=`, `+`, `-` or `@` as a
/// formula (CSV injection: a name typed at the desk could be `=HYPERLINK(…)`); such text is
/// prefixed with an apostrophe. Signed numbers and phone forms (`+86 138…`, `-5`) are
/// harmless and kept.
fn csv_safe(text: String) -> String {
    let risky = text
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    let numeric = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '.' | '(' | ')'));
    if risky && !numeric {
        format!("'{text}")
    } else {
        text
    }
}

/// A safe point of writing row `done` of `total`, as the writers' error.
fn writing_at(watcher: &mut dyn Watcher, done: usize, total: usize) -> io::Result<()> {
    watcher
        .at(Stage::WriteRows, done as u64, Some(total as u64))
        .map_err(io::Error::other)
}

fn write_csv(out: &mut impl Write, table: &Table, watcher: &mut dyn Watcher) -> io::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut writer = ::csv::WriterBuilder::new().flexible(true).from_writer(out);
    writer.write_record(&table.headers)?;
    let total = table.rows.len();
    for (done, row) in table.rows.iter().enumerate() {
        writing_at(watcher, done, total)?;
        writer.write_record(row.iter().map(|c| match c {
            Cell::Text(s) => csv_safe(s.clone()),
            other => other.plain(),
        }))?;
    }
    writing_at(watcher, total, total)?;
    writer.flush()
}

/// Reads a .csv or .xlsx file back as rows of text (the header row first), the way the
/// roster reader sees it: for tests and for checking an export.
pub fn read_table(path: &Path) -> Result<Vec<Vec<String>>, RosterError> {
    let grid = read_grid(path)?;
    Ok(grid
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.display()).collect())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_in_csv() {
        assert_eq!(csv_safe("=1+1".into()), "'=1+1");
        assert_eq!(csv_safe("@SUM(A1)".into()), "'@SUM(A1)");
        assert_eq!(csv_safe("+86 138 0000 1234".into()), "+86 138 0000 1234");
        assert_eq!(csv_safe("张三".into()), "张三");
    }
}
