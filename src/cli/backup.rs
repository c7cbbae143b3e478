//! `stationdesk backup FILE` and `stationdesk restore FILE`.
use super::admin::AdminArgs;
use super::{CliError, Ctx};
use crate::domain::officer::Permission;
use crate::i18n::Msg;
use crate::store::backup::{RestoreError, restore as restore_db};
use std::path::Path;

pub fn backup(ctx: &Ctx, file: &Path) -> Result<(), CliError> {
    let store = ctx.open_store()?;
    store.backup_to(file).map_err(|e| ctx.store_error(e))?;
    println!(
        "{}",
        ctx.msg(&Msg::new("backup.done").arg("file", file.display()))
    );
    Ok(())
}

pub fn restore(ctx: &Ctx, file: &Path, admin: &AdminArgs) -> Result<(), CliError> {
    {
        let mut store = ctx.open_store()?;
        super::admin::require(ctx, &mut store, admin, Permission::Restore)?;
        // The check is audited in the database as it is now; the store is closed before
        // the restore takes the file over.
    }
    let stamp = ctx.clock.now().format("%Y%m%d-%H%M%S").to_string();
    match restore_db(&ctx.db, file, &stamp) {
        Ok(r) => {
            let m = Msg::new("backup.restored")
                .arg("file", file.display())
                .arg("people", r.info.people)
                .arg("aside", r.kept_aside.display());
            println!("{}", ctx.msg(&m));
            Ok(())
        }
        Err(RestoreError::Refused(why)) => Err(CliError::user(ctx.msg(&why.msg(file)))),
        Err(RestoreError::Store(e)) => Err(ctx.store_error(e)),
    }
}
