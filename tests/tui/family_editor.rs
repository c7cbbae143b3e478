//! The profile's family editor (`f`): links added, changed and removed by keystrokes, each
//! shown on both profiles and audited; a refused link says why in the user's language; a
//! relative not on file is registered from the link form and linked on return.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{bound, ctrl, key, text};
use crossterm::event::KeyCode;
use stationdesk::domain::family::{Basis, Kinship, Relation};
use stationdesk::i18n::{Lang, t, tf};

fn profile(h: &mut Harness, query: &str) {
    key(h, KeyCode::F(2));
    ctrl(h, 'u');
    text(h, query);
    key(h, KeyCode::Enter);
}

/// The profile of the person found by `query`, then its family links.
fn family_of(h: &mut Harness, query: &str) {
    profile(h, query);
    bound(h, KeyCode::Char('f'));
}

fn audit(h: &Harness, action: &str) -> Vec<String> {
    h.store
        .audit_entries(None, None)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == action)
        .map(|e| e.summary)
        .collect()
}

/// The screen's row naming `who`.
fn row_of(screen: &str, who: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(who))
        .unwrap_or_else(|| panic!("no row with {who}:\n{screen}"))
        .to_string()
}

/// 欧阳修文's family: Ctrl+N, 阿依 picked from the suggestions, 子女 (4), the basis "she
/// is his survivor" (4), Ctrl+S.
fn add_daughter(h: &mut Harness) {
    family_of(h, "oyxw");
    ctrl(h, 'n');
    text(h, "阿依");
    key(h, KeyCode::Enter);
    text(h, "4");
    key(h, KeyCode::Tab);
    text(h, "4");
    ctrl(h, 's');
}

#[test]
fn a_link_added_by_keys_shows_on_both_profiles_and_is_audited() {
    let mut h = Harness::new(Lang::Zh);
    add_daughter(&mut h);
    let list = h.draw(80, 24);
    let row = row_of(&list, "阿依古丽");
    assert!(row.contains("子女"), "{list}");
    assert!(row.contains("其为本人遗属"), "{list}");
    assert!(list.contains(&tf(
        Lang::Zh,
        "family.screen.added",
        &[("name", &"阿依古丽·买买提")]
    )));
    key(&mut h, KeyCode::Esc);
    let his = h.draw(80, 24);
    assert!(row_of(&his, "阿依古丽").contains("子女"), "{his}");
    // Seen from her side: he is her 父亲, and she his survivor.
    profile(&mut h, "ayi");
    let hers = h.draw(80, 24);
    let row = row_of(&hers, "欧阳修文");
    assert!(row.contains("父亲"), "{hers}");
    assert!(row.contains("本人是其遗属"), "{hers}");
    let added = audit(&h, "family_add");
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(added[0].contains("欧阳修文"), "{added:?}");
    assert!(added[0].contains("阿依古丽"), "{added:?}");
    assert!(added[0].contains("子女/survivor_is"), "{added:?}");
}

#[test]
fn enter_changes_a_link_and_the_change_is_audited_with_before_and_after() {
    let mut h = Harness::new(Lang::En);
    // The sample link: 李四 is 张三丰's spouse. Enter on it, 其他 (6), Ctrl+S.
    family_of(&mut h, "zsf");
    key(&mut h, KeyCode::Enter);
    text(&mut h, "6");
    ctrl(&mut h, 's');
    let list = h.draw(80, 24);
    assert!(row_of(&list, "李四").contains("Other"), "{list}");
    assert!(!row_of(&list, "李四").contains("Spouse"), "{list}");
    profile(&mut h, "lisi");
    let hers = h.draw(80, 24);
    assert!(row_of(&hers, "张三丰").contains("Other"), "{hers}");
    let changed = audit(&h, "family_change");
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].contains("配偶 -> 其他"), "{changed:?}");
}

#[test]
fn a_change_made_meanwhile_at_another_desk_is_not_overwritten() {
    let mut h = Harness::new(Lang::Zh);
    family_of(&mut h, "zsf");
    key(&mut h, KeyCode::Enter);
    text(&mut h, "6");
    // Another desk makes 李四 his 配偶 on the 军属 basis first.
    let (zhang, li) = (h.ids[0], h.ids[4]);
    let spouse = Kinship::new(Relation::Spouse, Basis::None);
    let theirs = Kinship::new(Relation::Spouse, Basis::FamilyIs);
    h.store
        .change_family_link(zhang, li, spouse, theirs)
        .unwrap()
        .unwrap();
    ctrl(&mut h, 's');
    let list = h.draw(120, 40);
    assert!(
        list.contains("与 李四 的亲属关系已被其他工作台修改"),
        "{list}"
    );
    let row = row_of(&list, "李四");
    assert!(
        row.contains("配偶") && row.contains("其为本人军属"),
        "{list}"
    );
    assert_eq!(audit(&h, "family_change").len(), 1);
}

