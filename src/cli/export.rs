//! `stationdesk export people|visits|petitions|checklist|audit [--from] [--to] --out FILE`.
//!
//! Masked by default. Full ID numbers and phones (`--unmasked`) and the audit trail need an
//! administrator's name and password (`--admin USER --password-stdin`); such an export is
//! attributed to that administrator in the audit trail.
use super::admin::AdminArgs;
use super::{CliError, Ctx};
use crate::domain::dates::parse_date;
use crate::domain::officer::Permission;
use crate::exchange::exports::{ExportRequest, Ledger, build_table};
use crate::exchange::write_table_audited;
use crate::i18n::Msg;
use chrono::NaiveDate;
use std::path::Path;

/// The arguments of `export`.
pub struct ExportArgs<'a> {
    pub what: &'a str,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub out: &'a Path,
    pub unmasked: bool,
    pub admin: Option<&'a str>,
    pub password_stdin: bool,
}

fn date_flag(ctx: &Ctx, flag: &str, value: Option<&str>) -> Result<Option<NaiveDate>, CliError> {
    value
        .map(|v| {
            parse_date(v).map_err(|_| {
                CliError::user(
                    ctx.msg(
                        &Msg::new("export.bad_date")
                            .arg("flag", flag)
                            .arg("value", v),
                    ),
                )
            })
        })
        .transpose()
}

pub fn run(ctx: &Ctx, a: ExportArgs) -> Result<(), CliError> {
    let Some(ledger) = Ledger::parse(a.what) else {
        return Err(CliError::usage(format!("export: {}", a.what)));
    };
    let from = date_flag(ctx, "--from", a.from)?;
    let to = date_flag(ctx, "--to", a.to)?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(CliError::user(ctx.msg(
            &Msg::new("export.from_after_to").arg("from", f).arg("to", t),
        )));
    }
    let mut store = ctx.open_store()?;
    let needs_admin = a.unmasked || ledger == Ledger::Audit;
    if needs_admin {
        // Full numbers leave the station's control: an administrator's password is asked
        // even before the first account exists (there is then nobody who may allow it).
        let (Some(user), true) = (a.admin, a.password_stdin) else {
            return Err(CliError::user(ctx.msg(&Msg::new("export.needs_admin"))));
        };
        let permission = if ledger == Ledger::Audit {
            Permission::ExportAudit
        } else {
            Permission::ExportUnmasked
        };
        let args = AdminArgs {
            admin: Some(user.to_string()),
            password_stdin: true,
        };
        super::admin::require_account(ctx, &mut store, &args, permission)?;
    }
    let req = ExportRequest {
        ledger,
        from,
        to,
        unmasked: a.unmasked,
        lang: ctx.lang,
        today: ctx.clock.today(),
    };
    let table = build_table(&store, &req).map_err(|e| ctx.store_error(e))?;
    let summary = format!(
        "{} {} rows{} -> {}",
        ledger.code(),
        table.rows.len(),
        if a.unmasked { " UNMASKED" } else { "" },
        a.out.display()
    );
    write_table_audited(&store, a.out, &table, ledger.code(), &summary)
        .map_err(|e| CliError::user(e.render(ctx.lang)))?;
    println!(
        "{}",
        ctx.msg(
            &Msg::new("export.done")
                .arg("rows", table.rows.len())
                .arg("file", a.out.display())
        )
    );
    Ok(())
}
