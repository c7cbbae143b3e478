//! A saved walk-in opened and corrected from the screens: the correction needs a reason,
//! the earlier version shows as history; a correction saved over another desk's change is
//! stopped, showing the difference, and the officer reloads or keeps theirs; the person
//! form offers the same choice; a visitor's walk-ins are offered for linking.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{bound, ctrl, key, text};
use crossterm::event::{KeyCode, KeyModifiers};
use stationdesk::domain::visit_correction::VisitCorrection;
use stationdesk::i18n::Lang;
use stationdesk::tui::screens::ScreenId;

/// The app on 2026-11-20's walk-in of 张三丰 (its follow-up still open), opened from F3.
fn opened() -> (Harness, i64) {
    let mut h = Harness::new(Lang::Zh);
    common::history::add(&mut h.store, h.ids[0]);
    let id = h.store.visits_of_person(h.ids[0]).unwrap()[0].id.unwrap();
    key(&mut h, KeyCode::F(3));
    bound(&mut h, KeyCode::Char('g'));
    text(&mut h, "11-20");
    key(&mut h, KeyCode::Enter);
    key(&mut h, KeyCode::Enter);
    assert_eq!(h.app.screen_id(), ScreenId::VisitView);
    (h, id)
}

/// In the correction form: the summary replaced, then the reason typed.
fn correct_summary(h: &mut Harness, summary: &str, reason: &str) {
    bound(h, KeyCode::Char('e'));
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    key(h, KeyCode::Tab); // purpose -> summary
    ctrl(h, 'u');
    for _ in 0..20 {
        common::keys::press(h, KeyCode::Backspace, KeyModifiers::NONE);
    }
    text(h, summary);
    // To the reason, the last field: past the outcome and the follow-up date.
    for _ in 0..3 {
        key(h, KeyCode::Tab);
    }
    text(h, reason);
}

#[test]
fn a_correction_with_a_reason_keeps_the_earlier_version_as_history() {
    let (mut h, id) = opened();
    correct_summary(&mut h, "补办优待证，材料已收齐", "漏记材料情况");
    ctrl(&mut h, 's');
    assert_eq!(
        h.app.screen_id(),
        ScreenId::VisitView,
        "{}",
        h.draw_body(80, 40)
    );
    let record = h.store.visit_record(id).unwrap().unwrap();
    assert_eq!(record.visit.summary, "补办优待证，材料已收齐");
    assert_eq!(record.history.len(), 1);
    assert_eq!(record.history[0].visit.summary, "补办优待证材料");
    assert_eq!(record.history[0].reason, "漏记材料情况");
    // The follow-up date of the 20th (past by now) stayed as registered.
    assert_eq!(record.visit.outcome, record.history[0].visit.outcome);
    let body = h.draw_body(80, 24);
    assert!(body.contains("更正记录：1 次"), "{body}");
    assert!(body.contains("漏记材料情况"), "{body}");
    insta::assert_snapshot!("walkin_correction_history_zh_80x24", body);
}

#[test]
fn a_correction_without_a_reason_is_not_saved() {
    let (mut h, id) = opened();
    correct_summary(&mut h, "改了", "");
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    assert!(h.draw_body(80, 24).contains("请填写更正原因"));
    assert!(
        h.store
            .visit_record(id)
            .unwrap()
            .unwrap()
            .history
            .is_empty()
    );
}

/// Another desk corrects the walk-in's summary while this one has it open.
fn other_desk_corrects(h: &mut Harness, id: i64) {
    let mut record = h.store.visit_record(id).unwrap().unwrap();
    record.visit.summary = "另一台的更正".into();
    h.store.set_actor("zhaomin");
    h.store
        .correct_visit(&VisitCorrection {
            visit_id: id,
            version: record.version,
            fields: record.visit,
            reason: "核对".into(),
        })
        .unwrap();
    h.store.set_actor("tester");
}

#[test]
fn a_correction_over_another_desk_s_is_stopped_and_mine_kept_after_seeing_the_difference() {
    let (mut h, id) = opened();
    correct_summary(&mut h, "我的更正", "我的原因");
    other_desk_corrects(&mut h, id);
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    let body = h.draw_body(80, 24);
    assert!(
        body.contains("zhaomin于2026-11-25 09:30:00已更正"),
        "{body}"
    );
    assert!(body.contains("对方 另一台的更正 → 我的 我的更正"), "{body}");
    assert_eq!(
        h.store.visit_record(id).unwrap().unwrap().visit.summary,
        "另一台的更正"
    );
    // Keep mine: saved over their version, which is kept in the history.
    text(&mut h, "k");
    assert_eq!(h.app.screen_id(), ScreenId::VisitView);
    let record = h.store.visit_record(id).unwrap().unwrap();
    assert_eq!(record.visit.summary, "我的更正");
    assert_eq!(record.history.len(), 2);
    assert_eq!(record.history[1].visit.summary, "另一台的更正");
}

