//! Demo petitions: every demo walk-in that was turned into a petition (转信访) becomes a case,
//! moved along the statutory procedure as far as its age allows, so that the ledger shows
//! cases at every stage — new, accepted, in progress, replied, closed — and a few whose
//! acceptance notice is overdue or due within days.
use crate::domain::petition::{Delivery, PetitionInput, PetitionerInput, Step, StepKind};
use crate::domain::visit::Outcome;
use crate::store::{Result, Store};
use chrono::{Duration, NaiveDateTime};
use rand::{Rng, SeedableRng};

/// Turns the demo's 转信访 walk-ins into cases; returns how many were registered.
pub fn write(store: &mut Store, seed: u64, now: NaiveDateTime) -> Result<usize> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x0B1E_C7ED);
    let from = now.date() - Duration::days(40);
    let visits = store.visits_between(from, now.date())?;
    let previous_actor = store.actor().to_string();
    let mut written = 0;
    for visit in visits.iter().filter(|v| v.outcome == Outcome::ToPetition) {
        let Some(id) = visit.id else { continue };
        let address = match visit.person_id {
            Some(p) => store.person(p)?.map(|p| p.address).unwrap_or_default(),
            None => String::new(),
        };
        let (subject, request) = SUBJECTS[rng.random_range(0..SUBJECTS.len())];
        let input = PetitionInput {
            channel: "来访".into(),
            received_at: visit.arrived_at.format("%Y-%m-%d %H:%M").to_string(),
            petitioners: vec![PetitionerInput {
                person_id: visit.person_id,
                name: visit.visitor_name.clone(),
                phone: visit.visitor_phone.clone(),
                address,
            }],
            subject: subject.into(),
            request: request.into(),
            facts: visit.summary.clone(),
            risk: ["低", "低", "低", "中", "高"][rng.random_range(0..5)].into(),
            handler: visit.handler.clone(),
            from_visit: Some(id),
            ..Default::default()
        };
        let Ok(petition) = input.validate(now.date()) else {
            continue;
        };
        store.set_actor(&visit.handler);
        let Ok((case, _)) = store.save_new_petition(&petition) else {
            continue;
        };
        store.link_visit_to_petition(id, case)?;
        written += 1;
        let age = (now - visit.arrived_at).num_days();
        // One case in four waits for its acceptance decision; the older of those are the
        // overdue and nearly due ones the dashboard warns about.
        if rng.random_range(0..4) == 0 {
            continue;
        }
        let mut steps = vec![(StepKind::Accepted, 2)];
        if age > 6 {
            steps.push((StepKind::InProgress, 5));
        }
        if age > 25 && rng.random_bool(0.5) {
            steps.push((StepKind::Replied, 24));
            steps.push((StepKind::Closed, 25));
        }
        for (kind, after) in steps {
            let at = visit.arrived_at + Duration::days(after);
            if at > now {
                break;
            }
            let step = if kind == StepKind::Replied {
                Step::reply(
                    at,
                    &visit.handler,
                    "经核查，已按政策答复信访人",
                    Delivery::InPerson,
                )
            } else {
                Step::new(kind, at, &visit.handler)
            };
            if store.add_step(case, &step).is_err() {
                break;
            }
        }
    }
    store.set_actor(&previous_actor);
    Ok(written)
}

const SUBJECTS: [(&str, &str); 6] = [
    ("抚恤金发放标准", "请求核实并按新标准补发抚恤金"),
    ("退役安置待遇", "请求落实退役士兵安置待遇"),
    ("伤残等级评定", "请求重新评定伤残等级"),
    ("医疗费用报销", "请求协调解决医疗费用报销问题"),
    ("优待证办理进度", "请求尽快办理优待证"),
    ("参战人员身份认定", "请求认定参战人员身份并落实补助"),
];
