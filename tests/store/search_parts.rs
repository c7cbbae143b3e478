//! Lookup by any part of a name: the given name alone, each part of a `·` name, ü however it
//! is typed, apostrophes between syllables; the start of the name still ranks first.
use stationdesk::search::keys::name_keys;
use stationdesk::search::{Hit, Index, IndexBuilder, IndexRow, MatchKind};

/// (id, name, last contact)
fn index_of(people: &[(i64, &str, i64)]) -> Index {
    let mut b = IndexBuilder::new();
    for &(id, name, last_contact) in people {
        let keys = name_keys(name);
        let (full, initials) = (keys.full.join(" "), keys.initials.join(" "));
        b.push(&IndexRow {
            id,
            name,
            py_full: &full,
            py_initials: &initials,
            id_number: "",
            phone_digits: "",
            last_contact,
        });
    }
    b.build()
}

fn ids(hits: &[Hit]) -> Vec<i64> {
    hits.iter().map(|h| h.id).collect()
}

/// People looked up by a part of their name; the more recent contacts are those found
/// inside the name, so that only the kind can put the others first.
fn parts_sample() -> Index {
    index_of(&[
        (1, "张国丽", 900),
        (2, "郭丽", 0),
        (3, "阿依古丽·买买提", 800),
        (4, "买买提·热合曼", 0),
        (5, "吕布", 0),
        (6, "路明", 0),
        (7, "李女", 0),
        (8, "王略", 0),
        (9, "王西安", 0),
        (10, "李四", 0),
    ])
}

fn found(index: &Index, q: &str) -> Vec<(i64, MatchKind)> {
    index.search(q, 20).iter().map(|h| (h.id, h.kind)).collect()
}

#[test]
fn the_given_name_alone_finds_the_person() {
    let index = parts_sample();
    let guoli = found(&index, "guoli");
    // 郭丽 reads guoli from the start: first, although 张国丽 came more recently.
    assert_eq!(
        guoli,
        vec![(2, MatchKind::ExactPinyin), (1, MatchKind::PinyinInside)]
    );
    // 阿依古丽 (a-y-g-l) has g-l inside too; 张国丽 came more recently.
    assert_eq!(
        found(&index, "gl"),
        vec![
            (2, MatchKind::ExactInitials),
            (1, MatchKind::InitialsInside),
            (3, MatchKind::InitialsInside)
        ]
    );
    // Typed keystroke by keystroke, the given name is found before it is complete.
    assert!(found(&index, "guol").contains(&(1, MatchKind::PinyinInside)));
    // 国丽 in characters, as before.
    assert_eq!(ids(&index.search("国丽", 10)), vec![1]);
    // The start of the name still ranks first: 李四 and 李女 (by name) before 张国丽 and 郭丽.
    let li = found(&index, "li");
    assert_eq!(
        li[..2],
        [(10, MatchKind::PinyinPrefix), (7, MatchKind::PinyinPrefix)]
    );
    let inside = MatchKind::PinyinInside;
    assert_eq!(li[2..5], [(1, inside), (3, inside), (2, inside)]);
}

#[test]
fn each_part_of_a_dotted_name_finds_the_person() {
    let index = parts_sample();
    assert_eq!(
        found(&index, "mmt"),
        vec![
            (4, MatchKind::InitialsPrefix),
            (3, MatchKind::InitialsInside)
        ]
    );
    assert_eq!(
        found(&index, "maimaiti"),
        vec![(4, MatchKind::PinyinPrefix), (3, MatchKind::PinyinInside)]
    );
    assert_eq!(found(&index, "reheman"), vec![(4, MatchKind::PinyinInside)]);
    assert_eq!(found(&index, "rhm"), vec![(4, MatchKind::InitialsInside)]);
    assert_eq!(ids(&index.search("热合曼", 10)), vec![4]);
}

#[test]
fn u_can_be_typed_as_v_u_yu_or_u_umlaut() {
    let index = parts_sample();
    for q in ["lv", "lyu", "lu", "lü", "LYU", "Lü"] {
        assert!(
            found(&index, q).contains(&(5, MatchKind::PinyinPrefix)),
            "{q} finds 吕布: {:?}",
            found(&index, q)
        );
    }
    // lu is also 路.
    assert!(ids(&index.search("lu", 10)).contains(&6));
    assert_eq!(found(&index, "lyubu"), vec![(5, MatchKind::ExactPinyin)]);
    for q in ["nv", "nu", "nyu", "nü"] {
        assert_eq!(
            found(&index, q),
            vec![(7, MatchKind::PinyinInside)],
            "{q} finds 李女"
        );
    }
    assert_eq!(found(&index, "linue"), vec![]);
    assert_eq!(found(&index, "lue")[0], (8, MatchKind::PinyinInside));
    assert_eq!(found(&index, "wanglue"), vec![(8, MatchKind::ExactPinyin)]);
}

#[test]
fn an_apostrophe_or_a_space_may_part_syllables() {
    let index = parts_sample();
    for q in ["xi'an", "xi an", "xi’an", "wang xi'an"] {
        let hits = found(&index, q);
        assert_eq!(hits.first().map(|h| h.0), Some(9), "{q}: {hits:?}");
    }
    assert_eq!(found(&index, "xi'an"), vec![(9, MatchKind::PinyinInside)]);
}
