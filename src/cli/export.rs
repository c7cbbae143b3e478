//! `stationdesk export people|visits|petitions|checklist|audit [--from] [--to] --out FILE`.
//!
//! Masked by default. Full ID numbers and phones (`--unmasked`) and the audit trail need an
//! administrator's name and password (`--admin USER --password-stdin`); such an export is
//! attributed to that administrator in the audit trail.
use super::admin::AdminArgs;
use super::progress::Meter;
use super::{CliError, Ctx};
use crate::domain::dates::parse_date;
use crate::domain::officer::Permission;
use crate::exchange::exports::{ExportRequest, Ledger, build_table_watched};
use crate::exchange::{ExportError, ExportFailure, write_table_audited_watched};
use crate::i18n::Msg;
use crate::store::StoreError;
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
    let mut meter = Meter::stoppable(ctx.lang);
    let stopped = |meter: &mut Meter| {
        let m = Msg::new("record_progress.export_interrupted").arg("file", a.out.display());
        meter.interrupted(ctx, &m)
    };
    let table = match build_table_watched(&store, &req, &mut meter) {
        Ok(table) => table,
        Err(StoreError::Cancelled) => return Err(stopped(&mut meter)),
        Err(e) => return Err(ctx.store_error(e)),
    };
    let summary = format!(
        "{} {} rows{} -> {}",
        ledger.code(),
        table.rows.len(),
        if a.unmasked { " UNMASKED" } else { "" },
        a.out.display()
    );
    let written =
        write_table_audited_watched(&store, a.out, &table, (ledger.code(), &summary), &mut meter);
    match written {
        Ok(()) => meter.clear(),
        Err(ExportFailure::File(ExportError::Cancelled)) => return Err(stopped(&mut meter)),
        Err(e) => return Err(CliError::user(e.render(ctx.lang))),
    }
    println!(
        "{}",
        ctx.msg(
            &Msg::new("export.done")
                .arg("rows", table.rows.len())
                .arg("file", a.out.display())
        )
    );
    if let Some(note) = meter.too_late() {
        println!("{note}");
    }
    Ok(())
}
