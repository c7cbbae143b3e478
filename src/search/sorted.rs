//! The sorted lookup arrays of an [`Index`] whose rows and text are laid out.
//!
//! Names and keys repeat, so their arrays are counting sorts over the ranks of the distinct
//! strings: rows are visited in row order, which leaves equal strings in row order, as
//! lookups need. ID numbers and phones hardly repeat; they are packed, four bits a
//! character, into one integer with the row number and sorted as integers.
use super::index::{Buckets, KeyIndex, KeyText, Postings, SpellingRows, SpellingText};
use super::lists::Lists;
use super::spellings::Spellings;
use std::cmp::Ordering;

/// The rank of each of a set of strings in byte order; equal strings share a rank.
#[derive(Debug, Default)]
pub(crate) struct Ranks {
    pub(crate) of: Vec<u32>,
    pub(crate) distinct: usize,
}

/// Ranks `count` strings, numbered 0..count and read with `get`. Strings are sorted by a
/// packed prefix and length, which settles all but strings longer than 15 bytes.
pub(crate) fn dense_ranks<'a>(count: usize, get: impl Fn(u32) -> &'a [u8]) -> Ranks {
    let mut items: Vec<([u64; 2], u32)> = (0..count as u32).map(|i| (pack(get(i)), i)).collect();
    let order = |a: &([u64; 2], u32), b: &([u64; 2], u32)| {
        a.0.cmp(&b.0).then_with(|| {
            if a.0[1] & 0xFF == LONG {
                get(a.1).cmp(get(b.1))
            } else {
                Ordering::Equal
            }
        })
    };
    items.sort_unstable_by(order);
    let mut of = vec![0u32; count];
    let mut distinct = 0;
    for (i, item) in items.iter().enumerate() {
        if i == 0 || order(&items[i - 1], item) != Ordering::Equal {
            distinct += 1;
        }
        of[item.1 as usize] = distinct as u32 - 1;
    }
    Ranks { of, distinct }
}

/// The length byte of [`pack`] for strings of 16 bytes or more.
const LONG: u64 = 255;

/// The first 15 bytes, big-endian, zero-padded, then the length (or [`LONG`]): packs
/// compare like the strings, except that two long strings with the same first 15 bytes
/// pack alike. Fifteen bytes hold a name of five characters and most pinyin keys.
fn pack(bytes: &[u8]) -> [u64; 2] {
    let mut p = [0u8; 16];
    let n = bytes.len().min(15);
    p[..n].copy_from_slice(&bytes[..n]);
    p[15] = if bytes.len() < 16 {
        n as u8
    } else {
        LONG as u8
    };
    let (hi, lo) = p.split_at(8);
    let word = |b: &[u8]| b.iter().fold(0u64, |w, &x| w << 8 | u64::from(x));
    [word(hi), word(lo)]
}

/// The distinct keys of one column, ranked: each key's rank written beside it in the
/// spellings' lists, and the distinct keys' text in rank order.
pub(crate) struct RankedKeys {
    pub(crate) ranks: Ranks,
    pub(crate) text: Vec<u8>,
    pub(crate) ends: Vec<u32>,
}

impl RankedKeys {
    /// The distinct keys' text, in rank order.
    pub(crate) fn key_text(&self) -> KeyText<'_> {
        KeyText {
            text: &self.text,
            ends: &self.ends,
        }
    }
}

/// Ranks every key of one column of the spellings (`which` = 0: full keys, 1: initials).
pub(crate) fn rank_keys(
    spellings: &Spellings,
    keys: &mut Lists<(u32, u32)>,
    which: usize,
) -> RankedKeys {
    // Each key by its position in the lists: its spelling, then where it lies.
    let mut owner = vec![0u32; keys.items_len()];
    for s in 0..keys.len() as u32 {
        owner[keys.span(s)].fill(s);
    }
    let items = keys.items();
    let key = |pos: u32| {
        let e = spellings.entry(owner[pos as usize]);
        let from = (e.seg[which] + items[pos as usize].1) as usize;
        let rest = &e.prepared[from..];
        &rest[..rest.iter().position(|&b| b == b' ').unwrap_or(rest.len())]
    };
    let ranks = dense_ranks(items.len(), key);
    // Each distinct key's place in the ranked text, then the text, written in list order:
    // writes land all over, but reads are front to back.
    let mut ends = vec![0u32; ranks.distinct];
    for (pos, &rank) in ranks.of.iter().enumerate() {
        ends[rank as usize] = key(pos as u32).len() as u32;
    }
    let mut total = 0u32;
    for e in ends.iter_mut() {
        total += *e;
        *e = total;
    }
    let mut ranked = vec![0u8; total as usize];
    for (pos, &rank) in ranks.of.iter().enumerate() {
        let key = key(pos as u32);
        let end = ends[rank as usize] as usize;
        ranked[end - key.len()..end].copy_from_slice(key);
    }
    drop(owner);
    for (item, &rank) in keys.items_mut().iter_mut().zip(&ranks.of) {
        item.0 = rank;
    }
    RankedKeys {
        ranks,
        text: ranked,
        ends,
    }
}

/// How many rows have each spelling.
pub(crate) fn uses(spellings: usize, row_spellings: &[u32]) -> Vec<u32> {
    let mut uses = vec![0u32; spellings];
    for &s in row_spellings {
        uses[s as usize] += 1;
    }
    uses
}

/// Turns counts per bucket into each bucket's start; returns the total.
fn starts(counts: &mut [u32]) -> u32 {
    let mut total = 0u32;
    for c in counts.iter_mut() {
        let n = *c;
        *c = total;
        total += n;
    }
    total
}

