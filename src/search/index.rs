//! The built index: small per-row arrays, the text of each distinct spelling (a name with
//! its pinyin keys) once, and sorted arrays that answer exact, prefix and tail queries by
//! binary search.
use super::digits::Tails;
pub(crate) use super::parts::Parts;
use super::{Hit, Searcher};
use std::ops::Range;

/// For each non-ASCII character of any name, the spellings whose name contains it, in the
/// order of their first rows (compressed: `spellings[start[i]..start[i + 1]]` belongs to
/// `chars[i]`). Spellings rather than rows: a fifth as many, and a spelling's rows are in
/// [`SpellingRows`].
#[derive(Debug, Default)]
pub(crate) struct Postings {
    pub(crate) chars: Vec<char>,
    pub(crate) start: Vec<u32>,
    pub(crate) spellings: Vec<u32>,
}

impl Postings {
    /// The spellings whose name contains `c`.
    pub(crate) fn spellings_of(&self, c: char) -> &[u32] {
        match self.chars.binary_search(&c) {
            Ok(i) => &self.spellings[self.start[i] as usize..self.start[i + 1] as usize],
            Err(_) => &[],
        }
    }
}

/// Each spelling's rows in row order: `rows[start[s]..start[s + 1]]`.
#[derive(Debug, Default)]
pub(crate) struct SpellingRows {
    pub(crate) start: Vec<u32>,
    pub(crate) rows: Vec<u32>,
}

impl SpellingRows {
    pub(crate) fn of(&self, spelling: u32) -> &[u32] {
        let s = spelling as usize;
        &self.rows[self.start[s] as usize..self.start[s + 1] as usize]
    }
}

/// The text of every distinct spelling: the normalised name, then the full keys and the
/// initials keys, each key followed by a space.
#[derive(Debug, Default)]
pub(crate) struct SpellingText {
    pub(crate) text: Vec<u8>,
    /// Per spelling: where it starts in `text`, and where its full keys and its initials
    /// keys start, from there (a spelling that anybody has is under 64 KiB). It ends where
    /// the next one starts.
    pub(crate) at: Vec<(u32, [u16; 2])>,
}

impl SpellingText {
    /// Where spelling `s`'s name, full keys and initials keys start in `text`, and where it
    /// ends.
    pub(crate) fn bounds(&self, s: u32) -> [usize; 4] {
        let s = s as usize;
        let (start, [full, initials]) = self.at[s];
        let end = self.at.get(s + 1).map_or(self.text.len(), |a| a.0 as usize);
        let start = start as usize;
        let within = |offset: u16| (start + usize::from(offset)).min(end);
        [start, within(full), within(initials), end]
    }
}

/// Every key of one column (full pinyin or initials) of every row: the distinct keys in
/// byte order, each with its rows in row order.
#[derive(Debug, Default)]
pub(crate) struct KeyIndex {
    pub(crate) rows: Vec<u32>,
    /// Where each distinct key's rows start in `rows`; one more entry than keys.
    pub(crate) run_start: Vec<u32>,
    /// The distinct keys back to back, in key order: a lookup that walks the keys of a
    /// range reads them front to back.
    pub(crate) text: Vec<u8>,
    /// Where each distinct key ends in `text`.
    pub(crate) ends: Vec<u32>,
}

/// Distinct keys back to back, as a [`KeyIndex`] holds them: key `k` ends at `ends[k]`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeyText<'a> {
    pub(crate) text: &'a [u8],
    pub(crate) ends: &'a [u32],
}

impl<'a> KeyText<'a> {
    /// The number of keys.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Key `k`.
    pub(crate) fn key(&self, k: usize) -> &'a [u8] {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.text[start as usize..self.ends[k] as usize]
    }
}

impl KeyIndex {
    /// The distinct keys' text.
    pub(crate) fn key_text(&self) -> KeyText<'_> {
        KeyText {
            text: &self.text,
            ends: &self.ends,
        }
    }

    /// The number of distinct keys.
    pub(crate) fn keys(&self) -> usize {
        self.ends.len()
    }

    /// Distinct key `k`.
    pub(crate) fn key(&self, k: usize) -> &[u8] {
        self.key_text().key(k)
    }

    /// The rows of the distinct keys `keys`.
    pub(crate) fn rows_of(&self, keys: Range<usize>) -> &[u32] {
        if keys.is_empty() {
            return &[];
        }
        &self.rows[self.run_start[keys.start] as usize..self.run_start[keys.end] as usize]
    }

    /// Heap bytes held.
    pub(crate) fn memory_bytes(&self) -> usize {
        (self.rows.capacity() + self.run_start.capacity() + self.ends.capacity()) * 4
            + self.text.capacity()
    }

    /// The distinct keys that start with `q`; the one equal to `q`, if any, comes first.
    pub(crate) fn prefix(&self, q: &[u8]) -> Range<usize> {
        let n = self.keys();
        let lo = partition_point(n, |k| self.key(k) < q);
        let hi = lo + partition_point(n - lo, |k| self.key(lo + k).starts_with(q));
        lo..hi
    }
}

