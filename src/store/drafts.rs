//! Form drafts: the field texts of a form being filled in, kept so that a crash, a killed
//! terminal or a power cut loses at most a few seconds of typing.
use super::{Result, Store};
use crate::store::db::{OptionalExtension, params};
use chrono::NaiveDateTime;

/// Which draft: the form (`visit`, `person`, `petition`), the record (`""` for a new one)
/// and the officer. A save that names it removes the draft in its own transaction, so a
/// saved form never leaves a draft that could be restored and saved a second time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DraftKey<'a> {
    pub form: &'a str,
    pub key: &'a str,
    pub officer: &'a str,
}

/// Removes the draft `draft` names inside the caller's transaction (nothing for `None`).
pub(crate) fn clear_in(
    conn: &crate::store::db::Connection,
    draft: Option<DraftKey<'_>>,
) -> Result<()> {
    if let Some(d) = draft {
        conn.execute(
            "DELETE FROM drafts WHERE form = ?1 AND key = ?2 AND officer = ?3",
            params![d.form, d.key, d.officer],
        )?;
    }
    Ok(())
}

/// A kept draft: its JSON body and when it was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub body: String,
    pub saved_at: NaiveDateTime,
}

impl Store {
    /// Keeps (or replaces) the draft of `form` for record `key` ("" for a new one) and
    /// `officer`. One statement, so it commits on its own.
    pub fn save_draft(&self, form: &str, key: &str, officer: &str, body: &str) -> Result<()> {
        let now = self.now_text();
        self.write_one(
            "INSERT INTO drafts(form, key, officer, body, saved_at) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT(form, key, officer) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
            params![form, key, officer, body, now],
        )?;
        Ok(())
    }

    /// The draft kept for this form, record and officer.
    pub fn draft(&self, form: &str, key: &str, officer: &str) -> Result<Option<Draft>> {
        let row: Option<(String, String)> = self
            .conn()
            .query_row(
                "SELECT body, saved_at FROM drafts WHERE form = ?1 AND key = ?2 AND officer = ?3",
                params![form, key, officer],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(row.map(|(body, at)| Draft {
            body,
            saved_at: NaiveDateTime::parse_from_str(&at, "%Y-%m-%d %H:%M:%S").unwrap_or_default(),
        }))
    }

    /// Every draft `officer` has waiting, newest first: `(form, key)`.
    pub fn drafts_of(&self, officer: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT form, key FROM drafts WHERE officer = ?1 ORDER BY saved_at DESC, form, key",
        )?;
        let rows = stmt
            .query_map(params![officer], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<crate::store::db::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Forgets a draft (the form was saved, or its changes discarded).
    pub fn delete_draft(&self, form: &str, key: &str, officer: &str) -> Result<()> {
        self.write_shared(|conn| clear_in(conn, Some(DraftKey { form, key, officer })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use std::sync::Arc;

    #[test]
    fn save_replace_read_and_delete() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        let s = Store::open_in_memory(Arc::new(FixedClock::new(at))).unwrap();
        assert_eq!(s.draft("visit", "", "wang").unwrap(), None);
        s.save_draft("visit", "", "wang", "{\"a\":\"1\"}").unwrap();
        s.save_draft("visit", "", "wang", "{\"a\":\"2\"}").unwrap();
        s.save_draft("visit", "", "li", "{}").unwrap();
        let d = s.draft("visit", "", "wang").unwrap().unwrap();
        assert_eq!(d.body, "{\"a\":\"2\"}");
        assert_eq!(d.saved_at, at);
        s.delete_draft("visit", "", "wang").unwrap();
        assert_eq!(s.draft("visit", "", "wang").unwrap(), None);
        assert!(s.draft("visit", "", "li").unwrap().is_some());
    }
}

#[cfg(test)]
#[path = "drafts_tests.rs"]
mod save_tests;
