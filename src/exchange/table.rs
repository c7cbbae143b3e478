//! The table writer every export goes through: one sheet of headers and typed cells, as
//! .csv or .xlsx by the file's extension.
use super::atomic::prepare;
use super::display_name;
use super::roster::{RosterError, read_grid};
use crate::durable::PendingFile;
use crate::i18n::{Lang, Msg};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::fmt;
use std::io::{self, Write};
use std::path::Path;
use unicode_width::UnicodeWidthStr;

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
    fn plain(&self) -> String {
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
    let pending = prepare_table(path, table)?;
    pending
        .publish()
        .map(|_| ())
        .map_err(|source| ExportError::Io {
            file: display_name(path),
            source,
        })
}

/// Writes the whole table beside `path`, synced but not yet visible under its name.
pub(crate) fn prepare_table(path: &Path, table: &Table) -> Result<PendingFile, ExportError> {
    let file = display_name(path);
    let io_error = |source| ExportError::Io {
        file: file.clone(),
        source,
    };
    match kind_of(path) {
        None => Err(ExportError::Unsupported { file }),
        Some(Kind::Csv) => prepare(path, |out| write_csv(out, table)).map_err(io_error),
        Some(Kind::Xlsx) => {
            if table.rows.len() >= XLSX_MAX_ROWS {
                return Err(ExportError::TooManyRows {
                    file,
                    rows: table.rows.len(),
                });
            }
            // Built in memory first, so that a failure in the workbook never touches the
            // disk.
            let bytes = xlsx_bytes(table).map_err(|e| ExportError::Xlsx {
                file: file.clone(),
                reason: e.to_string(),
            })?;
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

fn write_csv(out: &mut impl Write, table: &Table) -> io::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut writer = ::csv::WriterBuilder::new().flexible(true).from_writer(out);
    writer.write_record(&table.headers)?;
    for row in &table.rows {
        writer.write_record(row.iter().map(|c| match c {
            Cell::Text(s) => csv_safe(s.clone()),
            other => other.plain(),
        }))?;
    }
    writer.flush()
}

/// Makes a worksheet name Excel accepts: 1–31 characters, none of `[]:*?/\`, not starting
/// or ending with an apostrophe.
fn sheet_name(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| {
            if "[]:*?/\\".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed: String = cleaned.trim().trim_matches('\'').chars().take(31).collect();
    let trimmed = trimmed.trim_matches('\'').trim().to_string();
    // "History" is reserved by Excel.
    if trimmed.is_empty() || trimmed.eq_ignore_ascii_case("history") {
        "Sheet1".to_string()
    } else {
        trimmed
    }
}

fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

fn excel_datetime(dt: NaiveDateTime) -> Option<ExcelDateTime> {
    excel_date(dt.date())?
        .and_hms(dt.hour() as u16, dt.minute() as u8, dt.second())
        .ok()
}

/// Column width in Excel's character units from the widest cell in display columns (a CJK
/// character is two), with a little room, within bounds that keep a long note from making
/// the sheet unusable.
fn column_widths(table: &Table) -> Vec<f64> {
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .chain(std::iter::once(table.headers.len()))
        .max()
        .unwrap_or(0);
    let mut widths = vec![0usize; columns];
    let cells = table
        .rows
        .iter()
        .flat_map(|r| r.iter().enumerate().map(|(i, c)| (i, c.plain())));
    let headers = table
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| (i, h.clone()));
    for (i, text) in headers.chain(cells) {
        let w = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
        widths[i] = widths[i].max(w);
    }
    widths
        .into_iter()
        .map(|w| (w.clamp(4, 60) + 2) as f64)
        .collect()
}

fn xlsx_bytes(table: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // Constant-memory mode streams each finished row to a temporary file instead of
    // keeping every cell in memory: a 100,000-person export on an old desk PC needs a
    // fraction of the memory. Rows must then be written in order, and the column widths
    // and the frozen header set before them.
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(sheet_name(&table.title))?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (col, width) in column_widths(table).into_iter().enumerate() {
        sheet.set_column_width(col_index(col)?, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (col, header) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, col_index(col)?, header, &bold)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        // Bounded by the XLSX_MAX_ROWS check of the caller.
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (col, cell) in row.iter().enumerate() {
            write_cell(sheet, r, col_index(col)?, cell, &date, &datetime)?;
        }
    }
    workbook.save_to_buffer()
}

fn col_index(col: usize) -> Result<u16, XlsxError> {
    u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    date: &Format,
    datetime: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) if s.is_empty() => {}
        Cell::Text(s) => {
            sheet.write_string(row, col, s)?;
        }
        // Whole numbers beyond 2^53 would be rounded by Excel; counts never get there.
        Cell::Int(i) => {
            sheet.write_number(row, col, *i as f64)?;
        }
        // Excel has no dates before 1900: such a date (never seen in practice) stays text
        // rather than failing the export.
        Cell::Date(d) => match excel_date(*d) {
            Some(x) => {
                sheet.write_datetime_with_format(row, col, x, date)?;
            }
            None => {
                sheet.write_string(row, col, cell.plain())?;
            }
        },
        Cell::DateTime(dt) => match excel_datetime(*dt) {
            Some(x) => {
                sheet.write_datetime_with_format(row, col, x, datetime)?;
            }
            None => {
                sheet.write_string(row, col, cell.plain())?;
            }
        },
    }
    Ok(())
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
    fn sheet_names_are_made_valid() {
        assert_eq!(sheet_name("来访/登记"), "来访_登记");
        assert_eq!(sheet_name(""), "Sheet1");
        assert_eq!(sheet_name(&"长".repeat(40)).chars().count(), 31);
    }

    #[test]
    fn formulas_are_defused_in_csv() {
        assert_eq!(csv_safe("=1+1".into()), "'=1+1");
        assert_eq!(csv_safe("@SUM(A1)".into()), "'@SUM(A1)");
        assert_eq!(csv_safe("+86 138 0000 1234".into()), "+86 138 0000 1234");
        assert_eq!(csv_safe("张三".into()), "张三");
    }

    #[test]
    fn widths_count_cjk_as_two() {
        let table = Table {
            title: "t".into(),
            headers: vec!["姓名".into(), "id".into()],
            rows: vec![vec![
                Cell::text("阿依古丽·买买提"),
                Cell::text("11010519491231002X"),
            ]],
        };
        assert_eq!(column_widths(&table), vec![17.0, 20.0]);
    }
}
