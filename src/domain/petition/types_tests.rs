//! The intake form's rules on filled-in forms: what is kept, cleaned and refused.
use super::*;
use crate::domain::petition::validate::same_matter;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn input() -> PetitionInput {
    PetitionInput {
        channel: "来访".into(),
        received_at: "2026-11-25 09:30".into(),
        petitioners: vec![PetitionerInput {
            person_id: None,
            name: "张三丰".into(),
            phone: "138-0000-1234".into(),
            address: "城关镇东街1号".into(),
        }],
        subject: "优待证未办理".into(),
        request: "请求尽快办理优待证".into(),
        handler: "wang".into(),
        ..Default::default()
    }
}

fn fields(errs: &[PetitionFieldError]) -> Vec<PetitionField> {
    errs.iter().map(|(f, _)| *f).collect()
}

#[test]
fn a_good_form_becomes_a_petition() {
    let p = input().validate(today()).unwrap();
    assert_eq!(p.channel, Channel::Visit);
    assert_eq!(p.received_at.to_string(), "2026-11-25 09:30:00");
    assert_eq!(p.petitioners[0].phone, "13800001234");
    assert_eq!(p.people_count, 1);
    assert_eq!(p.risk, Risk::Low);
    assert!(!p.flags.collective);
    assert_eq!(
        PetitionInput::from_petition(&p).validate(today()).unwrap(),
        p
    );
}

#[test]
fn an_empty_form_lists_every_missing_thing() {
    let errs = PetitionInput::default().validate(today()).unwrap_err();
    assert_eq!(
        fields(&errs),
        vec![
            PetitionField::Channel,
            PetitionField::ReceivedAt,
            PetitionField::Petitioners,
            PetitionField::Subject,
            PetitionField::Request,
            PetitionField::Handler,
        ]
    );
}

#[test]
fn the_receipt_time_may_not_be_in_the_future() {
    let mut i = input();
    i.received_at = "+1 08:00".into();
    let errs = i.validate(today()).unwrap_err();
    assert_eq!(errs[0].1.key, "petition.received_future");
    i.received_at = "t".into();
    assert_eq!(
        i.validate(today()).unwrap().received_at,
        today().and_hms_opt(0, 0, 0).unwrap()
    );
    i.received_at = "2026-11-25 25:00".into();
    assert_eq!(
        i.validate(today()).unwrap_err()[0].1.key,
        "petition.datetime_invalid"
    );
    i.received_at = "２０２６-１１-２４ ８：０５".into();
    assert_eq!(
        i.validate(today()).unwrap().received_at.to_string(),
        "2026-11-24 08:05:00"
    );
}

#[test]
fn a_way_to_reach_the_petitioner_is_required() {
    let mut i = input();
    i.petitioners[0].phone.clear();
    i.petitioners[0].address.clear();
    let errs = i.validate(today()).unwrap_err();
    assert_eq!(fields(&errs), vec![PetitionField::PetitionerAddress(0)]);
    assert_eq!(errs[0].1.key, "petition.contact_missing");
    // a second petitioner's address is enough
    i.petitioners.push(PetitionerInput {
        name: "李四".into(),
        address: "某村".into(),
        ..Default::default()
    });
    assert!(i.validate(today()).is_ok());
}

#[test]
fn blank_rows_are_skipped_and_bad_rows_named() {
    let mut i = input();
    i.petitioners.insert(0, PetitionerInput::default());
    i.petitioners.push(PetitionerInput {
        name: "".into(),
        phone: "123".into(),
        ..Default::default()
    });
    let errs = i.validate(today()).unwrap_err();
    assert_eq!(
        fields(&errs),
        vec![
            PetitionField::PetitionerName(2),
            PetitionField::PetitionerPhone(2)
        ]
    );
}

#[test]
fn five_people_make_it_collective() {
    let mut i = input();
    i.people_count = "５人".into();
    let p = i.validate(today()).unwrap();
    assert_eq!(p.people_count, 5);
    assert!(p.flags.collective);
    i.people_count = "4".into();
    i.collective = true;
    let errs = i.validate(today()).unwrap_err();
    assert_eq!(fields(&errs), vec![PetitionField::Collective]);
    i.people_count = "0".into();
    i.collective = false;
    assert_eq!(
        i.validate(today()).unwrap_err()[0].1.key,
        "petition.count_invalid"
    );
}

#[test]
fn people_count_cannot_be_below_the_listed_petitioners() {
    let mut i = input();
    i.petitioners.push(PetitionerInput {
        name: "李四".into(),
        ..Default::default()
    });
    assert_eq!(i.validate(today()).unwrap().people_count, 2);
    i.people_count = "1".into();
    assert_eq!(
        i.validate(today()).unwrap_err()[0].1.key,
        "petition.count_below_listed"
    );
}

#[test]
fn at_most_five_representatives_and_two_agents() {
    let mut i = input();
    i.people_count = "30".into();
    i.representatives = "张一、张二,张三，张四;张五".into();
    i.agents = "李一\n李二".into();
    let p = i.validate(today()).unwrap();
    assert_eq!(p.representatives.len(), 5);
    assert_eq!(p.agents, vec!["李一", "李二"]);
    i.representatives.push_str("；张六");
    i.agents.push_str("、李三");
    let errs = i.validate(today()).unwrap_err();
    assert_eq!(
        fields(&errs),
        vec![PetitionField::Representatives, PetitionField::Agents]
    );
    assert_eq!(errs[0].1.key, "petition.too_many_representatives");
}

#[test]
fn long_and_bad_text_is_refused() {
    let mut i = input();
    i.subject = "事".repeat(101);
    i.risk = "极高".into();
    i.channel = "电报".into();
    let errs = i.validate(today()).unwrap_err();
    assert_eq!(
        fields(&errs),
        vec![
            PetitionField::Channel,
            PetitionField::Subject,
            PetitionField::Risk
        ]
    );
    i.subject = "事".repeat(100);
    i.risk = "高风险".into();
    i.channel = "网上".into();
    let p = i.validate(today()).unwrap();
    assert_eq!(p.risk, Risk::High);
    assert_eq!(p.channel, Channel::Online);
}

#[test]
fn control_characters_are_cleaned() {
    let mut i = input();
    i.subject = " 优待证\u{1b}[2J ".into();
    i.request = "第一行\r\n第二行\u{7}".into();
    let p = i.validate(today()).unwrap();
    assert_eq!(p.subject, "优待证[2J");
    assert_eq!(p.request, "第一行\n第二行");
}

#[test]
fn same_matter_is_recognised_loosely() {
    assert!(same_matter("优待证未办理", "优待证 未办理！"));
    assert!(same_matter("优待证未办理", "关于优待证未办理的问题"));
    assert!(same_matter("要求补发伤残抚恤金", "要求补发抚恤金"));
    assert!(!same_matter("优待证未办理", "宅基地纠纷"));
    assert!(!same_matter("", "宅基地纠纷"));
    assert!(!same_matter("地", "宅基地纠纷"));
}
