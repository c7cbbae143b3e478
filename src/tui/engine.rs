//! The lookup engine as the terminal program uses it: the search branch's [`LiveIndex`],
//! loaded from the store's stored keys and kept fresh from the change log, and one
//! [`Searcher`] session for the lookup box (it narrows the previous keystroke's candidates
//! instead of scanning again).
use crate::search::{LiveIndex, Searcher, Ticket};
use crate::store::{Store, StoreError};

/// Above this many people changed at once (a roster import), the index is built afresh
/// rather than updated person by person.
pub const REBUILD_FROM: usize = 5_000;

/// Above this many people changed since the index was built, each update costs enough
/// that a fresh build (in the background) is worth it.
pub const MERGE_FROM: usize = 2_000;

/// Which people a batch of the change log is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeopleChanged {
    These(Vec<i64>),
    /// Unknown which (the log was pruned past where this desk had read): all of them.
    All,
}

impl PeopleChanged {
    /// The people a batch of the change log is about, if any: a walk-in moves its visitor
    /// up the ranking, so its person row changes too and shows here.
    pub fn from_changes(changes: &[crate::store::Change]) -> Option<PeopleChanged> {
        use crate::store::changes::{EVERYTHING, PERSON};
        if changes.iter().any(|c| c.is(EVERYTHING)) {
            return Some(PeopleChanged::All);
        }
        let mut people: Vec<i64> = changes
            .iter()
            .filter(|c| c.is(PERSON))
            .map(|c| c.entity_id)
            .collect();
        people.sort_unstable();
        people.dedup();
        (!people.is_empty()).then_some(PeopleChanged::These(people))
    }

    /// Whether the index is better built afresh than updated.
    pub fn wants_rebuild(&self) -> bool {
        match self {
            PeopleChanged::These(ids) => ids.len() > REBUILD_FROM,
            PeopleChanged::All => true,
        }
    }
}

#[derive(Debug)]
pub struct Engine {
    index: LiveIndex,
    searcher: Searcher,
}

impl Engine {
    /// Builds the index from every person on file.
    pub fn load(store: &Store) -> Result<Engine, StoreError> {
        Ok(Engine {
            index: store.load_index()?.into(),
            searcher: Searcher::new(),
        })
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// People changed since the index was built.
    pub fn changed_since_load(&self) -> usize {
        self.index.delta_len()
    }

    /// Re-keys only the people `ids` from their rows on file now.
    pub fn apply_changes(&mut self, store: &Store, ids: &[i64]) -> Result<(), StoreError> {
        let rows = store.index_rows_of(ids)?;
        self.apply_rows(ids, rows);
        Ok(())
    }

    /// [`Engine::apply_changes`] with the rows already read.
    pub fn apply_rows(&mut self, ids: &[i64], rows: Vec<crate::search::PersonKeys>) {
        self.index.apply(ids, rows);
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
            .search_live(&self.index, query, limit, ticket)?;
        Some(hits.into_iter().map(|h| h.id).collect())
    }
}
