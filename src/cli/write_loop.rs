//! A hidden command for the reliability tests and the write benchmark: saves walk-ins in a
//! loop through the same code path as the form, printing `committed <id>` after each save
//! returns, so a test that kills the process knows exactly which saves were acknowledged.
//! With `petition_every` it also registers a petition now and then, printing
//! `case <number>`, so that concurrent desks can be checked for unique, gap-free case
//! numbers. With `timings` it prints how long each save took (waiting its turn included)
//! and counts a failed save instead of stopping at it.
use super::{CliError, Ctx};
use crate::domain::petition::{PetitionInput, PetitionerInput};
use crate::domain::visit::VisitInput;
use crate::i18n::Msg;
use std::io::Write;
use std::time::{Duration, Instant};

/// What the loop is asked to do.
pub struct Plan<'a> {
    /// How many walk-ins (0: no limit).
    pub count: u64,
    pub tag: &'a str,
    /// A petition after every this many walk-ins (0: never).
    pub petition_every: u64,
    /// Stop after this long (0: no limit).
    pub seconds: u64,
    pub timings: bool,
}

pub fn run(ctx: &Ctx, plan: Plan) -> Result<(), CliError> {
    let mut store = ctx.create_store()?;
    let stdout = std::io::stdout();
    let say = |line: String| {
        let mut out = stdout.lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    };
    let started = Instant::now();
    let until = (plan.seconds > 0).then(|| started + Duration::from_secs(plan.seconds));
    let mut n: u64 = 0;
    while (plan.count == 0 || n < plan.count) && until.is_none_or(|t| Instant::now() < t) {
        let input = VisitInput {
            visitor_name: "测试来访".into(),
            purpose: Some((n % 14) as usize),
            summary: format!("{} {n}", plan.tag),
            outcome: "done".into(),
            handler: "writer".into(),
            ..Default::default()
        };
        let visit = input
            .validate(ctx.clock.now())
            .map_err(|errs| invalid(ctx, &errs))?;
        let asked = Instant::now();
        let saved = store.save_visit(&visit);
        let took = asked.elapsed().as_micros();
        match saved {
            // The line is written only after the commit returned: it is the acknowledgement.
            Ok(id) => say(format!("committed {id}")),
            Err(e) if plan.timings => {
                say(format!("failed {took} {e}"));
                n += 1;
                continue;
            }
            Err(e) => return Err(ctx.store_error(e)),
        }
        if plan.timings {
            say(format!("waited {took}"));
        }
        n += 1;
        if plan.petition_every > 0 && n.is_multiple_of(plan.petition_every) {
            let now = ctx.clock.now();
            let petition = PetitionInput {
                channel: "visit".into(),
                received_at: now.format("%Y-%m-%d %H:%M").to_string(),
                petitioners: vec![PetitionerInput {
                    name: "测试信访人".into(),
                    phone: "13800000000".into(),
                    ..Default::default()
                }],
                subject: format!("{} {n}", plan.tag),
                request: "测试".into(),
                handler: "writer".into(),
                ..Default::default()
            }
            .validate(now.date())
            .map_err(|errs| invalid(ctx, &errs))?;
            let (_, case_no) = store
                .save_new_petition(&petition)
                .map_err(|e| CliError::user(ctx.msg(&e.msg())))?;
            say(format!("case {case_no}"));
        }
    }
    Ok(())
}

/// Validation failures of the made-up records, in words (they never fail).
fn invalid<F>(ctx: &Ctx, errs: &[(F, Msg)]) -> CliError {
    CliError::user(
        errs.iter()
            .map(|(_, m)| ctx.msg(m))
            .collect::<Vec<_>>()
            .join("; "),
    )
}
