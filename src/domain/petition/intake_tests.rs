//! The deadlines intake and referrals change, on a fixed calendar: an anonymous letter runs
//! no notice deadline, a 交办 case owes its report by the assigner's date, a forwarded case
//! awaits feedback, a village station passes up the same day.
use super::deadlines::{DeadlineKind, deadlines, next_due, timing};
use super::intake::Intake;
use super::lifecycle::{CaseState, Status, Step, StepKind};
use super::record::{Delivery, record};
use crate::domain::calendar::Calendar;
use crate::i18n::{Lang, catalog};
use chrono::{NaiveDate, NaiveDateTime};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(y: i32, m: u32, day: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(10, 0, 0).unwrap()
}

fn registered(intake: Intake, at: NaiveDateTime) -> CaseState {
    CaseState::replay_with(intake, &[Step::new(StepKind::Registered, at, "wang")]).unwrap()
}

fn go(case: &CaseState, step: Step) -> CaseState {
    let today = step.at.date();
    record(case, &step, today, &Calendar::published())
        .unwrap()
        .1
}

#[test]
fn an_anonymous_letter_runs_no_notice_deadline() {
    let cal = Calendar::published();
    let anon = Intake {
        anonymous: true,
        ..Intake::default()
    };
    let c = registered(anon, t(2026, 12, 1));
    let dl = deadlines(&c, &cal);
    assert_eq!(dl.acceptance, None);
    assert_eq!(dl.get(DeadlineKind::Acceptance), None);
    assert!(dl.get_all().iter().all(Option::is_none));
    assert_eq!(next_due(&c, &cal), None);
    // accepted a month later: not late, and the 60 days still run
    let acc = go(&c, Step::new(StepKind::Accepted, t(2027, 1, 5), "wang"));
    assert_eq!(
        timing(&c, StepKind::Accepted, d(2027, 1, 5), &cal),
        None,
        "no notice limit to meet"
    );
    assert_eq!(
        next_due(&acc, &cal),
        Some((DeadlineKind::Handling, d(2027, 3, 8)))
    );
}

#[test]
fn an_assigned_case_owes_its_report_by_the_assigners_date() {
    let cal = Calendar::published();
    let owed = Intake {
        report_due: Some(d(2026, 12, 20)),
        ..Intake::default()
    };
    let c = registered(owed, t(2026, 12, 1));
    // the acceptance decision (12-16) comes first, then the report (12-20)
    assert_eq!(
        next_due(&c, &cal),
        Some((DeadlineKind::Acceptance, d(2026, 12, 16)))
    );
    let acc = go(&c, Step::new(StepKind::Accepted, t(2026, 12, 2), "wang"));
    assert_eq!(
        next_due(&acc, &cal),
        Some((DeadlineKind::Report, d(2026, 12, 20)))
    );
    let replied = go(
        &acc,
        Step::reply(t(2026, 12, 18), "wang", "答复", Delivery::InPerson),
    );
    assert_eq!(replied.status, Status::Replied);
    assert_eq!(
        next_due(&replied, &cal),
        Some((DeadlineKind::Report, d(2026, 12, 20))),
        "the report stays due after the reply"
    );
    // sent on the 22nd: two days after the assigner's date, and it stays late
    let step = Step::new(StepKind::ReportSent, t(2026, 12, 22), "wang");
    let (kept, sent) = record(&replied, &step, d(2026, 12, 22), &cal).unwrap();
    let timing = kept.timing.unwrap();
    assert_eq!(timing.kind, DeadlineKind::Report);
    assert_eq!(timing.late_days, 2);
    assert!(timing.is_stations());
    assert_eq!(next_due(&sent, &cal), None);
}

