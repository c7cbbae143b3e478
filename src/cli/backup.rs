//! `stationdesk backup FILE [--force]` and `stationdesk restore FILE [--force]`.
use super::admin::AdminArgs;
use super::progress::Meter;
use super::{CliError, Ctx};
use crate::domain::officer::Permission;
use crate::i18n::Msg;
use crate::store::backup::{
    BackupError, ChecksumCheck, RestoreError, RestoreOptions, checksum_path, restore_watched,
};
use std::path::Path;

pub fn backup(ctx: &Ctx, file: &Path, force: bool) -> Result<(), CliError> {
    let store = ctx.open_store()?;
    let mut meter = Meter::stoppable(ctx.lang);
    match store.backup_watched(file, force, &mut meter) {
        Ok(()) => meter.clear(),
        Err(BackupError::Cancelled) => {
            let m = Msg::new("record_progress.backup_interrupted").arg("file", file.display());
            return Err(meter.interrupted(ctx, &m));
        }
        Err(e) => return Err(CliError::user(e.render(ctx.lang))),
    }
    let sums = checksum_path(file);
    println!(
        "{}",
        ctx.msg(&Msg::new("backup.done").arg("file", file.display()))
    );
    println!(
        "{}",
        ctx.msg(&Msg::new("record_backup.backup_checksum").arg("sums", sums.display()))
    );
    if let Some(note) = meter.too_late() {
        println!("{note}");
    }
    Ok(())
}

pub fn restore(ctx: &Ctx, file: &Path, force: bool, admin: &AdminArgs) -> Result<(), CliError> {
    // A lost database has no accounts left to ask; otherwise the administrator's login is
    // audited in the database as it is now, and this store is closed before the restore
    // takes the file over.
    let actor = if ctx.db.exists() {
        let mut store = ctx.open_store()?;
        super::admin::require(ctx, &mut store, admin, Permission::Restore)?;
        Some(store.actor().to_string())
    } else {
        None
    };
    let opts = RestoreOptions {
        force,
        stamp: ctx.clock.now().format("%Y%m%d-%H%M%S").to_string(),
        actor,
    };
    let mut meter = Meter::stoppable(ctx.lang);
    let r = restore_watched(&ctx.db, file, &opts, &mut meter);
    meter.clear();
    let r = r.map_err(|e| match e {
        RestoreError::Cancelled => {
            let m = Msg::new("record_progress.restore_interrupted")
                .arg("file", file.display())
                .arg("db", ctx.db.display());
            meter.interrupted(ctx, &m)
        }
        RestoreError::Refused(why) => CliError::user(why.render(file, ctx.lang)),
        RestoreError::KeepAside(e) => CliError::user(
            ctx.msg(&Msg::new("record_backup.keep_aside_failed").arg("detail", e.render(ctx.lang))),
        ),
        RestoreError::Store(e) => ctx.store_error(e),
    })?;
    let sums = checksum_path(file).display().to_string();
    let check = match r.checksum {
        ChecksumCheck::Matched => Msg::new("record_backup.checksum_ok"),
        ChecksumCheck::Absent => Msg::new("record_backup.no_checksum"),
    };
    println!("{}", ctx.msg(&check.arg("sums", sums)));
    let done = match &r.kept_aside {
        Some(aside) => Msg::new("backup.restored").arg("aside", aside.display()),
        None => Msg::new("record_backup.restored_new").arg("db", ctx.db.display()),
    }
    .arg("file", file.display())
    .arg("people", r.info.people);
    println!("{}", ctx.msg(&done));
    if r.desks_were_open {
        println!("{}", ctx.msg(&Msg::new("record_backup.forced")));
    }
    if let (Some((live, backup)), Some(aside)) = (r.audit_rolled_back, &r.kept_aside) {
        let m = Msg::new("record_audit_restore.rolled_back")
            .arg("live", live)
            .arg("backup", backup)
            .arg("aside", aside.display());
        println!("{}", ctx.msg(&m));
    }
    if let Some(note) = meter.too_late() {
        println!("{note}");
    }
    Ok(())
}
