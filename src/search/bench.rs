//! The lookup benchmark's workload: realistic queries replayed keystroke by keystroke.
//!
//! Used by `benches/search.rs` and by `stationdesk bench search`; timing lives here, not in
//! tests, because a shared machine makes timed tests flaky.
use super::keys::name_keys;
use super::{Hit, Index, IndexBuilder, IndexRow, LiveIndex, PersonKeys, Searcher, Ticket};
use crate::domain::person::Person;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::Instant;

/// Results shown on one page of the lookup screen; what every replayed keystroke asks for.
pub const PAGE: usize = 50;

/// What a query can be drawn from: one person as the front desk knows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoTarget {
    pub name: String,
    /// The usual full pinyin (`zhangsanfeng`).
    pub full: String,
    /// The usual initials (`zsf`).
    pub initials: String,
    pub id_number: String,
    /// Phone digits, or empty.
    pub phone: String,
}

impl DemoTarget {
    /// The target of a person, with the keys the store would compute for them.
    pub fn from_person(p: &Person) -> DemoTarget {
        let keys = name_keys(&p.name);
        DemoTarget {
            name: p.name.clone(),
            full: keys.full.first().cloned().unwrap_or_default(),
            initials: keys.initials.first().cloned().unwrap_or_default(),
            id_number: p.id_number.clone(),
            phone: p.phone.chars().filter(char::is_ascii_digit).collect(),
        }
    }
}

/// Builds an index of `count` demo people (see [`crate::demo::generate`]), computing keys the
/// way the store does, and keeps about `samples` of them, evenly spread, as query targets.
/// Rows get ids 1..=count and no contacts.
pub fn demo_index(count: usize, seed: u64, samples: usize) -> (Index, Vec<DemoTarget>) {
    let every = (count / samples.max(1)).max(1);
    let mut builder = IndexBuilder::with_capacity(count);
    let mut targets = Vec::with_capacity(samples);
    for (i, p) in crate::demo::generate(count, seed).enumerate() {
        let keys = name_keys(&p.name);
        let (full, initials) = (keys.full.join(" "), keys.initials.join(" "));
        let phone: String = p.phone.chars().filter(char::is_ascii_digit).collect();
        builder.push(&IndexRow {
            id: i as i64 + 1,
            name: &p.name,
            py_full: &full,
            py_initials: &initials,
            id_number: &p.id_number,
            phone_digits: &phone,
            last_contact: 0,
        });
        if i % every == 0 && targets.len() < samples {
            targets.push(DemoTarget::from_person(&p));
        }
    }
    (builder.build(), targets)
}

/// `n` queries an officer would type to find people of `sample`: initials (30 %), full
/// pinyin (15 %), the name in characters (20 %), an ID tail of 4 to 6 characters typed with
/// a lower-case `x` (15 %), a phone tail of 4 digits or 8 digits with a dash (15 %), and
/// pinyin with a typo (two letters swapped, or one left out; 5 %). Reproducible from `seed`.
pub fn realistic_queries(sample: &[DemoTarget], n: usize, seed: u64) -> Vec<String> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = Vec::with_capacity(n);
    if sample.is_empty() {
        return out;
    }
    while out.len() < n {
        let t = &sample[rng.random_range(0..sample.len())];
        let roll = rng.random_range(0..100);
        let q = match roll {
            0..30 => t.initials.clone(),
            30..45 => t.full.clone(),
            45..65 => t.name.clone(),
            65..80 => {
                let len = rng.random_range(4..=6).min(t.id_number.len());
                t.id_number[t.id_number.len() - len..].to_ascii_lowercase()
            }
            80..95 if t.phone.len() >= 8 => {
                let tail = &t.phone[t.phone.len() - 8..];
                if rng.random_bool(0.3) {
                    format!("{}-{}", &tail[..4], &tail[4..])
                } else {
                    tail[4..].to_string()
                }
            }
            80..95 => t.initials.clone(),
            _ => typo(&t.full, &mut rng),
        };
        if !q.is_empty() {
            out.push(q);
        }
    }
    out
}

/// Two neighbouring letters swapped, or one letter left out (both ASCII: pinyin).
fn typo(full: &str, rng: &mut ChaCha8Rng) -> String {
    let mut b = full.as_bytes().to_vec();
    if b.len() < 3 {
        return full.to_string();
    }
    let i = rng.random_range(1..b.len() - 1);
    if rng.random_bool(0.5) {
        b.swap(i, i + 1);
    } else {
        b.remove(i);
    }
    String::from_utf8(b).unwrap_or_else(|_| full.to_string())
}

/// Per-keystroke latency of a replay.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct BenchStats {
    pub queries: usize,
    pub keystrokes: usize,
    pub p50_us: f64,
    pub p99_us: f64,
    pub max_us: f64,
    pub mean_us: f64,
}

/// Replays every query one character at a time through one [`Searcher`], as the lookup
/// screen does (a page of [`PAGE`] results per keystroke; the box is cleared between
/// queries), and times each keystroke.
pub fn run_bench(index: &Index, queries: &[String]) -> BenchStats {
    replay(queries, |s, q| s.search(index, q, PAGE))
}

/// Like [`run_bench`], on an index that has followed changes.
pub fn run_bench_live(index: &LiveIndex, queries: &[String]) -> BenchStats {
    replay(queries, |s, q| {
        s.search_live(index, q, PAGE, &Ticket::never_stale())
            .unwrap_or_default()
    })
}

/// Each of `people` in turn changed (just visited: their contact moves to `now`, a
/// second later each), and the time each update of the index took.
pub fn time_updates(index: &mut LiveIndex, people: Vec<PersonKeys>, now: i64) -> BenchStats {
    let mut times = Vec::with_capacity(people.len());
    for (k, mut person) in people.into_iter().enumerate() {
        person.last_contact = now + k as i64;
        let started = Instant::now();
        index.apply(&[person.id], vec![person]);
        times.push(started.elapsed().as_secs_f64() * 1e6);
    }
    stats(times.len(), times)
}

fn replay(
    queries: &[String],
    mut search: impl FnMut(&mut Searcher, &str) -> Vec<Hit>,
) -> BenchStats {
    let mut searcher = Searcher::new();
    let mut times: Vec<f64> = Vec::new();
    for q in queries {
        for (end, c) in q.char_indices() {
            let prefix = &q[..end + c.len_utf8()];
            let started = Instant::now();
            let hits = search(&mut searcher, prefix);
            times.push(started.elapsed().as_secs_f64() * 1e6);
            std::hint::black_box(hits);
        }
    }
    stats(queries.len(), times)
}

fn stats(queries: usize, mut times: Vec<f64>) -> BenchStats {
    if times.is_empty() {
        return BenchStats {
            queries,
            ..BenchStats::default()
        };
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    BenchStats {
        queries,
        keystrokes: times.len(),
        p50_us: at(0.50),
        p99_us: at(0.99),
        max_us: times[times.len() - 1],
        mean_us: times.iter().sum::<f64>() / times.len() as f64,
    }
}

/// Resident memory of this process in MB (`VmRSS`), or 0 where `/proc` does not exist.
pub fn rss_mb() -> f64 {
    proc_status_kb("VmRSS:") / 1024.0
}

/// Peak resident memory of this process in MB (`VmHWM`), or 0 where `/proc` does not exist.
pub fn peak_rss_mb() -> f64 {
    proc_status_kb("VmHWM:") / 1024.0
}

fn proc_status_kb(field: &str) -> f64 {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return 0.0;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kb| kb.parse::<f64>().ok())
        .unwrap_or(0.0)
}
