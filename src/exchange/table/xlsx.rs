//! The table as an .xlsx workbook: one sheet, a bold frozen header, dates as dates,
//! columns as wide as their cells.
use super::{Cell, Table};
use crate::work::{Stage, Watcher};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

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

/// Why a workbook was not built.
pub(super) enum XlsxFailure {
    Xlsx(XlsxError),
    Cancelled,
}

impl From<XlsxError> for XlsxFailure {
    fn from(e: XlsxError) -> Self {
        XlsxFailure::Xlsx(e)
    }
}

pub(super) fn xlsx_bytes(table: &Table, watcher: &mut dyn Watcher) -> Result<Vec<u8>, XlsxFailure> {
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
    let total = Some(table.rows.len() as u64);
    for (r, row) in table.rows.iter().enumerate() {
        watcher
            .at(Stage::WriteRows, r as u64, total)
            .map_err(|_| XlsxFailure::Cancelled)?;
        // Bounded by the XLSX_MAX_ROWS check of the caller.
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (col, cell) in row.iter().enumerate() {
            write_cell(sheet, r, col_index(col)?, cell, &date, &datetime)?;
        }
    }
    watcher
        .at(Stage::Pack, 0, None)
        .map_err(|_| XlsxFailure::Cancelled)?;
    Ok(workbook.save_to_buffer()?)
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
