//! Issue 16 items 3, 5 and 6 on the case screen (clock fixed at 2026-11-25 09:30): the step
//! dialog says why a step is not offered; an administrator voids a step (kept, struck
//! through, marked with who, when and why), anyone else is told only an administrator may;
//! the 上报 form and the flag of a high-risk case without one; a mailed review answer's
//! receipt recorded later; the higher body's answer shown as awaited, not overdue.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::screen::shots;
use ratatui::style::Modifier;
use stationdesk::domain::officer::Role;
use stationdesk::domain::petition::{
    Delivery, PetitionInput, PetitionerInput, Status, Step, StepKind,
};
use stationdesk::i18n::{Lang, t, tf};
use stationdesk::store::Store;
use stationdesk::tui::action::Action;
use stationdesk::tui::session::{AuthInit, Session};

fn at(text: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

/// Registers one case received at `received` with `risk`, then its `steps`.
fn one_case(store: &mut Store, received: &str, risk: &str, steps: &[Step]) -> i64 {
    store.set_actor("wang");
    let p = PetitionInput {
        channel: "visit".into(),
        received_at: received.into(),
        petitioners: vec![PetitionerInput {
            name: "张三丰".into(),
            phone: "13800001234".into(),
            ..Default::default()
        }],
        people_count: "12".into(),
        subject: "优待证办理迟缓".into(),
        request: "请求尽快办理".into(),
        risk: risk.into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(common::now().date())
    .unwrap();
    let id = store.save_new_petition(&p).unwrap().0;
    for s in steps {
        store.add_step(id, s).unwrap();
    }
    id
}

fn opened(mut h: Harness) -> Harness {
    h.send(Action::GotoPetitions);
    h.send(Action::Open);
    h
}

/// Accepted 11-03 and extended on 11-20 by 30 days.
fn extended() -> Vec<Step> {
    let mut ext = Step::new(StepKind::Extended, at("2026-11-20 16:00"), "wang");
    ext.note = "需要调取档案".into();
    ext.extension_days = Some(30);
    vec![
        Step::new(StepKind::Accepted, at("2026-11-03 10:00"), "wang"),
        ext,
    ]
}

fn extended_case(lang: Lang) -> Harness {
    let mut h = Harness::new(lang);
    one_case(&mut h.store, "2026-11-02 10:00", "low", &extended());
    opened(h)
}

/// Item 3, the case: after 延期 the list shrinks to 答复, and says why.
#[test]
fn after_an_extension_the_dialog_says_why_steps_are_not_offered() {
    for s in shots("petition_step_not_offered", extended_case, |h| {
        h.send(Action::AddStep)
    }) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
    }
    let mut h = extended_case(Lang::Zh);
    h.send(Action::AddStep);
    let screen = h.draw(120, 40);
    let why = |kind: &str, reason: &str| {
        tf(
            Lang::Zh,
            "tui.petition.step.not_offered",
            &[
                ("kind", &t(Lang::Zh, kind)),
                ("reason", &t(Lang::Zh, reason)),
            ],
        )
    };
    for (kind, reason) in [
        ("petition.step_kind.extended", "petition.step.one_extension"),
        (
            "petition.step_kind.in_progress",
            "petition.step.already_in_progress",
        ),
        (
            "petition.step_kind.closed",
            "petition.step.close_before_reply",
        ),
    ] {
        let line = why(kind, reason);
        assert!(screen.contains(&line), "{line}\n{screen}");
    }
}

/// A reply recorded by mistake on an accepted case.
fn replied_by_mistake() -> Vec<Step> {
    vec![
        Step::new(StepKind::Accepted, at("2026-11-03 10:00"), "wang"),
        Step::reply(
            at("2026-11-20 16:00"),
            "wang",
            "需要调取档案",
            Delivery::InPerson,
        ),
    ]
}

fn mistaken_reply(lang: Lang) -> Harness {
    let mut h = Harness::new(lang);
    one_case(
        &mut h.store,
        "2026-11-02 10:00",
        "low",
        &replied_by_mistake(),
    );
    opened(h)
}

fn void_the_reply(h: &mut Harness) {
    h.send(Action::VoidStep);
    h.send(Action::NextField);
    h.type_text("误点答复");
    h.send(Action::Save);
    h.send(Action::Submit);
}

/// Item 3: an administrator voids the mistaken reply with a reason, after a confirmation;
/// the step is kept, struck through and marked, and the case is accepted again.
#[test]
fn an_administrator_voids_a_step_which_stays_struck_through() {
    let mut h = mistaken_reply(Lang::Zh);
    h.send(Action::VoidStep);
    // the latest step is chosen; no reason yet
    h.send(Action::Save);
    let screen = h.draw(100, 30);
    assert!(
        screen.contains(&t(Lang::Zh, "petition.void.reason_required")),
        "{screen}"
    );
    h.send(Action::NextField);
    h.type_text("误点答复");
    h.send(Action::Save);
    let screen = h.draw(100, 30);
    assert!(screen.contains("将作废：2026-11-20 16:00 答复"), "{screen}");
    h.send(Action::Submit);
    let id = h
        .store
        .petition_by_case_no("2026-0001")
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(
        h.store.petition(id).unwrap().unwrap().state.status,
        Status::Accepted
    );
    let steps = h.store.steps(id).unwrap();
    assert_eq!(steps.len(), 3);
    let voided = steps[2].voided.clone().unwrap();
    assert_eq!(voided.reason, "误点答复");
    let screen = h.draw(120, 40);
    assert!(
        screen.contains(&t(Lang::Zh, "tui.petition.void.saved")),
        "{screen}"
    );
    let detail = tf(
        Lang::Zh,
        "petition.void.detail",
        &[
            ("by", &voided.by),
            ("at", &"2026-11-25 09:30"),
            ("reason", &"误点答复"),
        ],
    );
    assert!(screen.contains(&detail), "{detail}\n{screen}");
    assert!(screen.contains("[已作废]"), "{screen}");
    // the voided step's head is struck through, the others are not
    let buffer = h.buffer(120, 40);
    let crossed = |text: &str| {
        let row = (0..40)
            .find(|y| {
                let line: String = (0..120).map(|x| buffer[(x, *y)].symbol()).collect();
                line.contains(text)
            })
            .unwrap();
        (0..120).any(|x| buffer[(x, row)].modifier.contains(Modifier::CROSSED_OUT))
    };
    assert!(crossed("2026-11-20 16:00"));
    assert!(!crossed("2026-11-03 10:00"));
    // (At 80 columns the history is below the details: the end of the page shows it.)
    let voided_then_end = |h: &mut Harness| {
        void_the_reply(h);
        h.send(Action::Last);
    };
    for s in shots("petition_case_voided", mistaken_reply, voided_then_end) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
    }
}

