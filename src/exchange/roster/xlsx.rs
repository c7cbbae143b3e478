//! Workbook rosters (.xlsx, .xlsm, .xls) through calamine: the first worksheet.
//!
//! An .xlsx is a zip of XML parts. Before anything is inflated, the sizes the zip declares
//! for its parts are added up and a workbook that would inflate past the limit is refused;
//! the zip reader itself refuses to inflate a part past its declared size, so a part that
//! lies about its size stops there. The first worksheet is then read cell by cell and
//! handed on row by row, never as a whole grid: calamine's grid is as wide and as tall as
//! the farthest cell, so two cells at A1 and XFD1048576 would ask for billions of cells.
use super::RosterError;
use super::grid::{GridRow, RawCell, RowSink, reading_at};
use super::limits::{MAX_COLUMNS, MAX_INFLATED, MAX_PARTS};
use crate::work::Watcher;
use calamine::{Data, DataRef, Reader, Xls, Xlsx, open_workbook};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::fs::File;
use std::io::BufReader;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// Reads the first worksheet, handing each row that holds a cell to `sink`.
pub(crate) fn read(
    path: &Path,
    file: &str,
    sink: &mut RowSink,
    watcher: &mut dyn Watcher,
) -> Result<(), RosterError> {
    let old_format = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xls"));
    // A malformed workbook is user input; should the parser ever panic on one, the user must
    // still get a sentence about the file rather than a crashed program.
    catch_unwind(AssertUnwindSafe(|| {
        if old_format {
            read_xls(path, file, sink, watcher)
        } else {
            check_parts(path, file)?;
            read_xlsx(path, file, sink, watcher)
        }
    }))
    .unwrap_or_else(|_| {
        Err(RosterError::NotXlsx {
            file: file.to_string(),
            reason: "the workbook reader failed".to_string(),
        })
    })
}

/// Refuses a workbook whose parts, by their declared sizes, inflate past the limit. A file
/// that is not a zip at all is left for calamine to describe.
fn check_parts(path: &Path, file: &str) -> Result<(), RosterError> {
    let opened = File::open(path).map_err(|e| RosterError::from_io(file, &e))?;
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(opened)) else {
        return Ok(());
    };
    if zip.len() > MAX_PARTS {
        return Err(RosterError::TooManyParts {
            file: file.to_string(),
            parts: zip.len(),
        });
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        if let Ok(part) = zip.by_index_raw(i) {
            total = total.saturating_add(part.size());
        }
    }
    if total > MAX_INFLATED {
        return Err(RosterError::Inflated {
            file: file.to_string(),
            megabytes: total / (1024 * 1024),
        });
    }
    Ok(())
}

/// The error of a workbook calamine cannot read, as the user should hear it.
fn workbook_error(file: &str, e: impl std::fmt::Display + std::fmt::Debug) -> RosterError {
    let reason = e.to_string();
    // The zip reader's words for a part inflating past its declared size (see `check_parts`).
    if reason.contains("declared uncompressed size")
        || format!("{e:?}").contains("declared uncompressed size")
    {
        return RosterError::SizeMismatch {
            file: file.to_string(),
        };
    }
    RosterError::NotXlsx {
        file: file.to_string(),
        reason,
    }
}

fn open_error(file: &str, e: calamine::XlsxError) -> RosterError {
    match e {
        calamine::XlsxError::Io(io) => RosterError::from_io(file, &io),
        other => workbook_error(file, other),
    }
}

