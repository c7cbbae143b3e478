//! A hidden command for the reliability tests: saves walk-ins in a loop through the same
//! code path as the form, printing `committed <id>` after each save returns, so a test that
//! kills the process knows exactly which saves were acknowledged. With `petition_every`
//! it also registers a petition now and then, printing `case <number>`, so that concurrent
//! desks can be checked for unique, gap-free case numbers.
use super::{CliError, Ctx};
use crate::domain::petition::{PetitionInput, PetitionerInput};
use crate::domain::visit::VisitInput;
use std::io::Write;

pub fn run(ctx: &Ctx, count: u64, tag: &str, petition_every: u64) -> Result<(), CliError> {
    let mut store = ctx.open_store()?;
    let stdout = std::io::stdout();
    let mut n: u64 = 0;
    while count == 0 || n < count {
        let input = VisitInput {
            visitor_name: "测试来访".into(),
            purpose: Some((n % 14) as usize),
            summary: format!("{tag} {n}"),
            outcome: "done".into(),
            handler: "writer".into(),
            ..Default::default()
        };
        let visit = input.validate(ctx.clock.now()).map_err(|errs| {
            CliError::user(
                errs.iter()
                    .map(|(_, m)| ctx.msg(m))
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
        let id = store.save_visit(&visit).map_err(|e| ctx.store_error(e))?;
        let mut out = stdout.lock();
        // The line is written only after the commit returned: it is the acknowledgement.
        let _ = writeln!(out, "committed {id}");
        let _ = out.flush();
        drop(out);
        n += 1;
        if petition_every > 0 && n.is_multiple_of(petition_every) {
            let now = ctx.clock.now();
            let petition = PetitionInput {
                channel: "visit".into(),
                received_at: now.format("%Y-%m-%d %H:%M").to_string(),
                petitioners: vec![PetitionerInput {
                    name: "测试信访人".into(),
                    phone: "13800000000".into(),
                    ..Default::default()
                }],
                subject: format!("{tag} {n}"),
                request: "测试".into(),
                handler: "writer".into(),
                ..Default::default()
            }
            .validate(now.date())
            .map_err(|errs| {
                CliError::user(
                    errs.iter()
                        .map(|(_, m)| ctx.msg(m))
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            })?;
            let (_, case_no) = store
                .save_new_petition(&petition)
                .map_err(|e| CliError::user(ctx.msg(&e.msg())))?;
            let mut out = stdout.lock();
            let _ = writeln!(out, "case {case_no}");
            let _ = out.flush();
        }
    }
    Ok(())
}
