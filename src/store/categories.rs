//! The station's local person categories, added and removed by an administrator, audited.
//! The shipped categories are data in the program (`domain/categories.toml`).
use super::audit::append;
use super::{Store, StoreError};
use crate::domain::category::CategoryList;
use crate::i18n::Msg;
use crate::store::db::{Connection, params};

/// Why a change to the local categories was refused: a rule (in words), or the database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CategoryError {
    #[error("refused: {}", .0.key)]
    Refused(Msg),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl CategoryError {
    pub fn msg(&self) -> Msg {
        match self {
            CategoryError::Refused(m) => m.clone(),
            CategoryError::Store(e) => e.msg(),
        }
    }
}

impl From<crate::store::db::Error> for CategoryError {
    fn from(e: crate::store::db::Error) -> Self {
        CategoryError::Store(e.into())
    }
}

/// A local category and who added it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalCategory {
    pub name: String,
    pub added_by: String,
    pub added_at: String,
    /// People on file who hold it.
    pub people: u64,
}

fn local_names(conn: &Connection) -> crate::store::db::Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT name FROM local_categories ORDER BY added_at, name")?;
    let rows = stmt.query_map((), |r| r.get(0))?;
    rows.collect()
}

/// People whose categories include `name` (stored joined by 、).
fn holders(conn: &Connection, name: &str) -> crate::store::db::Result<u64> {
    conn.query_row(
        "SELECT count(*) FROM people WHERE instr('、' || categories || '、', '、' || ?1 || '、') > 0",
        [name],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| u64::try_from(n).unwrap_or(0))
}

impl Store {
    /// The categories this station accepts: shipped and local.
    pub fn category_list(&self) -> super::Result<CategoryList> {
        Ok(CategoryList::with_local(local_names(self.conn())?))
    }

    /// The local categories with who added them and how many people hold each.
    pub fn local_categories(&self) -> super::Result<Vec<LocalCategory>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT name, added_by, added_at FROM local_categories ORDER BY added_at, name",
        )?;
        let rows: Vec<(String, String, String)> = stmt
            .query_map((), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<crate::store::db::Result<_>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (name, added_by, added_at) in rows {
            let people = holders(conn, &name)?;
            out.push(LocalCategory {
                name,
                added_by,
                added_at,
                people,
            });
        }
        Ok(out)
    }

    /// Adds a local category; returns its name as stored. Audited. The caller checks the
    /// officer's right.
    pub fn add_local_category(&mut self, text: &str) -> Result<String, CategoryError> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let list = CategoryList::with_local(local_names(&tx)?);
        let name = list.check_new_local(text).map_err(CategoryError::Refused)?;
        tx.execute(
            "INSERT INTO local_categories(name, added_by, added_at) VALUES (?1, ?2, ?3)",
            params![name, actor, now],
        )?;
        append(&tx, &now, &actor, "add", "category", &name, &name)?;
        tx.commit()?;
        Ok(name)
    }

    /// Removes a local category nobody holds. Audited. The caller checks the officer's right.
    pub fn remove_local_category(&mut self, text: &str) -> Result<String, CategoryError> {
        let name = text.trim().to_string();
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let known = local_names(&tx)?.contains(&name);
        if !known {
            return Err(CategoryError::Refused(
                Msg::new("categories.local_unknown").arg("value", &name),
            ));
        }
        let people = holders(&tx, &name)?;
        if people > 0 {
            return Err(CategoryError::Refused(
                Msg::new("categories.local_in_use")
                    .arg("value", &name)
                    .arg("count", people),
            ));
        }
        tx.execute("DELETE FROM local_categories WHERE name = ?1", [&name])?;
        append(&tx, &now, &actor, "remove", "category", &name, &name)?;
        tx.commit()?;
        Ok(name)
    }
}

#[cfg(test)]
#[path = "categories_tests.rs"]
mod tests;
