//! `stationdesk backup FILE` on a server: the server's records, read in one snapshot, in a
//! SQLite file that `stationdesk restore` accepts like any other backup: the schema this
//! program creates, every row, and `FILE.sha256` beside it.
use super::copy::{BATCH, from_server, local_count, select_all, server_count};
use super::ddl::{ident, server_version};
use super::schema::Schema;
use super::verify::chain_on_server;
use super::{PgError, connect, redacted};
use crate::durable::{PendingFile, folder_of};
use crate::store::Store;
use crate::store::backup::write_checksum;
use crate::work::{Stage, Watcher};
use postgres::IsolationLevel;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;
use rusqlite::Connection;
use rusqlite::types::Value;
use std::path::Path;

/// What a server backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerBackup {
    /// `(table, rows)`, in copy order.
    pub counts: Vec<(String, i64)>,
    pub audit_head: Option<(i64, String)>,
}

fn io_err(file: &Path) -> impl Fn(std::io::Error) -> PgError + '_ {
    move |e| PgError::Io {
        file: file.display().to_string(),
        detail: e.to_string(),
    }
}

fn local(e: rusqlite::Error) -> PgError {
    PgError::Local(e.into())
}

/// Writes the records of the server at `url` to `dest` (refusing an existing file unless
/// `force`) and `dest.sha256` beside it. A stop or a failure leaves no file.
pub fn backup(
    url: &str,
    dest: &Path,
    force: bool,
    watcher: &mut dyn Watcher,
) -> Result<ServerBackup, PgError> {
    if !force && std::fs::symlink_metadata(dest).is_ok() {
        return Err(PgError::Exists {
            file: dest.display().to_string(),
        });
    }
    let schema = Schema::current()?;
    let mut client = connect(url)?;
    // One snapshot for the whole read: writes committed meanwhile are not in the copy.
    let mut tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    match server_version(&mut tx)? {
        Some(v) if v == schema.version => {}
        Some(found) => {
            return Err(PgError::OtherVersion {
                found,
                ours: schema.version,
            });
        }
        None => return Err(PgError::NoSchema),
    }
    std::fs::create_dir_all(folder_of(dest)).map_err(io_err(dest))?;
    let copy = PendingFile::create(dest).map_err(io_err(dest))?;
    empty_database(copy.temp_path())?;
    let mut file = Connection::open(copy.temp_path()).map_err(local)?;
    let mut counts = Vec::new();
    {
        let load = file.transaction().map_err(local)?;
        // Whatever the migrations seeded (the published calendar) gives way to the server's.
        for t in schema.tables.iter().rev() {
            load.execute(&format!("DELETE FROM {}", ident(&t.name)), [])
                .map_err(local)?;
        }
        let total: i64 = schema
            .tables
            .iter()
            .map(|t| server_count(&mut tx, &t.name))
            .sum::<Result<i64, PgError>>()?;
        let mut done = 0u64;
        for t in &schema.tables {
            let cols: Vec<String> = t.columns.iter().map(|c| ident(&c.name)).collect();
            let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
            let mut insert = load
                .prepare(&format!(
                    "INSERT INTO {} ({}) VALUES ({})",
                    ident(&t.name),
                    cols.join(", "),
                    marks.join(", ")
                ))
                .map_err(local)?;
            let no_params: [&(dyn ToSql + Sync); 0] = [];
            let mut rows = tx.query_raw(&select_all(t, true), no_params)?;
            let mut n = 0i64;
            while let Some(row) = rows.next()? {
                let values: Vec<Value> = t
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| from_server(&row, i, c.ty))
                    .collect::<Result<_, _>>()?;
                insert
                    .execute(rusqlite::params_from_iter(values))
                    .map_err(local)?;
                n += 1;
                done += 1;
                if done.is_multiple_of(BATCH) {
                    watcher.at(Stage::Collect, done, Some(total as u64))?;
                }
            }
            counts.push((t.name.clone(), n));
        }
        load.commit().map_err(local)?;
    }
    watcher.at(Stage::Verify, 0, None)?;
    for (table, n) in &counts {
        if local_count(&file, table)? != *n {
            return Err(PgError::Verify(table.clone()));
        }
    }
    let walker = chain_on_server(&mut tx)?;
    let audit_head = walker.head().map(|(id, h)| (id, h.to_string()));
    if crate::store::audit::head_of_file(&file).map_err(PgError::Local)? != audit_head {
        return Err(PgError::Verify("audit".into()));
    }
    let broken: i64 = file
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(local)?;
    if broken > 0 {
        return Err(PgError::Verify("foreign keys".into()));
    }
    file.execute_batch("VACUUM").map_err(local)?;
    file.close().map_err(|(_, e)| local(e))?;
    tx.commit()?;
    copy.sync().map_err(io_err(dest))?;
    let digest = crate::store::backup::sha256_file(copy.temp_path()).map_err(io_err(dest))?;
    let people = counts.iter().find(|c| c.0 == "people").map_or(0, |c| c.1);
    let mut notes = vec![
        ("schema".to_string(), schema.version.to_string()),
        ("people".to_string(), people.to_string()),
        ("server".to_string(), redacted(url)),
    ];
    if let Some((id, hash)) = &audit_head {
        notes.push(("audit-head".into(), format!("#{id} {hash}")));
    }
    let sums = write_checksum(dest, &digest, &notes).map_err(io_err(dest))?;
    watcher.at(Stage::Commit, 0, None)?;
    let published = if force {
        copy.publish()
    } else {
        copy.publish_new()
    }
    .map_err(io_err(dest))?;
    if let Err(e) = sums.publish() {
        published.retract();
        return Err(io_err(dest)(e));
    }
    Ok(ServerBackup { counts, audit_head })
}

/// Writes the empty database this program creates (every migration run) into `path`.
fn empty_database(path: &Path) -> Result<(), PgError> {
    let store = Store::open_in_memory(std::sync::Arc::new(crate::clock::SystemClock))?;
    let mut file = Connection::open(path).map_err(local)?;
    let backup = rusqlite::backup::Backup::new(store.file_conn()?, &mut file).map_err(local)?;
    backup
        .run_to_completion(100_000, std::time::Duration::ZERO, None)
        .map_err(local)?;
    drop(backup);
    file.query_row("PRAGMA journal_mode=DELETE", [], |_| Ok(()))
        .map_err(local)?;
    Ok(())
}
