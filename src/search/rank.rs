//! Collecting the best hits, kind by kind.
//!
//! Kinds are offered best first, and within a kind rows are taken best first (higher fuzzy
//! score, then smaller row number, which is the tie order), so the page is complete and
//! sorted as soon as it is full and later, weaker kinds need not be computed at all.
use super::{Hit, Index, MatchKind};
use std::collections::BinaryHeap;

pub(crate) struct Collector<'h> {
    limit: usize,
    hits: Vec<(MatchKind, i64, u32)>,
    /// Rows never taken, in order: people changed or deleted since the index was built
    /// (see [`super::live`]).
    hidden: &'h [u32],
}

impl<'h> Collector<'h> {
    pub(crate) fn new(limit: usize) -> Collector<'static> {
        Collector::skipping(limit, &[])
    }

    /// A collector that never takes the rows of `hidden` (sorted).
    pub(crate) fn skipping(limit: usize, hidden: &'h [u32]) -> Collector<'h> {
        Collector {
            limit,
            hits: Vec::with_capacity(limit.min(1024)),
            hidden,
        }
    }

    /// Whether `row` was taken already or is never to be.
    pub(crate) fn taken(&self, row: u32) -> bool {
        self.has(row) || (!self.hidden.is_empty() && self.hidden.binary_search(&row).is_ok())
    }

    /// The hits so far, with their kind, score above the band and row, best first.
    pub(crate) fn hits(&self) -> &[(MatchKind, i64, u32)] {
        &self.hits
    }

    pub(crate) fn is_full(&self) -> bool {
        self.hits.len() >= self.limit
    }

    /// Hits collected so far.
    pub(crate) fn len(&self) -> usize {
        self.hits.len()
    }

    fn need(&self) -> usize {
        self.limit.saturating_sub(self.hits.len())
    }

    pub(crate) fn has(&self, row: u32) -> bool {
        self.hits.iter().any(|h| h.2 == row)
    }

    fn push(&mut self, kind: MatchKind, sub: i64, row: u32) {
        if !self.is_full() && !self.taken(row) {
            self.hits.push((kind, sub, row));
        }
    }

    /// Rows already in tie order (e.g. one exact key's entries): the first ones win.
    pub(crate) fn add_ordered(&mut self, kind: MatchKind, rows: impl Iterator<Item = u32>) {
        for row in rows {
            if self.is_full() {
                return;
            }
            self.push(kind, 0, row);
        }
    }

    /// Rows in any order, possibly repeated: the smallest distinct rows not yet taken win.
    /// A bounded max-heap keeps this one pass over a range of any size; the costly checks
    /// run only for rows that would enter the heap.
    pub(crate) fn add_unordered(&mut self, kind: MatchKind, rows: impl Iterator<Item = u32>) {
        self.add_unordered_with(kind, 0, rows);
    }

    /// Like [`Collector::add_unordered`], with a score `sub` above the kind's band: a
    /// better part of one kind, added before the rest of it.
    pub(crate) fn add_unordered_with(
        &mut self,
        kind: MatchKind,
        sub: i64,
        rows: impl Iterator<Item = u32>,
    ) {
        let need = self.need();
        if need == 0 {
            return;
        }
        let mut heap: BinaryHeap<u32> = BinaryHeap::with_capacity(need + 1);
        for row in rows {
            if heap.len() == need && heap.peek().is_some_and(|&max| row >= max) {
                continue;
            }
            if self.taken(row) || heap.iter().any(|&r| r == row) {
                continue;
            }
            heap.push(row);
            if heap.len() > need {
                heap.pop();
            }
        }
        self.take_heap(kind, sub, heap);
    }

    /// Runs of rows, each in row order (one key's rows), possibly overlapping: like
    /// [`Collector::add_unordered_with`], but a run is left as soon as its rows can no
    /// longer enter, so a range of many keys costs about one step per key.
    pub(crate) fn add_runs<'r>(
        &mut self,
        kind: MatchKind,
        sub: i64,
        runs: impl Iterator<Item = &'r [u32]>,
    ) {
        self.add_groups(kind, sub, runs.map(std::iter::once));
    }

    /// Like [`Collector::add_runs`], with the runs in groups, each group's runs in the
    /// order of their first rows: the first run of a group that cannot enter ends the
    /// group.
    pub(crate) fn add_groups<'r, G: Iterator<Item = &'r [u32]>>(
        &mut self,
        kind: MatchKind,
        sub: i64,
        groups: impl Iterator<Item = G>,
    ) {
        let need = self.need();
        if need == 0 {
            return;
        }
        let mut heap: BinaryHeap<u32> = BinaryHeap::with_capacity(need + 1);
        for group in groups {
            'group: for run in group {
                for (i, &row) in run.iter().enumerate() {
                    if heap.len() == need && heap.peek().is_some_and(|&max| row >= max) {
                        if i == 0 {
                            break 'group;
                        }
                        break;
                    }
                    if self.taken(row) || heap.iter().any(|&r| r == row) {
                        continue;
                    }
                    heap.push(row);
                    if heap.len() > need {
                        heap.pop();
                    }
                }
            }
        }
        self.take_heap(kind, sub, heap);
    }

    fn take_heap(&mut self, kind: MatchKind, sub: i64, heap: BinaryHeap<u32>) {
        for row in heap.into_sorted_vec() {
            self.push(kind, sub, row);
        }
    }

    /// Scored rows: higher score first, then row order.
    pub(crate) fn add_scored(&mut self, kind: MatchKind, mut scored: Vec<(i64, u32)>) {
        scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (score, row) in scored {
            if self.is_full() {
                return;
            }
            self.push(kind, score, row);
        }
    }

    pub(crate) fn finish(self, index: &Index) -> Vec<Hit> {
        self.hits
            .into_iter()
            .map(|(kind, sub, row)| Hit {
                id: index.ids.get(row),
                score: kind.band() + sub,
                kind,
            })
            .collect()
    }
}
