//! `stationdesk demo --db PATH [--people N] [--seed S]`: synthetic, reproducible data.
use super::{CliError, Ctx};
use crate::i18n::Msg;
use std::time::Instant;

/// People are written in transactions of this many rows: big enough to be fast, small
/// enough that a million people never sit in memory at once.
const BATCH: usize = 20_000;

pub fn run(ctx: &Ctx, people: usize, seed: u64) -> Result<(), CliError> {
    let started = Instant::now();
    let mut store = ctx.create_store()?;
    // Synthetic people and overdue petitions have no place in a station's legal record:
    // once a database has accounts it is a station's, and demo data goes into a separate
    // practice database.
    if store.has_officers().map_err(|e| ctx.store_error(e))? {
        return Err(CliError::user(ctx.msg(
            &Msg::new("record_audit_demo.refused").arg("path", ctx.db.display()),
        )));
    }
    let mut batch = Vec::with_capacity(BATCH.min(people));
    let mut written = 0usize;
    for person in crate::demo::generate(people, seed) {
        batch.push(person);
        if batch.len() == BATCH {
            store
                .upsert_people(&batch, "demo")
                .map_err(|e| ctx.store_error(e))?;
            written += batch.len();
            batch.clear();
        }
    }
    if !batch.is_empty() {
        store
            .upsert_people(&batch, "demo")
            .map_err(|e| ctx.store_error(e))?;
        written += batch.len();
    }
    if store
        .setting("station_name")
        .map_err(|e| ctx.store_error(e))?
        .is_none()
    {
        store
            .set_setting("station_name", "演示县退役军人服务中心")
            .map_err(|e| ctx.store_error(e))?;
        store
            .set_setting("station_level", "county")
            .map_err(|e| ctx.store_error(e))?;
    }
    let activity = crate::demo::activity::write(&mut store, seed, ctx.clock.now())
        .map_err(|e| ctx.store_error(e))?;
    let m = Msg::new("demo.done")
        .arg("people", written)
        .arg("visits", activity.visits)
        .arg("petitions", activity.petitions)
        .arg("path", ctx.db.display())
        .arg("seconds", format!("{:.1}", started.elapsed().as_secs_f64()));
    println!("{}", ctx.msg(&m));
    Ok(())
}
