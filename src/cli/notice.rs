//! `stationdesk notice CASE-NUMBER KIND [--out FILE]`: issues a petitioner's notice as .docx
//! (always in Chinese), into the documents folder beside the database unless `--out` names
//! the file; recorded in the audit trail like an export, and so in the case's history.
use super::{CliError, Ctx};
use crate::domain::petition::notice::NoticeKind;
use crate::exchange::notices::issue;
use crate::i18n::Msg;
use std::path::Path;

pub fn run(ctx: &Ctx, case_no: &str, kind: &str, out: Option<&Path>) -> Result<(), CliError> {
    let Some(kind) = NoticeKind::parse(kind) else {
        return Err(CliError::usage(
            ctx.msg(&Msg::new("record_notices.unknown_kind").arg("value", kind)),
        ));
    };
    let store = ctx.open_store()?;
    let case = store
        .petition_by_case_no(case_no)
        .map_err(|e| ctx.store_error(e))?
        .ok_or_else(|| {
            CliError::user(
                ctx.msg(&Msg::new("record_notices.case_not_found").arg("case_no", case_no)),
            )
        })?;
    let issued = issue(&store, &case, kind, out).map_err(|e| {
        CliError::user(
            ctx.msg(
                &Msg::new("record_notices.not_written")
                    .arg("notice", kind.title())
                    .arg("detail", e.render(ctx.lang)),
            ),
        )
    })?;
    println!(
        "{}",
        ctx.msg(
            &Msg::new("record_notices.written")
                .arg("notice", kind.title())
                .arg("path", issued.path.display()),
        )
    );
    Ok(())
}
