//! A live index, changed person by person, answers every lookup exactly as an index
//! built afresh from the same people does.
use super::*;
use crate::search::keys::name_keys;
use crate::search::{Searcher, Ticket};
use proptest::prelude::*;
use std::collections::BTreeMap;

const NAMES: &[&str] = &[
    "张三",
    "张山",
    "张三丰",
    "李四",
    "王𠮷",
    "张国丽",
    "阿依古丽·买买提",
    "吕布",
    "单雄信",
    "上官婉儿",
    "长孙无忌",
    "曾国藩",
    "张",
    "李思思",
    "王五",
];

fn person(id: i64, name: usize, digits: u32, contact: i64) -> PersonKeys {
    let name = NAMES[name % NAMES.len()].to_string();
    let keys = name_keys(&name);
    PersonKeys {
        id,
        py_full: keys.full.join(" "),
        py_initials: keys.initials.join(" "),
        name,
        // Few distinct numbers, so that tails and prefixes are shared.
        id_number: format!("11010119{:02}0101{:03}X", digits % 7, digits % 13),
        phone_digits: if digits.is_multiple_of(5) {
            String::new()
        } else {
            format!("1380013{:04}", digits % 11)
        },
        last_contact: [0, 0, 100, 200, 200, -5][(digits % 6) as usize] + contact,
    }
}

fn build(people: &BTreeMap<i64, PersonKeys>) -> Index {
    let mut b = IndexBuilder::new();
    // Pushed in no particular order, as rows come from the store.
    for p in people.values().rev() {
        b.push(&p.as_row());
    }
    b.build()
}

const QUERIES: &[&str] = &[
    "zs",
    "zhang",
    "zhangsan",
    "z",
    "s",
    "san",
    "sf",
    "guoli",
    "gl",
    "mmt",
    "maimaiti",
    "lv",
    "lu",
    "shan",
    "zgs",
    "zhagn",
    "zsan",
    "l",
    "w",
    "wang",
    "张",
    "张三",
    "三",
    "买买提",
    "古",
    "0101",
    "1380013",
    "013X",
    "0013",
    "11010119",
    "x",
    "syq",
    "sgwe",
    "changsun",
    "zeng",
];

/// An edit: (0 insert, 1 change, 2 delete), which person, and their new fields.
type Edit = (u8, usize, usize, u32, i64);

fn edits() -> impl Strategy<Value = Vec<Vec<Edit>>> {
    let edit = (0u8..3, 0usize..64, 0usize..32, 0u32..1000, 0i64..3);
    prop::collection::vec(prop::collection::vec(edit, 1..6), 1..5)
}

fn check(live: &LiveIndex, fresh: &Index, searcher: &mut Searcher) {
    assert_eq!(live.len(), fresh.len());
    for q in QUERIES {
        for limit in [1, 3, 50] {
            let got = searcher.search_live(live, q, limit, &Ticket::never_stale());
            let want = Searcher::new().search(fresh, q, limit);
            assert_eq!(got, Some(want), "query {q:?}, limit {limit}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn updated_in_place_answers_as_built_afresh(
        start in prop::collection::vec((0usize..32, 0u32..1000), 0..40),
        batches in edits(),
    ) {
        let mut people: BTreeMap<i64, PersonKeys> = start
            .iter()
            .enumerate()
            .map(|(i, &(name, digits))| (i as i64 + 1, person(i as i64 + 1, name, digits, 0)))
            .collect();
        let mut live = LiveIndex::from(build(&people));
        let mut searcher = Searcher::new();
        let mut next_id = 1000;
        for batch in batches {
            let mut ids = Vec::new();
            for (op, who, name, digits, contact) in batch {
                let existing: Vec<i64> = people.keys().copied().collect();
                let id = match (op, existing.get(who % existing.len().max(1))) {
                    (1 | 2, Some(&id)) => id,
                    _ => {
                        next_id += 1;
                        next_id
                    }
                };
                if op == 2 {
                    people.remove(&id);
                } else {
                    people.insert(id, person(id, name, digits, contact));
                }
                ids.push(id);
            }
            let rows = ids.iter().filter_map(|id| people.get(id).cloned()).collect();
            live.apply(&ids, rows);
            check(&live, &build(&people), &mut searcher);
        }
    }
}

#[test]
fn a_walk_in_moves_its_visitor_ahead_of_namesakes() {
    let mut people: BTreeMap<i64, PersonKeys> =
        (1..=5).map(|id| (id, person(id, 0, 7, 0))).collect();
    let mut live = LiveIndex::from(build(&people));
    let mut first = Searcher::new();
    let before = first.search_live(&live, "zs", 5, &Ticket::never_stale());
    assert_eq!(before.map(|h| h[0].id), Some(1));
    let mut visited = person(4, 0, 7, 0);
    visited.last_contact = 1_800_000_000;
    people.insert(4, visited.clone());
    live.apply(&[4], vec![visited]);
    let hits = first.search_live(&live, "zs", 5, &Ticket::never_stale());
    let ids: Vec<i64> = hits.unwrap_or_default().iter().map(|h| h.id).collect();
    assert_eq!(ids, vec![4, 1, 2, 3, 5]);
    check(&live, &build(&people), &mut first);
}

#[test]
fn a_deleted_person_is_found_no_more() {
    let people: BTreeMap<i64, PersonKeys> = (1..=3)
        .map(|id| (id, person(id, id as usize, 7, 0)))
        .collect();
    let mut live = LiveIndex::from(build(&people));
    live.apply(&[1], Vec::new());
    assert_eq!(live.len(), 2);
    let hits = Searcher::new().search_live(&live, "张山", 5, &Ticket::never_stale());
    assert_eq!(hits, Some(Vec::new()));
}

/// A row is found by its id whether the ids are dense (a table), spread far apart (sorted
/// offsets) or beyond 32 bits of each other (whole ids); an id not there is not found.
#[test]
fn rows_are_found_by_id_however_the_ids_lie() {
    use super::RowFinder;
    use crate::search::index::RowIds;
    for ids in [
        vec![3_i64, 1, 2, 7],
        vec![5, 1_000_000, 3, 42],
        vec![-4, i64::MAX - 1, 9, i64::MIN + 2],
    ] {
        let rows = RowIds::new(ids.iter().copied());
        let finder = RowFinder::new(&rows);
        for (row, &id) in ids.iter().enumerate() {
            assert_eq!(finder.find(&rows, id), Some(row as u32), "{ids:?}");
        }
        for missing in [0, 4, 6, 999_999, i64::MAX, i64::MIN] {
            assert_eq!(finder.find(&rows, missing), None, "{ids:?} {missing}");
        }
    }
}