/// Each row's database id. Kept as 32-bit offsets from the smallest id when all of them
/// lie within 2^32 of it (a station's ids are dense, so they do): half the size of whole
/// ids.
#[derive(Debug)]
pub(crate) enum RowIds {
    Offsets { base: i64, offsets: Vec<u32> },
    Whole(Vec<i64>),
}

impl RowIds {
    /// The ids of `ids`, in that order.
    pub(crate) fn new(ids: impl ExactSizeIterator<Item = i64> + Clone) -> RowIds {
        let lo = ids.clone().min().unwrap_or(0);
        let hi = ids.clone().max().unwrap_or(0);
        if i128::from(hi) - i128::from(lo) <= i128::from(u32::MAX) {
            // Each offset is checked just above to fit.
            let offsets = ids.map(|id| (i128::from(id) - i128::from(lo)) as u32);
            RowIds::Offsets {
                base: lo,
                offsets: offsets.collect(),
            }
        } else {
            RowIds::Whole(ids.collect())
        }
    }

    pub(crate) fn get(&self, row: u32) -> i64 {
        match self {
            RowIds::Offsets { base, offsets } => base + i64::from(offsets[row as usize]),
            RowIds::Whole(ids) => ids[row as usize],
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            RowIds::Offsets { offsets, .. } => offsets.len(),
            RowIds::Whole(ids) => ids.len(),
        }
    }

    fn memory_bytes(&self) -> usize {
        match self {
            RowIds::Offsets { offsets, .. } => offsets.capacity() * 4,
            RowIds::Whole(ids) => ids.capacity() * 8,
        }
    }
}

/// Each row's most recent contact. Rows are in contact order, later first, with those never
/// in touch (0) between: only the others are kept, a few per cent of a station's people.
#[derive(Debug, Default)]
pub(crate) struct Contacts {
    /// The contacts of the first rows, all after 1970.
    pub(crate) head: Vec<i64>,
    /// The contacts of the last rows, all before 1970.
    pub(crate) tail: Vec<i64>,
}

