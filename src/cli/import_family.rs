//! The family link columns of an import: the links the valid rows ask for, and the notices
//! about them (a relative not found, a link that makes no sense), each naming its row.
use super::Ctx;
use crate::exchange::Roster;
use crate::i18n::Msg;
use crate::store::family_import::{LinkNotice, LinkRequest};
use std::collections::HashSet;
use std::path::Path;

/// The links of the valid rows, in file order.
pub fn requests(roster: &Roster) -> Vec<LinkRequest> {
    roster
        .rows
        .iter()
        .filter_map(|r| Some((r.row, r.result.as_ref().ok()?, &r.family)))
        .flat_map(|(row, person, links)| {
            links.iter().map(move |l| LinkRequest {
                row,
                person_id_number: person.id_number.clone(),
                relative_id_number: l.relative_id_number.clone(),
                kinship: l.kinship,
                basis_given: l.basis_given,
            })
        })
        .collect()
}

/// The ID numbers of the people the file itself brings (found by a dry run).
pub fn in_file(roster: &Roster) -> HashSet<String> {
    roster.people().map(|p| p.id_number.clone()).collect()
}

/// One line per notice on standard error, naming the file and the row.
pub fn print(ctx: &Ctx, file: &Path, notices: &[LinkNotice]) {
    let name = crate::exchange::display_name(file);
    for (row, msg) in notices {
        let m = Msg::new("family.roster.notice")
            .arg("file", &name)
            .arg("row", row)
            .arg("reason", ctx.msg(msg));
        eprintln!("{}", ctx.msg(&m));
    }
}
