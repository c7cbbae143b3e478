//! `stationdesk bench desks [--desks N] [--seconds S] [--db PATH | --people P]`: N desks,
//! each a process of this program ([`super::desk_loop`]), on one database: each saves a
//! walk-in every couple of seconds and looks people up all the while, its lookup index
//! kept fresh from the change log as a desk's is. Freshness is the time from a new
//! person's commit on one desk to a lookup finding that person on another (one machine,
//! so both ends read the same wall clock). Without `--db` the desks work on a new database
//! of P demo people in a temporary folder, removed afterwards. One JSON line last.
use super::bench_writes::{Scratch, follow, percentile};
use super::desk_loop::{GRACE, REGION, slot_of};
use super::progress::Meter;
use super::{CliError, Ctx};
use crate::i18n::{Msg, t};
use crate::store::{Store, StoreError};
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

/// What is asked.
pub struct Args {
    pub desks: u32,
    pub seconds: u64,
    /// People of the new database (`None` with `--db`).
    pub people: Option<usize>,
    /// Whether `--db` named the database to work on.
    pub db_given: bool,
}

/// People of the new database when neither `--db` nor `--people` says.
pub const DEFAULT_PEOPLE: usize = 20_000;

/// The benchmark's last line, in this order.
#[derive(serde::Serialize)]
struct Summary {
    desks: u32,
    seconds: u64,
    people: u64,
    saves: usize,
    failed: u64,
    /// New people put on file, each to be found by every other desk.
    created: usize,
    /// Of those (person, other desk) pairs, how many were never found.
    unseen: usize,
    lookups: u64,
    save_p50_ms: f64,
    save_p99_ms: f64,
    save_max_ms: f64,
    fresh_p50_ms: Option<f64>,
    fresh_p99_ms: Option<f64>,
    fresh_max_ms: Option<f64>,
}

/// A line from a desk, or its end.
enum Event {
    Line(u32, String),
    /// The desk's process ended; why, if it ended badly.
    Ended(u32, Option<String>),
}

/// What the desks said, put together.
#[derive(Default)]
struct Tally {
    ready: u32,
    saves_us: Vec<u64>,
    failed: u64,
    /// slot → (desk, unix ms of the commit)
    created: HashMap<u64, (u32, u64)>,
    /// (slot, desk that found it, unix ms)
    found: Vec<(u64, u32, u64)>,
    lookups: u64,
    ended_badly: u32,
}

impl Tally {
    fn take(&mut self, desk: u32, line: &str) {
        let mut words = line.split_whitespace();
        let word = words.next();
        let mut num = || words.next().and_then(|w| w.parse::<u64>().ok());
        match (word, num()) {
            (Some("ready"), _) => self.ready += 1,
            (Some("saved"), Some(us)) => self.saves_us.push(us),
            (Some("failed"), _) => {
                self.failed += 1;
                eprintln!("desk{desk}: {line}");
            }
            (Some("created"), Some(slot)) => {
                self.created.insert(slot, (desk, num().unwrap_or(0)));
            }
            (Some("found"), Some(slot)) => self.found.push((slot, desk, num().unwrap_or(0))),
            (Some("looked"), Some(n)) => self.lookups += n,
            _ => {}
        }
    }
}

