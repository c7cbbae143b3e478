//! Family links on the profile, shown both ways: a link made from one side reads inverted,
//! gender-aware, on the other, with its basis; never the stored word in brackets.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use stationdesk::domain::family::{Basis, Kinship, Relation};
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;
use stationdesk::tui::screens::ScreenId;

fn open(h: &mut Harness, query: &str) -> String {
    h.send(Action::GotoLookup);
    h.send(Action::ClearField);
    h.type_text(query);
    h.send(Action::Open);
    assert_eq!(h.app.screen_id(), ScreenId::Profile);
    h.draw(80, 24)
}

#[test]
fn the_other_side_of_a_link_shows_the_inverse_relation_not_the_stored_word() {
    let mut h = Harness::new(Lang::Zh);
    // The sample link: 李四 is 张三丰's 配偶. Seen from 李四, 张三丰 is her 配偶 too.
    let screen = open(&mut h, "lisi");
    let row = screen.lines().find(|l| l.contains("张三丰")).unwrap();
    assert!(row.contains("  配偶  张三丰"), "{screen}");
    assert!(!screen.contains("(配偶)"), "{screen}");
}

#[test]
fn a_father_sees_his_daughter_as_child_and_she_her_father_with_the_basis() {
    let mut h = Harness::new(Lang::En);
    let (ayi, ouyang) = (h.ids[1], h.ids[2]);
    // 欧阳修文 is 阿依古丽's father, the serviceman she is the survivor of.
    h.store
        .add_family_link(
            ayi,
            ouyang,
            Kinship::new(Relation::Father, Basis::SurvivorOf),
        )
        .unwrap()
        .unwrap();
    let his = open(&mut h, "oyxw");
    let row = his.lines().find(|l| l.contains("阿依古丽")).unwrap();
    assert!(row.contains("Child"), "{his}");
    assert!(row.contains("they are this person's survivor"), "{his}");
    let hers = open(&mut h, "ayi");
    let row = hers.lines().find(|l| l.contains("欧阳修文")).unwrap();
    assert!(row.contains("Father"), "{hers}");
    assert!(row.contains("this person is their survivor"), "{hers}");
}
