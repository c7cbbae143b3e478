#![allow(clippy::unwrap_used)]
//! The index as the store loads it finds exactly what a plain scan of every person finds,
//! ranked the same way: the reference below reads the stored rows one by one and applies
//! the ranking rules directly, with none of the index's arrays, interning or sorting.
use crate::common;
use chrono::NaiveDate;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use pinyin::ToPinyinMulti;
use stationdesk::domain::text::fold_width;
use stationdesk::search::bench::{DemoTarget, realistic_queries};
use stationdesk::search::{MatchKind, Searcher};
use std::collections::HashSet;

/// One person as the reference keeps them, normalised the way lookups compare.
struct Row {
    id: i64,
    name: String,
    full: Vec<String>,
    initials: Vec<String>,
    id_number: String,
    phone: String,
    last_contact: i64,
}

enum Query {
    Digits(String),
    Keys(String),
    Name(String),
}

fn is_filler(c: char) -> bool {
    c.is_whitespace() || matches!(c, '·' | '•' | '・' | '‧' | '.' | '。')
}

fn parse(text: &str) -> Option<Query> {
    let cleaned: String = fold_width(text)
        .chars()
        .filter(|c| !is_filler(*c))
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let digits: String = cleaned
        .chars()
        .filter(|c| !matches!(c, '-' | '(' | ')' | '+' | '_' | '/'))
        .collect();
    let body = digits.strip_suffix(['x', 'X']).filter(|b| !b.is_empty());
    let body = body.unwrap_or(&digits);
    if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Query::Digits(digits.to_ascii_uppercase()));
    }
    if cleaned.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Some(Query::Keys(cleaned.to_ascii_lowercase()));
    }
    Some(Query::Name(cleaned))
}

/// Every toneless syllable with a vowel.
fn syllables() -> HashSet<String> {
    let ranges = [0x3400u32..=0x9FFF, 0x2_0000..=0x2_EBEF];
    let chars = ranges.into_iter().flatten().filter_map(char::from_u32);
    let readings = chars.flat_map(|c| c.to_pinyin_multi().into_iter().flatten());
    readings
        .map(|p| p.plain().to_string())
        .filter(|s| s.contains(['a', 'e', 'i', 'o', 'u', 'ü', 'ê']))
        .collect()
}

/// Whether `q` cuts `key` between two syllables: `q` reads as whole syllables and a
/// syllable starts right after it.
fn on_a_break(syllables: &HashSet<String>, q: &str, key: &str) -> bool {
    let is = |s: &[u8]| std::str::from_utf8(s).is_ok_and(|s| syllables.contains(s));
    let q = q.as_bytes();
    let mut reached = vec![false; q.len() + 1];
    reached[0] = true;
    for i in 0..q.len() {
        for j in i + 1..=q.len().min(i + 6) {
            reached[j] |= reached[i] && is(&q[i..j]);
        }
    }
    let rest = &key.as_bytes()[q.len()..];
    reached[q.len()] && (1..=rest.len().min(6)).any(|l| is(&rest[..l]))
}

