//! Spellings: a name as stored together with its full-pinyin and initials key columns.
//!
//! The keys are computed from the name, so people who share a name share a spelling: a
//! million people have about a quarter of a million. Each distinct spelling is normalised,
//! split into keys and prepared as the start of a record once; rows refer to it by number.
//!
//! Looking a spelling up is the costly part of loading a million rows: the table and the
//! spellings are far larger than the processor's caches, so every lookup waits for memory
//! twice (the table slot, then the spelling to compare). Lookups therefore come in batches
//! and in phases: first every slot of the batch is read, then every candidate spelling, so
//! that the waits of one batch overlap instead of adding up.
use super::index::Buckets;
use super::lists::Lists;
use super::query::is_name_filler;
use std::hash::{BuildHasher, Hasher};

/// An entry in the arena: a header of [`HEADER`] u32 fields (number, the three column
/// lengths as stored, the prepared length, where the full and initials keys start in the
/// prepared text), the columns as stored, then the prepared text.
const HEADER: usize = 7;
const HEADER_BYTES: usize = HEADER * 4;

/// Distinct spellings, numbered in order of first sight.
#[derive(Debug, Default)]
pub(crate) struct Spellings {
    /// Open addressing, linear probing: (hash, entry position + 1), 0 when empty; at most
    /// half full.
    table: Vec<(u64, usize)>,
    arena: Vec<u8>,
    hasher: foldhash::fast::RandomState,
    /// Each spelling's entry position in the arena.
    pub(crate) entries: Vec<usize>,
    /// Each spelling's keys: (key rank once ranked, offset from the start of the column's
    /// keys in the prepared text).
    pub(crate) full_keys: Lists<(u32, u32)>,
    pub(crate) initials_keys: Lists<(u32, u32)>,
    /// The distinct non-ASCII characters of the normalised name, sorted.
    pub(crate) chars: Lists<char>,
    /// Letters of the keys, one bit each (see [`letter_mask`]).
    pub(crate) masks: Vec<u32>,
    /// First bytes of the keys, one bit per [`Buckets`] slot.
    pub(crate) slots: Vec<u64>,
    /// Bytes of all prepared texts; under 4 GiB.
    prepared_total: usize,
}

/// A spelling's entry as a lookup finds it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'a> {
    pub(crate) id: u32,
    /// The normalised name, then the full keys and the initials keys, lower-cased, without
    /// repeats, each followed by a space.
    pub(crate) prepared: &'a [u8],
    /// Where the full keys and the initials keys start in `prepared`.
    pub(crate) seg: [u32; 2],
}

fn field(arena: &[u8], pos: usize, i: usize) -> usize {
    let at = pos + 4 * i;
    let mut b = [0u8; 4];
    b.copy_from_slice(&arena[at..at + 4]);
    u32::from_le_bytes(b) as usize
}

impl Spellings {
    /// The hash of a spelling's columns (name, full keys, initials keys).
    pub(crate) fn hash(&self, columns: [&[u8]; 3]) -> u64 {
        let mut h = self.hasher.build_hasher();
        for c in columns {
            h.write_usize(c.len());
            h.write(c);
        }
        h.finish()
    }

    /// The table slot a hash looks at first.
    #[inline]
    pub(crate) fn first_slot(&self, hash: u64) -> (u64, usize) {
        match self.table.len() {
            0 => (0, 0),
            n => self.table[hash as usize & (n - 1)],
        }
    }

    /// The first byte of the entry at `pos`: reading it brings the entry into the cache.
    #[inline]
    pub(crate) fn first_byte(&self, pos: usize) -> u8 {
        self.arena[pos]
    }

    /// Whether the entry at `pos` holds these columns.
    pub(crate) fn holds(&self, pos: usize, columns: [&[u8]; 3]) -> bool {
        let a = &self.arena;
        let lens = [field(a, pos, 1), field(a, pos, 2), field(a, pos, 3)];
        if lens != columns.map(<[u8]>::len) {
            return false;
        }
        let mut at = pos + HEADER_BYTES;
        columns.iter().all(|c| {
            let same = &a[at..at + c.len()] == *c;
            at += c.len();
            same
        })
    }

