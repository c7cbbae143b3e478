//! A roster's family links, written after every person of the file in the import's own
//! transaction, so a row may point at a person further down. A relative who cannot be
//! found, or a link that makes no sense, is a notice naming the row: never a silent drop.
use super::audit::append;
use super::family::{gender_of, link, link_seen_from, unlink};
use super::people::PendingImport;
use super::{Result, Store};
use crate::domain::family::{Kinship, LinkRefusal, check};
use crate::domain::id_number::Gender;
use crate::domain::mask::mask_id;
use crate::i18n::Msg;
use crate::store::db::{Connection, OptionalExtension};
use std::collections::HashSet;

/// A link a roster row asks for: the relative is the row's person's `kinship`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRequest {
    /// The roster row, counted as a spreadsheet counts.
    pub row: usize,
    pub person_id_number: String,
    pub relative_id_number: String,
    pub kinship: Kinship,
    /// Whether the roster says the basis; when not, a link on file keeps its own.
    pub basis_given: bool,
}

/// What the officer is told about a link of a row: `(row, message)`.
pub type LinkNotice = (usize, Msg);

fn find(conn: &Connection, id_number: &str) -> Result<Option<(i64, Option<Gender>)>> {
    let row: Option<(i64, Option<String>)> = conn
        .query_row(
            "SELECT id, gender FROM people WHERE id_number = ?1",
            [id_number],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(row.map(|(id, g)| (id, gender_of(g))))
}

fn refusal(row: usize, why: LinkRefusal, relative: &str) -> LinkNotice {
    (row, Msg::new(why.key()).arg("name", mask_id(relative)))
}

/// Checks (and with `write` makes) the links. `in_file`: ID numbers a dry run treats as
/// on file because the roster's own rows would add them.
fn apply(
    conn: &Connection,
    (now, actor): (&str, &str),
    requests: &[LinkRequest],
    in_file: &HashSet<String>,
    write: bool,
) -> Result<Vec<LinkNotice>> {
    let mut notices = Vec::new();
    for r in requests {
        let relative = find(conn, &r.relative_id_number)?;
        let person = find(conn, &r.person_id_number)?;
        let (Some((person_id, _)), Some((relative_id, relative_gender))) = (person, relative)
        else {
            if !in_file.contains(&r.relative_id_number) {
                notices.push((
                    r.row,
                    Msg::new("family.roster.not_found").arg("id", mask_id(&r.relative_id_number)),
                ));
            }
            continue;
        };
        if let Err(why) = check(person_id, relative_id, r.kinship.relation, relative_gender) {
            notices.push(refusal(r.row, why, &r.relative_id_number));
            continue;
        }
        let before = link_seen_from(conn, person_id, relative_id, || Ok(relative_gender))?;
        let mut wanted = r.kinship;
        if let (Some(b), false) = (before, r.basis_given) {
            wanted.basis = b.basis;
        }
        if before == Some(wanted) || !write {
            continue;
        }
        unlink(conn, person_id, relative_id)?;
        link(conn, person_id, relative_id, wanted)?;
        let (action, what) = match before {
            Some(b) => (
                "family_change",
                format!("{} -> {}", b.summary(), wanted.summary()),
            ),
            None => ("family_add", wanted.summary()),
        };
        let text = format!(
            "{} -> {} (row {}): {what}",
            mask_id(&r.person_id_number),
            mask_id(&r.relative_id_number),
            r.row
        );
        append(
            conn,
            now,
            actor,
            action,
            "person",
            &person_id.to_string(),
            &text,
        )?;
    }
    Ok(notices)
}

impl PendingImport<'_> {
    /// Writes the roster's links in the import's transaction, after its people.
    pub fn link_family(&self, requests: &[LinkRequest]) -> Result<Vec<LinkNotice>> {
        let (tx, now, actor) = self.parts();
        apply(tx, (now, actor), requests, &HashSet::new(), true)
    }
}

impl Store {
    /// What [`PendingImport::link_family`] would say, without writing: the people of the
    /// file (`in_file`, by ID number) count as found.
    pub fn plan_family_links(
        &self,
        requests: &[LinkRequest],
        in_file: &HashSet<String>,
    ) -> Result<Vec<LinkNotice>> {
        apply(self.conn(), ("", ""), requests, in_file, false)
    }
}
