//! `stationdesk init`: the station's name and level and its first administrator.
use super::args::InitArgs;
use super::user::{read_new_password, require_password_stdin};
use super::{CliError, Ctx};
use crate::domain::officer::{Role, parse_username};
use crate::i18n::{t, tf};

/// Sets up a new station database. Refused once an administrator exists: further accounts
/// come with `user add`, so that `init` can never be used to take over a station.
pub fn run(ctx: &Ctx, a: InitArgs) -> Result<(), CliError> {
    require_password_stdin(
        ctx,
        a.password_stdin,
        "init --station NAME --level LEVEL --admin USER",
    )?;
    let name = crate::domain::text::clean_line(&a.station);
    if name.is_empty() {
        return Err(CliError::user(t(ctx.lang, "cli.station_empty")));
    }
    let admin = parse_username(&a.admin).map_err(|m| CliError::user(ctx.msg(&m)))?;
    let mut store = ctx.create_store()?;
    if store.has_admin().map_err(|e| ctx.store_error(e))? {
        return Err(CliError::user(t(ctx.lang, "auth.account.admin_exists")));
    }
    // Everything is checked (and the slow hash done) before the first write.
    let hash = read_new_password(ctx)?;
    store
        .set_setting("station_name", &name)
        .map_err(|e| ctx.store_error(e))?;
    store
        .set_setting("station_level", &a.level)
        .map_err(|e| ctx.store_error(e))?;
    store
        .audit("init", "station", "", &format!("{name} ({})", a.level))
        .map_err(|e| ctx.store_error(e))?;
    let officer = store
        .add_officer(&admin, "", Role::Admin, &hash)
        .map_err(|e| CliError::user(ctx.msg(&e.msg())))?;
    println!(
        "{}",
        tf(
            ctx.lang,
            "cli.init_done",
            &[("name", &name), ("path", &ctx.db.display())]
        )
    );
    println!(
        "{}",
        tf(
            ctx.lang,
            "auth.cli.admin_created",
            &[("username", &officer.username)]
        )
    );
    Ok(())
}
