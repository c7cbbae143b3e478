//! `stationdesk notice CASE KIND`: each notice of a demo case, read back from the .docx with
//! docx-rs's reader, holds the case number, the dates the program computed, the officer's
//! display name, the review-rights sentence where it belongs, and no English under
//! `--lang en`; a backdated letter's receipt promises no day already past; every notice is
//! listed in the case's history.
#![allow(clippy::unwrap_used)]
use crate::common::clock_at;
use chrono::{NaiveDate, NaiveDateTime};
use stationdesk::domain::officer::{HashCost, HashedPassword, Role};
use stationdesk::domain::petition::notice::date_zh;
use stationdesk::domain::petition::{
    Delivery, PetitionInput, PetitionerInput, Status, Step, StepKind, deadlines,
};
use stationdesk::store::Store;
use stationdesk::store::petitions::LedgerFilter;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NOW: &str = "2026-11-25 10:00";

fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str(NOW, "%Y-%m-%d %H:%M").unwrap()
}

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stationdesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("STATIONDESK_CONFIG_DIR", db.with_extension("config"))
        .env("STATIONDESK_NOW", NOW)
        .env_remove("STATIONDESK_DB")
        .output()
        .unwrap()
}

/// Every paragraph's text, top to bottom.
fn docx_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let doc = docx_rs::read_docx(&bytes).unwrap();
    doc.document
        .children
        .iter()
        .filter_map(|c| match c {
            docx_rs::DocumentChild::Paragraph(p) => Some(p.raw_text()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn step(kind: StepKind, when: &str, note: &str) -> Step {
    let mut s = Step::new(kind, at(when), "wangli");
    s.note = note.into();
    s
}

/// Issues `kind` for `case_no` under `--lang en` and returns the new file.
fn issue(store: &Store, db: &Path, case_no: &str, kind: &str) -> PathBuf {
    let out = run(db, &["--lang", "en", "notice", case_no, kind]);
    assert!(
        out.status.success(),
        "{kind}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let case = store.petition_by_case_no(case_no).unwrap().unwrap();
    let issued = store.notices_issued(case.id).unwrap();
    let last = issued.last().unwrap();
    assert_eq!(last.kind, kind);
    db.parent().unwrap().join("documents").join(&last.file)
}

fn no_english(kind: &str, text: &str) {
    assert!(
        !text.chars().any(|c| c.is_ascii_alphabetic()),
        "{kind} has Latin letters:\n{text}"
    );
}

#[test]
fn every_notice_of_a_demo_case_reads_back_with_its_number_dates_and_officer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("station.db");
    let demo = run(&db, &["demo", "--people", "200", "--seed", "3"]);
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let mut store = Store::open_with_clock(&db, clock_at(now())).unwrap();
    store.set_actor("wangli");
    let hash = HashedPassword::with_cost("a long pass phrase", HashCost::TESTING).unwrap();
    for (user, name) in [("wangli", "王丽"), ("zhaomin", "赵敏"), ("chenjun", "陈军")] {
        store.add_officer(user, name, Role::Officer, &hash).unwrap();
    }
    // A letter registered today, whose handler is wangli: it goes through acceptance,
    // extension and reply; two more are refused and forwarded.
    let letter = |subject: &str| {
        PetitionInput {
            channel: "letter".into(),
            received_at: "2026-11-02 09:00".into(),
            petitioners: vec![PetitionerInput {
                name: "张三丰".into(),
                address: "城关镇东街1号".into(),
                ..Default::default()
            }],
            subject: subject.into(),
            request: "补发优待金".into(),
            facts: "2025年优待金未到账".into(),
            reasons: "符合发放条件".into(),
            handler: "wangli".into(),
            ..Default::default()
        }
        .validate(now().date())
        .unwrap()
    };
    let (main_id, main_no) = store.save_new_petition(&letter("优待金未发放")).unwrap();
    let (refused_id, refused_no) = store.save_new_petition(&letter("劳动合同纠纷")).unwrap();
    let (fwd_id, fwd_no) = store.save_new_petition(&letter("医疗报销")).unwrap();
    store
        .add_step(main_id, &step(StepKind::Accepted, "2026-11-05 10:00", ""))
        .unwrap();
    let mut ext = step(StepKind::Extended, "2026-11-20 10:00", "需调取历年发放档案");
    ext.extension_days = Some(30);
    store.add_step(main_id, &ext).unwrap();
    let reply = Step::reply(
        at("2026-11-24 15:00"),
        "wangli",
        "经核实，优待金将于12月补发到位",
        Delivery::InPerson,
    );
    store.add_step(main_id, &reply).unwrap();
    store
        .add_step(
            refused_id,
            &step(
                StepKind::NotAccepted,
                "2026-11-06 10:00",
                "属于劳动争议，请向县劳动人事争议仲裁委员会申请仲裁",
            ),
        )
        .unwrap();
    let mut fwd = step(StepKind::Forwarded, "2026-11-06 11:00", "");
    fwd.forwarded_to = Some("县医疗保障局".into());
    store.add_step(fwd_id, &fwd).unwrap();

    let today = "2026年11月25日";
    let received = "2026年11月2日";
    let cal = store.calendar().unwrap();
    let main = store.petition(main_id).unwrap().unwrap();
    let handling_end = date_zh(deadlines(&main.state, &cal).handling.unwrap().end);
    // accepted 5 Nov + 60 + 30 days = 3 Feb 2027, a working Wednesday
    assert_eq!(handling_end, "2027年2月3日");

    for (case_no, kind, must) in [
        (&main_no, "receipt", vec![received, "2026年11月17日"]),
        (&main_no, "accepted", vec!["2026年11月5日", "第三十四条"]),
        (
            &main_no,
            "extended",
            vec!["需调取历年发放档案", "30日", "2027年2月3日"],
        ),
        (
            &main_no,
            "reply",
            vec![
                "经核实，优待金将于12月补发到位",
                "补发优待金",
                "可以自收到本意见书之日起30日内",
                "请求复查",
                "第三十五条",
            ],
        ),
        (
            &refused_no,
            "not-accepted",
            vec!["县劳动人事争议仲裁委员会", "仲裁"],
        ),
        (&fwd_no, "forwarded", vec!["县医疗保障局", "2026年11月6日"]),
    ] {
        let path = issue(&store, &db, case_no, kind);
        let text = docx_text(&path);
        for want in must
            .iter()
            .chain(&[case_no.as_str(), today, "承办人：王丽", "张三丰"])
        {
            assert!(text.contains(want), "{kind} lacks {want}:\n{text}");
        }
        assert!(
            !text.contains("wangli"),
            "{kind} shows the login name:\n{text}"
        );
        no_english(kind, &text.replace(case_no.as_str(), ""));
        assert_eq!(
            text.contains("请求复查"),
            kind == "reply",
            "{kind}: the review-rights sentence belongs to the reply only"
        );
    }
    // Every notice is listed in its case's history: who, when, which, which file.
    let listed = store.notices_issued(main_id).unwrap();
    let kinds: Vec<&str> = listed.iter().map(|n| n.kind.as_str()).collect();
    assert_eq!(kinds, ["receipt", "accepted", "extended", "reply"]);
    assert!(listed.iter().all(|n| n.actor.starts_with("cli:")));
    assert!(listed.iter().all(|n| n.at.starts_with("2026-11-25")));
    assert_eq!(listed[3].file, format!("{main_no}-信访事项处理意见书.docx"));
    // Issued again, the first stays on file and the second gets its own name.
    let again = issue(&store, &db, &main_no, "reply");
    assert!(again.ends_with(format!("{main_no}-信访事项处理意见书-2.docx")));
    assert!(again.with_file_name(&listed[3].file).exists());

    // A notice whose step the case lacks is refused, and says which.
    let out = run(&db, &["notice", &refused_no, "reply"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("信访事项处理意见书"));
    let demo_case = store
        .ledger(&LedgerFilter::default(), now().date())
        .unwrap()
        .into_iter()
        .find(|r| r.status == Status::Registered)
        .unwrap();
    let path = issue(&store, &db, &demo_case.case_no, "receipt");
    assert!(docx_text(&path).contains(&demo_case.case_no));
}

#[test]
fn a_backdated_letters_receipt_states_the_legal_deadline_and_is_dated_today() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("station.db");
    assert!(run(&db, &["demo", "--people", "50"]).status.success());
    let mut store = Store::open_with_clock(&db, clock_at(now())).unwrap();
    let letter = |received: &str| {
        PetitionInput {
            channel: "letter".into(),
            received_at: received.into(),
            petitioners: vec![PetitionerInput {
                name: "李四".into(),
                address: "城关镇".into(),
                ..Default::default()
            }],
            subject: "优抚待遇".into(),
            request: "请求".into(),
            handler: "nobody".into(),
            ..Default::default()
        }
        .validate(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
        .unwrap()
    };
    // Received 1 Nov, typed in on 25 Nov: the 15 days ended on 16 Nov.
    let (_, old) = store
        .save_new_petition(&letter("2026-11-01 09:00"))
        .unwrap();
    let (_, new) = store
        .save_new_petition(&letter("2026-11-25 09:00"))
        .unwrap();
    let text = docx_text(&issue(&store, &db, &old, "receipt"));
    assert!(text.contains("2026年11月16日"), "{text}");
    assert!(
        !text.contains("将于2026年11月16日前"),
        "a promise of a day gone:\n{text}"
    );
    assert!(text.contains("2026年11月25日"), "issued today:\n{text}");
    // Without an account the recorded name stands in for the officer's.
    assert!(text.contains("承办人：nobody"), "{text}");
    let text = docx_text(&issue(&store, &db, &new, "receipt"));
    assert!(text.contains("将于2026年12月10日前"), "{text}");
}