#[test]
fn a_forwarded_case_awaits_feedback_and_can_be_reopened() {
    let cal = Calendar::published();
    let c = registered(Intake::default(), t(2026, 11, 2));
    let mut fwd = Step::new(StepKind::Forwarded, t(2026, 11, 3), "wang");
    fwd.forwarded_to = Some("县人社局".into());
    let fwd = go(&c, fwd);
    assert!(fwd.status.is_open());
    assert_eq!(
        next_due(&fwd, &cal),
        Some((DeadlineKind::Feedback, d(2026, 11, 18)))
    );
    let mut fb = Step::new(StepKind::FeedbackReceived, t(2026, 11, 20), "wang");
    fb.note = "人社局退回：属本站职责".into();
    let back = go(&fwd, fb);
    assert!(!back.status.is_open());
    let mut re = Step::new(StepKind::Reopened, t(2026, 11, 21), "li");
    re.note = "退回本站办理".into();
    let reopened = go(&back, re);
    assert_eq!(reopened.status, Status::InProgress);
    assert_eq!(
        next_due(&reopened, &cal),
        Some((DeadlineKind::Handling, d(2027, 1, 20)))
    );
}

#[test]
fn a_village_station_passes_up_the_same_day() {
    let cal = Calendar::published();
    let village = Intake {
        passes_up: true,
        ..Intake::default()
    };
    // received on Saturday 2026-11-28: the same-day limit ends on Monday the 30th
    let c = registered(village, t(2026, 11, 28));
    assert_eq!(deadlines(&c, &cal).acceptance, None);
    assert_eq!(
        next_due(&c, &cal),
        Some((DeadlineKind::PassUp, d(2026, 11, 30)))
    );
    let mut up = Step::new(StepKind::PassedUp, t(2026, 12, 1), "wang");
    up.forwarded_to = Some("城关镇退役军人服务站".into());
    let (kept, next) = record(&c, &up, d(2026, 12, 1), &cal).unwrap();
    assert_eq!(kept.timing.unwrap().late_days, 1);
    assert_eq!(next.status, Status::PassedUp);
    assert_eq!(
        next_due(&next, &cal).map(|(k, _)| k),
        Some(DeadlineKind::Feedback)
    );
}

#[test]
fn every_new_label_is_in_both_catalogs() {
    let mut keys: Vec<&str> = vec![
        DeadlineKind::PassUp.label_key(),
        DeadlineKind::Feedback.label_key(),
        DeadlineKind::Report.label_key(),
        "petition.flag.anonymous",
        "petition.intake.no_notice_anonymous",
        "petition.redirect.told",
    ];
    keys.extend(super::Source::ALL.iter().map(|s| s.label_key()));
    keys.extend(super::PetitionType::ALL.iter().map(|s| s.label_key()));
    for r in [
        super::Redirect::Litigation,
        super::Redirect::Arbitration,
        super::Redirect::AdminReview,
        super::Redirect::Other(String::new()),
    ] {
        keys.push(r.label_key());
    }
    for k in [
        DeadlineKind::PassUp,
        DeadlineKind::Feedback,
        DeadlineKind::Report,
    ] {
        assert_eq!(DeadlineKind::from_code(k.code()), Some(k));
    }
    for lang in [Lang::Zh, Lang::En] {
        for k in &keys {
            assert!(catalog(lang).contains_key(*k), "{lang:?} lacks {k}");
        }
    }
}