pub fn run(ctx: &Ctx, args: Args) -> Result<(), CliError> {
    let fail = |detail: String| {
        CliError::user(ctx.msg(&Msg::new("bench_desks.failed").arg("detail", detail)))
    };
    if args.db_given && args.people.is_some() {
        return Err(CliError::usage(
            ctx.msg(&Msg::new("bench_desks.people_or_db")),
        ));
    }
    let mut meter = Meter::stoppable(ctx.lang);
    let mut scratch = None;
    let db = if args.db_given {
        ctx.db.clone()
    } else {
        let dir = Scratch::new(&std::env::temp_dir()).map_err(|e| fail(e.to_string()))?;
        let db = dir.0.join("desks.db");
        scratch = Some(dir);
        db
    };
    let store = if args.db_given {
        let store = ctx.open_store()?;
        if store.has_officers().map_err(|e| ctx.store_error(e))? {
            return Err(CliError::user(
                ctx.msg(&Msg::new("bench_desks.refused").arg("path", db.display())),
            ));
        }
        store
    } else {
        let people = args.people.unwrap_or(DEFAULT_PEOPLE);
        let mut store =
            Store::open_with_clock(&db, ctx.clock.clone()).map_err(|e| ctx.store_error(e))?;
        match store.upsert_people_watched(
            crate::demo::generate(people, 1),
            people as u64,
            "demo",
            &mut meter,
        ) {
            Ok(_) => {}
            Err(StoreError::Cancelled) => {
                return Err(meter.interrupted(ctx, &Msg::new("bench_desks.stopped")));
            }
            Err(e) => return Err(ctx.store_error(e)),
        }
        meter.clear();
        store
    };
    let people = store.count_people().map_err(|e| ctx.store_error(e))?;
    let first_slot = store
        .highest_id_number_in(REGION)
        .map_err(|e| ctx.store_error(e))?
        .and_then(|id| slot_of(&id))
        .map_or(0, |slot| slot + 1);
    drop(store);
    let (events_tx, events) = channel();
    let exe = std::env::current_exe().map_err(|e| fail(e.to_string()))?;
    let mut stdins = Vec::new();
    for desk in 0..args.desks {
        let spawned = spawn_desk(&exe, ctx, &db, &args, desk, first_slot, events_tx.clone());
        match spawned {
            Ok(stdin) => stdins.push(stdin),
            // The desks started already end when their stdin closes, as this returns.
            Err(e) => return Err(fail(e.to_string())),
        }
    }
    drop(events_tx);
    let mut tally = Tally::default();
    let mut ended = 0;
    let mut bar = None;
    let mut go_at = None;
    while ended < args.desks {
        if meter.stop_was_requested() {
            // Closing their stdin stops the desks; their processes are waited for by the
            // readers, which end with them.
            stdins.clear();
            return Err(meter.interrupted(ctx, &Msg::new("bench_desks.stopped")));
        }
        match events.recv_timeout(Duration::from_millis(200)) {
            Ok(Event::Line(desk, line)) => tally.take(desk, &line),
            Ok(Event::Ended(desk, problem)) => {
                ended += 1;
                if let Some(why) = problem {
                    tally.ended_badly += 1;
                    eprintln!("desk{desk}: {why}");
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        if go_at.is_none() && tally.ready + tally.ended_badly == args.desks {
            // Every desk has its index: they start saving together.
            for stdin in &mut stdins {
                let _ = writeln!(stdin, "go").and_then(|()| stdin.flush());
            }
            go_at = Some(Instant::now());
            bar = progress_bar(ctx, &args);
        }
        if let (Some(bar), Some(at)) = (&bar, go_at) {
            bar.set_position(at.elapsed().as_secs().min(args.seconds + GRACE.as_secs()));
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    drop(stdins);
    drop(scratch);
    let line = summarize(&args, people, tally);
    let line = serde_json::to_string(&line).map_err(|e| fail(e.to_string()))?;
    println!("{line}");
    Ok(())
}

/// Starts one desk; its output is read on a thread of its own (a full pipe would stop it).
fn spawn_desk(
    exe: &Path,
    ctx: &Ctx,
    db: &Path,
    args: &Args,
    desk: u32,
    first_slot: u64,
    events: Sender<Event>,
) -> std::io::Result<ChildStdin> {
    let mut child = Command::new(exe)
        .arg("--db")
        .arg(db)
        .arg("--lang")
        .arg(ctx.lang.code())
        .arg("_desk-loop")
        .args(["--desk", &desk.to_string()])
        .args(["--desks", &args.desks.to_string()])
        .args(["--seconds", &args.seconds.to_string()])
        .args(["--first-slot", &first_slot.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdin = child
        .stdin
        .take()
        .ok_or_else(|| std::io::Error::other("stdin"))?;
    std::thread::spawn(move || {
        let problem = follow(&mut child, |line| {
            let _ = events.send(Event::Line(desk, line));
        });
        let _ = events.send(Event::Ended(desk, problem));
    });
    Ok(stdin)
}

/// A bar on a terminal while the desks work (nothing elsewhere): seconds gone of the run.
fn progress_bar(ctx: &Ctx, args: &Args) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let total = args.seconds + GRACE.as_secs();
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    let unit = t(ctx.lang, "bench_desks.unit_seconds")
        .replace('{', "{{")
        .replace('}', "}}");
    let style = indicatif::ProgressStyle::with_template(&format!(
        "{{msg}} [{{wide_bar}}] {{pos}}/{{len}} {unit}"
    ))
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
    // ASCII only, as the other bars (see progress.rs).
    .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(ctx.msg(&Msg::new("bench_desks.at_work").arg("desks", args.desks)));
    bar.enable_steady_tick(Duration::from_millis(200));
    Some(bar)
}

fn summarize(args: &Args, people: u64, mut tally: Tally) -> Summary {
    let mut fresh: Vec<u64> = tally
        .found
        .iter()
        .filter_map(|(slot, by, at)| {
            let (made_by, made_at) = tally.created.get(slot)?;
            (made_by != by).then(|| at.saturating_sub(*made_at))
        })
        .collect();
    fresh.sort_unstable();
    let others = args.desks.saturating_sub(1) as usize;
    tally.saves_us.sort_unstable();
    let ms = |us: u64| (us as f64 / 100.0).round() / 10.0;
    let fresh_ms = |p: usize| (!fresh.is_empty()).then(|| percentile(&fresh, p) as f64);
    Summary {
        desks: args.desks,
        seconds: args.seconds,
        people,
        saves: tally.saves_us.len(),
        // A desk that ended badly failed at least the save it was making.
        failed: tally.failed + u64::from(tally.ended_badly),
        created: tally.created.len(),
        unseen: (tally.created.len() * others).saturating_sub(fresh.len()),
        lookups: tally.lookups,
        save_p50_ms: ms(percentile(&tally.saves_us, 50)),
        save_p99_ms: ms(percentile(&tally.saves_us, 99)),
        save_max_ms: ms(tally.saves_us.last().copied().unwrap_or(0)),
        fresh_p50_ms: fresh_ms(50),
        fresh_p99_ms: fresh_ms(99),
        fresh_max_ms: fresh.last().map(|&v| v as f64),
    }
}
