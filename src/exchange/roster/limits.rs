//! How large a roster may be. Each limit is far above any real roster and low enough that
//! reading a file built to exhaust the machine (a zip bomb, 100,000 columns, a cell of a
//! hundred megabytes) stops with one sentence while the program stays within a few hundred
//! megabytes of memory.
use super::RosterError;
use super::grid::{GridRow, RawCell};
use super::headers::column_letter;

const MB: u64 = 1024 * 1024;

/// The file on disk. A CSV is read whole, so this bounds its memory; a county's roster of
/// 200,000 people is about 30 MB.
pub(crate) const MAX_BYTES: u64 = 100 * MB;

/// The parts of a workbook once inflated. A workbook of 200,000 people inflates to about
/// 100 MB; a zip bomb declares gigabytes (and the zip reader refuses to inflate a part past
/// its declared size, so the declaration cannot lie).
pub(crate) const MAX_INFLATED: u64 = 200 * MB;

/// The parts of a workbook: a real one has a few dozen.
pub(crate) const MAX_PARTS: usize = 10_000;

/// Non-blank rows, the header included. Everything imported is held in memory until the
/// one transaction that writes it, at about 1 KB a person.
pub(crate) const MAX_ROWS: usize = 200_000;

/// Columns of a row: Excel's own limit (XFD).
pub(crate) const MAX_COLUMNS: usize = 16_384;

/// Characters in a cell: Excel's own limit.
pub(crate) const MAX_CELL_CHARS: usize = 32_767;

/// Cells kept for the rejects file (the cells of the invalid rows, up to the last filled
/// one): a roster of 200,000 people with every ID number damaged by Excel keeps about 3
/// million.
pub(crate) const MAX_KEPT_CELLS: usize = 6_000_000;

/// Counts the rows read and checks each against the limits, before it is kept anywhere.
#[derive(Debug, Default)]
pub(crate) struct RowCheck {
    rows: usize,
}

impl RowCheck {
    pub fn check(&mut self, row: &GridRow, file: &str) -> Result<(), RosterError> {
        if row.cells.len() > MAX_COLUMNS {
            return Err(RosterError::TooManyColumns {
                file: file.to_string(),
                row: row.row,
                columns: row.cells.len(),
            });
        }
        for (col, cell) in row.cells.iter().enumerate() {
            if let RawCell::Text(s) | RawCell::Error(s) = cell
                && s.len() > MAX_CELL_CHARS
            {
                let chars = s.chars().count();
                if chars > MAX_CELL_CHARS {
                    return Err(RosterError::CellTooLong {
                        file: file.to_string(),
                        row: row.row,
                        column: column_letter(col),
                        chars,
                    });
                }
            }
        }
        if !row.is_blank() {
            self.rows += 1;
            if self.rows > MAX_ROWS {
                return Err(RosterError::TooManyRows {
                    file: file.to_string(),
                });
            }
        }
        Ok(())
    }
}
