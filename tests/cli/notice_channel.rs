//! Issue 16, the refusal notice: the 不予受理告知书 names the channel recorded on the refusal
//! step (诉讼, 仲裁, 行政复议 or one the officer named), read back from the .docx; a refusal
//! with no channel recorded points to none.
#![allow(clippy::unwrap_used)]
use crate::common::clock_at;
use chrono::{NaiveDate, NaiveDateTime};
use stationdesk::domain::petition::{PetitionInput, PetitionerInput, Redirect, Step, StepKind};
use stationdesk::store::Store;
use std::path::Path;
use std::process::Command;

const NOW: &str = "2026-11-25 10:00";

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn docx_text(path: &Path) -> String {
    let doc = docx_rs::read_docx(&std::fs::read(path).unwrap()).unwrap();
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

/// Refuses a new letter with `redirect` and returns the text of its 不予受理告知书.
fn refusal_notice(db: &Path, store: &mut Store, redirect: Option<Redirect>) -> String {
    let letter = PetitionInput {
        channel: "letter".into(),
        received_at: "2026-11-20 09:00".into(),
        petitioners: vec![PetitionerInput {
            name: "王五".into(),
            address: "城关镇西街2号".into(),
            ..Default::default()
        }],
        subject: "工资拖欠".into(),
        request: "追讨工资".into(),
        handler: "wangli".into(),
        ..Default::default()
    }
    .validate(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
    .unwrap();
    let (id, case_no) = store.save_new_petition(&letter).unwrap();
    let mut refusal = Step::new(StepKind::NotAccepted, at("2026-11-24 10:00"), "wangli");
    refusal.note = "属于劳动争议".into();
    refusal.redirect = redirect;
    store.add_step(id, &refusal).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_stationdesk"))
        .arg("--db")
        .arg(db)
        .args(["notice", &case_no, "not-accepted"])
        .env("STATIONDESK_CONFIG_DIR", db.with_extension("config"))
        .env("STATIONDESK_NOW", NOW)
        .env_remove("STATIONDESK_DB")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let issued = store.notices_issued(id).unwrap();
    let file = &issued.last().unwrap().file;
    docx_text(&db.parent().unwrap().join("documents").join(file))
}

#[test]
fn the_refusal_notice_names_the_channel_recorded_on_the_step() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("station.db");
    let mut store = Store::open_with_clock(&db, clock_at(at(NOW))).unwrap();
    store.set_actor("wangli");

    let text = refusal_notice(&db, &mut store, Some(Redirect::Arbitration));
    assert!(text.contains("不予受理的理由：属于劳动争议"), "{text}");
    assert!(text.contains("该事项应当通过仲裁途径解决"), "{text}");
    assert!(
        !text.contains("诉讼"),
        "only the channel told is named:\n{text}"
    );

    let text = refusal_notice(&db, &mut store, Some(Redirect::Other("人民调解".into())));
    assert!(text.contains("该事项应当通过人民调解途径解决"), "{text}");
    assert!(!text.contains("仲裁"), "{text}");

    let text = refusal_notice(&db, &mut store, None);
    assert!(
        !text.contains("途径"),
        "no channel recorded, none named:\n{text}"
    );
}
