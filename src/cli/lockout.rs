//! `stationdesk user lockout [--attempts N] [--minutes M]`: the station's lockout rule.
use super::args::LockoutArgs;
use super::{CliError, Ctx};
use crate::domain::officer::LockoutPolicy;
use crate::i18n::Msg;
use crate::store::lockout::{ATTEMPTS_RANGE, MINUTES_RANGE};

/// Shows the rule; with `--attempts` or `--minutes`, an administrator changes it.
pub fn run(ctx: &Ctx, a: LockoutArgs) -> Result<(), CliError> {
    if a.attempts.is_none() && a.minutes.is_none() {
        let store = ctx.open_store()?;
        let p = store.lockout_policy().map_err(|e| ctx.store_error(e))?;
        println!("{}", ctx.msg(&shown("lockout_cli.show", p)));
        return Ok(());
    }
    check(ctx, "--attempts", a.attempts, &ATTEMPTS_RANGE)?;
    check(ctx, "--minutes", a.minutes, &MINUTES_RANGE)?;
    let mut store = super::user::admin_store(ctx, &a.admin)?;
    let before = store.lockout_policy().map_err(|e| ctx.store_error(e))?;
    let policy = LockoutPolicy {
        attempts: a.attempts.unwrap_or(before.attempts),
        minutes: a.minutes.unwrap_or(before.minutes),
    };
    store
        .set_lockout_policy(policy)
        .map_err(|e| ctx.store_error(e))?;
    println!("{}", ctx.msg(&shown("lockout_cli.set", policy)));
    Ok(())
}

fn shown(key: &'static str, p: LockoutPolicy) -> Msg {
    Msg::new(key)
        .arg("attempts", p.attempts)
        .arg("minutes", p.minutes)
}

fn check(
    ctx: &Ctx,
    flag: &str,
    value: Option<u32>,
    range: &std::ops::RangeInclusive<u32>,
) -> Result<(), CliError> {
    match value {
        Some(v) if !range.contains(&v) => Err(CliError::usage(
            ctx.msg(
                &Msg::new("lockout_cli.out_of_range")
                    .arg("flag", flag)
                    .arg("value", v)
                    .arg("min", range.start())
                    .arg("max", range.end()),
            ),
        )),
        _ => Ok(()),
    }
}
