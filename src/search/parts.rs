//! Parts of the keys: what is left of a key after one of its syllables, so that a lookup
//! finds a name by any part of it (the given name `guoli` or `gl` of 张国丽, the second part
//! `maimaiti` or `mmt` of 阿依古丽·买买提).
//!
//! Parts are indexed by key, not by person: each distinct part is kept once, with the
//! numbers of the distinct keys it ends, and a key's rows are already listed in its
//! [`KeyIndex`]. A million people have about half a million distinct full keys and a few
//! tens of thousands of distinct parts, so this costs a few bytes a person, where a part per
//! person would cost tens.
use super::index::{KeyIndex, KeyText};
use super::lists::Lists;
use super::syllables::Breaks;
use std::collections::HashMap;
use std::ops::Range;

/// The parts of one column's keys: a [`KeyIndex`] whose "rows" are key numbers of the
/// column. Each part's keys are in the order of their first rows, so a lookup that wants
/// the best rows can stop at the first key whose best row is too late.
#[derive(Debug, Default)]
pub(crate) struct Parts(KeyIndex);

impl Parts {
    /// The parts that start with `q`.
    pub(crate) fn prefix(&self, q: &[u8]) -> Range<usize> {
        self.0.prefix(q)
    }

    /// Part `p`.
    pub(crate) fn part(&self, p: usize) -> &[u8] {
        self.0.key(p)
    }

    /// The keys that part `p` ends.
    pub(crate) fn keys_of(&self, p: usize) -> &[u32] {
        self.0.rows_of(p..p + 1)
    }

    pub(crate) fn memory_bytes(&self) -> usize {
        self.0.memory_bytes()
    }
}

/// Where a key of a column may be cut into a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cuts {
    /// Between any two syllables of a full-pinyin key, as [`Breaks`] reads them.
    Syllables,
    /// After any letter of an initials key: each letter is a syllable.
    Letters,
}

/// The parts of a column's distinct keys `column`, whose keys by spelling are `keys` (key
/// number first).
///
/// Two walks over the keys in the order of their first rows, found through the spellings
/// (`spellings_by_first`, see [`by_first_row`]) rather than by sorting the keys: the first
/// cuts the keys and numbers and counts the parts, noting only where each key was cut; the
/// second puts each key into its parts' lists. What a build holds for a while may stay
/// resident after it (the allocator keeps it), and the budget is the resident size, so
/// nothing here is larger than the result.
pub(crate) fn parts(
    column: KeyText<'_>,
    keys: &Lists<(u32, u32)>,
    spellings_by_first: &[u32],
    cuts: Cuts,
) -> Parts {
    let mut breaks = Breaks::default();
    // Pass 1: each distinct part gets a number at first sight, and a count; each key's
    // cuts are noted for pass 2 (where they are, then a 0), which spares cutting again.
    let mut numbers: HashMap<&[u8], u32, foldhash::fast::RandomState> = HashMap::default();
    let mut distinct: Vec<(&[u8], u32)> = Vec::new();
    let mut cut_at: Vec<u16> = Vec::with_capacity(column.len() * 3);
    for k in keys_by_first(column.len(), keys, spellings_by_first) {
        let (key, at) = cut(column, cuts, &mut breaks, k);
        // A key is under 64 KiB (see `IndexBuilder`), and so are its cuts.
        for &p in at.iter().take_while(|&&p| p <= usize::from(u16::MAX)) {
            let part = &key[p..];
            let n = *numbers.entry(part).or_insert_with(|| {
                distinct.push((part, 0));
                distinct.len() as u32 - 1
            });
            distinct[n as usize].1 += 1;
            cut_at.push(p as u16);
        }
        cut_at.push(0);
    }
    // The distinct parts in byte order: their text, and where their keys start.
    let mut order: Vec<u32> = (0..distinct.len() as u32).collect();
    order.sort_unstable_by_key(|&n| distinct[n as usize].0);
    let mut next = vec![0u32; distinct.len()];
    let text_len = distinct.iter().map(|(part, _)| part.len()).sum();
    let mut text = Vec::with_capacity(text_len);
    let mut ends = Vec::with_capacity(distinct.len());
    let mut run_start = Vec::with_capacity(distinct.len() + 1);
    let mut total = 0u32;
    for &n in &order {
        let (part, count) = distinct[n as usize];
        text.extend_from_slice(part);
        ends.push(text.len() as u32);
        run_start.push(total);
        next[n as usize] = total;
        total += count;
    }
    run_start.push(total);
    drop(order);
    // Pass 2: each key into the lists of its parts, in the order of first rows.
    let mut out = vec![0u32; total as usize];
    let mut noted = cut_at.iter();
    for k in keys_by_first(column.len(), keys, spellings_by_first) {
        let key = column.key(k as usize);
        for &p in noted.by_ref().take_while(|&&p| p != 0) {
            if let Some(&n) = numbers.get(&key[usize::from(p)..]) {
                let slot = &mut next[n as usize];
                out[*slot as usize] = k;
                *slot += 1;
            }
        }
    }
    Parts(KeyIndex {
        rows: out,
        run_start,
        text,
        ends,
    })
}

