//! Demo petitions that show what the intake and the procedure can record, one of each, so
//! that every screen has them: a fax, an anonymous letter, a case assigned (交办) with the
//! assigner's deadline, a forwarded (转送) case awaiting feedback, a refusal with the channel
//! told, a high-risk collective visit with its report upward (上报), and a step voided by an
//! administrator. Dated from the demo's clock, with no randomness: the same clock gives the
//! same cases.
use crate::domain::petition::{
    Delivery, PetitionInput, PetitionerInput, Redirect, ReportMethod, RiskReport, Step, StepKind,
};
use crate::store::{Result, Store};
use chrono::{Duration, NaiveDateTime};

/// A step after registration: its kind, the days after receipt, and how it is filled.
type Planned = (StepKind, i64, fn(&mut Step));

/// What a showcase case adds to the common letter.
struct Case {
    days_ago: i64,
    input: PetitionInput,
    steps: Vec<Planned>,
}

fn at(now: NaiveDateTime, days_ago: i64, hour: u32) -> NaiveDateTime {
    let day = (now - Duration::days(days_ago)).date();
    day.and_hms_opt(hour, 0, 0).unwrap_or(now)
}

fn petitioner(name: &str, phone: &str, address: &str) -> Vec<PetitionerInput> {
    vec![PetitionerInput {
        name: name.into(),
        phone: phone.into(),
        address: address.into(),
        ..Default::default()
    }]
}

fn cases(now: NaiveDateTime) -> Vec<Case> {
    let base = |channel: &str, subject: &str, request: &str| PetitionInput {
        channel: channel.into(),
        subject: subject.into(),
        request: request.into(),
        handler: "wangli".into(),
        source: "本级".into(),
        kind: "申诉求决".into(),
        ..Default::default()
    };
    let assigner_due = (now + Duration::days(12)).date().format("%Y-%m-%d");
    vec![
        Case {
            days_ago: 3,
            input: PetitionInput {
                petitioners: petitioner("刘建国", "13907310021", "城关镇北街8号"),
                ..base("传真", "伤残抚恤金调整", "请求按新标准调整伤残抚恤金")
            },
            steps: vec![(StepKind::Accepted, 1, |_| {})],
        },
        Case {
            days_ago: 5,
            input: PetitionInput {
                petitioners: petitioner("匿名", "", "不详"),
                anonymous: true,
                kind: "检举控告".into(),
                ..base("来信", "优抚对象资格造假", "请求核查某村冒领优抚金问题")
            },
            steps: Vec::new(),
        },
        Case {
            days_ago: 8,
            input: PetitionInput {
                petitioners: petitioner("陈秀英", "13807310456", "大塘镇新村3组"),
                source: "交办".into(),
                assigner: "县退役军人事务局".into(),
                assigner_due: assigner_due.to_string(),
                ..base("来访", "烈士遗属定期补助", "请求落实烈士遗属定期生活补助")
            },
            steps: vec![
                (StepKind::Accepted, 1, |_| {}),
                (StepKind::InProgress, 2, |_| {}),
            ],
        },
        Case {
            days_ago: 6,
            input: PetitionInput {
                petitioners: petitioner("黄志明", "13607310789", "城关镇东门路15号"),
                source: "转送".into(),
                ..base("来信", "住院费用报销", "请求按优抚政策报销住院费用")
            },
            steps: vec![(StepKind::Forwarded, 1, |s| {
                s.forwarded_to = Some("县医疗保障局".into());
            })],
        },
        Case {
            days_ago: 4,
            input: PetitionInput {
                petitioners: petitioner("周海涛", "13507310234", "大塘镇石桥村"),
                ..base("来访", "务工工资拖欠", "请求协调追讨拖欠工资")
            },
            steps: vec![(StepKind::NotAccepted, 1, |s| {
                s.note = "属于劳动争议，依法应通过劳动仲裁解决".into();
                s.redirect = Some(Redirect::Arbitration);
            })],
        },
        Case {
            days_ago: 1,
            input: PetitionInput {
                petitioners: petitioner("吴卫东", "13307310567", "城关镇西街22号"),
                people_count: "12".into(),
                representatives: "吴卫东、郑国强".into(),
                collective: true,
                risk: "高".into(),
                ..base("来访", "参战人员补助", "请求落实参战退役人员生活补助")
            },
            steps: Vec::new(),
        },
        Case {
            days_ago: 20,
            input: PetitionInput {
                petitioners: petitioner("孙丽华", "13207310890", "城关镇南街6号"),
                kind: "建议意见".into(),
                ..base(
                    "网上",
                    "优待证使用范围",
                    "建议扩大优待证在公共交通的使用范围",
                )
            },
            steps: vec![
                (StepKind::Accepted, 1, |_| {}),
                (StepKind::Replied, 10, |s| {
                    // Recorded on the wrong case; voided below.
                    *s = Step::reply(s.at, &s.officer, "已答复", Delivery::InPerson);
                }),
            ],
        },
    ]
}

/// Registers the showcase cases; returns how many were registered.
pub fn write(store: &mut Store, now: NaiveDateTime) -> Result<usize> {
    let previous_actor = store.actor().to_string();
    store.set_actor("wangli");
    let mut written = 0;
    let mut ids = Vec::new();
    for case in cases(now) {
        let received = at(now, case.days_ago, 9);
        let input = PetitionInput {
            received_at: received.format("%Y-%m-%d %H:%M").to_string(),
            ..case.input
        };
        let Ok(petition) = input.validate(now.date()) else {
            continue;
        };
        let Ok((id, _)) = store.save_new_petition(&petition) else {
            continue;
        };
        written += 1;
        ids.push(id);
        for (kind, after, fill) in case.steps {
            let mut step = Step::new(kind, received + Duration::days(after), "wangli");
            fill(&mut step);
            if step.at > now || store.add_step(id, &step).is_err() {
                break;
            }
        }
    }
    // The high-risk visit was reported upward within the hour; the mistaken reply voided.
    if let [.., high_risk, mistaken] = ids[..] {
        let report = RiskReport {
            to: "县信访局值班室".into(),
            method: ReportMethod::Phone,
            at: at(now, 1, 10),
            by: "wangli".into(),
        };
        // A demo that cannot record these still has its cases; nothing else depends on them.
        let _ = store.record_risk_report(high_risk, &report);
        let _ = store.void_step(mistaken, 2, "误录：答复应记在另一件信访上");
    }
    store.set_actor(&previous_actor);
    Ok(written)
}
