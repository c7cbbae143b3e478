//! `stationdesk audit verify [--against FILE]`: walks the audit trail's hash chain, and
//! checks that a backup's recorded head is still in it.
use super::{CliError, Ctx};
use crate::domain::audit_chain::ChainBreak;
use crate::i18n::Msg;
use crate::store::Store;
use crate::store::backup::checksum_path;
use std::path::Path;

/// Exit 0 when the chain is whole (and holds the backup's head); 1 naming what is wrong.
pub fn verify(ctx: &Ctx, against: Option<&Path>) -> Result<(), CliError> {
    let store = ctx.open_store()?;
    let report = store.verify_audit_chain().map_err(|e| ctx.store_error(e))?;
    if report.whole()
        && let Some(file) = against
    {
        check_backup_head(ctx, &store, file)?;
    }
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

/// The backup's `# audit-head: #ID HASH` line must name a record of this trail with that
/// very hash: records cut off the end, or a chain recomputed after a change, fail here.
fn check_backup_head(ctx: &Ctx, store: &Store, file: &Path) -> Result<(), CliError> {
    let sums = if file.extension().is_some_and(|e| e == "sha256") {
        file.to_path_buf()
    } else {
        checksum_path(file)
    };
    let shown = sums.display().to_string();
    let text = std::fs::read_to_string(&sums).map_err(|e| {
        CliError::user(
            ctx.msg(
                &Msg::new("audit_cli.against_unreadable")
                    .arg("file", &shown)
                    .arg("detail", e),
            ),
        )
    })?;
    let Some((id, hash)) = recorded_head(&text) else {
        return Err(CliError::user(
            ctx.msg(&Msg::new("audit_cli.against_no_head").arg("file", &shown)),
        ));
    };
    let here = store.audit_hash_of(id).map_err(|e| ctx.store_error(e))?;
    if here.as_deref() != Some(hash.as_str()) {
        return Err(CliError::user(
            ctx.msg(
                &Msg::new("audit_cli.against_lost")
                    .arg("file", &shown)
                    .arg("id", id),
            ),
        ));
    }
    println!(
        "{}",
        ctx.msg(
            &Msg::new("audit_cli.against_ok")
                .arg("file", &shown)
                .arg("id", id)
        )
    );
    Ok(())
}

/// `(id, hash)` from a checksum file's `# audit-head: #ID HASH` line.
fn recorded_head(text: &str) -> Option<(i64, String)> {
    let line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("# audit-head:"))?;
    let mut parts = line.split_whitespace();
    let id = parts.next()?.strip_prefix('#')?.parse().ok()?;
    let hash = parts.next()?;
    (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| (id, hash.to_string()))
}

#[cfg(test)]
mod tests {
    use super::recorded_head;

    #[test]
    fn the_head_line_is_read_and_a_bad_one_is_not() {
        let hash = "ab".repeat(32);
        let text = format!("{hash}  b.db\n# schema: 6\n# audit-head: #182 {hash}\n");
        assert_eq!(recorded_head(&text), Some((182, hash.clone())));
        assert_eq!(recorded_head("x  b.db\n# audit-head: 182 abc\n"), None);
        assert_eq!(recorded_head("x  b.db\n"), None);
    }
}