/// The spellings somebody has, in the order of their first rows.
pub(crate) fn by_first_row(spellings: usize, row_spellings: &[u32]) -> Vec<u32> {
    let mut seen = vec![false; spellings];
    let mut out = Vec::with_capacity(spellings);
    for &s in row_spellings {
        if !std::mem::replace(&mut seen[s as usize], true) {
            out.push(s);
        }
    }
    out
}

/// The keys of a column that somebody has, in the order of their first rows: each key the
/// first time a spelling in `spellings_by_first` has it.
fn keys_by_first<'a>(
    count: usize,
    keys: &'a Lists<(u32, u32)>,
    spellings_by_first: &'a [u32],
) -> impl Iterator<Item = u32> + 'a {
    let mut seen = vec![false; count];
    spellings_by_first
        .iter()
        .flat_map(|&s| keys.get(s).iter().map(|&(k, _)| k))
        .filter(move |&k| !std::mem::replace(&mut seen[k as usize], true))
}

/// Key `k` of `column` and the places where it is cut into parts.
fn cut<'c, 'b>(
    column: KeyText<'c>,
    cuts: Cuts,
    breaks: &'b mut Breaks,
    k: u32,
) -> (&'c [u8], &'b [usize]) {
    let key = column.key(k as usize);
    let at = match cuts {
        Cuts::Syllables => breaks.find(key),
        Cuts::Letters => {
            breaks.at.clear();
            breaks.at.extend(1..key.len());
            &breaks.at
        }
    };
    (key, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A column of the given keys (in byte order), key `k` held by row `rows[k]`, and the
    /// keys by spelling with spellings by first row, one spelling per key.
    fn column(keys: &[&str], rows: &[u32]) -> (KeyIndex, Lists<(u32, u32)>, Vec<u32>) {
        let mut text = Vec::new();
        let mut ends = Vec::new();
        let mut lists = Lists::default();
        for (k, key) in keys.iter().enumerate() {
            text.extend_from_slice(key.as_bytes());
            ends.push(text.len() as u32);
            lists.push((k as u32, 0));
            lists.end_list();
        }
        let mut by_first: Vec<u32> = (0..keys.len() as u32).collect();
        by_first.sort_by_key(|&k| rows[k as usize]);
        let column = KeyIndex {
            rows: rows.to_vec(),
            run_start: (0..=rows.len() as u32).collect(),
            text,
            ends,
        };
        (column, lists, by_first)
    }

    #[test]
    fn parts_start_after_each_syllable_and_list_keys_by_first_row() {
        let (full, lists, by_first) = column(&["lizhiguo", "wangguoli", "zhangguoli"], &[5, 9, 2]);
        let parts = parts(full.key_text(), &lists, &by_first, Cuts::Syllables);
        let of = |q: &str| -> Vec<(String, Vec<u32>)> {
            parts
                .prefix(q.as_bytes())
                .map(|p| {
                    let part = String::from_utf8_lossy(parts.part(p)).into_owned();
                    (part, parts.keys_of(p).to_vec())
                })
                .collect()
        };
        // 张国丽 (row 2) before 王国丽 (row 9); gu|o|li reads too.
        assert_eq!(
            of("guo"),
            vec![("guo".into(), vec![0]), ("guoli".into(), vec![2, 1])]
        );
        assert_eq!(of("li"), vec![("li".into(), vec![2, 1])]);
        assert_eq!(of("oli"), vec![("oli".into(), vec![2, 1])]);
        assert_eq!(of("zhang"), vec![]);

        let (initials, lists, by_first) = column(&["ayglmmt", "zgl"], &[0, 1]);
        let parts = super::parts(initials.key_text(), &lists, &by_first, Cuts::Letters);
        let range = parts.prefix(b"mmt");
        assert_eq!(range.len(), 1);
        assert_eq!(parts.keys_of(range.start), &[0]);
        assert_eq!(parts.prefix(b"a").len(), 0);
    }

    #[test]
    fn spellings_come_in_the_order_of_their_first_rows() {
        assert_eq!(by_first_row(4, &[2, 0, 2, 3, 0]), vec![2, 0, 3]);
    }
}
