//! `stationdesk init`: the station's name and level (the administrator comes with accounts).
use super::args::InitArgs;
use super::{CliError, Ctx};
use crate::i18n::tf;

pub fn run(ctx: &Ctx, a: InitArgs) -> Result<(), CliError> {
    let store = ctx.open_store()?;
    let name = crate::domain::text::clean_line(&a.station);
    if name.is_empty() {
        return Err(CliError::user(crate::i18n::t(
            ctx.lang,
            "cli.station_empty",
        )));
    }
    store
        .set_setting("station_name", &name)
        .map_err(|e| ctx.store_error(e))?;
    store
        .set_setting("station_level", &a.level)
        .map_err(|e| ctx.store_error(e))?;
    store
        .audit("init", "station", "", &format!("{name} ({})", a.level))
        .map_err(|e| ctx.store_error(e))?;
    println!(
        "{}",
        tf(
            ctx.lang,
            "cli.init_done",
            &[("name", &name), ("path", &ctx.db.display())]
        )
    );
    Ok(())
}
