//! `stationdesk import FILE [--dry-run] [--skip-invalid] [--accept-changes] [--clear-empty]`:
//! a roster (花名册) into the people on file. Every row is validated before anything is
//! written; the write is one transaction. A record already on file changes only in the
//! fields its row gives, and a changed name, gender or birth date needs `--accept-changes`.
use super::admin::AdminArgs;
use super::import_family as family;
use super::progress::Meter;
use super::{CliError, Ctx};
use crate::domain::mask::mask_id;
use crate::domain::officer::Permission;
use crate::domain::reimport::ImportSummary;
use crate::exchange::{
    Roster, RosterError, describe_notices, describe_problems, describe_warnings, read_roster_with,
    rejects_path, write_rejects,
};
use crate::i18n::{Msg, t, tf};
use crate::store::StoreError;
use crate::store::people::{ImportRow, PendingImport};
use crate::work::{Progress, Stage, Watcher};
use std::path::Path;

/// At most this many row problems are printed; the rejects file has them all.
const PROBLEM_LINES: usize = 100;

pub struct ImportArgs<'a> {
    pub file: &'a Path,
    pub dry_run: bool,
    pub skip_invalid: bool,
    pub accept_changes: bool,
    pub clear_empty: bool,
    /// The administrator allowing it, once the database has accounts.
    pub admin: &'a AdminArgs,
}

pub fn run(ctx: &Ctx, a: &ImportArgs) -> Result<(), CliError> {
    let file = a.file;
    // The administrator first: even a dry run tells which ID numbers are on file.
    let mut store = ctx.open_store()?;
    super::admin::require(ctx, &mut store, a.admin, Permission::Import)?;
    let mut meter = Meter::stoppable(ctx.lang);
    let stopped = |meter: &mut Meter| {
        let m = Msg::new("record_progress.import_interrupted").arg("file", file.display());
        meter.interrupted(ctx, &m)
    };
    let categories = store.category_list().map_err(|e| ctx.store_error(e))?;
    let roster = match read_roster_with(file, ctx.clock.today(), &categories, &mut meter) {
        Ok(roster) => roster,
        Err(RosterError::Cancelled) => return Err(stopped(&mut meter)),
        Err(e) => return Err(CliError::user(ctx.msg(&e.msg()))),
    };
    meter.clear();
    for warning in describe_warnings(&roster, file, ctx.lang) {
        eprintln!("{warning}");
    }
    print_notices(ctx, &roster, file);
    let invalid = roster.invalid_rows().count();
    if invalid > 0 {
        print_problems(ctx, &roster, file);
    }
    if invalid > 0 && !a.skip_invalid {
        let m = Msg::new("import.refused")
            .arg("invalid", invalid)
            .arg("file", file.display());
        return Err(CliError::user(ctx.msg(&m)));
    }
    let rows = import_rows(&roster, a.clear_empty);
    if a.dry_run {
        let summary = match store.plan_import_watched(&rows, &mut meter) {
            Ok(summary) => summary,
            Err(StoreError::Cancelled) => return Err(stopped(&mut meter)),
            Err(e) => return Err(ctx.store_error(e)),
        };
        meter.clear();
        let m = Msg::new("import.dry_run")
            .arg("valid", rows.len())
            .arg("new", summary.new)
            .arg("updated", summary.updated)
            .arg("invalid", invalid);
        println!("{}", ctx.msg(&m));
        print_changes(ctx, &summary, "reimport.will_update");
        let links = family::requests(&roster);
        let notices = store
            .plan_family_links(&links, &family::in_file(&roster))
            .map_err(|e| ctx.store_error(e))?;
        family::print(ctx, file, &notices);
        return refuse_identity_changes(ctx, &summary, a);
    }
    let source = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let pending = match store.begin_import_watched(&rows, &source, &mut meter) {
        Ok(pending) => pending,
        Err(StoreError::Cancelled) => return Err(stopped(&mut meter)),
        Err(e) => return Err(ctx.store_error(e)),
    };
    meter.clear();
    let summary = pending.summary().clone();
    // Dropping `pending` on any early return rolls the whole import back.
    refuse_identity_changes(ctx, &summary, a)?;
    // The links after every person of the file, so a row may point further down.
    let link_notices = pending
        .link_family(&family::requests(&roster))
        .map_err(|e| ctx.store_error(e))?;
    // The last safe point: once the commit begins, the import is kept.
    if meter.stop_was_requested() {
        return Err(stopped(&mut meter));
    }
    let commit = |pending: PendingImport, meter: &mut Meter| {
        meter.progress(Progress {
            stage: Stage::Commit,
            done: 0,
            total: None,
        });
        let done = pending.commit().map_err(|e| ctx.store_error(e));
        meter.clear();
        done
    };
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
        commit(pending, &mut meter)?;
        eprintln!(
            "{}",
            ctx.msg(
                &Msg::new("import.rejects_written")
                    .arg("invalid", invalid)
                    .arg("file", rejects.display())
            )
        );
    } else {
        commit(pending, &mut meter)?;
    }
    let m = Msg::new("import.done")
        .arg("new", summary.new)
        .arg("updated", summary.updated)
        .arg("file", file.display());
    println!("{}", ctx.msg(&m));
    print_changes(ctx, &summary, "reimport.updated");
    family::print(ctx, file, &link_notices);
    if let Some(note) = meter.too_late() {
        println!("{note}");
    }
    Ok(())
}

