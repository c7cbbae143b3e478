//! The index a desk keeps fresh while other desks write: the index built at load time (the
//! base), with the people changed since then hidden in it, and those people's current rows
//! in a small index of their own (the delta), rebuilt on each change. A lookup asks both
//! and merges them in ranking order ([`super::merge`]), so it answers exactly as an index
//! built afresh would. The delta stays small: past a few thousand people the caller builds
//! a new base in the background and swaps it in ([`LiveIndex::delta_len`]).
use super::index::RowIds;
use super::{Index, IndexBuilder, IndexRow};
use std::collections::BTreeMap;

/// One person's row as the index needs it, owned: what the store reads for the people a
/// change is about.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonKeys {
    pub id: i64,
    pub name: String,
    pub py_full: String,
    pub py_initials: String,
    pub id_number: String,
    pub phone_digits: String,
    pub last_contact: i64,
}

impl PersonKeys {
    pub fn as_row(&self) -> IndexRow<'_> {
        IndexRow {
            id: self.id,
            name: &self.name,
            py_full: &self.py_full,
            py_initials: &self.py_initials,
            id_number: &self.id_number,
            phone_digits: &self.phone_digits,
            last_contact: self.last_contact,
        }
    }
}

/// The lookup index of a desk that follows the others' changes.
#[derive(Debug)]
pub struct LiveIndex {
    pub(crate) base: Index,
    /// Rows of the base whose people changed or went since it was built, in order.
    pub(crate) hidden: Vec<u32>,
    /// The current rows of the people changed since the base was built.
    changed: BTreeMap<i64, PersonKeys>,
    pub(crate) delta: Index,
    /// For each delta row, how many base rows come before it in ranking tie order.
    pub(crate) delta_at: Vec<u32>,
    /// Finds a person's row in the base, made at the first change: the rows are in
    /// ranking order, so finding one otherwise takes a pass over them all (half a
    /// millisecond at a million people, for each change).
    finder: Option<RowFinder>,
}

impl From<Index> for LiveIndex {
    fn from(base: Index) -> LiveIndex {
        LiveIndex {
            base,
            hidden: Vec::new(),
            changed: BTreeMap::new(),
            delta: IndexBuilder::new().build(),
            delta_at: Vec::new(),
            finder: None,
        }
    }
}

impl LiveIndex {
    /// The number of people in the index.
    pub fn len(&self) -> usize {
        self.base.len() - self.hidden.len() + self.delta.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// People changed since the base was built: the work each change costs grows with it.
    pub fn delta_len(&self) -> usize {
        self.changed.len()
    }

    /// Whether nothing changed since the base was built.
    pub(crate) fn is_base_only(&self) -> bool {
        self.hidden.is_empty() && self.changed.is_empty()
    }

    /// Heap bytes held, as [`Index::memory_bytes`].
    pub fn memory_bytes(&self) -> usize {
        let changed: usize = self
            .changed
            .values()
            .map(|p| {
                std::mem::size_of::<PersonKeys>()
                    + p.name.capacity()
                    + p.py_full.capacity()
                    + p.py_initials.capacity()
                    + p.id_number.capacity()
                    + p.phone_digits.capacity()
            })
            .sum();
        self.base.memory_bytes()
            + self.delta.memory_bytes()
            + (self.hidden.capacity() + self.delta_at.capacity()) * 4
            + self.finder.as_ref().map_or(0, RowFinder::memory_bytes)
            + changed
    }

    /// The people `ids` changed: `rows` are the current rows of those still on file (a
    /// person of `ids` without a row was deleted). Costs a binary search of the base per
    /// person (the first change also sorts the base's rows by id) and a build of the delta.
    pub fn apply(&mut self, ids: &[i64], rows: Vec<PersonKeys>) {
        if ids.is_empty() && rows.is_empty() {
            return;
        }
        let mut gone: Vec<i64> = ids.to_vec();
        gone.extend(rows.iter().map(|r| r.id));
        gone.sort_unstable();
        gone.dedup();
        self.hide(&gone);
        for id in &gone {
            self.changed.remove(id);
        }
        for row in rows {
            self.changed.insert(row.id, row);
        }
        let mut builder = IndexBuilder::with_capacity(self.changed.len());
        for person in self.changed.values() {
            builder.push(&person.as_row());
        }
        self.delta = builder.build();
        let (base, delta) = (&self.base, &self.delta);
        self.delta_at = (0..delta.len() as u32)
            .map(|d| {
                let key = delta.tie_key(d);
                partition_point(base.len(), |r| base.tie_key(r as u32) < key) as u32
            })
            .collect();
    }

    /// Hides the base rows of `ids` (sorted, distinct).
    fn hide(&mut self, ids: &[i64]) {
        let rows = &self.base.ids;
        let finder = self.finder.get_or_insert_with(|| RowFinder::new(rows));
        self.hidden
            .extend(ids.iter().filter_map(|&id| finder.find(rows, id)));
        self.hidden.sort_unstable();
        self.hidden.dedup();
    }
}

/// Finds the row of an id.
#[derive(Debug)]
enum RowFinder {
    /// The row of each id's offset (`u32::MAX`: none), for ids with few gaps, as a
    /// station's are: made in one pass, 4 bytes a person.
    Table(Vec<u32>),
    /// The rows in the order of their ids.
    Sorted(Vec<u32>),
}

impl RowFinder {
    fn new(rows: &RowIds) -> RowFinder {
        if let RowIds::Offsets { offsets, .. } = rows {
            let span = offsets.iter().max().map_or(0, |&m| m as usize + 1);
            if span <= offsets.len().saturating_mul(2).max(1024) {
                let mut table = vec![u32::MAX; span];
                for (row, &o) in (0u32..).zip(offsets) {
                    table[o as usize] = row;
                }
                return RowFinder::Table(table);
            }
        }
        let mut sorted: Vec<u32> = (0..rows.len() as u32).collect();
        sorted.sort_unstable_by_key(|&r| rows.get(r));
        RowFinder::Sorted(sorted)
    }

    fn find(&self, rows: &RowIds, id: i64) -> Option<u32> {
        match (self, rows) {
            (RowFinder::Table(table), RowIds::Offsets { base, .. }) => {
                let offset = usize::try_from(id.checked_sub(*base)?).ok()?;
                table.get(offset).copied().filter(|&r| r != u32::MAX)
            }
            (RowFinder::Sorted(sorted), _) => {
                let at = sorted.binary_search_by_key(&id, |&r| rows.get(r)).ok()?;
                Some(sorted[at])
            }
            (RowFinder::Table(_), RowIds::Whole(_)) => None,
        }
    }

    fn memory_bytes(&self) -> usize {
        match self {
            RowFinder::Table(v) | RowFinder::Sorted(v) => v.capacity() * 4,
        }
    }
}

/// The first `i` in `0..n` for which `pred(i)` is false, `pred` being true then false.
fn partition_point(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

#[cfg(test)]
#[path = "live_tests.rs"]
mod tests;
