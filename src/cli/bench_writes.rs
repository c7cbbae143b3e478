//! `stationdesk bench writes [--writers N] [--seconds S] [--dir DIR]`: N processes of this
//! program save walk-ins continuously on one new database (in a temporary folder, never the
//! station's own), each timing every save, waiting its turn included. Prints one JSON line
//! last: writers, seconds, saves, failed, and the save time at p50, p99 and worst; `lost`
//! counts acknowledged saves missing from the database afterwards (it must be 0).
use super::{CliError, Ctx};
use crate::i18n::Msg;
use crate::store::Store;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The benchmark's last line, in this order.
#[derive(serde::Serialize)]
struct Summary {
    writers: u32,
    seconds: u64,
    saves: usize,
    failed: u64,
    lost: usize,
    save_p50_ms: f64,
    save_p99_ms: f64,
    save_max_ms: f64,
}

/// What one writer reported.
#[derive(Default)]
struct Tally {
    waits_us: Vec<u64>,
    failed: u64,
    committed: Vec<i64>,
}

pub fn run(ctx: &Ctx, writers: u32, seconds: u64, dir: Option<&Path>) -> Result<(), CliError> {
    let fail = |detail: String| {
        CliError::user(ctx.msg(&Msg::new("bench_writes.failed").arg("detail", detail)))
    };
    let base = dir.map_or_else(std::env::temp_dir, Path::to_path_buf);
    let scratch = Scratch::new(&base).map_err(|e| fail(format!("{}: {e}", base.display())))?;
    let db = scratch.0.join("bench.db");
    drop(Store::open_with_clock(&db, ctx.clock.clone()).map_err(|e| ctx.store_error(e))?);
    let exe = std::env::current_exe().map_err(|e| fail(e.to_string()))?;
    let mut children = Vec::new();
    for i in 0..writers {
        let child = Command::new(&exe)
            .arg("--db")
            .arg(&db)
            .arg("--lang")
            .arg(ctx.lang.code())
            .args([
                "_write-loop",
                "--timings",
                "--seconds",
                &seconds.to_string(),
            ])
            .args(["--tag", &format!("writer{i}")])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| fail(e.to_string()));
        match child {
            Ok(c) => children.push(collect(c)),
            Err(e) => {
                for started in children {
                    let _ = started.join();
                }
                return Err(e);
            }
        }
    }
    let mut all = Tally::default();
    for child in children {
        let (tally, problem) = child
            .join()
            .unwrap_or_else(|_| (Tally::default(), Some("writer thread".into())));
        all.waits_us.extend(tally.waits_us);
        all.committed.extend(tally.committed);
        all.failed += tally.failed;
        if let Some(why) = problem {
            // A writer that stopped early failed at least the save it was making.
            all.failed += 1;
            eprintln!("{why}");
        }
    }
    let lost = count_lost(&db, &all.committed).map_err(|e| ctx.store_error(e))?;
    all.waits_us.sort_unstable();
    let ms = |us: u64| (us as f64 / 100.0).round() / 10.0;
    let line = Summary {
        writers,
        seconds,
        saves: all.committed.len(),
        failed: all.failed,
        lost,
        save_p50_ms: ms(percentile(&all.waits_us, 50)),
        save_p99_ms: ms(percentile(&all.waits_us, 99)),
        save_max_ms: ms(all.waits_us.last().copied().unwrap_or(0)),
    };
    let line = serde_json::to_string(&line).map_err(|e| fail(e.to_string()))?;
    println!("{line}");
    Ok(())
}

/// Reads a writer's output on a thread of its own (a full pipe would stop it) and waits
/// for it; the second value says why it ended badly, if it did.
fn collect(mut child: Child) -> std::thread::JoinHandle<(Tally, Option<String>)> {
    std::thread::spawn(move || {
        let mut tally = Tally::default();
        let problem = follow(&mut child, |line| {
            let mut words = line.split_whitespace();
            match (
                words.next(),
                words.next().and_then(|w| w.parse::<i64>().ok()),
            ) {
                (Some("committed"), Some(id)) => tally.committed.push(id),
                (Some("waited"), Some(us)) => tally.waits_us.push(us.unsigned_abs()),
                (Some("failed"), _) => {
                    tally.failed += 1;
                    eprintln!("{line}");
                }
                _ => {}
            }
        });
        (tally, problem)
    })
}

/// Hands each line a child prints to `on_line`, keeping its error output on a thread of
/// its own (a full pipe would stop it), and waits for it; gives back why it ended badly,
/// if it did.
pub(super) fn follow(child: &mut Child, mut on_line: impl FnMut(String)) -> Option<String> {
    let stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut s) = stderr {
            let _ = s.read_to_string(&mut text);
        }
        text
    });
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            on_line(line);
        }
    }
    let status = child.wait();
    let errors = errors.join().unwrap_or_default();
    match status {
        Ok(s) if s.success() => None,
        Ok(s) => Some(format!("{s}: {}", errors.trim())),
        Err(e) => Some(e.to_string()),
    }
}

/// The nearest-rank percentile of sorted values.
pub(super) fn percentile(sorted: &[u64], p: usize) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (sorted.len() * p).div_ceil(100).max(1);
    sorted[rank - 1]
}

/// Acknowledged saves that are not in the database.
fn count_lost(db: &Path, committed: &[i64]) -> crate::store::Result<usize> {
    let store = Store::open_existing(db)?;
    let present: std::collections::HashSet<i64> = store.visit_ids()?.into_iter().collect();
    Ok(committed.iter().filter(|id| !present.contains(id)).count())
}

/// A private folder for the benchmark's database, removed afterwards.
pub(super) struct Scratch(pub(super) PathBuf);

impl Scratch {
    pub(super) fn new(base: &Path) -> std::io::Result<Scratch> {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let dir = base.join(format!("stationdesk-bench-{}-{stamp}", std::process::id()));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(&dir)?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&v, 50), 50);
        assert_eq!(percentile(&v, 99), 99);
        assert_eq!(percentile(&[7], 99), 7);
        assert_eq!(percentile(&[], 50), 0);
    }
}
