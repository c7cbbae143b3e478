//! The audit trail's hash chain: each record's hash covers its own fields and the hash of the
//! record before it, so a record deleted, changed or inserted out of place breaks every hash
//! after it. Pure: the store computes and checks it, `audit verify` reports it.
use sha2::{Digest, Sha256};

/// The fields of one audit record that the chain covers, in the order they are hashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainedFields<'a> {
    pub id: i64,
    pub at: &'a str,
    pub actor: &'a str,
    pub os_user: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub summary: &'a str,
}

/// The hash of the record before the first one.
pub const GENESIS: &str = "";

/// `sha256(prev ‖ fields)` in lower-case hex. Every part is length-prefixed, so no two
/// different records can be spelt into the same bytes by moving text between fields.
pub fn chain_hash(prev: &str, f: &ChainedFields) -> String {
    let mut h = Sha256::new();
    let id = f.id.to_string();
    for part in [
        prev,
        id.as_str(),
        f.at,
        f.actor,
        f.os_user,
        f.action,
        f.entity,
        f.entity_id,
        f.summary,
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()
}

/// What walking the chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// Record `id` does not hash to what it holds: it, or the record before it, was changed.
    Altered { id: i64 },
    /// The records between `after` and `id` are missing (deleted).
    Missing { after: i64, id: i64 },
}

/// Walks records oldest first, one at a time, in constant memory.
#[derive(Debug, Default)]
pub struct ChainWalker {
    prev_hash: String,
    prev_id: i64,
    pub rows: u64,
    pub first_break: Option<ChainBreak>,
}

impl ChainWalker {
    /// Takes the next record (ids ascending) and the hash it stores.
    pub fn push(&mut self, f: &ChainedFields, stored_hash: &str) {
        self.rows += 1;
        if self.first_break.is_none() {
            if f.id != self.prev_id + 1 {
                self.first_break = Some(ChainBreak::Missing {
                    after: self.prev_id,
                    id: f.id,
                });
            } else if chain_hash(&self.prev_hash, f) != stored_hash {
                self.first_break = Some(ChainBreak::Altered { id: f.id });
            }
        }
        self.prev_hash = stored_hash.to_string();
        self.prev_id = f.id;
    }

    /// The newest record's id and hash: the chain head.
    pub fn head(&self) -> Option<(i64, &str)> {
        (self.rows > 0).then_some((self.prev_id, self.prev_hash.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: i64, summary: &str) -> ChainedFields<'_> {
        ChainedFields {
            id,
            at: "2026-12-05 09:00:00",
            actor: "wangli",
            os_user: "desk1",
            action: "login",
            entity: "officer",
            entity_id: "wangli",
            summary,
        }
    }

    fn chain(n: i64) -> Vec<(i64, String)> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|id| {
                prev = chain_hash(&prev, &rec(id, "x"));
                (id, prev.clone())
            })
            .collect()
    }

    #[test]
    fn a_whole_chain_verifies() {
        let mut w = ChainWalker::default();
        for (id, h) in chain(5) {
            w.push(&rec(id, "x"), &h);
        }
        assert_eq!(w.first_break, None);
        assert_eq!(w.rows, 5);
        assert_eq!(w.head().map(|(id, _)| id), Some(5));
    }

    #[test]
    fn a_deleted_record_is_found() {
        let mut w = ChainWalker::default();
        for (id, h) in chain(5).into_iter().filter(|(id, _)| *id != 3) {
            w.push(&rec(id, "x"), &h);
        }
        assert_eq!(w.first_break, Some(ChainBreak::Missing { after: 2, id: 4 }));
    }

    #[test]
    fn a_changed_record_is_found() {
        let mut w = ChainWalker::default();
        for (id, h) in chain(5) {
            let summary = if id == 2 { "changed" } else { "x" };
            w.push(&rec(id, summary), &h);
        }
        assert_eq!(w.first_break, Some(ChainBreak::Altered { id: 2 }));
    }

    #[test]
    fn moving_text_between_fields_changes_the_hash() {
        let a = ChainedFields {
            actor: "ab",
            os_user: "c",
            ..rec(1, "")
        };
        let b = ChainedFields {
            actor: "a",
            os_user: "bc",
            ..rec(1, "")
        };
        assert_ne!(chain_hash(GENESIS, &a), chain_hash(GENESIS, &b));
    }
}