/// What the index is expected to return for `query`: (id, kind), best first.
fn reference(
    rows: &[Row],
    syllables: &HashSet<String>,
    query: &str,
    limit: usize,
) -> Vec<(i64, MatchKind)> {
    use MatchKind::*;
    let Some(query) = parse(query) else {
        return Vec::new();
    };
    // (kind, better part of the kind first, row number)
    let mut found: Vec<(MatchKind, i64, usize)> = Vec::new();
    let mut candidates = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let kind = match &query {
            Query::Digits(d) => {
                let long = d.len() >= 4;
                let (id, phone) = (&row.id_number, &row.phone);
                [
                    (ExactId, id == d),
                    (ExactPhone, phone == d),
                    (IdTail, long && id.ends_with(d.as_str())),
                    (PhoneTail, long && phone.ends_with(d.as_str())),
                    (IdPrefix, long && id.starts_with(d.as_str())),
                    (PhonePrefix, long && phone.starts_with(d.as_str())),
                ]
                .into_iter()
                .find(|(_, hit)| *hit)
                .map(|(kind, _)| (kind, 0))
            }
            Query::Keys(k) => {
                let any = |keys: &[String], f: &dyn Fn(&String) -> bool| keys.iter().any(f);
                let k = k.as_str();
                if any(&row.initials, &|x| x == k) {
                    Some((ExactInitials, 0))
                } else if any(&row.full, &|x| x == k) {
                    Some((ExactPinyin, 0))
                } else if any(&row.initials, &|x| x.starts_with(k)) {
                    Some((InitialsPrefix, 0))
                } else if any(&row.full, &|x| x.starts_with(k)) {
                    let on_break = |x: &String| x.starts_with(k) && on_a_break(syllables, k, x);
                    Some((PinyinPrefix, i64::from(any(&row.full, &on_break))))
                } else {
                    let first = k.as_bytes()[0];
                    let keys = row.full.iter().chain(&row.initials);
                    let fits = |x: &&String| {
                        let mut rest = k.bytes().skip(1).peekable();
                        for b in x.bytes().skip(1) {
                            if rest.peek() == Some(&b) {
                                rest.next();
                            }
                        }
                        x.as_bytes().first() == Some(&first) && rest.peek().is_none()
                    };
                    if keys.clone().any(|x| fits(&x)) {
                        candidates.push(r);
                    }
                    None
                }
            }
            Query::Name(n) => {
                let n = n.as_str();
                if row.name == n {
                    Some((ExactName, 0))
                } else if row.name.starts_with(n) {
                    Some((NamePrefix, 0))
                } else if !n.is_ascii() && row.name.contains(n) {
                    Some((NameSubstring, 0))
                } else {
                    None
                }
            }
        };
        if let Some((kind, part)) = kind {
            found.push((kind, part, r));
        }
    }
    found.sort_by_key(|&(kind, part, r)| (kind, -part, r));
    found.truncate(limit);
    if found.len() < limit
        && let Query::Keys(k) = &query
    {
        // Only the first few hundred candidates are scored, in row order.
        let matcher = SkimMatcherV2::default();
        let mut scored: Vec<(i64, usize)> = candidates
            .into_iter()
            .take(400)
            .filter_map(|r| {
                let keys = rows[r].full.iter().chain(&rows[r].initials);
                let best = keys.filter_map(|x| matcher.fuzzy_match(x, k)).max();
                best.map(|s| (s, r))
            })
            .collect();
        scored.sort_by_key(|&(s, r)| (-s, r));
        let room = limit - found.len();
        found.extend(scored.into_iter().take(room).map(|(s, r)| (Fuzzy, s, r)));
    }
    found
        .into_iter()
        .map(|(kind, _, r)| (rows[r].id, kind))
        .collect()
}

fn at(day: u32, hour: u32) -> chrono::NaiveDateTime {
    let date = NaiveDate::from_ymd_opt(2024, 5, day).unwrap();
    date.and_hms_opt(hour, 0, 0).unwrap()
}

#[test]
fn the_loaded_index_finds_what_a_plain_scan_finds() {
    let clock = common::clock_at(at(1, 9));
    let mut store = common::store(None, clock.clone());
    let people: Vec<_> = stationdesk::demo::generate(3_000, 5).collect();
    store.upsert_people(&people, "demo").unwrap();
    // Some people were in touch, at different times; ties on contact go by name.
    for (n, id) in (1..=3_000).step_by(37).enumerate() {
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
            rows.push(Row {
                id: r.id,
                name: r.name.chars().filter(|c| !is_filler(*c)).collect(),
                full: keys(r.py_full),
                initials: keys(r.py_initials),
                id_number: r.id_number.to_ascii_uppercase(),
                phone: r.phone_digits.to_string(),
                last_contact: r.last_contact,
            })
        })
        .unwrap();
    rows.sort_by(|a, b| (b.last_contact, &a.name, a.id).cmp(&(a.last_contact, &b.name, b.id)));
    let syllables = syllables();

    let index = store.load_index().unwrap();
    assert_eq!(index.len(), rows.len());
    let sample: Vec<DemoTarget> = people
        .iter()
        .step_by(10)
        .map(DemoTarget::from_person)
        .collect();
    let mut queries = realistic_queries(&sample, 250, 9);
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
        ]
        .map(String::from),
    );
    let mut searcher = Searcher::new();
    for q in &queries {
        for (end, c) in q.char_indices() {
            let typed = &q[..end + c.len_utf8()];
            let hits = searcher.search(&index, typed, 30);
            let got: Vec<(i64, MatchKind)> = hits.iter().map(|h| (h.id, h.kind)).collect();
            assert_eq!(
                got,
                reference(&rows, &syllables, typed, 30),
                "query {typed:?}"
            );
            assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        }
    }
}
