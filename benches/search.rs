//! Lookup benchmarks at 100,000 demo people: keystroke replay of realistic queries, and
//! index build. `cargo bench --bench search`.
use criterion::{Criterion, criterion_group, criterion_main};
use stationdesk::search::bench::{PAGE, demo_index, realistic_queries};
use stationdesk::search::keys::name_keys;
use stationdesk::search::{IndexBuilder, IndexRow, Searcher};
use std::hint::black_box;

const PEOPLE: usize = 100_000;
const SEED: u64 = 1;

/// Replays 200 queries keystroke by keystroke through one searcher, as the lookup screen does.
fn keystrokes(c: &mut Criterion) {
    let (index, targets) = demo_index(PEOPLE, SEED, 2_000);
    let queries = realistic_queries(&targets, 200, 7);
    let keystrokes: usize = queries.iter().map(|q| q.chars().count()).sum();
    let mut group = c.benchmark_group("search_100k");
    group.throughput(criterion::Throughput::Elements(keystrokes as u64));
    group.bench_function("replay_200_queries", |b| {
        b.iter(|| {
            let mut searcher = Searcher::new();
            for q in &queries {
                for (end, ch) in q.char_indices() {
                    black_box(searcher.search(&index, &q[..end + ch.len_utf8()], PAGE));
                }
            }
        })
    });
    group.finish();
}

/// Builds the index from rows whose keys are already computed, as loading from the store does.
fn build(c: &mut Criterion) {
    let rows: Vec<(i64, String, String, String, String, String)> =
        stationdesk::demo::generate(PEOPLE, SEED)
            .enumerate()
            .map(|(i, p)| {
                let keys = name_keys(&p.name);
                (
                    i as i64 + 1,
                    keys.full.join(" "),
                    keys.initials.join(" "),
                    p.name,
                    p.id_number,
                    p.phone,
                )
            })
            .collect();
    let mut group = c.benchmark_group("index_100k");
    group.sample_size(10);
    group.bench_function("build", |b| {
        b.iter(|| {
            let mut builder = IndexBuilder::with_capacity(rows.len());
            for (id, full, initials, name, id_number, phone) in &rows {
                builder.push(&IndexRow {
                    id: *id,
                    name,
                    py_full: full,
                    py_initials: initials,
                    id_number,
                    phone_digits: phone,
                    last_contact: 0,
                });
            }
            black_box(builder.build())
        })
    });
    group.finish();
}

criterion_group!(benches, keystrokes, build);
criterion_main!(benches);
