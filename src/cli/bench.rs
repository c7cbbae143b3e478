//! `stationdesk bench search --db PATH [--queries N] [--seed S]`: keystroke latency of the
//! lookup engine on a real database; prints one JSON object as its last line.
use super::{CliError, Ctx};
use crate::search::bench::{DemoTarget, peak_rss_mb, realistic_queries, rss_mb, run_bench};
use rand::{Rng, SeedableRng};
use std::io::Write;
use std::path::Path;
use std::time::Instant;

/// How many people the queries are drawn from.
const SAMPLE: usize = 2_000;

/// How many of them are then changed one at a time, and the index updated for each.
const UPDATES: usize = 500;

pub fn run(ctx: &Ctx, queries: usize, seed: u64, dump: Option<&Path>) -> Result<(), CliError> {
    let store = ctx.open_store()?;
    let started = Instant::now();
    let index = store.load_index().map_err(|e| ctx.store_error(e))?;
    let index_load_ms = started.elapsed().as_secs_f64() * 1000.0;
    let people = store.count_people().map_err(|e| ctx.store_error(e))?;
    if people == 0 {
        return Err(CliError::user(ctx.msg(
            &crate::i18n::Msg::new("bench.empty").arg("path", ctx.db.display()),
        )));
    }
    // Sample people by row id (demo ids are dense), reproducibly.
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let ids: Vec<i64> = (0..SAMPLE.min(people as usize))
        .map(|_| rng.random_range(1..=people as i64))
        .collect();
    let targets: Vec<DemoTarget> = store
        .people_by_ids(&ids)
        .map_err(|e| ctx.store_error(e))?
        .iter()
        .map(DemoTarget::from_person)
        .collect();
    let qs = realistic_queries(&targets, queries, seed);
    if let Some(dir) = dump {
        write_dump(&store, &qs, dir).map_err(|e| {
            CliError::user(
                ctx.msg(
                    &crate::i18n::Msg::new("bench.dump_failed")
                        .arg("path", dir.display())
                        .arg("detail", e),
                ),
            )
        })?;
    }
    let stats = run_bench(&index, &qs);
    let index_mb = (index.memory_bytes() as f64 / 104_857.6).round() / 10.0;
    let rss = (rss_mb() * 10.0).round() / 10.0;
    // Then the same with people changed one at a time, as another desk's walk-ins would.
    let mut live = crate::search::LiveIndex::from(index);
    let changed = store
        .index_rows_of(&ids[..ids.len().min(UPDATES)])
        .map_err(|e| ctx.store_error(e))?;
    let now = chrono::Utc::now().timestamp();
    let updates = crate::search::bench::time_updates(&mut live, changed, now);
    let live_stats = crate::search::bench::run_bench_live(&live, &qs);
    let line = serde_json::json!({
        "people": people,
        "index_load_ms": (index_load_ms * 10.0).round() / 10.0,
        "keystrokes": stats.keystrokes,
        "p50_us": stats.p50_us,
        "p99_us": stats.p99_us,
        "max_us": stats.max_us,
        "rss_mb": rss,
        // The most the process held at once, loading included.
        "peak_rss_mb": (peak_rss_mb() * 10.0).round() / 10.0,
        "index_mb": index_mb,
        "updates": updates.keystrokes,
        "update_one_p50_us": updates.p50_us,
        "update_one_p99_us": updates.p99_us,
        "update_one_max_us": updates.max_us,
        "live_p50_us": live_stats.p50_us,
        "live_p99_us": live_stats.p99_us,
        "live_max_us": live_stats.max_us,
        "live_rss_mb": (rss_mb() * 10.0).round() / 10.0,
    });
    println!("{line}");
    Ok(())
}

/// The benchmark's work as plain text, so that another matcher can be run over exactly the
/// same keys and keystrokes.
fn write_dump(store: &crate::store::Store, queries: &[String], dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let mut keys = std::io::BufWriter::new(
        std::fs::File::create(dir.join("keys.txt")).map_err(|e| e.to_string())?,
    );
    let mut failed = None;
    store
        .scan_index_rows(|row| {
            if failed.is_none()
                && let Err(e) = writeln!(
                    keys,
                    "{} {} {} {} {}",
                    row.name, row.py_full, row.py_initials, row.id_number, row.phone_digits
                )
            {
                failed = Some(e.to_string());
            }
        })
        .map_err(|e| e.to_string())?;
    if let Some(e) = failed {
        return Err(e);
    }
    keys.flush().map_err(|e| e.to_string())?;
    let mut strokes = String::new();
    for q in queries {
        for (end, c) in q.char_indices() {
            strokes.push_str(&q[..end + c.len_utf8()]);
            strokes.push('\n');
        }
    }
    std::fs::write(dir.join("keystrokes.txt"), strokes).map_err(|e| e.to_string())
}
