//! Building the index one row at a time, then sorting everything once.
use super::IndexRow;
use super::index::{Buckets, Field, Index, KeyRef, Postings};
use super::query::is_name_filler;
use std::cmp::{Ordering, Reverse};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

/// Hands out a distinct [`Index::uid`] to every index built in this process.
static NEXT_UID: AtomicU64 = AtomicU64::new(1);

/// One pushed row before ranking: where its record sits in the staging text.
#[derive(Debug, Clone, Copy)]
struct Staged {
    id: i64,
    last_contact: i64,
    start: u32,
    end: u32,
    seg: [u16; 4],
}

/// Collects rows, then builds an [`Index`]. Rows may come in any order.
///
/// The text of all rows is limited to 4 GiB (about 60 million people) and one row's fields
/// to 64 KiB; rows beyond either limit are skipped and counted by [`IndexBuilder::skipped`].
#[derive(Debug, Default)]
pub struct IndexBuilder {
    text: Vec<u8>,
    rows: Vec<Staged>,
    skipped: usize,
}

impl IndexBuilder {
    /// An empty builder.
    pub fn new() -> IndexBuilder {
        IndexBuilder::default()
    }

    /// An empty builder with room for about `rows` people.
    pub fn with_capacity(rows: usize) -> IndexBuilder {
        IndexBuilder {
            text: Vec::with_capacity(rows * 64),
            rows: Vec::with_capacity(rows),
            skipped: 0,
        }
    }

    /// Rows refused because of the size limits.
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// Adds one person. Fields are normalised the way queries are: the name loses spaces
    /// and middle dots, keys are lower-cased, the ID upper-cased, the phone keeps its digits.
    pub fn push(&mut self, row: &IndexRow<'_>) {
        let start = self.text.len();
        let mut seg = [0u16; 4];
        let mut ok = true;
        let mut mark = |text: &Vec<u8>, i: usize| match u16::try_from(text.len() - start) {
            Ok(v) => seg[i] = v,
            Err(_) => ok = false,
        };
        self.text.extend(
            row.name
                .chars()
                .filter(|c| !is_name_filler(*c))
                .flat_map(|c| {
                    let mut buf = [0u8; 4];
                    let n = c.encode_utf8(&mut buf).len();
                    buf.into_iter().take(n)
                }),
        );
        mark(&self.text, 0);
        for (i, keys) in [(1, row.py_full), (2, row.py_initials)] {
            let mut seen: Vec<&str> = Vec::new();
            for key in keys.split_ascii_whitespace() {
                // Duplicate keys would only repeat entries in the sorted arrays.
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                self.text
                    .extend(key.bytes().map(|b| b.to_ascii_lowercase()));
                self.text.push(b' ');
            }
            mark(&self.text, i);
        }
        self.text.extend(
            row.id_number
                .bytes()
                .filter(|b| b.is_ascii_alphanumeric())
                .map(|b| b.to_ascii_uppercase()),
        );
        mark(&self.text, 3);
        self.text
            .extend(row.phone_digits.bytes().filter(u8::is_ascii_digit));
        let end = self.text.len();
        let fits = u32::try_from(end).is_ok() && u16::try_from(end - start).is_ok();
        if !ok || !fits {
            self.text.truncate(start);
            self.skipped += 1;
            return;
        }
        // Both fit in u32: checked just above.
        let (start, end) = (start as u32, end as u32);
        self.rows.push(Staged {
            id: row.id,
            last_contact: row.last_contact,
            start,
            end,
            seg,
        });
    }