/// The key index of one column (the column's keys by spelling, with their rank): a
/// counting sort of rows by key rank.
pub(crate) fn key_index(
    row_spellings: &[u32],
    keys: &Lists<(u32, u32)>,
    ranked: RankedKeys,
    uses: &[u32],
) -> KeyIndex {
    let mut next = vec![0u32; ranked.ranks.distinct + 1];
    for (s, &n) in uses.iter().enumerate() {
        for &(rank, _) in keys.get(s as u32) {
            next[rank as usize] += n;
        }
    }
    let total = starts(&mut next);
    let run_start = next.clone();
    let mut rows = vec![0u32; total as usize];
    for (r, &s) in row_spellings.iter().enumerate() {
        for &(rank, _) in keys.get(s) {
            let slot = &mut next[rank as usize];
            rows[*slot as usize] = r as u32;
            *slot += 1;
        }
    }
    KeyIndex {
        rows,
        run_start,
        text: ranked.text,
        ends: ranked.ends,
    }
}

/// Rows with a name, by name then row.
pub(crate) fn by_name(
    text: &SpellingText,
    rank: &Ranks,
    uses: &[u32],
    row_spellings: &[u32],
) -> Vec<u32> {
    let rank_of = |s: u32| rank.of[s as usize] as usize;
    let mut next = vec![0u32; rank.distinct];
    for (s, &n) in uses.iter().enumerate() {
        next[rank_of(s as u32)] += n;
    }
    let total = starts(&mut next);
    let mut out = vec![0u32; total as usize];
    for (r, &s) in row_spellings.iter().enumerate() {
        let slot = &mut next[rank_of(s)];
        out[*slot as usize] = r as u32;
        *slot += 1;
    }
    // Rows without a name, if any, hold the first rank; nobody looks them up by name.
    let named = |r: u32| {
        let at = text.bounds(row_spellings[r as usize]);
        at[0] < at[1]
    };
    let unnamed = out.partition_point(|&r| !named(r));
    out.drain(..unnamed);
    out
}

/// Each spelling's rows, in row order: a counting sort of the rows by spelling.
pub(crate) fn spelling_rows(uses: &[u32], row_spellings: &[u32]) -> SpellingRows {
    let mut next = uses.to_vec();
    next.push(0);
    let total = starts(&mut next);
    let start = next.clone();
    let mut rows = vec![0u32; total as usize];
    for (r, &s) in row_spellings.iter().enumerate() {
        let slot = &mut next[s as usize];
        rows[*slot as usize] = r as u32;
        *slot += 1;
    }
    SpellingRows { start, rows }
}

/// Per-character postings of the names' non-ASCII characters: the spellings somebody has,
/// in the order of their first rows (`by_first`).
pub(crate) fn postings(spellings: &Spellings, by_first: &[u32]) -> Postings {
    let lists = &spellings.chars;
    let mut chars: Vec<char> = by_first
        .iter()
        .flat_map(|&s| lists.get(s).iter().copied())
        .collect();
    chars.sort_unstable();
    chars.dedup();
    // Beside each spelling's characters, their positions in `chars`; only spellings
    // somebody has are looked up, and only they are read below.
    let mut codes = vec![0u32; lists.items_len()];
    let mut next = vec![0u32; chars.len() + 1];
    for &s in by_first {
        let span = lists.span(s);
        let found = lists.items()[span.clone()].iter();
        for (code, c) in codes[span].iter_mut().zip(found) {
            // Every character of a used spelling is in `chars`.
            *code = chars.binary_search(c).unwrap_or(0) as u32;
            next[*code as usize] += 1;
        }
    }
    let total = starts(&mut next);
    let start = next.clone();
    let mut out = vec![0u32; total as usize];
    for &s in by_first {
        for &c in &codes[lists.span(s)] {
            let slot = &mut next[c as usize];
            out[*slot as usize] = s;
            *slot += 1;
        }
    }
    Postings {
        chars,
        start,
        spellings: out,
    }
}

/// Rows per first byte of their keys.
pub(crate) fn first_letters(spellings: &Spellings, row_spellings: &[u32]) -> Buckets {
    let slots = |s: u32| spellings.slots[s as usize];
    let mut next = vec![0u32; Buckets::SLOTS + 1];
    for &s in row_spellings {
        let mut bits = slots(s);
        while bits != 0 {
            next[bits.trailing_zeros() as usize] += 1;
            bits &= bits - 1;
        }
    }
    let total = starts(&mut next);
    let start = next.clone();
    let mut rows = vec![0u32; total as usize];
    for (r, &s) in row_spellings.iter().enumerate() {
        let mut bits = slots(s);
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            rows[next[i] as usize] = r as u32;
            next[i] += 1;
        }
    }
    Buckets { start, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_share_a_rank() {
        let words: [&[u8]; 5] = [b"li", b"zhang", b"li", b"", b"zhangsanfengxxxxxxx"];
        let r = dense_ranks(words.len(), |i| words[i as usize]);
        assert_eq!(r.of, vec![1, 2, 1, 0, 3]);
        assert_eq!(r.distinct, 4);
        // Long strings, the same for 15 bytes or more, and zero bytes.
        let words: [&[u8]; 6] = [
            b"abcdefghijklmnopq",
            b"abcdefghijklmnop",
            b"abcdefghijklmno",
            b"abcdefghijklmnopq",
            b"a\0",
            b"a",
        ];
        let r = dense_ranks(words.len(), |i| words[i as usize]);
        assert_eq!(r.of, vec![4, 3, 2, 4, 1, 0]);
    }
}
