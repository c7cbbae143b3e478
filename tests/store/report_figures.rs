//! Report figures on a fixed data set, counted by hand: walk-ins by purpose, outcome,
//! category, town and day; follow-ups done and overdue; petitions received, accepted,
//! closed, overdue and by risk; and the same figures from `stationdesk report`.
#![allow(clippy::unwrap_used)]
use crate::common;

use chrono::{NaiveDate, NaiveDateTime};
use stationdesk::domain::petition::{Delivery, PetitionInput, PetitionerInput, Step, StepKind};
use stationdesk::domain::report::{Period, Tally};
use stationdesk::domain::visit::VisitInput;
use stationdesk::i18n::{Lang, t};
use stationdesk::store::Store;
use stationdesk::store::report_data::gather;

fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

fn at(day: u32, h: u32) -> NaiveDateTime {
    d(day).and_hms_opt(h, 0, 0).unwrap()
}

/// Walk-ins: `(day, hour, purpose, outcome, person index or none)`. People (see
/// tests/common): 0 张三丰 退役士兵 城关镇, 1 阿依古丽 烈士遗属 城关镇, 2 欧阳修文 军队转业干部
/// 大塘镇, 3 尉迟恭 残疾军人 大塘镇, 4 李四 现役军人家属 城关镇.
const VISITS: [(u32, u32, usize, &str, Option<usize>); 16] = [
    (2, 9, 0, "done", Some(0)),
    (2, 10, 0, "follow_up", Some(1)), // due the 5th, done on the 4th
    (3, 9, 3, "referred", Some(3)),
    (9, 11, 1, "done", Some(2)),
    (12, 9, 0, "done", None),
    (13, 15, 2, "petition", Some(4)),
    (16, 9, 0, "done", Some(0)),
    (16, 10, 5, "done", Some(3)),
    (17, 14, 1, "referred", None),
    (18, 9, 0, "done", Some(1)),
    (20, 9, 3, "follow_up", Some(2)), // due the 23rd, not done: overdue on the 25th
    (23, 16, 0, "done", Some(4)),
    (24, 9, 2, "done", Some(0)),
    (25, 8, 0, "done", Some(3)),
    (25, 9, 1, "referred", None),
    (25, 9, 9, "petition", Some(1)),
];

/// A petition: received at, risk, and the steps after registration.
type Case<'a> = (NaiveDateTime, &'a str, &'a [(StepKind, NaiveDateTime)]);

fn fixture(path: &std::path::Path) -> Store {
    let clock = common::clock_at(at(1, 8));
    let mut store = common::store(Some(path), clock.clone());
    store.set_actor("wang");
    let ids = common::fill(&mut store);
    for (day, hour, purpose, outcome, person) in VISITS {
        clock.set(at(day, hour));
        let visit = VisitInput {
            person_id: person.map(|i| ids[i]),
            visitor_name: "张三".into(),
            purpose: Some(purpose),
            outcome: outcome.into(),
            follow_up_date: "+3".into(),
            referred_to: "民政局".into(),
            handler: "wang".into(),
            ..Default::default()
        }
        .validate(at(day, hour))
        .unwrap();
        let id = store.save_visit(&visit).unwrap();
        if (day, hour) == (2, 10) {
            clock.set(at(4, 10));
            store.complete_follow_up(id, "已电话回复").unwrap();
        }
    }
    // Petitions received in November: (received, risk, steps after registration).
    // 1st: never accepted — its 15-day acceptance notice fell due on the 16th: overdue.
    // 10th: accepted on the 12th — handling runs to January: not overdue.
    // 20th: accepted, in progress, replied and closed.
    // And one from October, outside the month.
    let cases: [Case; 4] = [
        (at(1, 9), "高", &[]),
        (at(10, 9), "中", &[(StepKind::Accepted, at(12, 9))]),
        (
            at(20, 9),
            "低",
            &[
                (StepKind::Accepted, at(20, 15)),
                (StepKind::InProgress, at(21, 9)),
                (StepKind::Replied, at(23, 9)),
                (StepKind::Closed, at(24, 9)),
            ],
        ),
        (
            NaiveDate::from_ymd_opt(2026, 10, 30)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            "高",
            &[],
        ),
    ];
    for (i, (received, risk, steps)) in cases.iter().enumerate() {
        clock.set(*received);
        let petition = PetitionInput {
            channel: "来访".into(),
            received_at: received.format("%Y-%m-%d %H:%M").to_string(),
            petitioners: vec![PetitionerInput {
                name: format!("信访人{}", ["甲", "乙", "丙", "丁"][i]),
                phone: "13800001234".into(),
                ..Default::default()
            }],
            subject: format!("事项{}", ["甲", "乙", "丙", "丁"][i]),
            request: "请求依法处理".into(),
            risk: (*risk).into(),
            handler: "wang".into(),
            ..Default::default()
        }
        .validate(received.date())
        .unwrap();
        let (id, _) = store.save_new_petition(&petition).unwrap();
        for (kind, when) in *steps {
            clock.set(*when);
            let step = if *kind == StepKind::Replied {
                Step::reply(*when, "wang", "经核查，已答复", Delivery::InPerson)
            } else {
                Step::new(*kind, *when, "wang")
            };
            store.add_step(id, &step).unwrap();
        }
    }
    clock.set(common::now());
    store
}

