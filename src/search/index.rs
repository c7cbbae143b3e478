//! The built index: one text arena in ranking order, small per-row arrays, and sorted arrays
//! that answer exact, prefix and tail queries by binary search.
use super::{Hit, Searcher};

/// A reference to one pinyin key in the arena, and the row it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct KeyRef {
    pub(crate) row: u32,
    pub(crate) off: u32,
}

/// For each non-ASCII character of any name, the rows whose name contains it, in row order
/// (compressed: `rows[start[i]..start[i + 1]]` belongs to `chars[i]`).
#[derive(Debug, Default)]
pub(crate) struct Postings {
    pub(crate) chars: Vec<char>,
    pub(crate) start: Vec<u32>,
    pub(crate) rows: Vec<u32>,
}

impl Postings {
    /// The rows whose name contains `c`.
    pub(crate) fn rows_of(&self, c: char) -> &[u32] {
        match self.chars.binary_search(&c) {
            Ok(i) => &self.rows[self.start[i] as usize..self.start[i + 1] as usize],
            Err(_) => &[],
        }
    }
}

/// The in-memory lookup index over every person on file.
///
/// Rows are numbered in ranking tie order (most recent contact first, then name), so a
/// smaller row number wins a tie. About 150 bytes per person at a million people (measured: 152 MB of heap).
#[derive(Debug)]
pub struct Index {
    /// Distinguishes indexes, so a [`Searcher`] never reuses candidates of another index.
    pub(crate) uid: u64,
    pub(crate) ids: Vec<i64>,
    /// Start of each row's record in `text`; one more entry than rows.
    pub(crate) start: Vec<u32>,
    /// Ends, relative to the row's start, of its name, full keys, initials keys and ID
    /// number; the phone runs to the next row's start.
    pub(crate) seg: Vec<[u16; 4]>,
    /// Letters present in the row's pinyin keys, one bit each: a query whose letters are
    /// not all there cannot fuzzy-match, and one AND rules the row out.
    pub(crate) masks: Vec<u32>,
    /// Every row's record, in row order: name, full keys and initials keys (each key
    /// followed by a space), ID number, phone digits.
    pub(crate) text: Vec<u8>,
    pub(crate) by_name: Vec<u32>,
    pub(crate) by_full: Vec<KeyRef>,
    pub(crate) by_initials: Vec<KeyRef>,
    pub(crate) by_id: Vec<u32>,
    pub(crate) by_id_rev: Vec<u32>,
    pub(crate) by_phone: Vec<u32>,
    pub(crate) by_phone_rev: Vec<u32>,
    pub(crate) postings: Postings,
    /// For each possible first byte of a pinyin key (`a`–`z`, `0`–`9`), the rows having a
    /// key that starts with it, in row order: the fuzzy scan visits only these.
    pub(crate) first_letters: Buckets,
}

/// Rows per first byte of a key, compressed like [`Postings`].
#[derive(Debug, Default)]
pub(crate) struct Buckets {
    pub(crate) start: Vec<u32>,
    pub(crate) rows: Vec<u32>,
}

impl Buckets {
    /// Bucket number of a key's first byte.
    pub(crate) fn slot(b: u8) -> Option<usize> {
        match b {
            b'a'..=b'z' => Some(usize::from(b - b'a')),
            b'0'..=b'9' => Some(26 + usize::from(b - b'0')),
            _ => None,
        }
    }

    pub(crate) const SLOTS: usize = 36;

    /// The rows with a key starting with `b`.
    pub(crate) fn rows_of(&self, b: u8) -> &[u32] {
        match Buckets::slot(b) {
            Some(i) if i + 1 < self.start.len() => {
                &self.rows[self.start[i] as usize..self.start[i + 1] as usize]
            }
            _ => &[],
        }
    }
}

/// Which field of a row a sorted array of rows is ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Name,
    Id,
    Phone,
}

