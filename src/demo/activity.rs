//! Demo activity: a month of walk-ins (with their follow-ups, and the petitions some became) for the
//! people of a demo database, so that the dashboard, the registers and the reports have
//! something real to show. Reproducible from the seed and the clock's "now".
use crate::domain::visit::{OUTCOME_CODES, PURPOSES, VisitInput};
use crate::store::{Result, Store};
use chrono::{Datelike, Duration, NaiveDateTime, Weekday};
use rand::{Rng, SeedableRng};

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Activity {
    pub visits: usize,
    /// Petitions registered from the walk-ins turned into petitions.
    pub petitions: usize,
}

/// Writes walk-ins over the 30 days before `now` (working days only, office hours).
pub fn write(store: &mut Store, seed: u64, now: NaiveDateTime) -> Result<Activity> {
    let people = store.count_people()? as i64;
    if people == 0 {
        return Ok(Activity::default());
    }
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x5715_D35C);
    let handlers = ["wangli", "zhaomin", "chenjun"];
    let mut inputs = Vec::new();
    for back in (0..30).rev() {
        let day = now.date() - Duration::days(back);
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            continue;
        }
        let count = rng.random_range(4..14);
        for _ in 0..count {
            let minutes = rng.random_range(8 * 60 + 30..17 * 60);
            let at = day
                .and_hms_opt(minutes / 60, minutes % 60, 0)
                .unwrap_or(now);
            if at > now {
                continue;
            }
            let person_id = rng.random_range(1..=people);
            let purpose = match rng.random_range(0..100) {
                0..30 => 0,
                30..45 => 3,
                45..55 => 2,
                55..63 => 4,
                63..70 => 5,
                70..75 => 9,
                _ => rng.random_range(0..PURPOSES.len()),
            };
            let outcome = match rng.random_range(0..100) {
                0..65 => OUTCOME_CODES[0],
                65..78 => OUTCOME_CODES[1],
                78..97 => OUTCOME_CODES[2],
                _ => OUTCOME_CODES[3],
            };
            let follow_up =
                (now.date() - day.checked_sub_signed(Duration::zero()).unwrap_or(day)).num_days();
            inputs.push((
                at,
                person_id,
                VisitInput {
                    person_id: Some(person_id),
                    purpose: Some(purpose),
                    summary: SUMMARIES[rng.random_range(0..SUMMARIES.len())].to_string(),
                    outcome: outcome.to_string(),
                    referred_to: "县人社局".into(),
                    // Follow-ups fall from a few days ago to a week ahead.
                    follow_up_date: format!("+{}", rng.random_range(0..(follow_up + 7).max(1))),
                    handler: handlers[rng.random_range(0..handlers.len())].to_string(),
                    ..Default::default()
                },
            ));
        }
    }
    let mut written = 0;
    for (at, person_id, mut input) in inputs {
        let Some(person) = store.person(person_id)? else {
            continue;
        };
        input.visitor_name = person.name.clone();
        input.visitor_phone = person.phone.clone();
        input.arrived_at = at.format("%Y-%m-%d %H:%M").to_string();
        // Follow-up dates are relative to the visit's day, as the officer typed them then.
        let Ok(visit) = input.validate(at) else {
            continue;
        };
        store.save_visit(&visit)?;
        written += 1;
    }
    let petitions =
        super::petitions::write(store, seed, now)? + super::petition_showcase::write(store, now)?;
    Ok(Activity {
        visits: written,
        petitions,
    })
}

const SUMMARIES: [&str; 10] = [
    "咨询退役士兵自主就业政策",
    "办理优待证，材料齐全",
    "询问定期抚恤金发放时间",
    "反映医疗费用报销问题",
    "咨询子女入学优待政策",
    "申请临时救助，已登记材料",
    "更新联系电话和住址",
    "询问伤残等级评定流程",
    "了解创业贷款贴息政策",
    "咨询党组织关系转接手续",
];
