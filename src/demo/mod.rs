//! Synthetic, reproducible people for demonstrations, tests and benchmarks.
//!
//! Everything is fictional: the county 青山县 and its towns do not exist; names are drawn from
//! common surnames and given-name characters, with the hard cases a real roster has
//! (polyphonic surnames, compound surnames, minority names with `·`). The same seed always
//! gives the same people, in the same order.
pub mod activity;
pub mod petition_showcase;
pub mod petitions;
mod pools;

use crate::domain::category::DisabilityNature;
use crate::domain::id_number::{Gender, IdNumber};
use crate::domain::person::Person;
use chrono::{Datelike, Days, NaiveDate};
use pools::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// `count` synthetic people from `seed`; the same arguments give the same people. ID numbers
/// are valid and unique across the whole set; no person has an `id` (they are not saved).
pub fn generate(count: usize, seed: u64) -> impl Iterator<Item = Person> {
    let mut generator = Generator {
        rng: ChaCha8Rng::seed_from_u64(seed),
        used: vec![0; REGIONS.len() * BIRTH_DAYS * 2],
        surnames: Weighted::new(SURNAMES),
        regions: Weighted::new(REGIONS),
        ethnicities: Weighted::new(ETHNICITIES),
        political: Weighted::new(POLITICAL),
        branches: Weighted::new(BRANCHES),
        ranks: Weighted::new(RANKS),
        categories: Weighted::from_weights(&CATEGORY_WEIGHTS),
    };
    (0..count).map(move |_| generator.person())
}

/// A demo person's categories from the drawn one, without another draw: some disabled
/// veterans also served in a war.
fn demo_categories(drawn: usize, grade: Option<u8>) -> Vec<String> {
    let mut out = vec![DEMO_CATEGORIES[drawn.min(DEMO_CATEGORIES.len() - 1)].to_string()];
    if grade.is_some_and(|g| g % 4 == 0) {
        out.push("参战退役人员".to_string());
    }
    out
}

struct Generator {
    rng: ChaCha8Rng,
    /// People given so far per (region, birth day, gender): the ID sequence is derived from
    /// it, which keeps every ID number unique without remembering the numbers.
    used: Vec<u16>,
    surnames: Weighted<&'static str>,
    regions: Weighted<&'static str>,
    ethnicities: Weighted<&'static str>,
    political: Weighted<&'static str>,
    branches: Weighted<&'static str>,
    ranks: Weighted<&'static str>,
    categories: Weighted<usize>,
}

fn pick<'a>(rng: &mut ChaCha8Rng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

impl Generator {
    fn person(&mut self) -> Person {
        let category = self.categories.pick(&mut self.rng);
        let survivor = (5..=7).contains(&category) || category == 10;
        // Veterans are mostly men; survivors and families mostly women.
        let male_share = if survivor { 0.25 } else { 0.96 };
        let gender = if self.rng.random_bool(male_share) {
            Gender::Male
        } else {
            Gender::Female
        };
        let minority = self.rng.random_bool(0.01);
        let name = if minority {
            self.minority_name()
        } else {
            self.han_name(gender)
        };
        let (id, birth) = self.id_number(gender);
        let ethnicity = if minority {
            "维吾尔族"
        } else {
            self.ethnicities.pick(&mut self.rng)
        };
        let town_i = self.rng.random_range(0..TOWNS.len());
        let village_stem =
            VILLAGE_STEMS[(town_i * 3 + self.rng.random_range(0..10)) % VILLAGE_STEMS.len()];
        let village = if town_i == 0 {
            format!("{village_stem}社区")
        } else {
            format!("{village_stem}村")
        };
        let served = !survivor;
        let (enlist, discharge) = if served {
            self.service_dates(birth)
        } else {
            (String::new(), String::new())
        };
        let phone = if self.rng.random_bool(0.97) {
            self.mobile()
        } else {
            String::new()
        };
        let address = format!(
            "青山县{}{village}{}号",
            TOWNS[town_i],
            self.rng.random_range(1..200)
        );
        let political_status = self.political.pick(&mut self.rng).to_string();
        let branch = if served {
            self.branches.pick(&mut self.rng).to_string()
        } else {
            String::new()
        };
        let rank = if served {
            self.ranks.pick(&mut self.rng).to_string()
        } else {
            String::new()
        };
        let grade = (category == 4).then(|| self.rng.random_range(1..=10));
        Person {
            name,
            gender: Some(gender),
            ethnicity: ethnicity.to_string(),
            birth_date: Some(birth),
            id_number: id,
            phone,
            hukou: format!("青山县{}", TOWNS[town_i]),
            town: TOWNS[town_i].to_string(),
            address,
            village,
            categories: demo_categories(category, grade),
            disability_nature: grade.map(|g| DisabilityNature::ALL[usize::from(g) % 3]),
            political_status,
            enlist_date: enlist,
            discharge_date: discharge,
            branch,
            rank,
            disability_grade: grade,
            hardship: self.rng.random_bool(0.05),
            key_person: self.rng.random_bool(0.02),
            ..Person::default()
        }
    }

