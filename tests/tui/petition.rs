//! The petition screens: the ledger with its filters and highlighting, the case view, the
//! step dialog and the intake form, drawn at 80x24 and 120x40 in both languages (the clock
//! is fixed at 2026-11-25 09:30), and how keys move a case.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::screen::{Shot, shots};
use stationdesk::domain::petition::{PetitionInput, PetitionerInput, Step, StepKind};
use stationdesk::i18n::{Lang, t, tf};
use stationdesk::tui::action::Action;

fn at(text: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn input(
    received: &str,
    person: Option<i64>,
    name: &str,
    subject: &str,
    risk: &str,
) -> PetitionInput {
    PetitionInput {
        channel: "visit".into(),
        received_at: received.into(),
        petitioners: vec![PetitionerInput {
            person_id: person,
            name: name.into(),
            phone: "13800001234".into(),
            address: "城关镇东门街 12 号".into(),
        }],
        category: "优抚待遇".into(),
        subject: subject.into(),
        request: "请求尽快办理".into(),
        facts: "去年提交材料后未获答复".into(),
        risk: risk.into(),
        handler: "wang".into(),
        ..Default::default()
    }
}

/// Three cases, listed by urgency (0001, 0002, 0003): 2026-0001 overdue on acceptance and high risk (张三丰); 2026-0002 due in
/// two days (李四); 2026-0003 accepted, in progress and extended (阿依古丽·买买提).
fn with_cases(h: &mut Harness) {
    h.store.set_actor("wang");
    let today = common::now().date();
    let ids = h.ids.clone();
    let cases = [
        input(
            "2026-11-01 10:00",
            Some(ids[0]),
            "张三丰",
            "优待证办理迟缓",
            "high",
        ),
        input(
            "2026-11-12 15:20",
            Some(ids[4]),
            "李四",
            "临时救助申请未受理",
            "medium",
        ),
        input(
            "2026-10-01 09:00",
            Some(ids[1]),
            "阿依古丽·买买提",
            "抚恤金发放标准",
            "low",
        ),
    ];
    let mut saved = Vec::new();
    for c in cases {
        let p = c.validate(today).unwrap();
        saved.push(h.store.save_new_petition(&p).unwrap().0);
    }
    let third = saved[2];
    let mut accepted = Step::new(StepKind::Accepted, at("2026-10-05 10:00"), "wang");
    accepted.note = "已告知信访人".into();
    h.store.add_step(third, &accepted).unwrap();
    h.store
        .add_step(
            third,
            &Step::new(StepKind::InProgress, at("2026-10-06 09:00"), "li"),
        )
        .unwrap();
    let mut ext = Step::new(StepKind::Extended, at("2026-11-20 16:00"), "wang");
    ext.note = "需要调取档案".into();
    ext.extension_days = Some(30);
    h.store.add_step(third, &ext).unwrap();
}

fn ledger(lang: Lang) -> Harness {
    let mut h = Harness::new(lang);
    with_cases(&mut h);
    h.send(Action::GotoPetitions);
    h
}

/// The row of the body holding `text`, and where it stands among the rows.
fn line_of(s: &Shot, text: &str) -> usize {
    s.body.lines().position(|l| l.contains(text)).unwrap()
}

#[test]
fn ledger_snapshots() {
    for s in shots("petition_ledger", ledger, |_| {}) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // By urgency, the first chosen: 2026-0001 overdue, then 2026-0002 due in two days,
        // then 2026-0003 with its extended deadline. 2026-0001 is marked high risk.
        assert!(
            line_of(&s, "2026-0001") < line_of(&s, "2026-0002"),
            "{}",
            s.body
        );
        assert!(
            line_of(&s, "2026-0002") < line_of(&s, "2026-0003"),
            "{}",
            s.body
        );
        // (The cursor and the high-risk mark share the first two columns.)
        assert!(s.row("2026-0001").starts_with("\">!"), "{}", s.body);
        // (English at 80 columns cuts the deadline's words: its start is enough.)
        let overdue = tf(s.lang, "tui.petition.overdue_days", &[("n", &9)]);
        let due = format!("11-16 {}", overdue.chars().take(5).collect::<String>());
        let high = s.row("2026-0001");
        assert!(high.contains(&due), "{high}");
    }
}

