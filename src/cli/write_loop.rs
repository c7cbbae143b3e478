//! A hidden command for the reliability tests: saves walk-ins in a loop through the same
//! code path as the form, printing `committed <id>` after each save returns, so a test that
//! kills the process knows exactly which saves were acknowledged.
use super::{CliError, Ctx};
use crate::domain::visit::VisitInput;
use std::io::Write;

pub fn run(ctx: &Ctx, count: u64, tag: &str) -> Result<(), CliError> {
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
        n += 1;
    }
    Ok(())
}
