//! A record with a past: two walk-ins and a petition of 张三丰 (the first sample person),
//! for the profile's history and the case screen.
use stationdesk::domain::petition::{PetitionInput, PetitionerInput};
use stationdesk::domain::visit::VisitInput;
use stationdesk::store::Store;

/// The petition's subject and the walk-ins' summaries, for tests to look for.
pub const PETITION_SUBJECT: &str = "优待证办理迟缓";
pub const WALKIN_SUMMARIES: [&str; 2] = ["询问抚恤金发放", "补办优待证材料"];

/// Saves the walk-ins (2026-11-10 and 2026-11-20) and the petition (2026-11-01) of the
/// person `zhang` (张三丰), handled by "wang".
pub fn add(store: &mut Store, zhang: i64) {
    store.set_actor("wang");
    for ((at, outcome, follow_up), summary) in [
        ("2026-11-10 10:00", "done", ""),
        ("2026-11-20 14:30", "follow_up", "2026-12-01"),
    ]
    .into_iter()
    .zip(WALKIN_SUMMARIES)
    {
        let visit = VisitInput {
            person_id: Some(zhang),
            visitor_name: "张三丰".into(),
            arrived_at: at.into(),
            purpose: Some(3),
            summary: summary.into(),
            outcome: outcome.into(),
            follow_up_date: follow_up.into(),
            handler: "wang".into(),
            ..Default::default()
        }
        .validate(super::now())
        .unwrap();
        store.save_visit(&visit).unwrap();
    }
    let petition = PetitionInput {
        channel: "visit".into(),
        received_at: "2026-11-01 10:00".into(),
        petitioners: vec![PetitionerInput {
            person_id: Some(zhang),
            name: "张三丰".into(),
            phone: "13800001234".into(),
            address: "城关镇东门街 12 号".into(),
        }],
        category: "优抚待遇".into(),
        subject: PETITION_SUBJECT.into(),
        request: "请求尽快办理".into(),
        facts: "去年提交材料后未获答复".into(),
        risk: "high".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(super::now().date())
    .unwrap();
    store.save_new_petition(&petition).unwrap();
}

/// A walk-in of a visitor not on file, registered today by "wang", as its name and phone were
/// given at the desk; returns its id.
#[allow(dead_code)]
pub fn add_unlinked(store: &mut Store, name: &str, phone: &str, summary: &str) -> i64 {
    let visit = VisitInput {
        visitor_name: name.into(),
        visitor_phone: phone.into(),
        purpose: Some(0),
        summary: summary.into(),
        outcome: "done".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(super::now())
    .unwrap();
    store.save_visit(&visit).unwrap()
}