/// The in-memory lookup index over every person on file.
///
/// Rows are numbered in ranking tie order (most recent contact first, then name), so a
/// smaller row number wins a tie. About 130 bytes per person at a million people.
#[derive(Debug)]
pub struct Index {
    /// Distinguishes indexes, so a [`Searcher`] never reuses candidates of another index.
    pub(crate) uid: u64,
    pub(crate) ids: RowIds,
    /// Each row's spelling in `spellings`.
    pub(crate) spelling_of: Vec<u32>,
    /// Letters present in the row's pinyin keys, one bit each: a query whose letters are
    /// not all there cannot fuzzy-match, and one AND rules the row out.
    pub(crate) masks: Vec<u32>,
    /// Each row's ID number and phone: where they start in `digits`, and their lengths.
    pub(crate) digits_at: Vec<(u32, [u16; 2])>,
    /// What ranks a row among its ties, beside its name and id.
    pub(crate) contacts: Contacts,
    /// Normalised ID numbers and phone digits, in load order.
    pub(crate) digits: Vec<u8>,
    pub(crate) spellings: SpellingText,
    pub(crate) by_name: Vec<u32>,
    pub(crate) full: KeyIndex,
    pub(crate) initials: KeyIndex,
    /// What follows each syllable inside the full keys and the initials keys.
    pub(crate) full_parts: Parts,
    pub(crate) initials_parts: Parts,
    pub(crate) by_id: Vec<u32>,
    pub(crate) by_phone: Vec<u32>,
    pub(crate) id_tails: Tails,
    pub(crate) phone_tails: Tails,
    pub(crate) postings: Postings,
    pub(crate) spelling_rows: SpellingRows,
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
        self.ids.len() == 0
    }

    /// The best `limit` matches of `query`, best first. A one-off search; a search box
    /// should keep a [`Searcher`], which narrows the previous keystroke's candidates.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        Searcher::new().search(self, query, limit)
    }

    /// Heap bytes held by the index (capacity, not length), for reports and benchmarks.
    pub fn memory_bytes(&self) -> usize {
        use std::mem::size_of;
        let keys = KeyIndex::memory_bytes;
        let lists = |start: &Vec<u32>, rows: &Vec<u32>| (start.capacity() + rows.capacity()) * 4;
        self.ids.memory_bytes()
            + (self.spelling_of.capacity() + self.masks.capacity()) * 4
            + self.digits_at.capacity() * size_of::<(u32, [u16; 2])>()
            + self.digits.capacity()
            + (self.contacts.head.capacity() + self.contacts.tail.capacity()) * 8
            + self.spellings.text.capacity()
            + self.spellings.at.capacity() * size_of::<(u32, [u16; 2])>()
            + (self.by_name.capacity() + self.by_id.capacity() + self.by_phone.capacity()) * 4
            + keys(&self.full)
            + keys(&self.initials)
            + self.full_parts.memory_bytes()
            + self.initials_parts.memory_bytes()
            + lists(&self.id_tails.start, &self.id_tails.rows)
            + lists(&self.phone_tails.start, &self.phone_tails.rows)
            + (self.id_tails.buckets.capacity() + self.phone_tails.buckets.capacity()) * 4
            + self.postings.chars.capacity() * size_of::<char>()
            + lists(&self.postings.start, &self.postings.spellings)
            + lists(&self.spelling_rows.start, &self.spelling_rows.rows)
            + lists(&self.first_letters.start, &self.first_letters.rows)
    }

    /// Part `which` of the row's spelling text: 0 the name, 1 the full keys, 2 the
    /// initials keys; `which..=last` for several.
    fn spelling_part(&self, row: u32, which: usize, last: usize) -> &[u8] {
        let at = self.spellings.bounds(self.spelling_of[row as usize]);
        &self.spellings.text[at[which]..at[last + 1]]
    }

    /// The row's most recent contact, 0 if none.
    pub(crate) fn contact(&self, row: u32) -> i64 {
        let r = row as usize;
        let tail_from = self.len() - self.contacts.tail.len();
        match self.contacts.head.get(r) {
            Some(&c) => c,
            None if r >= tail_from => self.contacts.tail[r - tail_from],
            None => 0,
        }
    }

    /// What orders rows among ties: later contact first, then name, then id. Rows are
    /// numbered in this order.
    pub(crate) fn tie_key(&self, row: u32) -> (std::cmp::Reverse<i64>, &[u8], i64) {
        (
            std::cmp::Reverse(self.contact(row)),
            self.name(row),
            self.ids.get(row),
        )
    }

    pub(crate) fn name(&self, row: u32) -> &[u8] {
        self.spelling_part(row, 0, 0)
    }

    /// The normalised name of spelling `s`.
    pub(crate) fn spelling_name(&self, s: u32) -> &[u8] {
        let at = self.spellings.bounds(s);
        &self.spellings.text[at[0]..at[1]]
    }

    /// Full keys then initials keys, each followed by a space.
    pub(crate) fn keys(&self, row: u32) -> &[u8] {
        self.spelling_part(row, 1, 2)
    }

    pub(crate) fn id_number(&self, row: u32) -> &[u8] {
        let (start, [id, _]) = self.digits_at[row as usize];
        &self.digits[start as usize..][..usize::from(id)]
    }

    pub(crate) fn phone(&self, row: u32) -> &[u8] {
        let (start, [id, phone]) = self.digits_at[row as usize];
        &self.digits[start as usize + usize::from(id)..][..usize::from(phone)]
    }

    pub(crate) fn field(&self, row: u32, field: Field) -> &[u8] {
        match field {
            Field::Name => self.name(row),
            Field::Id => self.id_number(row),
            Field::Phone => self.phone(row),
        }
    }

    /// The rows of an array sorted by `field` whose field starts with `q`; those equal to
    /// `q` come first.
    pub(crate) fn prefix_range<'a>(&self, list: &'a [u32], field: Field, q: &[u8]) -> &'a [u32] {
        let lo = list.partition_point(|&r| self.field(r, field) < q);
        let hi = lo + list[lo..].partition_point(|&r| self.field(r, field).starts_with(q));
        &list[lo..hi]
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
