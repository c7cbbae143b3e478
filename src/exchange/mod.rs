//! Exchange with the world outside the database: roster import (花名册, .csv/.xlsx), the
//! ledger exports, petition notices (.docx), and the table writer every export goes through.
//!
//! Reading a roster touches no store: it validates every row and hands back people and
//! problems; the caller decides what to write. The exports do use the store: `exports`
//! reads the ledgers from it, and `audited` records each workbook written in the audit
//! trail in the same transaction that puts the file in place.
mod atomic;
pub mod audited;
pub mod exports;
pub mod notices;
pub mod petition_intake_cells;
pub mod roster;
pub mod table;

pub use audited::{ExportFailure, write_table_audited, write_table_audited_watched};
pub use roster::{
    Roster, RosterError, RosterLink, RosterRow, RowProblem, describe_notices, describe_problems,
    describe_warnings, read_roster, read_roster_on, read_roster_watched, read_roster_with,
    rejects_path, write_rejects,
};
pub use table::{Cell, ExportError, Table, read_table, write_table};

/// The name of a file as messages show it: its last component, never the whole path (which
/// would leak the machine's layout into reports and is long on an 80-column screen).
pub(crate) fn display_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
