//! Deleting a person: only a record with no history may go (a duplicate or a mistaken
//! entry). Walk-ins and petitions are the station's register and must outlive any tidying,
//! so a person who has them is kept and the refusal says how many.
use super::audit::append;
use super::{Result, Store, StoreError};
use crate::domain::mask::mask_id;
use crate::i18n::Msg;
use crate::store::db::OptionalExtension;

/// Why a person was not deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HasHistory {
    pub visits: u64,
    pub petitions: u64,
}

impl HasHistory {
    pub fn msg(&self) -> Msg {
        Msg::new("store.delete_has_history")
            .arg("visits", self.visits)
            .arg("petitions", self.petitions)
    }
}

impl Store {
    /// Deletes person `id` with their family links, and audits it with the name and the
    /// masked ID number, in one transaction. `Ok(Err(_))` when the record has history.
    pub fn delete_person(&mut self, id: i64) -> Result<std::result::Result<(), HasHistory>> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let found: Option<(String, String)> = tx
            .query_row(
                "SELECT name, id_number FROM people WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((name, id_number)) = found else {
            return Err(StoreError::NotFound(format!("person {id}")));
        };
        let count = |sql: &str| -> Result<u64> {
            let n: i64 = tx.query_row(sql, [id], |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        let history = HasHistory {
            visits: count("SELECT count(*) FROM visits WHERE person_id = ?1")?,
            petitions: count(
                "SELECT count(DISTINCT petition_id) FROM petitioners WHERE person_id = ?1",
            )?,
        };
        if history.visits > 0 || history.petitions > 0 {
            return Ok(Err(history));
        }
        // Family links go with the person (ON DELETE CASCADE); stated here for clarity, and
        // named in the audit record so that the other side's lost link can be traced.
        let links = linked_names(&tx, id)?;
        tx.execute(
            "DELETE FROM family_links WHERE person_id = ?1 OR relative_id = ?1",
            [id],
        )?;
        tx.execute("DELETE FROM people WHERE id = ?1", [id])?;
        append(
            &tx,
            &now,
            &actor,
            "delete",
            "person",
            &id.to_string(),
            &if links.is_empty() {
                format!("{name} {}", mask_id(&id_number))
            } else {
                format!(
                    "{name} {}; family links removed: {}",
                    mask_id(&id_number),
                    links.join(", ")
                )
            },
        )?;
        tx.commit()?;
        Ok(Ok(()))
    }
}

/// `乙(2) 配偶` for each person linked to `id`, as the stored rows say it.
fn linked_names(tx: &crate::store::db::Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt = tx.prepare(
        "SELECT p.id, p.name, f.relation FROM family_links f
         JOIN people p ON p.id = CASE WHEN f.person_id = ?1 THEN f.relative_id ELSE f.person_id END
         WHERE f.person_id = ?1 OR f.relative_id = ?1 ORDER BY p.id",
    )?;
    let rows = stmt.query_map([id], |r| {
        let other: i64 = r.get(0)?;
        let name: String = r.get(1)?;
        let relation: String = r.get(2)?;
        let kinship = crate::domain::family::Kinship::decode(&relation);
        Ok(format!("{name}({other}) {}", kinship.summary()))
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
