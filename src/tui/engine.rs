//! The lookup engine as the terminal program sees it: load from the store, answer a query
//! with person ids, best first.
//!
//! STOPGAP: the real engine (pinyin keys with surname readings, fuzzy ranking, an index
//! for a million people) is being built in `crate::search`. Until its index API lands, this
//! linear scan over the stored keys stands in so that the screens can be built and tested
//! end to end; it is meant to be replaced by a thin wrapper with the same three methods.
use crate::search::IndexRow;
use crate::store::{Store, StoreError};

#[derive(Debug, Default)]
pub struct Engine {
    rows: Vec<Row>,
}

#[derive(Debug)]
struct Row {
    id: i64,
    name: String,
    keys: String,
    id_number: String,
    phone: String,
    last_contact: i64,
}

impl Engine {
    pub fn load(store: &Store) -> Result<Engine, StoreError> {
        let mut rows = Vec::new();
        store.scan_index_rows(|r: &IndexRow| {
            rows.push(Row {
                id: r.id,
                name: r.name.to_string(),
                keys: format!("{} {}", r.py_initials, r.py_full),
                id_number: r.id_number.to_ascii_uppercase(),
                phone: r.phone_digits.to_string(),
                last_contact: r.last_contact,
            });
        })?;
        Ok(Engine { rows })
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Ids of the people matching `query`, best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<i64> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let upper = q.to_ascii_uppercase();
        let mut hits: Vec<(u8, i64, i64)> = self
            .rows
            .iter()
            .filter_map(|r| {
                let rank = if r.name == query.trim() {
                    0
                } else if r.name.starts_with(query.trim()) {
                    1
                } else if r.keys.split(' ').any(|k| k.starts_with(&q)) {
                    2
                } else if r.name.contains(query.trim()) {
                    3
                } else if (!r.id_number.is_empty() && r.id_number.ends_with(&upper))
                    || (!r.phone.is_empty() && r.phone.ends_with(&q))
                {
                    4
                } else if r.id_number.contains(&upper) || r.phone.contains(&q) {
                    5
                } else {
                    return None;
                };
                Some((rank, -r.last_contact, r.id))
            })
            .collect();
        hits.sort_unstable();
        hits.into_iter().take(limit).map(|(_, _, id)| id).collect()
    }
}
