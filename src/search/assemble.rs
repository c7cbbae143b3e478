//! From pushed rows to an [`Index`]: rank the distinct names and keys, put the rows in
//! ranking tie order, then build the lookup arrays.
//!
//! Each step splits its work over two threads where it divides cleanly; the result never
//! depends on how it was split.
use super::build::{IndexBuilder, Staged};
use super::digits::{sort_field, tails};
use super::index::{Contacts, Index, RowIds, SpellingText};
use super::parts::{Cuts, by_first_row, parts};
use super::sorted::{
    by_name, dense_ranks, first_letters, key_index, postings, rank_keys, spelling_rows, uses,
};
use super::spellings::Spellings;
use super::syllables;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

/// Hands out a distinct [`Index::uid`] to every index built in this process.
static NEXT_UID: AtomicU64 = AtomicU64::new(1);

/// Below this many rows a second thread costs more than it saves.
const PARALLEL_FROM: usize = 50_000;

/// Runs `a` and `b`, on two threads when `parallel`.
fn join<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if !parallel {
        return (a(), b());
    }
    std::thread::scope(|s| {
        let other = s.spawn(b);
        let ra = a();
        let rb = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (ra, rb)
    })
}

/// The rows' own arrays, in rank order.
struct PerRow {
    ids: RowIds,
    spelling_of: Vec<u32>,
    masks: Vec<u32>,
    digits_at: Vec<(u32, [u16; 2])>,
    contacts: Contacts,
}

pub(crate) fn build(builder: IndexBuilder) -> Index {
    let IndexBuilder {
        mut spellings,
        digits,
        rows,
        ids_ascending,
        ..
    } = builder;
    let parallel = rows.len() >= PARALLEL_FROM;
    // Rank names and keys, order the rows and lay out their own arrays, after which the
    // staged rows can go: they are the largest thing the build no longer needs.
    let mut full_keys = std::mem::take(&mut spellings.full_keys);
    let mut initials_keys = std::mem::take(&mut spellings.initials_keys);
    let sp = &spellings;
    let ((names, per_row, staged), (full, initials, text)) = join(
        parallel,
        || {
            let name = |s: u32| {
                let e = sp.entry(s);
                &e.prepared[..e.seg[0] as usize]
            };
            let names = dense_ranks(sp.len(), name);
            let order = rank_order(&rows, ids_ascending, |s| names.of[s as usize]);
            let (per_row, staged) = permute(rows, &order, sp);
            (names, per_row, staged)
        },
        || {
            let full = rank_keys(sp, &mut full_keys, 0);
            let initials = rank_keys(sp, &mut initials_keys, 1);
            syllables::prepare();
            (full, initials, spelling_text(sp))
        },
    );
    spellings.full_keys = full_keys;
    spellings.initials_keys = initials_keys;
    spellings.drop_entries();
    let sp = &spellings;

    // Everything else: the arrays of names and keys on one side, of ID numbers and phones
    // on the other.
    let row_spellings = &per_row.spelling_of;
    let uses = uses(sp.len(), row_spellings);
    let by_first = by_first_row(sp.len(), row_spellings);
    let (names_and_keys, digit_arrays) = join(
        parallel,
        || {
            // The parts first: their working memory is freed before the arrays below are
            // made, which then take its room instead of adding to the resident size.
            let full_parts = parts(full.key_text(), &sp.full_keys, &by_first, Cuts::Syllables);
            let initials_parts = parts(
                initials.key_text(),
                &sp.initials_keys,
                &by_first,
                Cuts::Letters,
            );
            let full = key_index(row_spellings, &sp.full_keys, full, &uses);
            let initials = key_index(row_spellings, &sp.initials_keys, initials, &uses);
            let spelling_rows = spelling_rows(&uses, row_spellings);
            let postings = postings(sp, &by_first);
            let by_name = by_name(&text, &names, &uses, row_spellings);
            let first_letters = first_letters(sp, row_spellings);
            let names = (spelling_rows, postings, by_name, first_letters);
            (full, initials, names, (full_parts, initials_parts))
        },
        || {
            let (id, phone) = (false, true);
            let by_id = sort_field(&digits, &staged, id);
            let id_tails = tails(&digits, &staged, id);
            let by_phone = sort_field(&digits, &staged, phone);
            let phone_tails = tails(&digits, &staged, phone);
            (by_id, id_tails, by_phone, phone_tails)
        },
    );
    drop(staged);
    let (full, initials, names, parts) = names_and_keys;
    let (spelling_rows, postings, by_name, first_letters) = names;
    let (full_parts, initials_parts) = parts;
    drop(by_first);
    let (by_id, id_tails, by_phone, phone_tails) = digit_arrays;
    let PerRow {
        ids,
        spelling_of,
        masks,
        digits_at,
        contacts,
    } = per_row;
    Index {
        uid: NEXT_UID.fetch_add(1, AtomicOrdering::Relaxed),
        ids,
        spelling_of,
        masks,
        digits_at,
        contacts,
        digits,
        spellings: text,
        by_name,
        full,
        initials,
        full_parts,
        initials_parts,
        by_id,
        by_phone,
        id_tails,
        phone_tails,
        postings,
        spelling_rows,
        first_letters,
    }
}

