//! A person's dates against today and against each other: nobody is born, enlists or is
//! discharged after today (a roster once carried 138 discharge dates in the future), and a
//! discharge before the 16th birthday is worth a second look without being impossible.
use super::id_number::{Gender, IdNumber};
use super::person::{Field, FieldError, Person};
use crate::i18n::Msg;
use chrono::{Months, NaiveDate};

/// The refusal of an ID number whose birth date is after today.
pub(super) fn id_birth_after(id: &IdNumber, today: NaiveDate) -> Option<Msg> {
    (id.birth_date() > today).then(|| {
        Msg::new("id.birth_future")
            .arg("value", id.as_str())
            .arg("date", id.birth_date())
            .arg("today", today)
    })
}

/// The refusal of a typed birth date after today.
pub(super) fn birth_after(date: NaiveDate, today: NaiveDate) -> Msg {
    Msg::new("person.birth_future")
        .arg("date", date)
        .arg("today", today)
}

/// The refusal of a gender that the ID number contradicts, saying which gender the number
/// is of.
pub(super) fn gender_not_as_id(implied: Gender, typed: &str) -> Msg {
    let key = match implied {
        Gender::Male => "person.gender_id_male",
        Gender::Female => "person.gender_id_female",
    };
    Msg::new(key).arg("value", typed)
}

/// Service dates (`YYYY-MM` or `YYYY-MM-DD`, as validated) after today are errors; a
/// discharge before the 16th birthday is a notice.
pub(super) fn check_service(
    p: &Person,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
    notices: &mut Vec<FieldError>,
) {
    for (field, date, key) in [
        (Field::EnlistDate, &p.enlist_date, "person.enlist_future"),
        (
            Field::DischargeDate,
            &p.discharge_date,
            "person.discharge_future",
        ),
    ] {
        if before(&today_in(date, today), date) {
            errors.push((field, Msg::new(key).arg("date", date).arg("today", today)));
        }
    }
    let sixteen = p
        .birth_date
        .and_then(|b| b.checked_add_months(Months::new(16 * 12)));
    if let Some(sixteen) = sixteen
        && !p.discharge_date.is_empty()
        && before(&p.discharge_date, &today_in(&p.discharge_date, sixteen))
    {
        let m = Msg::new("person.discharge_young")
            .arg("date", &p.discharge_date)
            .arg("birthday", sixteen);
        notices.push((Field::DischargeDate, m));
    }
}

/// `day` written like `like`: a whole date, or its month when `like` is a month.
fn today_in(like: &str, day: NaiveDate) -> String {
    if like.len() == 7 {
        day.format("%Y-%m").to_string()
    } else {
        day.format("%Y-%m-%d").to_string()
    }
}

/// Whether `a` is before `b`, both written the same way (`YYYY-MM` or `YYYY-MM-DD`) or
/// either empty (never). Within one month, a month is before no day of it.
fn before(a: &str, b: &str) -> bool {
    !a.is_empty() && !b.is_empty() && a < b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn checked(
        enlist: &str,
        discharge: &str,
        birth: Option<NaiveDate>,
    ) -> (Vec<&'static str>, Vec<&'static str>) {
        let p = Person {
            enlist_date: enlist.into(),
            discharge_date: discharge.into(),
            birth_date: birth,
            ..Person::default()
        };
        let (mut errors, mut notices) = (Vec::new(), Vec::new());
        check_service(&p, day(2026, 12, 5), &mut errors, &mut notices);
        let keys = |v: Vec<FieldError>| v.into_iter().map(|(_, m)| m.key).collect();
        (keys(errors), keys(notices))
    }

    #[test]
    fn service_dates_after_today_are_refused() {
        let none: Vec<&str> = Vec::new();
        assert_eq!(
            checked("2026-12", "2026-12-05", None),
            (none.clone(), none.clone())
        );
        assert_eq!(
            checked("2027-01", "2026-12-06", None),
            (
                vec!["person.enlist_future", "person.discharge_future"],
                none.clone()
            )
        );
        assert_eq!(checked("", "", None), (none.clone(), none));
    }

    #[test]
    fn a_discharge_before_the_16th_birthday_is_noticed() {
        let birth = Some(day(1960, 3, 15));
        let none: Vec<&str> = Vec::new();
        let young = vec!["person.discharge_young"];
        assert_eq!(
            checked("1975-01", "1976-03-14", birth),
            (none.clone(), young.clone())
        );
        assert_eq!(checked("1975-01", "1976-02", birth), (none.clone(), young));
        // The birthday itself, or its month when only the month is known: no notice.
        assert_eq!(
            checked("1975-01", "1976-03-15", birth),
            (none.clone(), none.clone())
        );
        assert_eq!(
            checked("1975-01", "1976-03", birth),
            (none.clone(), none.clone())
        );
        assert_eq!(checked("1975-01", "1976-03", None), (none.clone(), none));
    }
}