/// Item 3: an officer who is not an administrator is told only an administrator may.
#[test]
fn a_non_administrator_is_told_only_an_administrator_may_void() {
    let (mut store, _) = common::memory_store();
    one_case(&mut store, "2026-11-02 10:00", "low", &replied_by_mistake());
    let mut session = Session::test_officer("tester");
    session.role = Role::Officer;
    let mut h = opened(Harness::auth(
        Lang::Zh,
        store,
        AuthInit {
            session: Some(session),
            ..AuthInit::default()
        },
    ));
    h.send(Action::VoidStep);
    let screen = h.draw(120, 40);
    assert!(
        screen.contains(&t(Lang::Zh, "petition.void.admin_only")),
        "{screen}"
    );
    assert!(
        !screen.contains(&t(Lang::Zh, "tui.petition.void.reason")),
        "{screen}"
    );
    let id = h
        .store
        .petition_by_case_no("2026-0001")
        .unwrap()
        .unwrap()
        .id;
    assert!(
        h.store
            .steps(id)
            .unwrap()
            .iter()
            .all(|s| s.voided.is_none())
    );
}

fn high_risk(lang: Lang) -> Harness {
    let mut h = Harness::new(lang);
    one_case(&mut h.store, "2026-11-25 08:00", "high", &[]);
    opened(h)
}

fn fill_report(h: &mut Harness) {
    h.send(Action::ReportRisk);
    h.type_text("县信访局值班室");
    h.send(Action::NextField);
    h.send(Action::CursorRight); // 书面
}

/// Item 6: a high-risk case without a report upward is flagged; the 上报 form records to
/// whom, how, when and by whom (the signed-in officer unless changed), and the case lists it.
#[test]
fn a_high_risk_case_is_flagged_until_its_report_is_recorded() {
    let mut h = high_risk(Lang::Zh);
    let flag = t(Lang::Zh, "petition.risk_report.unreported");
    assert!(h.draw(120, 40).contains(&flag));
    for s in shots("petition_report_form", high_risk, fill_report) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
    }
    fill_report(&mut h);
    h.send(Action::Save);
    let screen = h.draw(120, 40);
    assert!(
        screen.contains(&t(Lang::Zh, "tui.petition.report.saved")),
        "{screen}"
    );
    assert!(!screen.contains(&flag), "{screen}");
    assert!(
        screen.contains("2026-11-25 09:30 书面上报 县信访局值班室（tester）"),
        "{screen}"
    );
    let id = h
        .store
        .petition_by_case_no("2026-0001")
        .unwrap()
        .unwrap()
        .id;
    let reports = h.store.risk_reports(id).unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].by, "tester");
    // an empty "to whom" is refused in the form, before the store
    h.send(Action::ReportRisk);
    h.send(Action::Save);
    let screen = h.draw(120, 40);
    assert!(
        screen.contains(
            &t(Lang::Zh, "petition.risk_report.to_required")
                .chars()
                .take(10)
                .collect::<String>()
        ),
        "{screen}"
    );
}