#[test]
fn case_view_snapshots() {
    let setup = |h: &mut Harness| {
        h.send(Action::Last);
        h.send(Action::Open);
    };
    for s in shots("petition_case", ledger, setup) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // 2026-0003, extended by 30 days: its handling's last day is Sunday 2027-01-03, so
        // the legal end rolls to Monday 2027-01-04 (2027 has no published calendar yet:
        // Monday to Friday).
        assert!(s.row(&s.t("tui.petition.case.title")).contains("2026-0003"));
        let extended = tf(s.lang, "tui.petition.case.extension_days", &[("n", &30)]);
        assert!(s.shows(&extended), "{}", s.body);
        assert!(s.shows("2027-01-04"), "{}", s.body);
    }
}

#[test]
fn step_dialog_snapshots() {
    let setup = |h: &mut Harness| {
        h.send(Action::Last);
        h.send(Action::Open);
        h.send(Action::AddStep);
    };
    for s in shots("petition_step", ledger, setup) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // The dialog over the case, its time the clock's.
        assert!(s.shows(&s.t("tui.petition.step.title")), "{}", s.body);
        assert!(s.shows("2026-11-25 09:30"), "{}", s.body);
    }
}

#[test]
fn form_snapshots() {
    for s in shots("petition_form_empty", ledger, |h| h.send(Action::NewItem)) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        assert!(s.shows(&s.t("tui.petition.form.title")), "{}", s.body);
        assert!(s.shows("2026-11-25 09:30"), "{}", s.body);
    }
    let errors = |h: &mut Harness| {
        h.send(Action::NewItem);
        h.send(Action::Save);
    };
    for s in shots("petition_form_errors", ledger, errors) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // The three required texts each say what is missing.
        for key in [
            "petition.petitioner_missing",
            "petition.subject_missing",
            "petition.request_missing",
        ] {
            assert!(s.shows(&s.t(key)), "{key}\n{}", s.body);
        }
    }
}

#[test]
fn the_ledger_lists_cases_with_their_deadlines() {
    let mut h = ledger(Lang::Zh);
    let screen = h.draw(120, 40);
    for text in [
        "2026-0001",
        "2026-0002",
        "2026-0003",
        "逾期9天",
        "剩2天",
        "阿依古丽",
    ] {
        assert!(screen.contains(text), "{text} in\n{screen}");
    }
}

#[test]
fn filters_narrow_the_ledger() {
    let mut h = ledger(Lang::En);
    h.send(Action::ToggleOverdue);
    let screen = h.draw(120, 40);
    assert!(screen.contains("2026-0001"));
    assert!(!screen.contains("2026-0002"), "{screen}");
    h.send(Action::ToggleOverdue);
    h.send(Action::CycleRisk); // low
    let screen = h.draw(120, 40);
    assert!(screen.contains("2026-0003") && !screen.contains("2026-0001"));
    h.send(Action::CycleRisk); // medium
    h.send(Action::CycleRisk); // high
    h.send(Action::CycleRisk); // all
    h.send(Action::CycleStatus); // registered
    let screen = h.draw(120, 40);
    assert!(screen.contains("2026-0001") && screen.contains("2026-0002"));
    assert!(!screen.contains("2026-0003"));
    h.send(Action::CycleStatus); // accepted: none
    assert!(h.draw(120, 40).contains("No petitions match"));
    // the rest of the statuses, back to all
    for _ in 0..stationdesk::domain::petition::Status::ALL.len() - 1 {
        h.send(Action::CycleStatus);
    }
    // Text and date range through the filter bar's fields.
    h.send(Action::NextField);
    h.type_text("李四");
    let screen = h.draw(120, 40);
    assert!(screen.contains("2026-0002") && !screen.contains("2026-0001"));
    h.send(Action::ClearField);
    h.send(Action::NextField);
    h.type_text("2026-11-01");
    h.send(Action::NextField);
    h.type_text("2026-11-10");
    let screen = h.draw(120, 40);
    assert!(screen.contains("2026-0001"));
    assert!(!screen.contains("2026-0002") && !screen.contains("2026-0003"));
}

