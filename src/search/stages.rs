//! The stages of a lookup that read the sorted arrays: ID numbers and phones, pinyin keys
//! (at the start of the name, then inside it) and Chinese characters. Each offers its
//! kinds best first to the [`Collector`]; see [`super::searcher`] for the fuzzy stage.
use super::index::{Field, KeyIndex, Parts};
use super::rank::Collector;
use super::searcher::{CHECK_EVERY, MIN_DIGITS, Stale, Ticket};
use super::syllables;
use super::{Index, MatchKind};
use std::cell::Cell;
use std::ops::Range;

/// ID numbers and phones: whole, then tails, then prefixes.
pub(crate) fn digits(index: &Index, d: &[u8], found: &mut Collector) {
    for (kind, list, field) in [
        (MatchKind::ExactId, &index.by_id, Field::Id),
        (MatchKind::ExactPhone, &index.by_phone, Field::Phone),
    ] {
        let range = index.prefix_range(list, field, d);
        let exact = range.partition_point(|&r| index.field(r, field).len() == d.len());
        found.add_ordered(kind, range[..exact].iter().copied());
    }
    if d.len() < MIN_DIGITS {
        return;
    }
    // Tail buckets list rows in row order, best first.
    found.add_ordered(
        MatchKind::IdTail,
        index.id_tails.rows_ending(index, Field::Id, d),
    );
    // The check character `X` never ends a phone.
    found.add_ordered(
        MatchKind::PhoneTail,
        index.phone_tails.rows_ending(index, Field::Phone, d),
    );
    found.add_unordered(
        MatchKind::IdPrefix,
        index
            .prefix_range(&index.by_id, Field::Id, d)
            .iter()
            .copied(),
    );
    found.add_unordered(
        MatchKind::PhonePrefix,
        index
            .prefix_range(&index.by_phone, Field::Phone, d)
            .iter()
            .copied(),
    );
}

/// Score above the band of a pinyin match that ends between two syllables or at the end
/// of the key (`shan` for 单雄信, `guoli` in 张国丽), over one that ends inside a syllable
/// (`shan` in 上官, `guol` in 张国丽).
const WHOLE_SYLLABLES: i64 = 1;

/// Whether a match of `q` followed in its key by `rest` ends between two syllables: `q`
/// reads as whole syllables (`q_whole`) and `rest` is empty or starts a syllable.
fn ends_on_break(q_whole: bool, rest: &[u8]) -> bool {
    q_whole && (rest.is_empty() || syllables::starts_syllable(rest))
}

/// The rows of each key of a range, one run per key.
fn runs(keys: &KeyIndex, range: Range<usize>) -> impl Iterator<Item = &[u32]> + '_ {
    range.map(move |k| keys.rows_of(k..k + 1))
}

/// One way of spelling the query, with the keys that start with it.
struct Spelt<'q> {
    q: &'q [u8],
    /// The initials keys and the full keys starting with `q`; the first key of each, when
    /// equal to `q`, ends before `*_past_exact` (keys are distinct, so only the first can).
    initials: Range<usize>,
    initials_past_exact: usize,
    full: Range<usize>,
    full_past_exact: usize,
    /// Whether `q` reads as whole syllables.
    whole: bool,
}

