//! An export is reported written only when it is whole and audited: the table is written
//! and synced under a temporary name, and renamed into place inside the transaction that
//! records the export. A database that cannot take the record (read-only, full, replaced)
//! leaves no file.
use super::display_name;
use super::table::{ExportError, Table, prepare_table};
use crate::i18n::Msg;
use crate::store::backup::{AuditNote, PublishError, Replace};
use crate::store::error::or_stopped;
use crate::store::{Store, StoreError};
use crate::work::{Stage, Unwatched, Watcher};
use std::path::Path;

/// Why an export was not written.
#[derive(Debug)]
pub enum ExportFailure {
    File(ExportError),
    /// The file was whole, but its audit record could not be committed.
    NotRecorded {
        file: String,
        error: StoreError,
    },
}

impl ExportFailure {
    /// The failure in words; `lang` renders the database's part of it.
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        match self {
            ExportFailure::File(e) => e.msg().render(lang),
            ExportFailure::NotRecorded { file, error } => {
                Msg::new("record_backup.export_not_recorded")
                    .arg("file", file)
                    .arg("detail", error.msg().render(lang))
                    .render(lang)
            }
        }
    }
}

/// Writes `table` to `path` (replacing a file there) with an `export` audit record of
/// `entity` and `summary`, both or neither.
pub fn write_table_audited(
    store: &Store,
    path: &Path,
    table: &Table,
    entity: &str,
    summary: &str,
) -> Result<(), ExportFailure> {
    write_table_audited_watched(store, path, table, (entity, summary), &mut Unwatched)
}

/// [`write_table_audited`], telling `watcher` of each row written; a stop asked for before
/// the file is whole leaves no file and no record ([`ExportError::Cancelled`]).
pub fn write_table_audited_watched(
    store: &Store,
    path: &Path,
    table: &Table,
    (entity, summary): (&str, &str),
    watcher: &mut dyn Watcher,
) -> Result<(), ExportFailure> {
    let pending = prepare_table(path, table, watcher).map_err(ExportFailure::File)?;
    // The last safe point: the file is whole but nobody sees it yet. Recording it may
    // wait for another desk's write, and shows so.
    watcher
        .at(Stage::Commit, 0, None)
        .map_err(|_| ExportFailure::File(ExportError::Cancelled))?;
    let note = AuditNote {
        action: "export",
        entity,
        entity_id: "",
        summary,
    };
    store
        .publish_audited(vec![(pending, Replace::Allowed)], &note, &[])
        .map(|_| ())
        .map_err(|e| match e {
            PublishError::File { error, .. } => ExportFailure::File(ExportError::Io {
                file: display_name(path),
                source: error,
            }),
            PublishError::Store(error) => match or_stopped(error, watcher) {
                StoreError::Cancelled => ExportFailure::File(ExportError::Cancelled),
                error => ExportFailure::NotRecorded {
                    file: display_name(path),
                    error,
                },
            },
        })
}