#[test]
fn a_refused_step_shows_the_domains_message() {
    let mut h = ledger(Lang::En);
    h.send(Action::Open); // 2026-0001, the most urgent, registered
    h.send(Action::AddStep);
    h.send(Action::CursorRight); // not accepted
    h.send(Action::Save); // without a reason
    let screen = h.draw(120, 40);
    let why = t(Lang::En, "petition.step.reason_required");
    assert!(screen.contains(&why[..30]), "{why} in\n{screen}");
    // Only the steps the lifecycle allows are offered: no reply before acceptance, and
    // the dialog says why.
    let kinds = screen
        .lines()
        .find(|l| l.contains("< Accept"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(!kinds.contains("Reply"), "{kinds}");
    assert!(screen.contains("Not offered: Reply"), "{screen}");
}

#[test]
fn adding_a_step_moves_the_status() {
    let mut h = ledger(Lang::En);
    h.send(Action::Open); // 2026-0001, the most urgent
    h.send(Action::AddStep);
    h.send(Action::NextField); // when
    h.send(Action::NextField); // note
    h.type_text("accepted at the desk");
    h.send(Action::Save);
    // Confirmed before it is kept: what will be recorded and the new deadline.
    let screen = h.draw(120, 40);
    assert!(screen.contains("Confirm the step"), "{screen}");
    assert!(screen.contains("Afterwards:"), "{screen}");
    h.send(Action::Submit);
    let screen = h.draw(120, 40);
    assert!(screen.contains("Step recorded"), "{screen}");
    assert!(screen.contains("accepted at the desk"));
    let id = h
        .store
        .petition_by_case_no("2026-0001")
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(
        h.store.petition(id).unwrap().unwrap().state.status,
        stationdesk::domain::petition::Status::Accepted
    );
    // Back in the ledger the case is no longer overdue on acceptance.
    h.send(Action::Back);
    let screen = h.draw(120, 40);
    assert!(!screen.contains("9d overdue"), "{screen}");
}

#[test]
fn registering_a_petition_gives_a_case_number() {
    let mut h = ledger(Lang::Zh);
    h.send(Action::NewItem);
    h.send(Action::NextField);
    h.send(Action::NextField);
    h.type_text("王五");
    h.send(Action::NextField);
    h.type_text("13900002222");
    for _ in 0..6 {
        h.send(Action::NextField);
    }
    h.type_text("退役金发放 <延迟>");
    h.send(Action::NextField);
    h.type_text("要求补发");
    h.send(Action::Save);
    let screen = h.draw(120, 40);
    assert!(screen.contains("已登记 2026-0004"), "{screen}");
    assert!(screen.contains("王五"));
    let case = h.store.petition_by_case_no("2026-0004").unwrap().unwrap();
    assert_eq!(case.petition.subject, "退役金发放 <延迟>");
    // The handler is the officer at the desk.
    assert!(!case.petition.handler.is_empty());
}

#[test]
fn a_repeat_is_shown_before_saving() {
    let mut h = ledger(Lang::Zh);
    h.send(Action::NewItem);
    h.send(Action::NextField);
    h.send(Action::NextField);
    h.type_text("阿依古丽·买买提");
    h.send(Action::NextField);
    h.type_text("13912345678");
    for _ in 0..6 {
        h.send(Action::NextField);
    }
    h.type_text("抚恤金发放标准");
    h.send(Action::NextField);
    h.type_text("要求提高标准");
    h.send(Action::Save);
    let screen = h.draw(120, 40);
    assert!(screen.contains("2026-0003"), "{screen}");
    assert!(screen.contains("同一信访人"));
    // The focus is on the repeat flag: tick it and save.
    h.send(Action::Toggle);
    h.send(Action::Save);
    let case = h.store.petition_by_case_no("2026-0004").unwrap().unwrap();
    assert!(case.petition.flags.repeat);
}

#[test]
fn the_dashboard_and_profile_show_petitions() {
    let mut h = Harness::new(Lang::En);
    with_cases(&mut h);
    h.send(Action::GotoDashboard);
    let screen = h.draw(120, 40);
    assert!(screen.contains("High-risk open"), "{screen}");
    h.send(Action::GotoLookup);
    h.type_text("zsf");
    h.send(Action::Open);
    let screen = h.draw(120, 40);
    assert!(screen.contains("2026-0001"), "{screen}");
}

#[test]
fn the_receipt_file_holds_the_case_number_and_escaped_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let mut store = common::store(Some(&db), common::clock());
    store.set_actor("wang");
    let p = input(
        "2026-11-25 09:00",
        None,
        "王五",
        "<script>alert(1)</script> & 补发",
        "",
    )
    .validate(common::now().date())
    .unwrap();
    let loaded = stationdesk::tui::screens::petitions::jobs::save(&mut store, &p, None, Lang::En);
    let stationdesk::tui::action::Loaded::PetitionSaved(saved) = loaded else {
        panic!("not saved: {loaded:?}");
    };
    assert_eq!(saved.case_no, "2026-0001");
    let name = "documents/2026-0001-信访事项登记回执.docx";
    assert_eq!(saved.receipt, Ok(name.to_string()));
    // The receipt is a notice like the others: Chinese under an English screen, the
    // subject exactly as typed (escaped in the file's XML, read back whole).
    let bytes = std::fs::read(dir.path().join(name)).unwrap();
    let doc = docx_rs::read_docx(&bytes).unwrap();
    let text: String = doc
        .document
        .children
        .iter()
        .filter_map(|c| match c {
            docx_rs::DocumentChild::Paragraph(p) => Some(p.raw_text() + "\n"),
            _ => None,
        })
        .collect();
    assert!(text.contains("信访事项登记回执"), "{text}");
    assert!(text.contains("编号：2026-0001"), "{text}");
    assert!(text.contains("<script>alert(1)</script> & 补发"), "{text}");
    assert!(text.contains("将于2026年12月10日前"), "{text}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.path().join(name))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn a_newly_saved_case_is_selected_in_the_ledger() {
    use common::keys::{ctrl, key, text};
    use crossterm::event::KeyCode;
    let mut h = ledger(Lang::Zh);
    ctrl(&mut h, 'n');
    for _ in 0..2 {
        key(&mut h, KeyCode::Tab);
    }
    text(&mut h, "王五");
    key(&mut h, KeyCode::Tab);
    text(&mut h, "13900002222");
    for _ in 0..6 {
        key(&mut h, KeyCode::Tab);
    }
    text(&mut h, "退役金发放延迟");
    key(&mut h, KeyCode::Tab);
    text(&mut h, "要求补发");
    ctrl(&mut h, 's');
    assert_eq!(
        h.app.screen_id(),
        stationdesk::tui::screens::ScreenId::Petitions
    );
    let screen = h.draw(80, 24);
    let selected = screen.lines().find(|l| l.starts_with("\">")).unwrap();
    assert!(selected.contains("2026-0004"), "{screen}");
    // Placed by its deadline: after the overdue case and the one due in two days.
    let row = |c: &str| screen.lines().position(|l| l.contains(c)).unwrap();
    assert!(row("2026-0002") < row("2026-0004") && row("2026-0004") < row("2026-0003"));
}

/// Issue 16, item 3: the extension's reason typed in the note never becomes the reply's
/// text when the step is changed to 答复; the reply is refused without its own content.
#[test]
fn an_extension_note_never_becomes_the_reply_text() {
    let mut h = ledger(Lang::Zh);
    h.send(Action::Open);
    h.send(Action::AddStep);
    h.send(Action::NextField);
    h.send(Action::NextField);
    h.type_text("受理");
    h.send(Action::Save);
    h.send(Action::Submit);
    h.send(Action::AddStep);
    // 办理中 · 延期 · 答复: choose 延期 and type its reason
    h.send(Action::CursorRight);
    h.send(Action::NextField);
    h.send(Action::NextField);
    h.type_text("情况复杂需延期");
    h.send(Action::PrevField);
    h.send(Action::PrevField);
    h.send(Action::CursorRight); // 答复
    h.send(Action::Save);
    let screen = h.draw(100, 30);
    assert!(screen.contains("答复必须填写答复内容"), "{screen}");
    assert!(!screen.contains("确认记录"), "{screen}");
}