impl<'q> Spelt<'q> {
    fn new(index: &Index, q: &'q [u8]) -> Spelt<'q> {
        let past_exact = |keys: &KeyIndex, range: &Range<usize>| {
            let is_q = !range.is_empty() && keys.key(range.start).len() == q.len();
            range.start + usize::from(is_q)
        };
        let initials = index.initials.prefix(q);
        let full = index.full.prefix(q);
        Spelt {
            q,
            initials_past_exact: past_exact(&index.initials, &initials),
            full_past_exact: past_exact(&index.full, &full),
            initials,
            full,
            whole: syllables::reads_whole(q),
        }
    }
}

/// Initials and full pinyin at the start of the name, for every way the query may be spelt
/// (see [`super::query::spellings`]): exact keys, then prefixes; among full-pinyin
/// prefixes, those ending between syllables first.
pub(crate) fn pinyin(index: &Index, spellings: &[String], found: &mut Collector) {
    let (initials, full) = (&index.initials, &index.full);
    let spelt: Vec<Spelt<'_>> = spellings
        .iter()
        .map(|q| Spelt::new(index, q.as_bytes()))
        .collect();
    let each = spelt.iter();
    found.add_runs(
        MatchKind::ExactInitials,
        0,
        each.clone()
            .flat_map(|s| runs(initials, s.initials.start..s.initials_past_exact)),
    );
    found.add_runs(
        MatchKind::ExactPinyin,
        0,
        each.clone()
            .flat_map(|s| runs(full, s.full.start..s.full_past_exact)),
    );
    found.add_runs(
        MatchKind::InitialsPrefix,
        0,
        each.clone()
            .flat_map(|s| runs(initials, s.initials_past_exact..s.initials.end)),
    );
    for on_break in [true, false] {
        let keys = each.clone().flat_map(|s| {
            (s.full_past_exact..s.full.end)
                .filter(move |&k| ends_on_break(s.whole, &full.key(k)[s.q.len()..]) == on_break)
        });
        found.add_runs(
            MatchKind::PinyinPrefix,
            if on_break { WHOLE_SYLLABLES } else { 0 },
            keys.map(|k| full.rows_of(k..k + 1)),
        );
    }
}

/// Initials and full pinyin inside the name: the query starts at a later syllable of a key
/// (`gl` or `guoli` for 张国丽, `mmt` or `maimaiti` for 阿依古丽·买买提). Initials first,
/// then full pinyin, those ending between syllables first. Worth running only when the
/// start of the name has not filled the page.
pub(crate) fn inside(index: &Index, spellings: &[String], found: &mut Collector) {
    let initials = (&index.initials, &index.initials_parts);
    found.add_groups(
        MatchKind::InitialsInside,
        0,
        spellings
            .iter()
            .flat_map(|q| parts_rows(initials, q.as_bytes(), |_| true)),
    );
    let full = (&index.full, &index.full_parts);
    for on_break in [true, false] {
        let groups = spellings.iter().flat_map(|q| {
            let q = q.as_bytes();
            let whole = syllables::reads_whole(q);
            parts_rows(full, q, move |part| {
                ends_on_break(whole, &part[q.len()..]) == on_break
            })
        });
        let sub = if on_break { WHOLE_SYLLABLES } else { 0 };
        found.add_groups(MatchKind::PinyinInside, sub, groups);
    }
}

/// For each part of a column's keys that starts with `q` and passes `keep`, the runs of
/// rows of the keys it is a part of, in the order of their first rows.
fn parts_rows<'a>(
    (keys, parts): (&'a KeyIndex, &'a Parts),
    q: &'a [u8],
    keep: impl Fn(&[u8]) -> bool + 'a,
) -> impl Iterator<Item = impl Iterator<Item = &'a [u32]> + 'a> + 'a {
    parts
        .prefix(q)
        .filter(move |&p| keep(parts.part(p)))
        .map(move |p| {
            let of = parts.keys_of(p).iter();
            of.map(move |&k| keys.rows_of(k as usize..k as usize + 1))
        })
}

/// Chinese characters: the whole name, its start, then anywhere in it.
pub(crate) fn name(
    index: &Index,
    q: &str,
    found: &mut Collector,
    ticket: &Ticket,
) -> Result<(), Stale> {
    let qb = q.as_bytes();
    let range = index.prefix_range(&index.by_name, Field::Name, qb);
    let exact = range.partition_point(|&r| index.name(r).len() == qb.len());
    found.add_ordered(MatchKind::ExactName, range[..exact].iter().copied());
    found.add_unordered(MatchKind::NamePrefix, range[exact..].iter().copied());
    if found.is_full() {
        return Ok(());
    }
    // Only names holding the query's rarest character can hold the query; their spellings
    // come in the order of their first rows, so the walk ends at the first spelling whose
    // rows all come too late.
    let Some(spellings) = q
        .chars()
        .filter(|c| !c.is_ascii())
        .map(|c| index.postings.spellings_of(c))
        .min_by_key(|s| s.len())
    else {
        return Ok(());
    };
    let stale = Cell::new(false);
    let runs = spellings
        .iter()
        .enumerate()
        .take_while(|&(i, _)| {
            let now = i % CHECK_EVERY == 0 && ticket.is_stale();
            stale.set(now);
            !now
        })
        .filter(|&(_, &s)| contains(index.spelling_name(s), qb))
        .map(|(_, &s)| index.spelling_rows.of(s));
    found.add_groups(MatchKind::NameSubstring, 0, std::iter::once(runs));
    if stale.get() {
        return Err(Stale);
    }
    Ok(())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}
