//! ID numbers and a person's dates: old 15-digit numbers converted, provinces checked, years
//! out of range reported as such, nothing born, enlisted or discharged after today, a
//! discharge before the 16th birthday noticed, and a gender mismatch that says which gender
//! the number is of.
#![allow(clippy::unwrap_used)]
use chrono::NaiveDate;
use stationdesk::domain::id_number::{IdNumber, check_char};
use stationdesk::domain::person::{Field, IdRule, PersonInput};
use stationdesk::exchange::read_roster;
use stationdesk::i18n::Lang;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The day the tests take as today.
fn today() -> NaiveDate {
    day(2026, 12, 5)
}

fn with_check(first17: &str) -> String {
    format!("{first17}{}", check_char(first17).unwrap())
}

fn input(name: &str, id_number: &str) -> PersonInput {
    PersonInput {
        name: name.into(),
        id_number: id_number.into(),
        category: "退役士兵".into(),
        ..Default::default()
    }
}

/// (field, key) of every problem of a refused input.
fn refused(i: &PersonInput) -> Vec<(Field, &'static str)> {
    let errors = i.validate_on(IdRule::Required, today()).unwrap_err();
    errors.into_iter().map(|(f, m)| (f, m.key)).collect()
}

#[test]
fn an_old_15_digit_number_is_kept_as_its_18_digit_form_with_a_notice() {
    let v = input("阿依古丽·买买提", "110105491231002")
        .validate_on(IdRule::Required, today())
        .unwrap();
    assert_eq!(v.person.id_number, "11010519491231002X");
    assert_eq!(v.person.birth_date, Some(day(1949, 12, 31)));
    let (field, notice) = &v.notices[0];
    assert_eq!(*field, Field::IdNumber);
    let text = notice.render(Lang::Zh);
    assert!(
        text.contains("110105491231002") && text.contains("11010519491231002X"),
        "{text}"
    );
}

#[test]
fn a_15_digit_number_in_a_roster_imports_as_18_digits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("老花名册.csv");
    let lines = [
        "姓名,身份证号,性别,人员类别",
        "尉迟恭,110105491231002,女,烈士遗属",
        "阿依古丽·买买提,11010519491231002x,女,退役士兵",
    ];
    std::fs::write(&path, lines.join("\r\n")).unwrap();
    let roster = read_roster(&path).unwrap();
    let first = roster.rows[0].result.as_ref().unwrap();
    assert_eq!(first.id_number, "11010519491231002X");
    // The same person twice, in the old and the new form: a duplicate.
    assert!(roster.rows[1].result.is_err());
}

#[test]
fn a_region_outside_every_province_is_refused_by_its_code() {
    for (n, code) in [
        (with_check("00000019800101001"), "00"),
        (with_check("99999919800101001"), "99"),
        ("990105800101001".to_string(), "99"),
    ] {
        let errors = input("尉迟恭", &n)
            .validate_on(IdRule::Required, today())
            .unwrap_err();
        assert_eq!(errors[0].1.key, "id.province");
        let text = errors[0].1.render(Lang::Zh);
        assert!(text.contains(&format!("“{code}”")), "{text}");
    }
}

#[test]
fn a_birth_year_out_of_range_is_not_called_a_date_that_does_not_exist() {
    let errors = input("尉迟恭", &with_check("45010217000101001"))
        .validate_on(IdRule::Required, today())
        .unwrap_err();
    assert_eq!(errors[0].1.key, "id.birth_year");
    let text = errors[0].1.render(Lang::Zh);
    assert!(text.contains("1700") && !text.contains("不存在"), "{text}");
}

#[test]
fn nobody_is_born_after_today() {
    // 2030-01-01, a woman's number ending in X.
    let n = (0..1000)
        .filter_map(|seq| IdNumber::compose("450102", day(2030, 1, 1), seq))
        .find(|id| id.as_str().ends_with('X'))
        .unwrap();
    assert_eq!(
        refused(&input("阿依古丽·买买提", n.as_str())),
        vec![(Field::IdNumber, "id.birth_future")]
    );
    // Today itself is fine.
    let born_today = IdNumber::compose("450102", today(), 2).unwrap();
    assert!(
        input("尉迟恭", born_today.as_str())
            .validate_on(IdRule::Required, today())
            .is_ok()
    );
    // A typed birth date, without an ID number.
    let mut i = input("尉迟恭", "");
    i.birth_date = "2027-01-01".into();
    let errors = i.validate_on(IdRule::Optional, today()).unwrap_err();
    assert_eq!(errors[0].1.key, "person.birth_future");
}

#[test]
fn service_dates_after_today_are_refused() {
    let mut i = input("尉迟恭", "11010519491231002X");
    i.enlist_date = "2027-03".into();
    i.discharge_date = "2028-12-31".into();
    assert_eq!(
        refused(&i),
        vec![
            (Field::EnlistDate, "person.enlist_future"),
            (Field::DischargeDate, "person.discharge_future")
        ]
    );
    i.enlist_date = "1966-03".into();
    i.discharge_date = "2026-12".into();
    assert!(i.validate_on(IdRule::Required, today()).is_ok());
}

#[test]
fn a_discharge_before_the_16th_birthday_is_flagged_not_refused() {
    // Born 1949-12-31: 16 on 1965-12-31.
    let mut i = input("尉迟恭", "11010519491231002X");
    i.enlist_date = "1964-01".into();
    i.discharge_date = "1965-06".into();
    let v = i.validate_on(IdRule::Required, today()).unwrap();
    let notices: Vec<_> = v.notices.iter().map(|(f, m)| (*f, m.key)).collect();
    assert_eq!(
        notices,
        vec![(Field::DischargeDate, "person.discharge_young")]
    );
    assert!(v.notices[0].1.render(Lang::Zh).contains("1965-12-31"));
    i.discharge_date = "1968-06".into();
    assert!(
        i.validate_on(IdRule::Required, today())
            .unwrap()
            .notices
            .is_empty()
    );
}

#[test]
fn a_gender_mismatch_says_which_gender_the_number_is_of() {
    // …002X: the 17th digit is 2, a woman's number.
    let mut i = input("阿依古丽·买买提", "11010519491231002x");
    i.gender = "男".into();
    let errors = i.validate_on(IdRule::Required, today()).unwrap_err();
    assert_eq!(errors[0].0, Field::Gender);
    let zh = errors[0].1.render(Lang::Zh);
    assert!(
        zh.starts_with("性别与身份证号不符") && zh.contains("女性"),
        "{zh}"
    );
    assert!(errors[0].1.render(Lang::En).contains("a woman's number"));
    // …0011: a man's number.
    let mut i = input("尉迟恭", &with_check("45010219800101001"));
    i.gender = "女".into();
    let zh = i.validate_on(IdRule::Required, today()).unwrap_err()[0]
        .1
        .render(Lang::Zh);
    assert!(zh.contains("男性"), "{zh}");
}
