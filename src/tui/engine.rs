//! The lookup engine as the terminal program uses it: the search branch's [`Index`],
//! loaded from the store's stored keys, and one [`Searcher`] session for the lookup box
//! (it narrows the previous keystroke's candidates instead of scanning again).
use crate::search::{Index, Searcher, Ticket};
use crate::store::{Store, StoreError};

#[derive(Debug)]
pub struct Engine {
    index: Index,
    searcher: Searcher,
}

impl Engine {
    /// Builds the index from every person on file.
    pub fn load(store: &Store) -> Result<Engine, StoreError> {
        Ok(Engine {
            index: store.load_index()?,
            searcher: Searcher::new(),
        })
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Ids of the best `limit` matches of `query`, best first.
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<i64> {
        self.search_until(query, limit, &Ticket::never_stale())
            .unwrap_or_default()
    }

    /// Like [`Engine::search`], but `None` as soon as a newer keystroke made `ticket` stale.
    pub fn search_until(&mut self, query: &str, limit: usize, ticket: &Ticket) -> Option<Vec<i64>> {
        let hits = self
            .searcher
            .search_until(&self.index, query, limit, ticket)?;
        Some(hits.into_iter().map(|h| h.id).collect())
    }
}