/// Replied in person, review requested, and the review answer mailed on 11-10.
fn mailed_answer(lang: Lang) -> Harness {
    let mut request = Step::new(StepKind::ReviewRequested, at("2026-09-20 10:00"), "wang");
    request.forwarded_to = Some("县退役军人事务局".into());
    let mut answer = Step::new(StepKind::ReviewAnswered, at("2026-11-10 10:00"), "wang");
    answer.note = "维持原答复".into();
    answer.delivery = Some(Delivery::Post);
    let mut h = Harness::new(lang);
    one_case(
        &mut h.store,
        "2026-09-01 10:00",
        "low",
        &[
            Step::new(StepKind::Accepted, at("2026-09-02 10:00"), "wang"),
            Step::reply(at("2026-09-10 10:00"), "wang", "答复", Delivery::InPerson),
            request,
            answer,
        ],
    );
    opened(h)
}

/// Item 5: the re-review window awaits the mailed review answer's delivery, then runs from
/// the day it was received, recorded later from the step dialog.
#[test]
fn a_mailed_review_answer_awaits_delivery_until_its_receipt_is_recorded() {
    let mut h = mailed_answer(Lang::Zh);
    let screen = h.draw(120, 40);
    let window = t(Lang::Zh, "petition.deadline.rereview_request");
    let row = screen.lines().find(|l| l.contains(&window)).unwrap();
    assert!(
        row.contains(&t(Lang::Zh, "petition.delivery.awaiting")),
        "{row}"
    );
    h.send(Action::AddStep);
    let screen = h.draw(120, 40);
    assert!(
        screen.contains(&t(Lang::Zh, "petition.delivery.choice")),
        "{screen}"
    );
    h.send(Action::NextField);
    h.send(Action::ClearField);
    h.type_text("2026-11-13");
    h.send(Action::Save);
    let id = h
        .store
        .petition_by_case_no("2026-0001")
        .unwrap()
        .unwrap()
        .id;
    let state = h.store.petition(id).unwrap().unwrap().state;
    assert_eq!(
        state.review_answer_received,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 13)
    );
    // 30 days from 11-13 end on Sunday 12-13: the window's legal end is Monday 12-14.
    let screen = h.draw(120, 40);
    let row = screen.lines().find(|l| l.contains(&window)).unwrap();
    assert!(row.contains("2026-12-14"), "{row}");
}

/// Replied, and a review requested on 2026-08-01 that the higher body has not answered.
fn awaited_review(lang: Lang) -> Harness {
    let mut request = Step::new(StepKind::ReviewRequested, at("2026-08-01 10:00"), "wang");
    request.forwarded_to = Some("县退役军人事务局".into());
    let mut h = Harness::new(lang);
    one_case(
        &mut h.store,
        "2026-07-01 10:00",
        "low",
        &[
            Step::new(StepKind::Accepted, at("2026-07-02 10:00"), "wang"),
            Step::reply(at("2026-07-20 10:00"), "wang", "答复", Delivery::InPerson),
            request,
        ],
    );
    opened(h)
}

/// Item 5: the review answer, months past its limit, is drawn as awaited from the higher
/// body, not as the station's overdue item.
#[test]
fn an_unanswered_review_is_awaited_from_the_higher_body_not_overdue() {
    for s in shots("petition_case_awaited", awaited_review, |_| {}) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
    }
    let mut h = awaited_review(Lang::Zh);
    let screen = h.draw(120, 40);
    let label = t(Lang::Zh, "petition.deadline.review_answer");
    let row = screen.lines().find(|l| l.contains(&label)).unwrap();
    // (At 120 columns the text wraps under the date.)
    assert!(row.contains("2026-08-31"), "{row}");
    assert!(screen.contains("待上级机关答复"), "{screen}");
    let overdue = tf(Lang::Zh, "tui.petition.overdue_days", &[("n", &86)]);
    assert!(!screen.contains(&overdue), "{screen}");
    let body = h.draw_body(80, 24);
    assert!(
        body.contains("2026-08-31 待上级机关答复（不计本站逾期）"),
        "{body}"
    );
    assert!(
        !screen.contains(&t(Lang::Zh, "tui.petition.case.overdue_note")),
        "{screen}"
    );
}
