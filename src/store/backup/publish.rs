//! A file is reported written only when it is whole and audited: the file, already
//! written and synced under a temporary name, is renamed into place inside the
//! transaction that records it, and taken back if that transaction cannot commit.
use crate::durable::{PendingFile, Published};
use crate::store::audit::append;
use crate::store::db::params;
use crate::store::{Store, StoreError};
use std::path::PathBuf;

/// The audit record of a file written.
#[derive(Debug, Clone, Copy)]
pub struct AuditNote<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub summary: &'a str,
}

/// Whether a file may replace one already under its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    Allowed,
    Never,
}

/// Why a file was not published.
#[derive(Debug)]
pub enum PublishError {
    /// Renaming it into place failed (`AlreadyExists` for [`Replace::Never`]).
    File {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The record could not be written or committed; no file was left.
    Store(StoreError),
}

impl Store {
    /// Renames `files` into place, in order, in one transaction with `note` and the
    /// `settings` given; on any failure the transaction is rolled back and no file is left
    /// under its final name. Returns the published paths.
    pub fn publish_audited(
        &self,
        files: Vec<(PendingFile, Replace)>,
        note: &AuditNote<'_>,
        settings: &[(&str, &str)],
    ) -> Result<Vec<PathBuf>, PublishError> {
        let store_err = PublishError::Store;
        // The writer's turn and the check that no restore replaced the database.
        let tx = self.begin_write().map_err(store_err)?;
        let now = self.now_text();
        append(
            &tx,
            &now,
            self.actor(),
            note.action,
            note.entity,
            note.entity_id,
            note.summary,
        )
        .map_err(store_err)?;
        for (key, value) in settings {
            tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map_err(|e| store_err(e.into()))?;
        }
        let mut published: Vec<Published> = Vec::with_capacity(files.len());
        let retract = |done: Vec<Published>| done.into_iter().for_each(Published::retract);
        for (file, replace) in files {
            let path = file.target().to_path_buf();
            let result = match replace {
                Replace::Allowed => file.publish(),
                Replace::Never => file.publish_new(),
            };
            match result {
                Ok(p) => published.push(p),
                Err(error) => {
                    retract(published);
                    return Err(PublishError::File { path, error });
                }
            }
        }
        if let Err(e) = tx.commit() {
            retract(published);
            return Err(store_err(e.into()));
        }
        Ok(published.iter().map(|p| p.path().to_path_buf()).collect())
    }
}