fn count(tally: &Tally, name: &str) -> u64 {
    tally
        .0
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, c)| *c)
        .unwrap_or(0)
}

#[test]
fn the_month_counted_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("station.db");
    let store = fixture(&db);
    let november = Period::Month {
        year: 2026,
        month: 11,
    };
    let r = gather(&store, november, d(25), Lang::Zh).unwrap();
    assert_eq!(r.visits, 16);

    let purposes = [
        ("政策咨询", 7),
        ("建档立卡/信息采集", 3),
        ("优待证办理", 2),
        ("抚恤补助", 2),
        ("帮扶援助", 1),
        ("信访", 1),
    ];
    for (name, n) in purposes {
        assert_eq!(count(&r.by_purpose, name), n, "{name}: {:?}", r.by_purpose);
    }
    assert_eq!(r.by_purpose.0.len(), purposes.len(), "no other purpose");
    // The largest first.
    assert_eq!(r.by_purpose.0[0], ("政策咨询".to_string(), 7));

    let outcome = |key: &str| count(&r.by_outcome, &t(Lang::Zh, key));
    let keys = stationdesk::domain::visit::outcome_label_key;
    assert_eq!(outcome(keys("done")), 9, "{:?}", r.by_outcome);
    assert_eq!(outcome(keys("referred")), 3);
    assert_eq!(outcome(keys("follow_up")), 2);
    assert_eq!(outcome(keys("petition")), 2);

    let categories = [
        ("退役士兵", 3),
        ("烈士遗属", 3),
        ("军队转业干部", 2),
        ("残疾军人", 3),
        ("现役军人家属", 2),
    ];
    for (name, n) in categories {
        assert_eq!(
            count(&r.by_category, name),
            n,
            "{name}: {:?}",
            r.by_category
        );
    }
    assert_eq!(count(&r.by_category, &t(Lang::Zh, "report.not_on_file")), 3);

    assert_eq!(count(&r.by_town, "城关镇"), 8, "{:?}", r.by_town);
    assert_eq!(count(&r.by_town, "大塘镇"), 5);
    assert_eq!(count(&r.by_town, &t(Lang::Zh, "report.town_unknown")), 3);

    assert_eq!(r.per_day.len(), 30);
    let busy: Vec<(u32, u64)> = r
        .per_day
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(day, n)| (chrono::Datelike::day(day), *n))
        .collect();
    assert_eq!(
        busy,
        [
            (2, 2),
            (3, 1),
            (9, 1),
            (12, 1),
            (13, 1),
            (16, 2),
            (17, 1),
            (18, 1),
            (20, 1),
            (23, 1),
            (24, 1),
            (25, 3)
        ]
    );
    assert_eq!(r.follow_ups_done, 1);
    assert_eq!(r.follow_ups_overdue, 1);

    let p = &r.petitions;
    assert_eq!(
        (p.received, p.accepted, p.closed, p.overdue),
        (3, 2, 1, 1),
        "{p:?}"
    );
    assert_eq!(p.by_risk, [1, 1, 1], "low, medium, high");

    // One day: the 25th.
    let day = gather(&store, Period::Day(d(25)), d(25), Lang::Zh).unwrap();
    assert_eq!(day.visits, 3);
    assert_eq!(count(&day.by_purpose, "政策咨询"), 1);
    assert_eq!(day.petitions.received, 0);
    // October: only the old petition, still not accepted and overdue.
    let october = gather(
        &store,
        Period::Month {
            year: 2026,
            month: 10,
        },
        d(25),
        Lang::Zh,
    )
    .unwrap();
    assert_eq!(october.visits, 0);
    assert_eq!(
        (october.petitions.received, october.petitions.overdue),
        (1, 1)
    );
    assert_eq!(october.petitions.by_risk, [0, 0, 1]);
    drop(store);

    // The command prints and writes the same figures.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stationdesk"))
        .env("STATIONDESK_CONFIG_DIR", dir.path().join("config"))
        .env("STATIONDESK_NOW", "2026-11-25 09:30")
        .args(["--lang", "zh", "--db"])
        .arg(crate::common::pg::db(&db))
        .args(["report", "monthly", "--out"])
        .arg(dir.path().join("m.xlsx"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = stationdesk::exchange::read_table(&dir.path().join("m.xlsx")).unwrap();
    let figure = |label: &str| {
        rows.iter()
            .find(|r| r.get(1).is_some_and(|c| c == label))
            .unwrap_or_else(|| panic!("no row {label}: {rows:?}"))[2]
            .clone()
    };
    assert_eq!(figure("来访人次"), "16");
    assert_eq!(figure("政策咨询"), "7");
    assert_eq!(figure("大塘镇"), "5");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("来访人次"), "{text}");
}
