//! Family links: added, changed and removed one at a time, each audited with what it was
//! before and after, and read from either side (see [`crate::domain::family`]).
//!
//! A link is one row `(person_id, relative_id, relation)` meaning "the relative is the
//! person's relation"; the pair is kept once whichever way round, so the other side reads
//! the same row inverted.
use super::audit::append;
use super::{Result, Store, StoreError};
use crate::domain::family::{Kinship, LinkRefusal, check};
use crate::domain::id_number::Gender;
use crate::domain::person::Person;
use crate::store::db::{Connection, OptionalExtension, params};
use std::collections::HashMap;

/// A link as one person's profile shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyView {
    /// The relative is the person's `kinship.relation`.
    pub kinship: Kinship,
    pub relative: Person,
}

/// The link between two people said from `a`'s side, whichever way round it was kept.
/// `b_gender` is asked only when the row is kept as `(b, a)` and must be inverted.
pub(super) fn link_seen_from(
    conn: &Connection,
    a: i64,
    b: i64,
    b_gender: impl FnOnce() -> Result<Option<Gender>>,
) -> Result<Option<Kinship>> {
    let row: Option<(String, bool)> = conn
        .query_row(
            "SELECT relation, person_id = ?1 FROM family_links
             WHERE (person_id = ?1 AND relative_id = ?2) OR (person_id = ?2 AND relative_id = ?1)
             LIMIT 1",
            params![a, b],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((text, forward)) = row else {
        return Ok(None);
    };
    let kept = Kinship::decode(&text);
    if forward {
        Ok(Some(kept))
    } else {
        // Kept as "a is b's kept": from a's side b is its inverse, by b's gender.
        Ok(Some(kept.inverse(b_gender()?)))
    }
}

fn stored(conn: &Connection, a: i64, b: i64) -> Result<Option<Kinship>> {
    link_seen_from(conn, a, b, || Ok(gender_name(conn, b)?.0))
}

/// Drops the link between two people, whichever way round it was kept.
pub(super) fn unlink(conn: &Connection, a: i64, b: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM family_links WHERE (person_id = ?1 AND relative_id = ?2)
             OR (person_id = ?2 AND relative_id = ?1)",
        params![a, b],
    )?;
    Ok(())
}

/// Keeps the link from the person's side: the relative is the person's `kinship`.
pub(super) fn link(
    conn: &Connection,
    person_id: i64,
    relative_id: i64,
    kinship: Kinship,
) -> Result<()> {
    conn.execute(
        "INSERT INTO family_links(person_id, relative_id, relation) VALUES (?1, ?2, ?3)",
        params![person_id, relative_id, kinship.encode()],
    )?;
    Ok(())
}

pub(super) fn gender_of(code: Option<String>) -> Option<Gender> {
    match code.as_deref() {
        Some("M") => Some(Gender::Male),
        Some("F") => Some(Gender::Female),
        _ => None,
    }
}

/// A person's gender and name, read inside the write.
fn gender_name(conn: &Connection, id: i64) -> Result<(Option<Gender>, String)> {
    let row: Option<(Option<String>, String)> = conn
        .query_row("SELECT gender, name FROM people WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((gender, name)) = row else {
        return Err(StoreError::NotFound(format!("person {id}")));
    };
    Ok((gender_of(gender), name))
}

/// `甲(1) -> 乙(2)`: who the audit record is about.
fn pair_text(conn: &Connection, person_id: i64, relative_id: i64) -> Result<String> {
    let (_, a) = gender_name(conn, person_id)?;
    let (_, b) = gender_name(conn, relative_id)?;
    Ok(format!("{a}({person_id}) -> {b}({relative_id})"))
}