    /// Ranks the rows, lays their text out in rank order and sorts the lookup arrays.
    pub fn build(self) -> Index {
        let IndexBuilder {
            text: staging,
            mut rows,
            ..
        } = self;
        let name_of =
            |s: &Staged| &staging[s.start as usize..s.start as usize + usize::from(s.seg[0])];
        // Ranking tie order: most recent contact first, then name, then id for stability.
        // The packed name prefix rides along so that most comparisons read no text.
        let mut order: Vec<(Reverse<i64>, u128, u32)> = rows
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    Reverse(s.last_contact),
                    pack(name_of(s).iter().copied()),
                    i as u32,
                )
            })
            .collect();
        order.sort_unstable_by(|a, b| {
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then_with(|| name_of(&rows[a.2 as usize]).cmp(name_of(&rows[b.2 as usize])))
                .then_with(|| rows[a.2 as usize].id.cmp(&rows[b.2 as usize].id))
        });

        // Only the permutation is kept: the sort keys (48 bytes a row) go before the text is
        // copied.
        let order: Vec<u32> = order.into_iter().map(|(_, _, i)| i).collect();
        let n = rows.len();
        let mut text = Vec::with_capacity(staging.len());
        let mut start = Vec::with_capacity(n + 1);
        let mut seg = Vec::with_capacity(n);
        let mut ids = Vec::with_capacity(n);
        let mut masks = Vec::with_capacity(n);
        for &i in &order {
            let s = &rows[i as usize];
            let record = &staging[s.start as usize..s.end as usize];
            // The total length is unchanged from staging, which fitted in u32.
            start.push(text.len() as u32);
            text.extend_from_slice(record);
            seg.push(s.seg);
            ids.push(s.id);
            masks.push(letter_mask(
                &record[usize::from(s.seg[0])..usize::from(s.seg[2])],
            ));
        }
        start.push(text.len() as u32);
        drop(order);
        drop(rows);
        drop(staging);

        let mut index = Index {
            uid: NEXT_UID.fetch_add(1, AtomicOrdering::Relaxed),
            ids,
            start,
            seg,
            masks,
            text,
            by_name: Vec::new(),
            by_full: Vec::new(),
            by_initials: Vec::new(),
            by_id: Vec::new(),
            by_id_rev: Vec::new(),
            by_phone: Vec::new(),
            by_phone_rev: Vec::new(),
            postings: Postings::default(),
            first_letters: Buckets::default(),
        };
        // One array at a time: each sort's scratch (32 bytes an entry) is freed before the
        // next, which keeps the peak under the memory budget at a million people.
        index.by_full = sort_keys(&index, 1);
        index.by_initials = sort_keys(&index, 2);
        index.by_name = sort_rows(&index, Field::Name, false);
        index.by_id = sort_rows(&index, Field::Id, false);
        index.by_id_rev = sort_rows(&index, Field::Id, true);
        index.by_phone = sort_rows(&index, Field::Phone, false);
        index.by_phone_rev = sort_rows(&index, Field::Phone, true);
        index.postings = postings(&index);
        index.first_letters = first_letters(&index);
        index
    }
}

/// The first 16 bytes, big-endian, zero-padded: compares like the bytes themselves as long
/// as no byte is zero, which holds for names, keys and digits. Sixteen bytes hold a whole
/// name of up to five characters, most pinyin keys and all of an ID number but its end, so
/// sorting rarely has to read the text.
fn pack(bytes: impl Iterator<Item = u8>) -> u128 {
    let mut p = 0u128;
    let mut n = 0u32;
    for b in bytes.take(16) {
        p = (p << 8) | u128::from(b);
        n += 1;
    }
    p.checked_shl(8 * (16 - n)).unwrap_or(0)
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

/// Sorts with a packed 16-byte prefix carried beside each item, so most comparisons never
/// read the text; ties fall back to the whole bytes, then to the item (row order).
fn sort_packed<T: Copy + Ord>(
    mut items: Vec<(u128, T)>,
    full: impl Fn(T, T) -> Ordering,
) -> Vec<T> {
    items.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| full(a.1, b.1))
            .then_with(|| a.1.cmp(&b.1))
    });
    let mut out: Vec<T> = items.into_iter().map(|(_, t)| t).collect();
    out.shrink_to_fit();
    out
}

