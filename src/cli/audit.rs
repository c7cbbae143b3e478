//! `stationdesk audit verify`: walks the audit trail's hash chain.
use super::{CliError, Ctx};
use crate::domain::audit_chain::ChainBreak;
use crate::i18n::Msg;

/// Exit 0 when the chain is whole; 1 naming the first broken record.
pub fn verify(ctx: &Ctx) -> Result<(), CliError> {
    let store = ctx.open_store()?;
    let report = store.verify_audit_chain().map_err(|e| ctx.store_error(e))?;
    match (&report.first_break, &report.head) {
        (None, None) => {
            println!("{}", ctx.msg(&Msg::new("audit_cli.empty")));
            Ok(())
        }
        (None, Some((id, hash))) => {
            let m = Msg::new("audit_cli.whole")
                .arg("rows", report.rows)
                .arg("id", id)
                .arg("hash", hash);
            println!("{}", ctx.msg(&m));
            Ok(())
        }
        (Some(ChainBreak::Altered { id }), _) => Err(CliError::user(
            ctx.msg(
                &Msg::new("audit_cli.altered")
                    .arg("id", id)
                    .arg("rows", report.rows),
            ),
        )),
        (Some(ChainBreak::Missing { after, id }), _) => {
            let key = if id - after == 2 {
                "audit_cli.missing_one"
            } else {
                "audit_cli.missing"
            };
            Err(CliError::user(
                ctx.msg(
                    &Msg::new(key)
                        .arg("after", after)
                        .arg("from", after + 1)
                        .arg("to", id - 1)
                        .arg("rows", report.rows),
                ),
            ))
        }
    }
}
