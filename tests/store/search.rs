//! The lookup engine: what is found and in which order (timing lives in the benchmarks).
use stationdesk::demo;
use stationdesk::domain::id_number::{Gender, IdNumber};
use stationdesk::search::bench::{demo_index, realistic_queries};
use stationdesk::search::keys::name_keys;
use stationdesk::search::{
    Generation, Hit, Index, IndexBuilder, IndexRow, MatchKind, Searcher, Ticket,
};
use std::collections::HashSet;

/// (id, name, ID number, phone digits, last contact)
type Person<'a> = (i64, &'a str, &'a str, &'a str, i64);

fn index_of(people: &[Person<'_>]) -> Index {
    let mut b = IndexBuilder::new();
    for &(id, name, id_number, phone, last_contact) in people {
        let keys = name_keys(name);
        let (full, initials) = (keys.full.join(" "), keys.initials.join(" "));
        b.push(&IndexRow {
            id,
            name,
            py_full: &full,
            py_initials: &initials,
            id_number,
            phone_digits: phone,
            last_contact,
        });
    }
    b.build()
}

fn ids(hits: &[Hit]) -> Vec<i64> {
    hits.iter().map(|h| h.id).collect()
}

fn sample() -> Index {
    index_of(&[
        (1, "张三", "450127198001010011", "13800001234", 100),
        (2, "张三丰", "450127197002020032", "13912345678", 200),
        (3, "单雄信", "45012719600303002X", "13700005555", 0),
        (4, "曾国藩", "450127195004040013", "", 0),
        (5, "阿依古丽·买买提", "650102199005050026", "15000007777", 0),
        (6, "尉迟恭", "450127194506060017", "", 0),
        (7, "李四", "450127198507070018", "13800004321", 50),
        (8, "王乐", "450127199108080019", "", 0),
    ])
}

#[test]
fn polyphonic_surnames_are_found_by_their_surname_reading() {
    let index = sample();
    let first = |q: &str| index.search(q, 10).first().map(|h| (h.id, h.kind));
    assert_eq!(first("shan"), Some((3, MatchKind::PinyinPrefix)));
    assert_eq!(first("zeng"), Some((4, MatchKind::PinyinPrefix)));
    assert_eq!(first("sxx"), Some((3, MatchKind::ExactInitials)));
    assert_eq!(first("zgf"), Some((4, MatchKind::ExactInitials)));
}

#[test]
fn a_prefix_of_whole_syllables_ranks_before_one_inside_a_syllable() {
    // 上官 (shang|guan) were in touch more recently, which would otherwise put them first.
    let index = index_of(&[
        (1, "上官云", "", "", 900),
        (2, "上官山", "", "", 800),
        (3, "单雄信", "", "", 0),
        (4, "单田芳", "", "", 0),
        (5, "尚可", "", "", 950),
    ]);
    let hits = index.search("shan", 10);
    // 单 by name (田 before 雄), then the rest by recency.
    assert_eq!(ids(&hits), vec![4, 3, 5, 1, 2]);
    assert!(hits.iter().all(|h| h.kind == MatchKind::PinyinPrefix));
    assert!(hits[1].score > hits[2].score);
    // Typed on to the whole surname, 上官 match on a syllable break too.
    assert_eq!(ids(&index.search("shangguan", 10)), vec![1, 2]);
    assert_eq!(ids(&index.search("shang", 10))[..3], [5, 1, 2]);
}

#[test]
fn zeng_finds_zeng_before_zheng() {
    let index = index_of(&[
        (1, "郑国", "", "", 500),
        (2, "曾国藩", "", "", 0),
        (3, "曾子", "", "", 0),
    ]);
    let hits = index.search("zeng", 10);
    assert_eq!(ids(&hits)[..2], [2, 3]);
    assert_eq!(hits[0].kind, MatchKind::PinyinPrefix);
    // 郑 (zheng) holds z-e-n-g only with a gap: a fuzzy match, last.
    assert_eq!(
        hits.last().map(|h| (h.id, h.kind)),
        Some((1, MatchKind::Fuzzy))
    );
}

#[test]
fn compound_surnames_are_found() {
    let index = sample();
    let first = |q: &str| index.search(q, 10).first().map(|h| (h.id, h.kind));
    assert_eq!(first("yuchi"), Some((6, MatchKind::PinyinPrefix)));
    assert_eq!(first("ycg"), Some((6, MatchKind::ExactInitials)));
    assert_eq!(ids(&index.search("尉迟", 10)), vec![6]);
}

#[test]
fn given_names_match_every_reading() {
    let index = sample();
    assert_eq!(ids(&index.search("wangyue", 10)), vec![8]);
    assert_eq!(ids(&index.search("wangle", 10)), vec![8]);
}

#[test]
fn minority_names_match_with_or_without_the_dot() {
    let index = sample();
    for q in [
        "阿依古丽·买买提",
        "阿依古丽买买提",
        "阿依古丽",
        "买买提",
        "ayglmmt",
        "ayiguli",
    ] {
        assert_eq!(ids(&index.search(q, 10)), vec![5], "query {q}");
    }
    assert_eq!(
        index.search("阿依古丽·买买提", 10)[0].kind,
        MatchKind::ExactName
    );
    assert_eq!(index.search("买买提", 10)[0].kind, MatchKind::NameSubstring);
}

#[test]
fn id_tails_ending_in_x_accept_a_lower_case_x() {
    let index = sample();
    for q in [
        "002x",
        "002X",
        "03002x",
        "４５０１２７１９６００３０３００２ｘ",
    ] {
        assert_eq!(ids(&index.search(q, 10)).first(), Some(&3), "query {q}");
    }
    assert_eq!(
        index.search("45012719600303002x", 10)[0].kind,
        MatchKind::ExactId
    );
    assert_eq!(index.search("3002x", 10)[0].kind, MatchKind::IdTail);
}

#[test]
fn phones_are_found_whole_or_by_tail_whatever_the_separators() {
    let index = sample();
    for q in [
        "138-0000-1234",
        "138 0000 1234",
        "(138)00001234",
        "13800001234",
    ] {
        let hits = index.search(q, 10);
        assert_eq!(hits[0].id, 1, "query {q}");
        assert_eq!(hits[0].kind, MatchKind::ExactPhone);
    }
    let hits = index.search("0000-1234", 10);
    assert_eq!(ids(&hits), vec![1]);
    assert_eq!(hits[0].kind, MatchKind::PhoneTail);
    // Too short to be a tail: nothing rather than noise.
    assert!(index.search("234", 10).is_empty());
}

#[test]
fn exact_id_beats_everything() {
    // Person 2's phone ends with the last digits of person 1's ID; person 1 is a worse
    // tie (older contact) but an exact ID match.
    let index = index_of(&[
        (1, "甲", "450127198001010011", "", 0),
        (2, "乙", "450127198001010012", "13801010011", 999),
        (3, "丙", "110105198001010011", "", 999),
    ]);
    let hits = index.search("450127198001010011", 10);
    assert_eq!(hits[0].id, 1);
    assert_eq!(hits[0].kind, MatchKind::ExactId);
    let hits = index.search("01010011", 10);
    assert_eq!(
        hits.iter().map(|h| h.kind).collect::<Vec<_>>(),
        vec![MatchKind::IdTail, MatchKind::IdTail, MatchKind::PhoneTail]
    );
    assert_eq!(ids(&hits), vec![3, 1, 2]);
}

#[test]
fn ranking_puts_exact_before_prefix_and_recent_before_old() {
    let index = sample();
    let hits = index.search("zs", 10);
    // 张三 has exact initials, 张三丰 only their prefix, despite a more recent contact.
    assert_eq!(ids(&hits)[..2], [1, 2]);
    assert_eq!(hits[0].kind, MatchKind::ExactInitials);
    assert_eq!(hits[1].kind, MatchKind::InitialsPrefix);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    let hits = index.search("张三", 10);
    assert_eq!(ids(&hits), vec![1, 2]);
    assert_eq!(
        (hits[0].kind, hits[1].kind),
        (MatchKind::ExactName, MatchKind::NamePrefix)
    );

    let twins = index_of(&[
        (1, "张三", "", "", 10),
        (2, "张三", "", "", 30),
        (3, "张三", "", "", 20),
    ]);
    assert_eq!(ids(&twins.search("张三", 10)), vec![2, 3, 1]);
    assert_eq!(ids(&twins.search("zhangsan", 2)), vec![2, 3]);
}

#[test]
fn typos_are_found_by_the_fuzzy_stage() {
    let index = sample();
    let hits = index.search("zhngsanfeng", 10);
    assert_eq!(
        hits.first().map(|h| (h.id, h.kind)),
        Some((2, MatchKind::Fuzzy))
    );
}

#[test]
fn no_match_and_empty_cases() {
    let index = sample();
    assert!(index.search("qqqqqq", 10).is_empty());
    assert!(index.search("鑫鑫", 10).is_empty());
    assert!(index.search("", 10).is_empty());
    assert!(index.search("zs", 0).is_empty());
    let empty = IndexBuilder::new().build();
    assert!(empty.is_empty());
    assert_eq!(empty.len(), 0);
    for q in ["zs", "1234", "张", "450127198001010011"] {
        assert!(empty.search(q, 10).is_empty());
    }
}

#[test]
fn extending_a_query_gives_the_same_results_as_a_fresh_query() {
    let (index, targets) = demo_index(20_000, 11, 400);
    let queries = realistic_queries(&targets, 300, 5);
    let mut searcher = Searcher::new();
    for q in &queries {
        for (end, c) in q.char_indices() {
            let prefix = &q[..end + c.len_utf8()];
            assert_eq!(
                searcher.search(&index, prefix, 20),
                index.search(prefix, 20),
                "prefix {prefix:?}"
            );
        }
        // Backspacing returns to remembered shorter queries.
        for (end, _) in q.char_indices().rev() {
            let prefix = &q[..end];
            assert_eq!(
                searcher.search(&index, prefix, 20),
                index.search(prefix, 20),
                "backspace {prefix:?}"
            );
        }
    }
}

#[test]
fn loose_fuzzy_queries_narrow_like_fresh_ones() {
    // Letters chosen to miss every prefix, so each keystroke runs the fuzzy stage.
    let (index, _) = demo_index(20_000, 3, 1);
    let mut searcher = Searcher::new();
    for q in ["zgxm", "hgn", "wzyl", "lhyq", "ajg"] {
        for end in 1..=q.len() {
            assert_eq!(
                searcher.search(&index, &q[..end], 30),
                index.search(&q[..end], 30),
                "prefix {}",
                &q[..end]
            );
        }
    }
}

#[test]
fn a_stale_ticket_stops_a_scan() {
    let (index, _) = demo_index(5_000, 3, 1);
    let generation = Generation::new();
    let old = generation.next_ticket();
    let new = generation.next_ticket();
    assert!(old.is_stale() && !new.is_stale());
    let mut searcher = Searcher::new();
    assert_eq!(searcher.search_until(&index, "zgxm", 10, &old), None);
    assert_eq!(
        searcher.search_until(&index, "zgxm", 10, &new),
        Some(index.search("zgxm", 10))
    );
    assert!(!Ticket::never_stale().is_stale());
}

#[test]
fn the_index_can_move_to_a_worker_thread() {
    fn send_sync<T: Send + Sync>() {}
    fn send<T: Send>() {}
    send_sync::<Index>();
    send::<Searcher>();
    send_sync::<Generation>();
}

#[test]
fn demo_data_is_reproducible() {
    let a: Vec<_> = demo::generate(300, 7).collect();
    let b: Vec<_> = demo::generate(300, 7).collect();
    let c: Vec<_> = demo::generate(300, 8).collect();
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn demo_ids_are_valid_unique_and_agree_with_gender_and_birth() {
    let mut seen = HashSet::new();
    let mut with_x = 0;
    let mut with_dot = 0;
    let mut male = 0;
    let n = 50_000;
    for p in demo::generate(n, 42) {
        let id = IdNumber::parse(&p.id_number).expect("valid ID number");
        assert_eq!(Some(id.gender()), p.gender);
        assert_eq!(Some(id.birth_date()), p.birth_date);
        assert!(
            seen.insert(p.id_number.clone()),
            "duplicate {}",
            p.id_number
        );
        with_x += usize::from(p.id_number.ends_with('X'));
        with_dot += usize::from(p.name.contains('·'));
        male += usize::from(p.gender == Some(Gender::Male));
        if !p.phone.is_empty() {
            assert!(
                stationdesk::domain::phone::Phone::parse(&p.phone).is_ok(),
                "{}",
                p.phone
            );
        }
        assert!(!p.categories.is_empty());
        for c in &p.categories {
            assert!(
                stationdesk::domain::category::shipped_named(c).is_some(),
                "{c}"
            );
        }
    }
    assert!(with_x > n / 20, "some IDs end in X: {with_x}");
    assert!(
        with_dot > n / 200 && with_dot < n / 50,
        "about 1% minority names: {with_dot}"
    );
    assert!(male > n * 3 / 4, "mostly men: {male}");
}

/// ü is typed as v, as on every Chinese input method: 吕 is `lv` (女 `nv`).
#[test]
fn lv_is_the_key_of_the_surname_lü() {
    let keys = name_keys("吕向宝");
    assert!(
        keys.full.iter().any(|k| k == "lvxiangbao"),
        "{:?}",
        keys.full
    );
    assert!(
        keys.full.iter().all(|k| !k.contains('ü')),
        "{:?}",
        keys.full
    );
}

#[test]
fn ids_far_apart_come_back_whole() {
    // Dense ids are kept as 32-bit offsets; these are not dense, and must survive whole.
    let index = index_of(&[
        (-7, "张三", "", "", 3),
        (i64::MAX, "张三", "", "", 2),
        (5_000_000_000, "张三", "", "", 1),
    ]);
    assert_eq!(
        ids(&index.search("zs", 10)),
        vec![-7, i64::MAX, 5_000_000_000]
    );
    let dense = index_of(&[(4_000_000_000, "李四", "", "", 0), (7, "李四", "", "", 1)]);
    assert_eq!(ids(&dense.search("李四", 10)), vec![7, 4_000_000_000]);
}
