use super::*;
use crate::clock::SystemClock;
use crate::domain::person::{IdRule, PersonInput};
use std::sync::Arc;

fn store() -> Store {
    let mut s = Store::open_in_memory(Arc::new(SystemClock)).expect("store");
    s.set_actor("boss");
    s
}

#[test]
fn a_local_category_is_added_used_and_kept_while_held() {
    let mut s = store();
    assert_eq!(s.add_local_category(" 三属人员 ").expect("add"), "三属人员");
    let list = s.category_list().expect("list");
    let p = PersonInput {
        name: "甲".into(),
        id_number: "11010519491231002X".into(),
        category: "三属人员、烈士遗属".into(),
        ..Default::default()
    }
    .validate_with(IdRule::Required, chrono::Local::now().date_naive(), &list)
    .expect("valid")
    .person;
    let id = s.save_person(&p).expect("save");
    assert_eq!(
        s.person(id).expect("read").expect("there").categories,
        ["三属人员", "烈士遗属"]
    );
    let refused = s.remove_local_category("三属人员").unwrap_err();
    assert_eq!(refused.msg().key, "categories.local_in_use");
    assert_eq!(s.local_categories().expect("local")[0].people, 1);
    let audit = s.audit_entries(None, None).expect("audit");
    assert!(
        audit
            .iter()
            .any(|a| a.action == "add" && a.entity == "category" && a.actor == "boss")
    );
}

#[test]
fn shipped_names_and_separators_are_refused_and_removal_is_audited() {
    let mut s = store();
    let e = s.add_local_category("伤残军人").unwrap_err();
    assert_eq!(e.msg().key, "categories.local_exists");
    let e = s.add_local_category("甲、乙").unwrap_err();
    assert_eq!(e.msg().key, "categories.local_separator");
    s.add_local_category("优抚对象家属").expect("add");
    s.remove_local_category("优抚对象家属").expect("remove");
    assert!(s.local_categories().expect("local").is_empty());
    let e = s.remove_local_category("优抚对象家属").unwrap_err();
    assert_eq!(e.msg().key, "categories.local_unknown");
    let audit = s.audit_entries(None, None).expect("audit");
    assert!(
        audit
            .iter()
            .any(|a| a.action == "remove" && a.entity == "category")
    );
}