#[test]
fn a_correction_over_another_desk_s_can_reload_theirs() {
    let (mut h, id) = opened();
    correct_summary(&mut h, "我的更正", "我的原因");
    other_desk_corrects(&mut h, id);
    ctrl(&mut h, 's');
    key(&mut h, KeyCode::Enter); // reload theirs
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    let body = h.draw_body(80, 24);
    assert!(body.contains("另一台的更正"), "{body}");
    assert!(!body.contains("我的更正"), "{body}");
    // Nothing of mine was written.
    assert_eq!(h.store.visit_record(id).unwrap().unwrap().history.len(), 1);
}

#[test]
fn the_person_form_offers_reload_or_keep_mine_after_showing_the_difference() {
    for keep in [true, false] {
        let mut h = Harness::new(Lang::Zh);
        key(&mut h, KeyCode::F(2));
        text(&mut h, "zsf");
        key(&mut h, KeyCode::Enter);
        text(&mut h, "e");
        let id = h.ids[0];
        let mut other = h.store.person(id).unwrap().unwrap();
        other.phone = "13900001111".into();
        h.store.set_actor("zhaomin");
        h.store.save_person(&other).unwrap();
        h.store.set_actor("tester");
        ctrl(&mut h, 'u');
        text(&mut h, "张三峰");
        ctrl(&mut h, 's');
        let body = h.draw_body(100, 30);
        assert!(
            body.contains("zhaomin于2026-11-25 09:30:00已修改"),
            "{body}"
        );
        assert!(body.contains("对方 张三丰 → 我的 张三峰"), "{body}");
        if keep {
            text(&mut h, "k");
            // Mine saved over theirs, as the officer chose having seen each difference.
            let stored = h.store.person(id).unwrap().unwrap();
            assert_eq!(stored.name, "张三峰");
            assert_ne!(stored.phone, "13900001111");
        } else {
            key(&mut h, KeyCode::Enter);
            assert_eq!(h.app.screen_id(), ScreenId::PersonForm);
            let stored = h.store.person(id).unwrap().unwrap();
            assert_eq!(
                (stored.name.as_str(), stored.phone.as_str()),
                ("张三丰", "13900001111")
            );
            assert!(h.draw_body(100, 30).contains("13900001111"));
        }
    }
}

#[test]
fn a_visitor_s_walk_ins_are_offered_for_linking_when_their_record_is_opened() {
    let mut h = Harness::new(Lang::Zh);
    let visit = common::history::add_unlinked(&mut h.store, "张三丰", "", "先来问了政策");
    key(&mut h, KeyCode::F(2));
    text(&mut h, "zsf");
    key(&mut h, KeyCode::Enter);
    assert_eq!(h.app.screen_id(), ScreenId::LinkOffer);
    let body = h.draw_body(80, 24);
    assert!(
        body.contains("有 1 条未建档来访人的登记与张三丰同证件号、同电话或同名"),
        "{body}"
    );
    key(&mut h, KeyCode::Enter);
    assert_eq!(h.app.screen_id(), ScreenId::Profile);
    assert_eq!(
        h.store.visit(visit).unwrap().unwrap().person_id,
        Some(h.ids[0])
    );
    assert!(h.draw_body(100, 30).contains("先来问了政策"));
    // Not offered again.
    key(&mut h, KeyCode::Esc);
    key(&mut h, KeyCode::Enter);
    assert_eq!(h.app.screen_id(), ScreenId::Profile);
}

#[test]
fn a_correction_that_changes_nothing_is_not_reported_as_corrected() {
    let (mut h, id) = opened();
    bound(&mut h, KeyCode::Char('e'));
    // Straight to the reason, nothing else touched.
    for _ in 0..4 {
        key(&mut h, KeyCode::Tab);
    }
    text(&mut h, "核对无误");
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    let screen = h.draw(80, 24);
    assert!(!screen.contains("已更正"), "{screen}");
    assert!(screen.contains("没有改动"), "{screen}");
    assert!(
        h.store
            .visit_record(id)
            .unwrap()
            .unwrap()
            .history
            .is_empty()
    );
}
