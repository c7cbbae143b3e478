//! The notices issued for a case, read from the audit trail where issuing them is recorded
//! (`exchange::notices`): who, when, which notice, which file. No table of its own, so the
//! list cannot disagree with the tamper-evident record.
use super::{Result, Store};
use crate::store::db::params;

/// One notice issued for a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedNotice {
    /// `YYYY-MM-DD HH:MM:SS` as the audit trail keeps it.
    pub at: String,
    /// The officer who issued it.
    pub actor: String,
    /// The notice kind's code (`accepted`, `reply`, …).
    pub kind: String,
    /// The file's name.
    pub file: String,
}

impl Store {
    /// The notices issued for petition `id`, oldest first.
    pub fn notices_issued(&self, id: i64) -> Result<Vec<IssuedNotice>> {
        let mut stmt = self.conn().prepare(
            "SELECT at, actor, summary FROM audit
             WHERE action = 'notice' AND entity = 'petition' AND entity_id = ?1
             ORDER BY id",
        )?;
        let rows = stmt.query_map(params![id.to_string()], |r| {
            let summary: String = r.get(2)?;
            let (kind, file) = summary.split_once(' ').unwrap_or((summary.as_str(), ""));
            Ok(IssuedNotice {
                at: r.get(0)?,
                actor: r.get(1)?,
                kind: kind.to_string(),
                file: file.to_string(),
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