impl Store {
    /// Links `relative_id` to `person_id` as `kinship` (said from the person's side).
    /// Refused when they are the same person, already linked either way, or the relative's
    /// gender contradicts the relation.
    pub fn add_family_link(
        &mut self,
        person_id: i64,
        relative_id: i64,
        kinship: Kinship,
    ) -> Result<std::result::Result<(), LinkRefusal>> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let (relative_gender, _) = gender_name(&tx, relative_id)?;
        gender_name(&tx, person_id)?;
        if let Err(why) = check(person_id, relative_id, kinship.relation, relative_gender) {
            return Ok(Err(why));
        }
        if stored(&tx, person_id, relative_id)?.is_some() {
            return Ok(Err(LinkRefusal::Exists));
        }
        link(&tx, person_id, relative_id, kinship)?;
        let who = pair_text(&tx, person_id, relative_id)?;
        append(
            &tx,
            &now,
            &actor,
            "family_add",
            "person",
            &person_id.to_string(),
            &format!("{who}: {}", kinship.summary()),
        )?;
        tx.commit()?;
        Ok(Ok(()))
    }

    /// Changes the link between two people from `before` (what the screen showed, said
    /// from the person's side) to `after`. Refused as stale when the link is no longer
    /// `before`, so a change another desk made is not overwritten unseen.
    pub fn change_family_link(
        &mut self,
        person_id: i64,
        relative_id: i64,
        before: Kinship,
        after: Kinship,
    ) -> Result<std::result::Result<(), LinkRefusal>> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let (relative_gender, _) = gender_name(&tx, relative_id)?;
        if let Err(why) = check(person_id, relative_id, after.relation, relative_gender) {
            return Ok(Err(why));
        }
        match stored(&tx, person_id, relative_id)? {
            Some(now_kept) if now_kept == before => {}
            _ => return Ok(Err(LinkRefusal::Stale)),
        }
        // Kept again from the person's side, as the officer said it.
        unlink(&tx, person_id, relative_id)?;
        link(&tx, person_id, relative_id, after)?;
        let who = pair_text(&tx, person_id, relative_id)?;
        append(
            &tx,
            &now,
            &actor,
            "family_change",
            "person",
            &person_id.to_string(),
            &format!("{who}: {} -> {}", before.summary(), after.summary()),
        )?;
        tx.commit()?;
        Ok(Ok(()))
    }

    /// Removes the link between two people, which the screen showed as `before`.
    pub fn remove_family_link(
        &mut self,
        person_id: i64,
        relative_id: i64,
        before: Kinship,
    ) -> Result<std::result::Result<(), LinkRefusal>> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        match stored(&tx, person_id, relative_id)? {
            Some(kept) if kept == before => {}
            _ => return Ok(Err(LinkRefusal::Stale)),
        }
        unlink(&tx, person_id, relative_id)?;
        let who = pair_text(&tx, person_id, relative_id)?;
        append(
            &tx,
            &now,
            &actor,
            "family_remove",
            "person",
            &person_id.to_string(),
            &format!("{who}: {} -> (none)", before.summary()),
        )?;
        tx.commit()?;
        Ok(Ok(()))
    }

    /// Every link of a person, said from their side, in the order they were made.
    pub fn family_links(&self, person_id: i64) -> Result<Vec<FamilyView>> {
        let mut stmt = self.conn().prepare(
            "SELECT relative_id, relation, 1 FROM family_links WHERE person_id = ?1
             UNION ALL
             SELECT person_id, relation, 0 FROM family_links WHERE relative_id = ?1
             ORDER BY 1",
        )?;
        let rows: Vec<(i64, String, bool)> = stmt
            .query_map([person_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<std::result::Result<_, _>>()?;
        let mut out = Vec::new();
        for (id, text, forward) in rows {
            let Some(relative) = self.person(id)? else {
                continue;
            };
            let kept = Kinship::decode(&text);
            let kinship = if forward {
                kept
            } else {
                // Kept as "I am the relative's kept": the relative's gender decides.
                kept.inverse(relative.gender)
            };
            out.push(FamilyView { kinship, relative });
        }
        Ok(out)
    }

    /// Every person's links said from their side as `(kinship, relative's ID number)`, by
    /// person id, for exports: one pass over the links rather than a query per person.
    /// Relatives without an ID number are left out (a roster cannot point at them).
    pub fn family_for_export(&self) -> Result<HashMap<i64, Vec<(Kinship, String)>>> {
        let mut stmt = self.conn().prepare(
            "SELECT f.person_id, f.relative_id, f.relation, a.gender, a.id_number, b.id_number
             FROM family_links f JOIN people a ON a.id = f.person_id
             JOIN people b ON b.id = f.relative_id ORDER BY f.relative_id, f.person_id",
        )?;
        let mut out: HashMap<i64, Vec<(Kinship, String)>> = HashMap::new();
        let mut rows = stmt.query(())?;
        while let Some(r) = rows.next()? {
            let (person, relative): (i64, i64) = (r.get(0)?, r.get(1)?);
            let kept = Kinship::decode(&r.get::<_, String>(2)?);
            let person_gender = gender_of(r.get(3)?);
            let person_id_number: Option<String> = r.get(4)?;
            let relative_id_number: Option<String> = r.get(5)?;
            if let Some(id) = relative_id_number.filter(|i| !i.is_empty()) {
                out.entry(person).or_default().push((kept, id));
            }
            if let Some(id) = person_id_number.filter(|i| !i.is_empty()) {
                out.entry(relative)
                    .or_default()
                    .push((kept.inverse(person_gender), id));
            }
        }
        Ok(out)
    }
}