fn read_xlsx(
    path: &Path,
    file: &str,
    sink: &mut RowSink,
    watcher: &mut dyn Watcher,
) -> Result<(), RosterError> {
    let mut workbook: Xlsx<BufReader<File>> =
        open_workbook(path).map_err(|e| open_error(file, e))?;
    let Some(first) = workbook.sheet_names().first().cloned() else {
        return Err(RosterError::NoWorksheet {
            file: file.to_string(),
        });
    };
    let mut cells = workbook
        .worksheet_cells_reader(&first)
        .map_err(|e| match e {
            calamine::XlsxError::NotAWorksheet(_) => RosterError::NoWorksheet {
                file: file.to_string(),
            },
            other => open_error(file, other),
        })?;
    // The sheet's own claim of its last row, when it makes one: only for the progress.
    let last_row = cells.dimensions().end.0;
    let total = (last_row > 0).then(|| u64::from(last_row) + 1);
    let mut current: Option<GridRow> = None;
    while let Some(cell) = cells.next_cell().map_err(|e| open_error(file, e))? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        let (row, col) = (r as usize + 1, c as usize);
        if col >= MAX_COLUMNS {
            return Err(RosterError::TooManyColumns {
                file: file.to_string(),
                row,
                columns: col + 1,
            });
        }
        if let Some(done) = current.take_if(|g| g.row != row) {
            reading_at(watcher, done.row, total)?;
            sink(done)?;
        }
        let grid_row = current.get_or_insert_with(|| GridRow {
            row,
            cells: Vec::new(),
        });
        // Columns keep the sheet's letters: a cell in column C is the third, whatever is
        // before it.
        if grid_row.cells.len() <= col {
            grid_row.cells.resize(col + 1, RawCell::Empty);
        }
        grid_row.cells[col] = convert(&Data::from(cell.get_value().clone()));
    }
    if let Some(last) = current {
        reading_at(watcher, last.row, total)?;
        sink(last)?;
    }
    Ok(())
}

/// The old binary format has no cell reader; its grid is bounded by the format itself
/// (65,536 rows of 256 columns).
fn read_xls(
    path: &Path,
    file: &str,
    sink: &mut RowSink,
    watcher: &mut dyn Watcher,
) -> Result<(), RosterError> {
    let mut workbook: Xls<BufReader<File>> = open_workbook(path).map_err(|e| match e {
        calamine::XlsError::Io(io) => RosterError::from_io(file, &io),
        other => workbook_error(file, other),
    })?;
    let range = match workbook.worksheet_range_at(0) {
        None => {
            return Err(RosterError::NoWorksheet {
                file: file.to_string(),
            });
        }
        Some(r) => r.map_err(|e| workbook_error(file, e))?,
    };
    // The range starts at the first used cell, not at A1: keep the sheet's own row numbers
    // and pad the columns so that they line up with what the user sees.
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let pad = first_col as usize;
    let total = Some(range.height() as u64);
    for (i, cells) in range.rows().enumerate() {
        reading_at(watcher, i, total)?;
        sink(GridRow {
            row: first_row as usize + i + 1,
            cells: std::iter::repeat_n(RawCell::Empty, pad)
                .chain(cells.iter().map(convert))
                .collect(),
        })?;
    }
    Ok(())
}

/// Converts a calamine cell, keeping what the file says about its type.
pub(crate) fn convert(cell: &Data) -> RawCell {
    match cell {
        Data::Empty => RawCell::Empty,
        Data::String(s) => RawCell::Text(s.clone()),
        Data::Float(f) => RawCell::Number(*f),
        Data::Int(i) => RawCell::Number(*i as f64),
        Data::Bool(b) => RawCell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            let date = NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(d));
            let time = NaiveTime::from_hms_opt(u32::from(h), u32::from(mi), u32::from(s));
            match (date, time) {
                (Some(date), Some(time)) => RawCell::Date(NaiveDateTime::new(date, time)),
                _ => RawCell::Number(dt.as_f64()),
            }
        }
        // A duration-formatted cell is a number of days, not a calendar date.
        Data::DateTime(dt) => RawCell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => iso_date(s).map_or_else(|| RawCell::Text(s.clone()), RawCell::Date),
        Data::DurationIso(s) => RawCell::Text(s.clone()),
        Data::Error(e) => RawCell::Error(e.to_string()),
    }
}

fn iso_date(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN))
        })
}