#[test]
fn delete_asks_first_and_a_second_delete_removes_the_link() {
    let mut h = Harness::new(Lang::Zh);
    family_of(&mut h, "zsf");
    key(&mut h, KeyCode::Delete);
    let asked = h.draw(80, 24);
    assert!(asked.contains("再按 Delete 删除"), "{asked}");
    // Any other key keeps it.
    key(&mut h, KeyCode::Down);
    assert!(!h.draw(80, 24).contains("再按 Delete 删除"));
    assert!(audit(&h, "family_remove").is_empty());
    key(&mut h, KeyCode::Delete);
    key(&mut h, KeyCode::Delete);
    let list = h.draw(80, 24);
    assert!(
        list.contains(&t(Lang::Zh, "tui.profile.no_family")),
        "{list}"
    );
    assert!(list.contains("已删除与 李四 的亲属关系"), "{list}");
    key(&mut h, KeyCode::Esc);
    let his = h.draw(80, 24);
    assert!(!his.contains("李四"), "{his}");
    profile(&mut h, "lisi");
    assert!(!h.draw(80, 24).contains("张三丰"));
    let removed = audit(&h, "family_remove");
    assert_eq!(removed.len(), 1, "{removed:?}");
    assert!(removed[0].contains("配偶 -> (none)"), "{removed:?}");
}

#[test]
fn a_woman_chosen_as_father_is_refused_with_the_reason_in_the_users_language() {
    for lang in [Lang::Zh, Lang::En] {
        let mut h = Harness::new(lang);
        family_of(&mut h, "oyxw");
        ctrl(&mut h, 'n');
        text(&mut h, "阿依");
        key(&mut h, KeyCode::Enter);
        text(&mut h, "2");
        ctrl(&mut h, 's');
        let screen = h.draw(120, 40);
        let why = tf(
            lang,
            "family.refused.gender",
            &[("name", &"阿依古丽·买买提")],
        );
        let start: String = why.chars().take(30).collect();
        assert!(screen.contains(&start), "{screen}");
        assert!(audit(&h, "family_add").is_empty());
        assert!(
            h.store
                .family_links(h.ids[2])
                .unwrap()
                .iter()
                .all(|l| l.relative.name != "阿依古丽·买买提")
        );
    }
}

#[test]
fn a_relative_not_on_file_is_registered_from_the_link_form_and_linked() {
    let mut h = Harness::new(Lang::Zh);
    family_of(&mut h, "oyxw");
    ctrl(&mut h, 'n');
    text(&mut h, "王秀兰");
    // Not on file: Ctrl+N opens the person form with the name typed.
    ctrl(&mut h, 'n');
    assert!(h.draw(80, 24).contains("王秀兰"));
    key(&mut h, KeyCode::Tab);
    let id = common::id_number("450103", "19500101", false, None);
    text(&mut h, &id);
    for _ in 0..5 {
        key(&mut h, KeyCode::Tab);
    }
    text(&mut h, "1");
    ctrl(&mut h, 's');
    // Back on the link form with her chosen: 母亲 (3), Ctrl+S.
    let form = h.draw(80, 24);
    assert!(
        form.lines()
            .any(|l| l.contains("亲属 *") && l.contains("王秀兰")),
        "{form}"
    );
    text(&mut h, "3");
    ctrl(&mut h, 's');
    let list = h.draw(80, 24);
    assert!(row_of(&list, "王秀兰").contains("母亲"), "{list}");
    let mother = h.store.person_by_id_number(&id).unwrap().unwrap();
    let hers = h.store.family_links(mother.id.unwrap()).unwrap();
    assert_eq!(hers.len(), 1);
    assert_eq!(hers[0].relative.name, "欧阳修文");
}

#[test]
fn snapshot_family_editor_80x24() {
    for (lang, code) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        let mut h = Harness::new(lang);
        add_daughter(&mut h);
        let list = h.draw_body(80, 24);
        insta::assert_snapshot!(format!("family_list_{code}_80x24"), list);
        // The link form with the suggestions for what is typed.
        ctrl(&mut h, 'n');
        text(&mut h, "尉迟");
        let form = h.draw_body(80, 24);
        insta::assert_snapshot!(format!("family_link_form_{code}_80x24"), form);
        assert!(form.contains("尉迟恭"), "{form}");
        // Picked: the relative named in its field, the relations offered.
        key(&mut h, KeyCode::Enter);
        let picked = h.draw_body(80, 24);
        insta::assert_snapshot!(format!("family_link_picked_{code}_80x24"), picked);
        assert!(
            picked.contains(&t(lang, "family.relation.sibling")),
            "{picked}"
        );
    }
}
