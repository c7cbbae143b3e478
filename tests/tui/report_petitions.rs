//! The month's petition figures on the Reports screen (issue 16, item 9): 批次 and 人次, by
//! channel, collective / anonymous, and the cases handled late counted in the month the late
//! step was taken, whenever the case was received.
#![allow(clippy::unwrap_used)]
use crate::common;

use chrono::NaiveDateTime;
use common::Harness;
use stationdesk::domain::petition::{PetitionInput, PetitionerInput, Step, StepKind};
use stationdesk::domain::report::Period;
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn case(h: &mut Harness, channel: &str, received: &str, name: &str, people: &str) -> i64 {
    let p = PetitionInput {
        channel: channel.into(),
        received_at: received.into(),
        petitioners: vec![PetitionerInput {
            name: name.into(),
            address: "城关镇".into(),
            ..Default::default()
        }],
        people_count: people.into(),
        collective: people.parse::<u32>().is_ok_and(|n| n >= 5),
        // The figures count the anonymity recorded at intake, not a name.
        anonymous: name == "匿名",
        subject: "优抚待遇".into(),
        request: "请求".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(common::now().date())
    .unwrap();
    h.store.save_new_petition(&p).unwrap().0
}

#[test]
fn the_reports_screen_counts_people_kinds_and_late_handling_by_the_steps_month() {
    let mut h = Harness::new(Lang::Zh);
    // October's letter accepted on 24 November, past its 15 days (4 November): late in
    // November, not in October. November's letter, received on the 2nd, accepted on the
    // 24th (due the 17th): late in November too.
    let october = case(&mut h, "来信", "2026-10-20 09:00", "李四", "");
    let november = case(&mut h, "来信", "2026-11-02 09:00", "王五", "");
    case(&mut h, "来访", "2026-11-10 09:00", "赵六", "12");
    case(&mut h, "来信", "2026-11-11 09:00", "匿名", "");
    for id in [october, november] {
        h.store
            .add_step(
                id,
                &Step::new(StepKind::Accepted, at("2026-11-24 10:00"), "wang"),
            )
            .unwrap();
    }
    let figures = |month| {
        stationdesk::store::report_data::gather(
            &h.store,
            Period::Month { year: 2026, month },
            common::now().date(),
            Lang::Zh,
        )
        .unwrap()
        .petitions
    };
    assert_eq!(figures(10).handled_late, 0);
    let nov = figures(11);
    assert_eq!(nov.handled_late, 2);
    assert_eq!((nov.counts.total.cases, nov.counts.total.people), (3, 14));

    // `report monthly` and its workbook carry the same lines.
    let report = stationdesk::store::report_data::gather(
        &h.store,
        Period::Month {
            year: 2026,
            month: 11,
        },
        common::now().date(),
        Lang::Zh,
    )
    .unwrap();
    let text = stationdesk::cli::report::to_text(&report, Lang::Zh);
    assert!(text.contains("信访逾期办理（件）"), "{text}");
    let line = |item: &str| {
        text.lines()
            .find(|l| l.starts_with(item))
            .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
    };
    assert_eq!(line("集体访").as_deref(), Some("1 12"), "{text}");
    assert_eq!(line("按信访形式·来信").as_deref(), Some("2 2"), "{text}");
    assert_eq!(
        line("按信访来源·本级受理").as_deref(),
        Some("3 14"),
        "{text}"
    );
    assert_eq!(line("按信访类别·未分类").as_deref(), Some("3 14"), "{text}");
    let table = stationdesk::cli::report::to_table(&report, Lang::Zh);
    let cell = |item: &str| {
        table
            .rows
            .iter()
            .find(|r| format!("{:?}", r[1]).contains(item))
            .map(|r| format!("{:?}", r[2]))
    };
    assert_eq!(cell("收到信访（人次）").as_deref(), Some("Int(14)"));
    assert_eq!(cell("匿名信访（批次）").as_deref(), Some("Int(1)"));

    h.send(Action::GotoReports);
    let screen = h.draw(100, 80);
    for want in [
        "信访逾期办理（件） 2",
        "信访人次 14",
        "集体访 1 批 / 12 人次",
        "匿名信访 1 批 / 1 人次",
        "按信访形式·来信 2 批 / 2 人次",
        "按信访形式·来访 1 批 / 12 人次",
        "按信访来源·本级受理 3 批 / 14 人次",
        "按信访类别·未分类 3 批 / 14 人次",
    ] {
        assert!(screen.contains(want), "{want} missing:\n{screen}");
    }
}
