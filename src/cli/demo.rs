//! `stationdesk demo --db PATH [--people N] [--seed S]`: synthetic, reproducible data.
//!
//! The people are made up as they are written, in one transaction: a million of them never
//! sit in memory at once, and Ctrl+C leaves the database as it was. The month of walk-ins
//! and petitions that follows is small and written to its end.
use super::progress::Meter;
use super::{CliError, Ctx};
use crate::i18n::Msg;
use crate::store::StoreError;
use crate::work::{Progress, Stage, Watcher};
use std::time::Instant;

pub fn run(ctx: &Ctx, people: usize, seed: u64) -> Result<(), CliError> {
    let started = Instant::now();
    let mut meter = Meter::stoppable(ctx.lang);
    let mut store = ctx.create_store()?;
    // Synthetic people and overdue petitions have no place in a station's legal record:
    // once a database has accounts it is a station's, and demo data goes into a separate
    // practice database.
    if store.has_officers().map_err(|e| ctx.store_error(e))? {
        return Err(CliError::user(ctx.msg(
            &Msg::new("record_audit_demo.refused").arg("path", ctx.db.display()),
        )));
    }
    let written = match store.upsert_people_watched(
        crate::demo::generate(people, seed),
        people as u64,
        "demo",
        &mut meter,
    ) {
        Ok(counts) => counts.inserted + counts.updated,
        Err(StoreError::Cancelled) => {
            let m = Msg::new("record_progress.demo_interrupted").arg("path", ctx.db.display());
            return Err(meter.interrupted(ctx, &m));
        }
        Err(e) => return Err(ctx.store_error(e)),
    };
    // Past this point the demo goes to its end: the people are kept.
    meter.progress(Progress {
        stage: Stage::DemoActivity,
        done: 0,
        total: None,
    });
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
    meter.clear();
    let m = Msg::new("demo.done")
        .arg("people", written)
        .arg("visits", activity.visits)
        .arg("petitions", activity.petitions)
        .arg("path", ctx.db.display())
        .arg("seconds", format!("{:.1}", started.elapsed().as_secs_f64()));
    println!("{}", ctx.msg(&m));
    if let Some(note) = meter.too_late() {
        println!("{note}");
    }
    Ok(())
}
