//! A person's categories on screen: every one, main first, in the lookup list and the
//! profile, with a local category as added and the nature of a disability.
use crate::common;

use common::Harness;
use stationdesk::domain::category::DisabilityNature;
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;

/// 尉迟恭 (a disabled veteran in the samples) also a war veteran and in a local group.
fn with_categories(lang: Lang) -> Harness {
    let mut h = Harness::new(lang);
    h.store.set_actor("boss");
    h.store.add_local_category("三红人员").unwrap();
    let id = h.ids[3];
    let mut p = h.store.person(id).unwrap().unwrap();
    p.categories = vec!["残疾军人".into(), "参战退役人员".into(), "三红人员".into()];
    p.disability_nature = Some(DisabilityNature::War);
    h.store.save_person(&p).unwrap();
    h
}

#[test]
fn the_profile_shows_every_category_main_first_and_the_nature() {
    let mut h = with_categories(Lang::Zh);
    h.send(Action::GotoLookup);
    h.type_text("尉迟");
    let list = h.draw_body(120, 40);
    assert!(list.contains("残疾军人 +2"), "{list}");
    h.send(Action::Open);
    let body = h.draw_body(120, 40);
    let row = |label: &str| {
        body.lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("{label}: {body}"))
            .to_string()
    };
    assert!(
        row("人员类别").contains("残疾军人（主）、参战退役人员、三红人员"),
        "{body}"
    );
    assert!(row("伤残性质").contains("因战"), "{body}");
    assert!(row("伤残等级").contains('4'), "{body}");
}

#[test]
fn english_names_are_shown_for_shipped_categories_and_local_ones_as_added() {
    let mut h = with_categories(Lang::En);
    h.send(Action::GotoLookup);
    h.type_text("尉迟");
    h.send(Action::Open);
    let body = h.draw_body(120, 40);
    assert!(
        body.contains("Disabled veteran (main); War veteran; 三红人员"),
        "{body}"
    );
    assert!(body.contains("in war"), "{body}");
}