/// The valid rows with the fields each gives: the filled cells of the file's columns, or
/// every column of the file when empty cells are to clear.
fn import_rows(roster: &Roster, clear_empty: bool) -> Vec<ImportRow<'_>> {
    roster
        .rows
        .iter()
        .filter_map(|r| {
            let person = r.result.as_ref().ok()?;
            let given = if clear_empty {
                roster.fields
            } else {
                r.filled.intersection(roster.fields)
            };
            Some(ImportRow {
                row: r.row,
                person,
                given,
            })
        })
        .collect()
}

/// The first problems, one a line, and a count of the rest.
fn print_problems(ctx: &Ctx, roster: &Roster, file: &Path) {
    let problems = describe_problems(roster, file, ctx.lang);
    for problem in problems.iter().take(PROBLEM_LINES) {
        eprintln!("{problem}");
    }
    if problems.len() > PROBLEM_LINES {
        let m = Msg::new("reimport.more_problems")
            .arg("count", problems.len() - PROBLEM_LINES)
            .arg("file", rejects_path(file).display());
        eprintln!("{}", ctx.msg(&m));
    }
}

/// The notices of the valid rows (old ID numbers converted, a discharge before the 16th
/// birthday), one a line with their row numbers, and a count of the rest.
fn print_notices(ctx: &Ctx, roster: &Roster, file: &Path) {
    let notices = describe_notices(roster, file, ctx.lang);
    for notice in notices.iter().take(PROBLEM_LINES) {
        eprintln!("{notice}");
    }
    if notices.len() > PROBLEM_LINES {
        let m = Msg::new("rostermsg.more_notices").arg("count", notices.len() - PROBLEM_LINES);
        eprintln!("{}", ctx.msg(&m));
    }
}

/// Lists the changes of name, gender or birth date; without `--accept-changes` they refuse
/// the import (a dry run says so the same way, so its exit code tells what the import will
/// do).
fn refuse_identity_changes(
    ctx: &Ctx,
    summary: &ImportSummary,
    a: &ImportArgs,
) -> Result<(), CliError> {
    let changes = &summary.identity;
    if changes.is_empty() {
        return Ok(());
    }
    let mut lines =
        vec![ctx.msg(&Msg::new("reimport.identity_header").arg("count", changes.len()))];
    for c in changes {
        lines.push(
            ctx.msg(
                &Msg::new("reimport.identity_change")
                    .arg("row", c.row)
                    .arg("id", mask_id(&c.id_number))
                    .arg("field", t(ctx.lang, c.field.label_key()))
                    .arg("old", &c.old)
                    .arg("new", &c.new),
            ),
        );
    }
    if !a.accept_changes {
        for line in &lines {
            eprintln!("{line}");
        }
        let m = Msg::new("reimport.identity_refused")
            .arg("count", changes.len())
            .arg("file", a.file.display());
        return Err(CliError::user(ctx.msg(&m)));
    }
    for line in &lines {
        println!("{line}");
    }
    let accepted = if a.dry_run {
        Msg::new("reimport.identity_would_accept")
    } else {
        Msg::new("reimport.identity_accepted")
    };
    println!("{}", ctx.msg(&accepted.arg("count", changes.len())));
    Ok(())
}

/// How many records change and in which fields, and how many stay as they are.
fn print_changes(ctx: &Ctx, summary: &ImportSummary, key: &'static str) {
    if summary.updated == 0 {
        if summary.unchanged > 0 {
            println!("{}", t(ctx.lang, "reimport.no_update"));
        }
    } else {
        let fields = summary
            .field_counts()
            .iter()
            .map(|(f, n)| {
                tf(
                    ctx.lang,
                    "reimport.field_count",
                    &[("field", &t(ctx.lang, f.label_key())), ("count", n)],
                )
            })
            .collect::<Vec<_>>()
            .join(&t(ctx.lang, "reimport.field_join"));
        let m = Msg::new(key)
            .arg("count", summary.updated)
            .arg("fields", fields);
        println!("{}", ctx.msg(&m));
    }
    if summary.unchanged > 0 {
        let m = Msg::new("reimport.unchanged").arg("count", summary.unchanged);
        println!("{}", ctx.msg(&m));
    }
}
