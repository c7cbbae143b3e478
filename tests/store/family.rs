//! Family links made, changed and removed one at a time: read both ways, gender-aware,
//! refused when they make no sense, and audited with before and after.
use crate::common::{clock, fill, store_as};
use stationdesk::domain::family::{Basis, Kinship, LinkRefusal, Relation};

fn kin(relation: Relation) -> Kinship {
    Kinship::new(relation, Basis::None)
}

fn audit_summaries(s: &stationdesk::store::Store, action: &str) -> Vec<String> {
    s.audit_entries(None, None)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == action)
        .map(|e| e.summary)
        .collect()
}

#[test]
fn a_father_shows_his_child_and_the_child_her_father_then_change_and_remove_are_audited() {
    let mut s = store_as("wang", None, clock());
    let ids = fill(&mut s);
    let (ayi, ouyang) = (ids[1], ids[2]);
    // 欧阳修文 (a man) is 阿依古丽's 父亲.
    s.add_family_link(ayi, ouyang, kin(Relation::Father))
        .unwrap()
        .unwrap();
    let hers = s.family_links(ayi).unwrap();
    assert_eq!(hers.len(), 1);
    assert_eq!(hers[0].kinship.relation, Relation::Father);
    assert_eq!(hers[0].relative.name, "欧阳修文");
    let his = s.family_links(ouyang).unwrap();
    assert_eq!(his[0].kinship.relation, Relation::Child);
    assert_eq!(his[0].relative.name, "阿依古丽·买买提");

    // Changed from the father's side: she is his 子女 as a martyr's survivor… said the
    // other way: he is the martyr, she his survivor.
    let after = Kinship::new(Relation::Child, Basis::SurvivorIs);
    s.change_family_link(ouyang, ayi, kin(Relation::Child), after)
        .unwrap()
        .unwrap();
    let hers = s.family_links(ayi).unwrap();
    // Seen from her side, gender-aware: he is her 父亲 and she is his survivor.
    assert_eq!(
        hers[0].kinship,
        Kinship::new(Relation::Father, Basis::SurvivorOf)
    );
    let changes = audit_summaries(&s, "family_change");
    assert_eq!(changes.len(), 1);
    assert!(
        changes[0].contains("子女 -> 子女/survivor_is"),
        "{changes:?}"
    );

    s.remove_family_link(ayi, ouyang, hers[0].kinship)
        .unwrap()
        .unwrap();
    assert!(s.family_links(ayi).unwrap().is_empty());
    assert!(s.family_links(ouyang).unwrap().is_empty());
    let added = audit_summaries(&s, "family_add");
    let removed = audit_summaries(&s, "family_remove");
    assert!(added[0].contains("阿依古丽·买买提") && added[0].ends_with(": 父亲"));
    assert!(removed[0].contains("-> (none)"), "{removed:?}");
}

#[test]
fn a_mother_linked_from_her_side_is_mother_not_parent() {
    let mut s = store_as("wang", None, clock());
    let ids = fill(&mut s);
    // From 李四's side (a woman): 尉迟恭 is her 子女, so she is his 母亲.
    s.add_family_link(ids[4], ids[3], kin(Relation::Child))
        .unwrap()
        .unwrap();
    let his = s.family_links(ids[3]).unwrap();
    assert_eq!(his[0].kinship.relation, Relation::Mother);
}

#[test]
fn nonsense_links_are_refused_and_a_stale_change_does_not_overwrite() {
    let mut s = store_as("wang", None, clock());
    let ids = fill(&mut s);
    // 李四 is a woman: not a 父亲.
    assert_eq!(
        s.add_family_link(ids[0], ids[4], kin(Relation::Father))
            .unwrap(),
        Err(LinkRefusal::GenderMismatch)
    );
    assert_eq!(
        s.add_family_link(ids[0], ids[0], kin(Relation::Spouse))
            .unwrap(),
        Err(LinkRefusal::SelfLink)
    );
    // 张三丰 and 李四 are already spouses (the sample link), from either side.
    assert_eq!(
        s.add_family_link(ids[4], ids[0], kin(Relation::Sibling))
            .unwrap(),
        Err(LinkRefusal::Exists)
    );
    // A desk that still shows them as siblings cannot change or remove the link.
    assert_eq!(
        s.change_family_link(ids[0], ids[4], kin(Relation::Sibling), kin(Relation::Other))
            .unwrap(),
        Err(LinkRefusal::Stale)
    );
    assert_eq!(
        s.remove_family_link(ids[0], ids[4], kin(Relation::Sibling))
            .unwrap(),
        Err(LinkRefusal::Stale)
    );
    assert_eq!(
        s.family_links(ids[0]).unwrap()[0].kinship,
        kin(Relation::Spouse)
    );
}

#[test]
fn deleting_a_person_names_the_links_that_went_with_them() {
    let mut s = store_as("wang", None, clock());
    let ids = fill(&mut s);
    s.delete_person(ids[4]).unwrap().unwrap();
    assert!(s.family_links(ids[0]).unwrap().is_empty());
    let deleted = audit_summaries(&s, "delete");
    assert!(
        deleted[0].contains("family links removed: 张三丰"),
        "{deleted:?}"
    );
}