impl Index {
    /// The number of people in the index.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the index holds nobody.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The best `limit` matches of `query`, best first. A one-off search; a search box
    /// should keep a [`Searcher`], which narrows the previous keystroke's candidates.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        Searcher::new().search(self, query, limit)
    }

    /// Heap bytes held by the index (capacity, not length), for reports and benchmarks.
    pub fn memory_bytes(&self) -> usize {
        use std::mem::size_of;
        self.ids.capacity() * size_of::<i64>()
            + self.start.capacity() * 4
            + self.seg.capacity() * size_of::<[u16; 4]>()
            + self.masks.capacity() * 4
            + self.text.capacity()
            + (self.by_name.capacity()
                + self.by_id.capacity()
                + self.by_id_rev.capacity()
                + self.by_phone.capacity()
                + self.by_phone_rev.capacity())
                * 4
            + (self.by_full.capacity() + self.by_initials.capacity()) * size_of::<KeyRef>()
            + self.postings.chars.capacity() * size_of::<char>()
            + (self.postings.start.capacity() + self.postings.rows.capacity()) * 4
            + (self.first_letters.start.capacity() + self.first_letters.rows.capacity()) * 4
    }

    fn segment(&self, row: u32, which: usize) -> &[u8] {
        let r = row as usize;
        let base = self.start[r] as usize;
        let seg = self.seg[r];
        let from = if which == 0 {
            0
        } else {
            usize::from(seg[which - 1])
        };
        let to = if which == 4 {
            self.start[r + 1] as usize - base
        } else {
            usize::from(seg[which])
        };
        &self.text[base + from..base + to]
    }

    pub(crate) fn name(&self, row: u32) -> &[u8] {
        self.segment(row, 0)
    }

    /// Full keys then initials keys, each followed by a space.
    pub(crate) fn keys(&self, row: u32) -> &[u8] {
        let r = row as usize;
        let base = self.start[r] as usize;
        let seg = self.seg[r];
        &self.text[base + usize::from(seg[0])..base + usize::from(seg[2])]
    }

    pub(crate) fn id_number(&self, row: u32) -> &[u8] {
        self.segment(row, 3)
    }

    pub(crate) fn phone(&self, row: u32) -> &[u8] {
        self.segment(row, 4)
    }

    pub(crate) fn field(&self, row: u32, field: Field) -> &[u8] {
        match field {
            Field::Name => self.name(row),
            Field::Id => self.id_number(row),
            Field::Phone => self.phone(row),
        }
    }

    /// The key starting at `off`, without its trailing space.
    pub(crate) fn key_at(&self, off: u32) -> &[u8] {
        let rest = &self.text[off as usize..];
        let len = rest.iter().position(|&b| b == b' ').unwrap_or(rest.len());
        &rest[..len]
    }

    /// The entries of a sorted key array whose key starts with `q`; those equal to `q` come
    /// first.
    pub(crate) fn key_prefix_range<'a>(&self, list: &'a [KeyRef], q: &[u8]) -> &'a [KeyRef] {
        let lo = list.partition_point(|k| self.key_at(k.off) < q);
        let hi = lo + list[lo..].partition_point(|k| self.key_at(k.off).starts_with(q));
        &list[lo..hi]
    }

    /// The rows of an array sorted by `field` whose field starts with `q`; those equal to
    /// `q` come first.
    pub(crate) fn prefix_range<'a>(&self, list: &'a [u32], field: Field, q: &[u8]) -> &'a [u32] {
        let lo = list.partition_point(|&r| self.field(r, field) < q);
        let hi = lo + list[lo..].partition_point(|&r| self.field(r, field).starts_with(q));
        &list[lo..hi]
    }

    /// The rows of an array sorted by the reversed `field` whose field ends with `q`.
    pub(crate) fn suffix_range<'a>(&self, list: &'a [u32], field: Field, q: &[u8]) -> &'a [u32] {
        let lo = list.partition_point(|&r| self.field(r, field).iter().rev().lt(q.iter().rev()));
        let hi = lo + list[lo..].partition_point(|&r| self.field(r, field).ends_with(q));
        &list[lo..hi]
    }
}
