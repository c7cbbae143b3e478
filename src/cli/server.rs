//! The county server from the command line: `migrate --to postgres://…`, and `backup` on a
//! `--db postgres://…`. Every other command is refused on a server in this version, in the
//! user's words, before anything treats the URL as a file name.
use super::admin::{AdminArgs, require_account};
use super::progress::Meter;
use super::{CliError, Command, Ctx};
use crate::domain::officer::Permission;
use crate::i18n::Msg;
use crate::store::backup::checksum_path;
use crate::store::pg::{self, MigrateOptions, PgError, redacted};
use crate::store::{OpenMode, Store};
use std::path::Path;

/// The server URL `--db` names, if it names one.
pub fn url_of(ctx: &Ctx) -> Option<String> {
    let db = ctx.db.to_str()?;
    pg::is_server_url(db).then(|| db.to_string())
}

/// The commands that work differently on a server: `backup` writes the server's records
/// into a station file, and `restore` (which replaces a file) is the server's own tools'
/// work. `None` for every other command, which runs on the server as on a file.
pub fn run(ctx: &Ctx, url: &str, command: &Option<Command>) -> Option<Result<(), CliError>> {
    match command {
        Some(Command::Backup { file, force }) => Some(backup(ctx, url, file, *force)),
        Some(Command::Restore { .. }) => Some(Err(CliError::user(
            ctx.msg(&Msg::new("record_pg.server_only").arg("db", redacted(url))),
        ))),
        _ => None,
    }
}

fn pg_error(ctx: &Ctx, meter: &mut Meter, e: PgError) -> CliError {
    match e {
        PgError::Cancelled => meter.interrupted(ctx, &Msg::new("record_pg.cancelled")),
        other => {
            meter.clear();
            CliError::user(ctx.msg(&other.msg()))
        }
    }
}

/// `migrate --from FILE --to URL [--merge]`: an administrator's work once the station has
/// accounts, like a restore (it hands every record to another database).
pub fn migrate(
    ctx: &Ctx,
    from: &Path,
    to: &str,
    merge: bool,
    admin: &AdminArgs,
) -> Result<(), CliError> {
    if !pg::is_server_url(to) {
        return Err(CliError::usage(
            ctx.msg(
                &Msg::new("record_pg.connect")
                    .arg("server", to)
                    .arg("detail", "postgres://USER@HOST/DB"),
            ),
        ));
    }
    let mut source = Store::open_as(from, ctx.clock.clone(), OpenMode::Existing)
        .map_err(|e| ctx.store_error(e))?;
    if source.has_officers().map_err(|e| ctx.store_error(e))? {
        if admin.admin.is_none() || !admin.password_stdin {
            return Err(CliError::user(
                ctx.msg(&Msg::new("cli_admin.needed").arg("command", "migrate")),
            ));
        }
        require_account(ctx, &mut source, admin, Permission::Restore)?;
    }
    let mut meter = Meter::stoppable(ctx.lang);
    let report = pg::migrate(
        &source,
        to,
        MigrateOptions {
            merge,
            new_station: false,
        },
        &mut meter,
    )
    .map_err(|e| pg_error(ctx, &mut meter, e))?;
    meter.clear();
    let checked = &report.checked;
    let rows: i64 = checked.counts.iter().map(|c| c.1).sum();
    let say = |m: Msg| println!("{}", ctx.msg(&m));
    say(Msg::new("record_pg.migrated")
        .arg("from", from.display())
        .arg("to", redacted(to))
        .arg("rows", rows)
        .arg("tables", checked.counts.len()));
    if report.created_schema {
        say(Msg::new("record_pg.migrated_schema")
            .arg("version", crate::store::migrations::latest()));
    }
    for (table, n) in &checked.counts {
        say(Msg::new("record_pg.migrated_table")
            .arg("table", table)
            .arg("rows", n));
    }
    if let Some((id, _)) = &checked.audit_head {
        say(Msg::new("record_pg.migrated_audit")
            .arg("rows", checked.audit_rows)
            .arg("id", id));
    }
    if report.rows_before > 0 {
        say(Msg::new("record_pg.migrated_merged").arg("rows", report.rows_before));
    } else {
        say(Msg::new("record_pg.migrated_sample").arg("count", checked.sampled));
    }
    say(Msg::new("record_pg.migrated_recorded").arg("id", report.audit_record));
    if let Some(note) = meter.too_late() {
        println!("{note}");
    }
    Ok(())
}

/// `backup FILE` on a server: a SQLite file of the server's records that `restore` takes.
fn backup(ctx: &Ctx, url: &str, file: &Path, force: bool) -> Result<(), CliError> {
    let mut meter = Meter::stoppable(ctx.lang);
    let done = pg::backup::backup(url, file, force, &mut meter)
        .map_err(|e| pg_error(ctx, &mut meter, e))?;
    meter.clear();
    let people = done
        .counts
        .iter()
        .find(|c| c.0 == "people")
        .map_or(0, |c| c.1);
    let rows: i64 = done.counts.iter().map(|c| c.1).sum();
    // The server's audit trail and the day's checklist know the copy was taken.
    Store::open_as(Path::new(url), ctx.clock.clone(), OpenMode::Existing)
        .and_then(|store| store.note_station_copy(file, people))
        .map_err(|e| ctx.store_error(e))?;
    println!(
        "{}",
        ctx.msg(
            &Msg::new("record_pg.server_backup_done")
                .arg("server", redacted(url))
                .arg("file", file.display())
                .arg("people", people)
                .arg("rows", rows)
        )
    );
    println!(
        "{}",
        ctx.msg(
            &Msg::new("record_backup.backup_checksum").arg("sums", checksum_path(file).display())
        )
    );
    if let Some(note) = meter.too_late() {
        println!("{note}");
    }
    Ok(())
}
