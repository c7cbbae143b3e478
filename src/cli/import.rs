//! `stationdesk import FILE [--dry-run] [--skip-invalid]`: a roster (花名册) into the people
//! on file. Every row is validated before anything is written; the write is one transaction.
use super::admin::AdminArgs;
use super::{CliError, Ctx};
use crate::domain::officer::Permission;
use crate::exchange::{
    describe_problems, describe_warnings, read_roster, rejects_path, write_rejects,
};
use crate::i18n::Msg;
use std::path::Path;

pub fn run(
    ctx: &Ctx,
    file: &Path,
    dry_run: bool,
    skip_invalid: bool,
    admin: &AdminArgs,
) -> Result<(), CliError> {
    // The administrator first: even a dry run tells which ID numbers are on file.
    let mut store = ctx.open_store()?;
    super::admin::require(ctx, &mut store, admin, Permission::Import)?;
    let roster = read_roster(file).map_err(|e| CliError::user(ctx.msg(&e.msg())))?;
    for warning in describe_warnings(&roster, file, ctx.lang) {
        eprintln!("{warning}");
    }
    let invalid = roster.invalid_rows().count();
    let valid: Vec<_> = roster.people().cloned().collect();
    if invalid > 0 {
        for problem in describe_problems(&roster, file, ctx.lang) {
            eprintln!("{problem}");
        }
    }
    if invalid > 0 && !skip_invalid {
        let m = Msg::new("import.refused")
            .arg("invalid", invalid)
            .arg("file", file.display());
        return Err(CliError::user(ctx.msg(&m)));
    }
    let mut existing = 0usize;
    for p in &valid {
        if store
            .person_by_id_number(&p.id_number)
            .map_err(|e| ctx.store_error(e))?
            .is_some()
        {
            existing += 1;
        }
    }
    if dry_run {
        let m = Msg::new("import.dry_run")
            .arg("valid", valid.len())
            .arg("new", valid.len() - existing)
            .arg("updated", existing)
            .arg("invalid", invalid);
        println!("{}", ctx.msg(&m));
        return Ok(());
    }
    if invalid > 0 {
        let rejects = rejects_path(file);
        write_rejects(&rejects, &roster, ctx.lang).map_err(|e| {
            CliError::user(
                ctx.msg(
                    &Msg::new("import.rejects_failed")
                        .arg("file", rejects.display())
                        .arg("detail", e),
                ),
            )
        })?;
        eprintln!(
            "{}",
            ctx.msg(
                &Msg::new("import.rejects_written")
                    .arg("invalid", invalid)
                    .arg("file", rejects.display())
            )
        );
    }
    let source = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let counts = store
        .upsert_people(&valid, &source)
        .map_err(|e| ctx.store_error(e))?;
    let m = Msg::new("import.done")
        .arg("new", counts.inserted)
        .arg("updated", counts.updated)
        .arg("file", file.display());
    println!("{}", ctx.msg(&m));
    Ok(())
}