/// Rows with a non-empty `field`, sorted by it (read backwards when `reversed`).
fn sort_rows(index: &Index, field: Field, reversed: bool) -> Vec<u32> {
    let rows = 0..index.len() as u32;
    let items: Vec<(u128, u32)> = rows
        .filter(|&r| !index.field(r, field).is_empty())
        .map(|r| {
            let f = index.field(r, field);
            let p = if reversed {
                pack(f.iter().rev().copied())
            } else {
                pack(f.iter().copied())
            };
            (p, r)
        })
        .collect();
    sort_packed(items, |a, b| {
        let (fa, fb) = (index.field(a, field), index.field(b, field));
        if reversed {
            fa.iter().rev().cmp(fb.iter().rev())
        } else {
            fa.cmp(fb)
        }
    })
}

/// Every full (`which` = 1) or initials (`which` = 2) key of every row, sorted by key.
fn sort_keys(index: &Index, which: usize) -> Vec<KeyRef> {
    let mut items = Vec::new();
    for r in 0..index.len() as u32 {
        let base = index.start[r as usize] as usize;
        let seg = index.seg[r as usize];
        let (from, to) = (
            base + usize::from(seg[which - 1]),
            base + usize::from(seg[which]),
        );
        let mut off = from;
        for key in index.text[from..to]
            .split(|&b| b == b' ')
            .filter(|k| !k.is_empty())
        {
            // Keys are laid out back to back, each followed by one space.
            items.push((
                pack(key.iter().copied()),
                KeyRef {
                    row: r,
                    off: off as u32,
                },
            ));
            off += key.len() + 1;
        }
    }
    sort_packed(items, |a, b| index.key_at(a.off).cmp(index.key_at(b.off)))
}

/// Per-character postings of the names' non-ASCII characters, rows in row order.
fn postings(index: &Index) -> Postings {
    let distinct = |r: u32| {
        let name = std::str::from_utf8(index.name(r)).unwrap_or("");
        let mut chars: Vec<char> = name.chars().filter(|c| !c.is_ascii()).collect();
        chars.sort_unstable();
        chars.dedup();
        chars
    };
    let mut counts: HashMap<char, u32> = HashMap::new();
    for r in 0..index.len() as u32 {
        for c in distinct(r) {
            *counts.entry(c).or_insert(0) += 1;
        }
    }
    let mut chars: Vec<char> = counts.keys().copied().collect();
    chars.sort_unstable();
    let mut start = Vec::with_capacity(chars.len() + 1);
    let mut total = 0u32;
    for c in &chars {
        start.push(total);
        total += counts.get(c).copied().unwrap_or(0);
    }
    start.push(total);
    let mut fill: Vec<u32> = start.clone();
    let mut rows = vec![0u32; total as usize];
    for r in 0..index.len() as u32 {
        for c in distinct(r) {
            if let Ok(i) = chars.binary_search(&c) {
                rows[fill[i] as usize] = r;
                fill[i] += 1;
            }
        }
    }
    Postings { chars, start, rows }
}

/// Rows per first byte of their keys (full keys suffice: initials start the same way).
fn first_letters(index: &Index) -> Buckets {
    let slots = |r: u32| {
        let mut seen = [false; Buckets::SLOTS];
        let keys = index.keys(r);
        let mut at_start = true;
        for &b in keys {
            if at_start && let Some(i) = Buckets::slot(b) {
                seen[i] = true;
            }
            at_start = b == b' ';
        }
        seen
    };
    let mut counts = [0u32; Buckets::SLOTS];
    for r in 0..index.len() as u32 {
        for (i, hit) in slots(r).into_iter().enumerate() {
            counts[i] += u32::from(hit);
        }
    }
    let mut start = Vec::with_capacity(Buckets::SLOTS + 1);
    let mut total = 0;
    for c in counts {
        start.push(total);
        total += c;
    }
    start.push(total);
    let mut fill = start.clone();
    let mut rows = vec![0u32; total as usize];
    for r in 0..index.len() as u32 {
        for (i, hit) in slots(r).into_iter().enumerate() {
            if hit {
                rows[fill[i] as usize] = r;
                fill[i] += 1;
            }
        }
    }
    Buckets { start, rows }
}
