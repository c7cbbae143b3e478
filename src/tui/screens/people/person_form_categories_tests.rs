//! The person form's categories: a main one chosen, others typed, a disability's nature.
use super::*;
use crate::domain::category::DisabilityNature;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
}

fn base() -> FormValues {
    let mut v = FormValues::default();
    v.set("name", "韦国强");
    v
}

#[test]
fn the_main_category_is_chosen_and_the_others_typed() {
    let mut v = base();
    v.set("category", "残疾军人");
    v.set(MORE_CATEGORIES, "参战退役人员，伤残人民警察");
    v.set("disability_nature", "因战");
    v.set("disability_grade", "3");
    let (p, _) = convert(&v, today()).expect("valid");
    assert_eq!(p.categories, ["残疾军人", "参战退役人员", "伤残人民警察"]);
    assert_eq!(p.disability_nature, Some(DisabilityNature::War));
    // And back into the form as it was.
    let again = values_of(&p);
    assert_eq!(again.get("category"), "残疾军人");
    assert_eq!(again.get(MORE_CATEGORIES), "参战退役人员、伤残人民警察");
    assert_eq!(again.get("disability_nature"), "因战");
}

#[test]
fn a_record_with_a_local_category_can_be_edited_and_saved() {
    let person = Person {
        id: Some(7),
        name: "韦国强".into(),
        categories: vec!["三红人员".into(), "退役士兵".into()],
        ..Person::default()
    };
    let cx = Cx {
        lang: Lang::Zh,
        today: today(),
        page_rows: 10,
        index: Default::default(),
        now: today().and_hms_opt(9, 0, 0).expect("time"),
        officer: "wang".into(),
        role: None,
    };
    let form = PersonForm::edit(&cx, &person);
    let values = form.form.values();
    // The local main category is not among the choices: it leads the typed ones.
    assert_eq!(values.get("category"), "");
    let (p, _) = convert(&values, today()).expect("valid");
    assert_eq!(p.categories, ["三红人员", "退役士兵"]);
    // Only the shipped ones: refused, with the accepted names.
    let errors = convert_with(&values, today(), &CategoryList::shipped()).unwrap_err();
    assert_eq!(errors[0].0, "category");
}

#[test]
fn the_save_accepts_a_local_category_only_once_the_station_has_it() {
    use crate::tui::screens::walkins::jobs::{WalkinJob, WalkinLoaded, run};
    let mut store =
        crate::store::Store::open_in_memory(std::sync::Arc::new(crate::clock::SystemClock))
            .expect("store");
    store.set_actor("boss");
    let mut v = base();
    v.set("category", "退役士兵");
    v.set(MORE_CATEGORIES, "三红人员");
    let (p, _) = convert(&v, today()).expect("valid");
    let job = || WalkinJob::SavePerson {
        person: Box::new(p.clone()),
        force: true,
        draft: None,
    };
    match run(&mut store, job(), Lang::Zh) {
        WalkinLoaded::PersonFailed(why) => assert!(why.contains("三红人员"), "{why}"),
        other => panic!("{other:?}"),
    }
    store.add_local_category("三红人员").expect("add");
    let saved = run(&mut store, job(), Lang::Zh);
    assert!(
        matches!(saved, WalkinLoaded::PersonSaved { .. }),
        "{saved:?}"
    );
}
