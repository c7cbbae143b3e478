use super::*;

#[test]
fn the_shipped_file_reads_and_names_are_unique() {
    let list = shipped();
    assert!(list.len() >= 22, "{}", list.len());
    let mut seen = std::collections::HashSet::new();
    for c in list {
        assert!(seen.insert(c.zh.clone()), "twice: {}", c.zh);
        for s in &c.synonyms {
            assert!(seen.insert(s.clone()), "twice: {s}");
        }
        for e in &c.either_of {
            assert!(shipped_named(e).is_some(), "{e}");
        }
    }
}

#[test]
fn names_english_names_and_synonyms_resolve() {
    let l = CategoryList::shipped();
    assert_eq!(
        l.resolve(" 烈士遗属 ").map(|r| r.name),
        Some("烈士遗属".into())
    );
    assert_eq!(
        l.resolve("disabled veteran").map(|r| r.name),
        Some("残疾军人".into())
    );
    let r = l.resolve("伤残军人").expect("synonym");
    assert_eq!(r.name, "残疾军人");
    assert_eq!(r.synonym.as_deref(), Some("伤残军人"));
    assert_eq!(
        l.resolve("退休军人").map(|r| r.name),
        Some("军队退休干部".into())
    );
    assert_ne!(
        l.resolve("参战退役人员").map(|r| r.name),
        l.resolve("参试退役人员").map(|r| r.name)
    );
    assert_eq!(l.resolve("退役"), None);
}

#[test]
fn a_cell_holds_several_categories_main_first() {
    let l = CategoryList::shipped();
    let got = l
        .parse_cell("伤残军人、参战退役人员，烈士遗属;其他优抚对象 残疾军人")
        .expect("read");
    let names: Vec<_> = got.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        ["残疾军人", "参战退役人员", "烈士遗属", "其他优抚对象"]
    );
    assert_eq!(l.parse_cell("  "), Err(vec![CellProblem::Empty]));
    assert!(l.parse_cell("残疾军人、村干部").is_err());
}

#[test]
fn local_categories_are_accepted_only_where_added() {
    let l = CategoryList::with_local(vec!["三属人员".into()]);
    assert!(l.resolve("三属人员").is_some());
    assert!(CategoryList::shipped().resolve("三属人员").is_none());
    assert!(l.names().contains(&"三属人员".to_string()));
}

#[test]
fn an_open_list_takes_other_names_as_local_and_a_station_list_refuses_them() {
    let open = CategoryList::open_local();
    assert_eq!(
        open.resolve("三红人员").map(|r| r.name),
        Some("三红人员".into())
    );
    assert_eq!(
        open.resolve("伤残军人").map(|r| r.name),
        Some("残疾军人".into())
    );
    let station = CategoryList::with_local(vec!["三红人员".into()]);
    assert!(
        station
            .refused(&["三红人员".into(), "残疾军人".into()])
            .is_empty()
    );
    let refused = CategoryList::shipped().refused(&["三红人员".into()]);
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].key, "person.category_invalid");
}

#[test]
fn the_closest_category_is_a_part_or_a_near_spelling() {
    let l = CategoryList::shipped();
    assert_eq!(l.closest("退役"), Some("退役士兵".into()));
    assert_eq!(l.closest("烈士遗孀"), Some("烈士遗属".into()));
    assert_eq!(l.closest("disabled veterans"), Some("残疾军人".into()));
    assert_eq!(l.closest("村干部"), None);
}

#[test]
fn the_error_lists_every_accepted_name() {
    let msg = CategoryList::with_local(vec!["三属人员".into()]).problem("村干部");
    let text = msg.render(Lang::Zh);
    assert!(text.contains("参试退役人员"), "{text}");
    assert!(text.contains("三属人员"), "{text}");
}

#[test]
fn disability_nature_reads_chinese_and_english() {
    assert_eq!(DisabilityNature::parse("因战"), Some(DisabilityNature::War));
    assert_eq!(
        DisabilityNature::parse("因公致残"),
        Some(DisabilityNature::Duty)
    );
    assert_eq!(
        DisabilityNature::parse("by illness"),
        Some(DisabilityNature::Illness)
    );
    assert_eq!(DisabilityNature::parse("因伤"), None);
    assert!(is_disability("伤残民兵民工"));
    assert!(!is_disability("烈士遗属"));
}