/// The intake form's own rules: codes, unclear names, the assigner's deadline.
mod form {
    use crate::domain::petition::PetitionInput;
    use crate::domain::petition::intake::*;
    use crate::domain::petition::{Channel, PetitionerInput};
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn letter() -> PetitionInput {
        PetitionInput {
            channel: "来信".into(),
            received_at: "2026-11-25 09:30".into(),
            petitioners: vec![PetitionerInput {
                name: "张三丰".into(),
                address: "城关镇东街1号".into(),
                ..Default::default()
            }],
            subject: "优待证未办理".into(),
            request: "请求尽快办理优待证".into(),
            handler: "wang".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_fax_is_a_channel() {
        let mut i = letter();
        i.channel = "传真".into();
        assert_eq!(i.validate(today()).unwrap().channel, Channel::Fax);
        assert_eq!(Channel::parse("fax"), Some(Channel::Fax));
    }

    #[test]
    fn an_anonymous_letter_needs_no_contact() {
        let mut i = letter();
        i.petitioners = vec![PetitionerInput {
            name: "不详".into(),
            address: "不详".into(),
            ..Default::default()
        }];
        let p = i.validate(today()).unwrap();
        assert!(p.anonymous);
        assert!(p.intake().anonymous);
        // ticked, with no petitioner row at all
        i.petitioners.clear();
        i.anonymous = true;
        let p = i.validate(today()).unwrap();
        assert!(p.anonymous && p.petitioners.is_empty());
        // a named petitioner without contact is still refused
        i.anonymous = false;
        i.petitioners = vec![PetitionerInput {
            name: "李四".into(),
            ..Default::default()
        }];
        assert_eq!(
            i.validate(today()).unwrap_err()[0].1.key,
            "petition.contact_missing"
        );
    }

    #[test]
    fn an_assigned_case_names_its_assigner_and_deadline() {
        let mut i = letter();
        i.source = "上级交办".into();
        let errs = i.validate(today()).unwrap_err();
        let keys: Vec<_> = errs.iter().map(|(_, m)| m.key).collect();
        assert_eq!(
            keys,
            vec!["petition.assigner_missing", "petition.assigner_due_missing"]
        );
        i.assigner = "县信访局".into();
        i.assigner_due = "2026-12-20".into();
        i.kind = "申诉求决".into();
        let p = i.validate(today()).unwrap();
        assert_eq!(p.source, Source::Assigned);
        assert_eq!(p.intake().report_due, NaiveDate::from_ymd_opt(2026, 12, 20));
        assert_eq!(p.kind, Some(PetitionType::Appeal));
        assert_eq!(
            PetitionInput::from_petition(&p).validate(today()).unwrap(),
            p
        );
        i.source = "本级".into();
        assert_eq!(
            i.validate(today()).unwrap_err()[0].1.key,
            "petition.assigner_due_only_assigned"
        );
        i.assigner_due.clear();
        i.kind = "其他".into();
        assert_eq!(
            i.validate(today()).unwrap_err()[0].1.key,
            "petition.kind_invalid"
        );
    }

    #[test]
    fn codes_and_names_read_back() {
        for s in Source::ALL {
            assert_eq!(Source::parse(s.code()), Some(s));
        }
        assert_eq!(Source::parse("上级交办"), Some(Source::Assigned));
        assert_eq!(Source::parse("本级受理"), Some(Source::Local));
        for t in PetitionType::ALL {
            assert_eq!(PetitionType::parse(t.code()), Some(t));
        }
        assert_eq!(
            PetitionType::parse("检举控告"),
            Some(PetitionType::Accusation)
        );
        assert_eq!(PetitionType::parse("其他"), None);
        assert_eq!(Redirect::parse("复议"), Some(Redirect::AdminReview));
        assert_eq!(
            Redirect::parse("劳动监察投诉"),
            Some(Redirect::Other("劳动监察投诉".into()))
        );
        assert_eq!(Redirect::parse("  "), None);
        let other = Redirect::Other("人民调解".into());
        assert_eq!(Redirect::from_code(other.code(), "人民调解"), Some(other));
    }

    #[test]
    fn unclear_names_are_recognised() {
        for n in ["不详", " 匿名 ", "（不详）", "无名氏", "Anonymous", ""] {
            assert!(name_unknown(n), "{n}");
        }
        assert!(!name_unknown("张不详"));
        assert!(address_unknown("不详"));
        assert!(!address_unknown("城关镇"));
    }

    #[test]
    fn a_village_station_does_not_accept() {
        assert!(!StationLevel::from_setting(Some("village")).accepts());
        assert!(StationLevel::from_setting(Some("town")).accepts());
        assert!(StationLevel::from_setting(None).accepts());
    }
}
