#![allow(clippy::unwrap_used)]
//! The index as the store loads it finds exactly what a plain scan of every person finds,
//! ranked the same way: the reference (`search_reference/model.rs`) reads the stored rows
//! one by one and applies the ranking rules directly, with none of the index's arrays,
//! interning or sorting.
#[path = "search_reference/model.rs"]
mod model;

use chrono::NaiveDate;
use model::{Row, full_parts, initials_parts, is_filler, reference, syllables};
use proptest::prelude::*;
use stationdesk::clock::FixedClock;
use stationdesk::search::bench::{DemoTarget, realistic_queries};
use stationdesk::search::keys::name_keys;
use stationdesk::search::{Index, MatchKind, Searcher};
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

fn at(day: u32, hour: u32) -> chrono::NaiveDateTime {
    let date = NaiveDate::from_ymd_opt(2024, 5, day).unwrap();
    date.and_hms_opt(hour, 0, 0).unwrap()
}

/// Names that are looked up by a part, or by ü typed otherwise.
const HARD_NAMES: [&str; 12] = [
    "张国丽",
    "阿依古丽·买买提",
    "买买提·热合曼",
    "吕布",
    "吕向宝",
    "李女",
    "王略",
    "王西安",
    "张先",
    "尉迟国丽",
    "欧阳女士",
    "居玉",
];

/// A store of `count` demo people, the first of them renamed to [`HARD_NAMES`], some of
/// them in touch at different times; the index it loads and the reference's rows, in
/// ranking tie order (most recent contact, then name, then id).
fn load(count: usize, seed: u64, syllables: &HashSet<String>) -> (Index, Vec<Row>, Vec<String>) {
    let clock = Arc::new(FixedClock::new(at(1, 9)));
    let mut store = crate::common::store(None, clock.clone());
    let mut people: Vec<_> = stationdesk::demo::generate(count, seed).collect();
    for (p, name) in people.iter_mut().zip(HARD_NAMES) {
        p.name = name.to_string();
    }
    store.upsert_people(&people, "demo").unwrap();
    // Ties on contact go by name.
    for (n, id) in (1..=count as i64).step_by(37).enumerate() {
        clock.set(at(1 + (n % 20) as u32, 8 + (n % 9) as u32));
        store.touch_contact(id).unwrap();
    }
    let mut rows = Vec::new();
    store
        .scan_index_rows(|r| {
            let keys = |s: &str| {
                let mut out: Vec<String> = Vec::new();
                for k in s.split_ascii_whitespace().map(str::to_ascii_lowercase) {
                    if !out.contains(&k) {
                        out.push(k);
                    }
                }
                out
            };
            let (full, initials) = (keys(r.py_full), keys(r.py_initials));
            let parts = |keys: &[String], of: &dyn Fn(&str) -> Vec<&str>| {
                keys.iter().flat_map(|k| of(k)).map(String::from).collect()
            };
            rows.push(Row {
                id: r.id,
                name: r.name.chars().filter(|c| !is_filler(*c)).collect(),
                full_parts: parts(&full, &|k| full_parts(syllables, k)),
                initials_parts: parts(&initials, &|k| initials_parts(k)),
                full,
                initials,
                id_number: r.id_number.to_ascii_uppercase(),
                phone: r.phone_digits.to_string(),
                last_contact: r.last_contact,
            })
        })
        .unwrap();
    rows.sort_by(|a, b| (b.last_contact, &a.name, a.id).cmp(&(a.last_contact, &b.name, b.id)));
    let index = store.load_index().unwrap();
    assert_eq!(index.len(), rows.len());
    (index, rows, people.iter().map(|p| p.name.clone()).collect())
}

/// Types each query one character at a time through one searcher, as the lookup screen
/// does, and compares every keystroke's page with the reference.
fn check(index: &Index, rows: &[Row], syllables: &HashSet<String>, queries: &[String]) {
    let mut searcher = Searcher::new();
    for q in queries {
        for (end, c) in q.char_indices() {
            let typed = &q[..end + c.len_utf8()];
            let hits = searcher.search(index, typed, 30);
            let got: Vec<(i64, MatchKind)> = hits.iter().map(|h| (h.id, h.kind)).collect();
            assert_eq!(
                got,
                reference(rows, syllables, typed, 30),
                "query {typed:?}"
            );
            assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        }
    }
}

#[test]
fn the_loaded_index_finds_what_a_plain_scan_finds() {
    let syllables = syllables();
    let (index, rows, names) = load(3_000, 5, &syllables);
    let sample: Vec<DemoTarget> = stationdesk::demo::generate(3_000, 5)
        .zip(&names)
        .step_by(10)
        .map(|(mut p, name)| {
            p.name = name.clone();
            DemoTarget::from_person(&p)
        })
        .collect();
    let mut queries = realistic_queries(&sample, 250, 9);
    // A part of the name: the given name, or what follows a `·`, in pinyin or initials.
    for name in names.iter().step_by(23) {
        let part: String = match name.split_once('·') {
            Some((_, second)) => second.to_string(),
            None => name.chars().skip(1).collect(),
        };
        let keys = name_keys(&part);
        queries.extend(keys.full.first().cloned());
        queries.extend(keys.initials.first().cloned());
    }
    queries.extend(
        [
            "shan",
            "zeng",
            "xian",
            "li",
            "ma",
            "a",
            "zgxm",
            "上官",
            "单",
            "买买提",
            "1380",
            "0000",
            "guoli",
            "gl",
            "mmt",
            "maimaiti",
            "reheman",
            "lu",
            "lyu",
            "lü",
            "Lü",
            "lv",
            "nue",
            "nv",
            "nyu",
            "lue",
            "xi'an",
            "xi an",
            "xv",
            "juyu",
            "guol",
        ]
        .map(String::from),
    );
    check(&index, &rows, &syllables, &queries);
}

/// Syllables, initials, the letters that spell ü, separators and a typo's stray letter.
const PIECES: [&str; 24] = [
    "zhang", "guo", "li", "mai", "ti", "xi", "an", "lv", "lu", "lyu", "nv", "nyu", "e", "ju", "xv",
    "wang", "'", " ", "g", "l", "m", "t", "z", "q",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Queries put together from pieces of pinyin find what the reference finds.
    #[test]
    fn pieced_queries_find_what_a_plain_scan_finds(
        pieces in prop::collection::vec(prop::sample::select(&PIECES[..]), 1..5)
    ) {
        static LOADED: OnceLock<(HashSet<String>, Index, Vec<Row>)> = OnceLock::new();
        let (syllables, index, rows) = LOADED.get_or_init(|| {
            let syllables = syllables();
            let (index, rows, _) = load(600, 8, &syllables);
            (syllables, index, rows)
        });
        check(index, rows, syllables, &[pieces.concat()]);
    }
}