    /// The entry at `pos`.
    pub(crate) fn entry_at(&self, pos: usize) -> Entry<'_> {
        let a = &self.arena;
        let stored = field(a, pos, 1) + field(a, pos, 2) + field(a, pos, 3);
        let at = pos + HEADER_BYTES + stored;
        Entry {
            id: field(a, pos, 0) as u32,
            prepared: &a[at..at + field(a, pos, 4)],
            seg: [field(a, pos, 5) as u32, field(a, pos, 6) as u32],
        }
    }

    /// The entry of spelling `id`.
    pub(crate) fn entry(&self, id: u32) -> Entry<'_> {
        self.entry_at(self.entries[id as usize])
    }

    /// The entry position of the spelling of these columns (with this hash), preparing it
    /// when it is new. A column that is not UTF-8 counts as empty. `None` when the prepared
    /// texts of all spellings would no longer fit the index's u32 offsets.
    pub(crate) fn intern(&mut self, hash: u64, columns: [&[u8]; 3]) -> Option<usize> {
        if (self.entries.len() + 1) * 2 > self.table.len() {
            self.grow();
        }
        let mask = self.table.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            match self.table[i] {
                (_, 0) => break,
                (h, pos) if h == hash && self.holds(pos - 1, columns) => return Some(pos - 1),
                _ => {}
            }
            i = (i + 1) & mask;
        }
        // Preparing never lengthens a column but by the space after its last key.
        let most = columns.iter().map(|c| c.len() + 1).sum::<usize>();
        u32::try_from(self.prepared_total + most).ok()?;
        let pos = self.arena.len();
        self.table[i] = (hash, pos + 1);
        self.prepare(columns);
        self.entries.push(pos);
        Some(pos)
    }

    fn grow(&mut self) {
        let size = (self.table.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.table, vec![(0, 0); size]);
        for (hash, pos) in old.into_iter().filter(|&(_, pos)| pos != 0) {
            let mut i = hash as usize & (size - 1);
            while self.table[i].1 != 0 {
                i = (i + 1) & (size - 1);
            }
            self.table[i] = (hash, pos);
        }
    }

    /// Appends the entry of a new spelling and its keys, characters, mask and slots.
    fn prepare(&mut self, columns: [&[u8]; 3]) {
        let [name, full, initials] = columns;
        let pos = self.arena.len();
        let a = &mut self.arena;
        a.resize(pos + HEADER_BYTES, 0);
        for c in columns {
            a.extend_from_slice(c);
        }
        let start = a.len();
        let name = std::str::from_utf8(name).unwrap_or("");
        let kept = || name.chars().filter(|c| !is_name_filler(*c));
        let mut buf = [0u8; 4];
        for c in kept() {
            a.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        self.chars.extend(kept().filter(|c| !c.is_ascii()));
        let list = self.chars.open_list_mut();
        list.sort_unstable();
        let distinct = dedup(list);
        self.chars.truncate_open_list(distinct);
        self.chars.end_list();
        let full_from = a.len() - start;
        let (full_mask, full_slots) = add_keys(a, &mut self.full_keys, full);
        let initials_from = a.len() - start;
        let (initials_mask, initials_slots) = add_keys(a, &mut self.initials_keys, initials);
        let prepared = a.len() - start;
        let id = self.entries.len();
        let lens = columns.map(<[u8]>::len);
        // A spelling longer than 4 GiB cannot be in a row (records are under 64 KiB); its
        // header is never read for a row.
        let header = [
            id,
            lens[0],
            lens[1],
            lens[2],
            prepared,
            full_from,
            initials_from,
        ];
        for (i, v) in header.into_iter().enumerate() {
            a[pos + 4 * i..pos + 4 * i + 4].copy_from_slice(&(v as u32).to_le_bytes());
        }
        self.masks.push(full_mask | initials_mask);
        self.slots.push(full_slots | initials_slots);
        self.prepared_total += prepared;
    }

    /// Frees what only interning needs; entries stay readable.
    pub(crate) fn finish_pushing(&mut self) {
        self.table = Vec::new();
    }

    /// Frees the entries once nothing needs their text.
    pub(crate) fn drop_entries(&mut self) {
        self.arena = Vec::new();
        self.entries = Vec::new();
    }

    pub(crate) fn len(&self) -> usize {
        self.masks.len()
    }
}