    fn han_name(&mut self, gender: Gender) -> String {
        let pool = if gender == Gender::Male {
            MALE_GIVEN
        } else {
            FEMALE_GIVEN
        };
        let mut name = self.surnames.pick(&mut self.rng).to_string();
        name.push_str(pick(&mut self.rng, pool));
        if self.rng.random_bool(0.7) {
            name.push_str(pick(&mut self.rng, pool));
        }
        name
    }

    fn minority_name(&mut self) -> String {
        let first = pick(&mut self.rng, MINORITY_PARTS);
        let second = pick(&mut self.rng, MINORITY_PARTS);
        format!("{first}·{second}")
    }

    /// A valid, unique ID number and the birth date it encodes.
    fn id_number(&mut self, gender: Gender) -> (String, NaiveDate) {
        let region_code = self.regions.pick(&mut self.rng);
        let region = REGIONS
            .iter()
            .position(|(r, _)| *r == region_code)
            .unwrap_or(0);
        let male = usize::from(gender == Gender::Male);
        let mut day = self.rng.random_range(0..BIRTH_DAYS);
        let first = NaiveDate::from_ymd_opt(FIRST_BIRTH.0, FIRST_BIRTH.1, FIRST_BIRTH.2)
            .unwrap_or_default();
        // 500 sequence numbers per gender and day; a full day moves on to the next one.
        for _ in 0..BIRTH_DAYS {
            let slot = (region * BIRTH_DAYS + day) * 2 + male;
            let n = self.used[slot];
            if n < 500 {
                self.used[slot] = n + 1;
                let birth = first
                    .checked_add_days(Days::new(day as u64))
                    .unwrap_or(first);
                // Spread the sequence over 0..1000 (193 is coprime with 500, so this is a
                // permutation of each slot's 500 numbers): real ID tails are not all 00xx,
                // and tail lookups must not find thousands of people.
                let spread = (u32::from(n) * 193 + (slot as u32).wrapping_mul(7919)) % 500;
                let sequence = spread as u16 * 2 + male as u16;
                // Region codes are six digits, so composing cannot fail.
                let id = IdNumber::compose(region_code, birth, sequence);
                return (
                    id.map(|id| id.as_str().to_string()).unwrap_or_default(),
                    birth,
                );
            }
            day = (day + 1) % BIRTH_DAYS;
        }
        // Beyond 27 million people of one gender per region the numbers run out.
        (String::new(), first)
    }

    fn service_dates(&mut self, birth: NaiveDate) -> (String, String) {
        // Everyone has left the service by 2025, so nobody enlists later than 2023, and the
        // discharge never comes before the enlistment (the roster rules refuse that).
        let enlist_year = (birth.year() + self.rng.random_range(17..=22)).min(2023);
        let years = self.rng.random_range(2..=16);
        let discharge_year = (enlist_year + years).min(2025);
        let enlist_month = self.rng.random_range(1..=12);
        let discharge_month = self.rng.random_range(1..=12);
        let discharge_month = if discharge_year == enlist_year {
            discharge_month.max(enlist_month)
        } else {
            discharge_month
        };
        (
            format!("{enlist_year}-{enlist_month:02}"),
            format!("{discharge_year}-{discharge_month:02}"),
        )
    }

    fn mobile(&mut self) -> String {
        let second = self.rng.random_range(3..=9u8);
        let rest = self.rng.random_range(0..1_000_000_000u32);
        format!("1{second}{rest:09}")
    }
}

#[cfg(test)]
mod tests {
    use super::generate;
    use crate::domain::person::{IdRule, PersonInput};

    /// Demo people must pass the same rules as an imported roster: an exported demo
    /// database imports again without a rejected row.
    #[test]
    fn every_demo_person_passes_the_roster_rules() {
        for person in generate(20_000, 7) {
            let input = PersonInput::from_person(&person);
            if let Err(errors) = input.validate(IdRule::Required) {
                panic!("{} {}: {errors:?}", person.name, person.id_number);
            }
        }
    }
}
