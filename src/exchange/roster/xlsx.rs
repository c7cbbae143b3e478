//! Workbook rosters (.xlsx, .xlsm, .xls) through calamine: the first worksheet.
use super::RosterError;
use super::grid::{Grid, GridRow, RawCell};
use calamine::{Data, Reader, open_workbook_auto};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// Reads the first worksheet.
pub(crate) fn read(path: &Path, file: &str) -> Result<Grid, RosterError> {
    // A malformed workbook is user input; should the parser ever panic on one, the user must
    // still get a sentence about the file rather than a crashed program.
    catch_unwind(AssertUnwindSafe(|| read_sheet(path, file))).unwrap_or_else(|_| {
        Err(RosterError::NotXlsx {
            file: file.to_string(),
            reason: "the workbook reader failed".to_string(),
        })
    })
}

fn read_sheet(path: &Path, file: &str) -> Result<Grid, RosterError> {
    let not_xlsx = |e: calamine::Error| match e {
        calamine::Error::Io(io) => RosterError::from_io(file, &io),
        other => RosterError::NotXlsx {
            file: file.to_string(),
            reason: other.to_string(),
        },
    };
    let mut workbook = open_workbook_auto(path).map_err(not_xlsx)?;
    let range = match workbook.worksheet_range_at(0) {
        None => {
            return Err(RosterError::NoWorksheet {
                file: file.to_string(),
            });
        }
        Some(r) => r.map_err(not_xlsx)?,
    };
    // The range starts at the first used cell, not at A1: keep the sheet's own row numbers
    // and pad the columns so that they line up with what the user sees.
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let pad = first_col as usize;
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| GridRow {
            row: first_row as usize + i + 1,
            cells: std::iter::repeat_n(RawCell::Empty, pad)
                .chain(cells.iter().map(convert))
                .collect(),
        })
        .collect();
    Ok(Grid {
        rows,
        encoding_damaged: false,
    })
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