/// Moves the distinct items of a sorted list to its front; returns how many there are.
fn dedup<T: PartialEq + Copy>(list: &mut [T]) -> usize {
    let mut kept = 0;
    for i in 0..list.len() {
        if kept == 0 || list[i] != list[kept - 1] {
            list[kept] = list[i];
            kept += 1;
        }
    }
    kept
}

/// Appends a key column's distinct keys, lower-cased and each followed by a space, to
/// `text`, and each key's offset (from where the column starts in `text`) to `out`;
/// returns the keys' letter mask and first-byte slots.
fn add_keys(text: &mut Vec<u8>, out: &mut Lists<(u32, u32)>, column: &[u8]) -> (u32, u64) {
    let column = std::str::from_utf8(column).unwrap_or("");
    let from = text.len();
    let (mut mask, mut slots) = (0u32, 0u64);
    for word in column.split_ascii_whitespace() {
        let key = word.bytes().map(|b| b.to_ascii_lowercase());
        // A repeated key would only repeat entries in the sorted arrays.
        let so_far = &text[from..];
        if so_far
            .split(|&b| b == b' ')
            .any(|k| k.iter().copied().eq(key.clone()))
        {
            continue;
        }
        out.push((0, (text.len() - from) as u32));
        let key_from = text.len();
        text.extend(key);
        let key = &text[key_from..];
        mask |= letter_mask(key);
        if let Some(slot) = key.first().and_then(|&b| Buckets::slot(b)) {
            slots |= 1 << slot;
        }
        text.push(b' ');
    }
    out.end_list();
    (mask, slots)
}

/// Bit per letter of the keys (digits share six extra bits).
pub(crate) fn letter_mask(keys: &[u8]) -> u32 {
    keys.iter().fold(0u32, |m, &b| m | letter_bit(b))
}

pub(crate) fn letter_bit(b: u8) -> u32 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + (b - b'0') % 6),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intern(s: &mut Spellings, columns: [&str; 3]) -> u32 {
        let columns = columns.map(str::as_bytes);
        let pos = s.intern(s.hash(columns), columns);
        pos.map_or(u32::MAX, |pos| s.entry_at(pos).id)
    }

    #[test]
    fn equal_spellings_get_one_number_and_are_prepared_once() {
        let mut s = Spellings::default();
        assert_eq!(intern(&mut s, ["张三", "zhangsan", "zs"]), 0);
        assert_eq!(intern(&mut s, ["张 三", "ZhangSan zhangsan", "zs"]), 1);
        assert_eq!(intern(&mut s, ["", "", ""]), 2);
        assert_eq!(intern(&mut s, ["张三", "zhangsan", "zs"]), 0);
        // The columns are kept apart.
        assert_eq!(intern(&mut s, ["张三", "zhangsanzs", ""]), 3);
        for n in 0..5_000 {
            intern(&mut s, [&n.to_string(), "", ""]);
        }
        assert_eq!(intern(&mut s, ["张 三", "ZhangSan zhangsan", "zs"]), 1);
        let e = s.entry(1);
        assert_eq!(e.prepared, "张三zhangsan zs ".as_bytes());
        assert_eq!(e.seg, [6, 15]);
        assert_eq!(s.full_keys.get(1), &[(0, 0)]);
        assert_eq!(s.chars.get(1), &['三', '张']);
        let columns = ["张三", "zhangsan", "zs"].map(str::as_bytes);
        let (_, pos) = s.first_slot(s.hash(columns));
        assert!(pos == 0 || !s.holds(pos - 1, columns) || s.entry_at(pos - 1).id == 0);
    }
}