/// The prepared text of every spelling, back to back.
fn spelling_text(spellings: &Spellings) -> SpellingText {
    let mut text = Vec::new();
    let mut at = Vec::with_capacity(spellings.len());
    for s in 0..spellings.len() as u32 {
        let e = spellings.entry(s);
        // Spellings keep their prepared texts under 4 GiB together.
        let start = text.len() as u32;
        text.extend_from_slice(e.prepared);
        // A spelling of 64 KiB or more is nobody's (a row that long is skipped), and is
        // never read.
        let seg = e.seg.map(|o| u16::try_from(o).unwrap_or(u16::MAX));
        at.push((start, seg));
    }
    SpellingText { text, at }
}

/// The lengths of each staged row's ID number and phone, in push order: the digits lie
/// back to back in that order. And the row number each staged row got.
pub(crate) struct StagedDigits {
    pub(crate) lens: Vec<[u16; 2]>,
    pub(crate) row_of: Vec<u32>,
}

impl StagedDigits {
    /// Each staged row's ID number (`phone` false) or phone, and its row number.
    pub(crate) fn fields<'a>(
        &'a self,
        digits: &'a [u8],
        phone: bool,
    ) -> impl Iterator<Item = (&'a [u8], u32)> + 'a {
        let mut start = 0;
        self.lens
            .iter()
            .zip(&self.row_of)
            .map(move |(&[id, ph], &r)| {
                let (id, ph) = (usize::from(id), usize::from(ph));
                let field = if phone {
                    &digits[start + id..start + id + ph]
                } else {
                    &digits[start..start + id]
                };
                start += id + ph;
                (field, r)
            })
    }
}

/// The rows' own arrays in rank order, and what the arrays of ID numbers and phones need of
/// the staged rows.
fn permute(rows: Vec<Staged>, order: &[u32], spellings: &Spellings) -> (PerRow, StagedDigits) {
    let n = order.len();
    let ids = order.iter().map(|&i| rows[i as usize].id);
    let mut out = PerRow {
        ids: RowIds::new(ids),
        spelling_of: Vec::with_capacity(n),
        masks: Vec::with_capacity(n),
        digits_at: Vec::with_capacity(n),
        contacts: Contacts::default(),
    };
    let mut row_of = vec![0u32; n];
    for (r, &i) in order.iter().enumerate() {
        let s = &rows[i as usize];
        out.spelling_of.push(s.spelling);
        out.masks.push(spellings.masks[s.spelling as usize]);
        out.digits_at.push(s.digits);
        row_of[i as usize] = r as u32;
        match s.last_contact {
            0 => {}
            c if c > 0 => out.contacts.head.push(c),
            c => out.contacts.tail.push(c),
        }
    }
    out.contacts.head.shrink_to_fit();
    out.contacts.tail.shrink_to_fit();
    let lens = rows.into_iter().map(|s| s.digits.1).collect();
    (out, StagedDigits { lens, row_of })
}

/// Staged row numbers in ranking tie order: most recent contact first, then name, then id.
fn rank_order(rows: &[Staged], ids_ascending: bool, name_rank: impl Fn(u32) -> u32) -> Vec<u32> {
    let n = rows.len();
    // Ties on contact and name go by id. Push order is id order when ids came ascending;
    // otherwise the id's rank among all ids stands in for it.
    let by_id: Option<Vec<u32>> = (!ids_ascending).then(|| {
        let mut by_id: Vec<(i64, u32)> = rows
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i as u32))
            .collect();
        by_id.sort_unstable();
        by_id.into_iter().map(|(_, i)| i).collect()
    });
    let mut id_rank = Vec::new();
    if let Some(by_id) = &by_id {
        id_rank = vec![0u32; n];
        for (rank, &i) in by_id.iter().enumerate() {
            id_rank[i as usize] = rank as u32;
        }
    }
    // Most people were never in touch (contact 0): they sort by name and tie alone, in
    // half the space; the others sort with their contact flipped, so that later comes
    // first, and go before or after them.
    let flipped = |contact: i64| !((contact as u64) ^ (1 << 63));
    let mut untouched: Vec<u64> = Vec::with_capacity(n);
    let mut touched: Vec<u128> = Vec::new();
    for (i, s) in rows.iter().enumerate() {
        let name = name_rank(s.spelling);
        let tie = id_rank.get(i).copied().unwrap_or(i as u32);
        let key = (u64::from(name) << 32) | u64::from(tie);
        if s.last_contact == 0 {
            untouched.push(key);
        } else {
            touched.push((u128::from(flipped(s.last_contact)) << 64) | u128::from(key));
        }
    }
    drop(id_rank);
    untouched.sort_unstable();
    touched.sort_unstable();
    let later = touched.partition_point(|&k| ((k >> 64) as u64) < flipped(0));
    let row = |tie: u32| by_id.as_ref().map_or(tie, |by_id| by_id[tie as usize]);
    let (after, before) = (touched[later..].iter(), touched[..later].iter());
    let before = before.map(|&k| row(k as u32));
    let after = after.map(|&k| row(k as u32));
    let middle = untouched.iter().map(|&k| row(k as u32));
    before.chain(middle).chain(after).collect()
}
