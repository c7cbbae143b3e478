//! A search session: one per search box, kept across keystrokes.
use super::fuzzy::{self, SCORED_CANDIDATES};
use super::index::Field;
use super::query::Query;
use super::rank::Collector;
use super::{Hit, Index, MatchKind};
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// How many rows a scan looks at between two checks of its [`Ticket`].
const CHECK_EVERY: usize = 4096;

/// Tail and prefix matches of IDs and phones start at this many characters: fewer would
/// match a large share of everybody and mean nothing.
pub const MIN_DIGITS: usize = 4;

/// The query counter shared by the UI and its search worker: each keystroke takes a new
/// [`Ticket`], which makes every older ticket stale, so a search still running for an old
/// keystroke stops early instead of delaying the new one.
#[derive(Debug, Clone, Default)]
pub struct Generation(Arc<AtomicU64>);

impl Generation {
    /// A fresh counter.
    pub fn new() -> Generation {
        Generation::default()
    }

    /// Starts a new query; every ticket taken before becomes stale.
    pub fn next_ticket(&self) -> Ticket {
        let mine = self.0.fetch_add(1, Ordering::AcqRel) + 1;
        Ticket {
            counter: Some(self.0.clone()),
            mine,
        }
    }
}

/// The right to finish one search; see [`Generation`].
#[derive(Debug, Clone, Default)]
pub struct Ticket {
    counter: Option<Arc<AtomicU64>>,
    mine: u64,
}

impl Ticket {
    /// A ticket that never goes stale (a command-line search, a benchmark).
    pub fn never_stale() -> Ticket {
        Ticket::default()
    }

    /// Whether a newer query has started since this ticket was taken.
    pub fn is_stale(&self) -> bool {
        self.counter
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Acquire) != self.mine)
    }
}

/// Raised inside a scan when its ticket has gone stale.
struct Stale;

/// One search box's memory between keystrokes.
///
/// It keeps the fuzzy candidates of the queries typed so far (each a prefix of the next), so
/// a keystroke that extends the query only re-tests the previous candidates, and a backspace
/// returns to a shorter query's candidates without a scan. Results are exactly those of a
/// fresh [`Index::search`]: the candidate test is monotone, so narrowing loses nobody.
/// `Send`, so it can live on a search worker thread beside an `Arc<Index>`.
#[derive(Default)]
pub struct Searcher {
    matcher: SkimMatcherV2,
    /// The index the chain belongs to.
    index_uid: u64,
    /// (query, complete candidate rows in row order), each query a prefix of the next.
    chain: Vec<(String, Vec<u32>)>,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let queries: Vec<&str> = self.chain.iter().map(|(q, _)| q.as_str()).collect();
        f.debug_struct("Searcher")
            .field("index_uid", &self.index_uid)
            .field("chain", &queries)
            .finish()
    }
}

impl Searcher {
    /// A session with nothing remembered.
    pub fn new() -> Searcher {
        Searcher::default()
    }

    /// The best `limit` matches of `query`, best first.
    pub fn search(&mut self, index: &Index, query: &str, limit: usize) -> Vec<Hit> {
        self.search_until(index, query, limit, &Ticket::never_stale())
            .unwrap_or_default()
    }

    /// Like [`Searcher::search`], but gives up and returns `None` as soon as `ticket` goes
    /// stale (a newer keystroke arrived). Nothing half-computed is remembered.
    pub fn search_until(
        &mut self,
        index: &Index,
        query: &str,
        limit: usize,
        ticket: &Ticket,
    ) -> Option<Vec<Hit>> {
        let mut found = Collector::new(limit);
        if limit == 0 || index.is_empty() {
            return Some(found.finish(index));
        }
        let outcome = match Query::parse(query) {
            Query::Empty => Ok(()),
            Query::Digits(d) => {
                digits(index, d.as_bytes(), &mut found);
                Ok(())
            }
            Query::Keys(k) => {
                pinyin(index, k.as_bytes(), &mut found);
                if found.is_full() {
                    Ok(())
                } else {
                    self.fuzzy(index, &k, &mut found, ticket)
                }
            }
            Query::Name(n) => name(index, &n, &mut found, ticket),
        };
        match outcome {
            Ok(()) => Some(found.finish(index)),
            Err(Stale) => None,
        }
    }

    /// The fuzzy stage, narrowing the longest remembered candidate set whose query is a
    /// prefix of `q`.
    fn fuzzy(
        &mut self,
        index: &Index,
        q: &str,
        found: &mut Collector,
        ticket: &Ticket,
    ) -> Result<(), Stale> {
        if self.index_uid != index.uid {
            self.chain.clear();
            self.index_uid = index.uid;
        }
        while self
            .chain
            .last()
            .is_some_and(|(prev, _)| !q.starts_with(prev.as_str()))
        {
            self.chain.pop();
        }
        let qb = q.as_bytes();
        let qmask = fuzzy::query_mask(qb);
        let narrowed = match self.chain.last() {
            Some((prev, _)) if prev == q => None,
            Some((_, rows)) => Some(filter(
                rows.iter().copied(),
                rows.len(),
                |r| fuzzy::is_candidate(index, r, qb, qmask),
                ticket,
            )?),
            None => Some(filter(
                0..index.len() as u32,
                index.len(),
                |r| fuzzy::is_candidate(index, r, qb, qmask),
                ticket,
            )?),
        };
        if let Some(rows) = narrowed {
            self.chain.push((q.to_string(), rows));
        }
        let Some((_, candidates)) = self.chain.last() else {
            return Ok(());
        };
        let scored: Vec<(i64, u32)> = candidates
            .iter()
            .copied()
            .filter(|&r| !found.has(r))
            .take(SCORED_CANDIDATES)
            .filter_map(|r| fuzzy::score(&self.matcher, index, r, q).map(|s| (s, r)))
            .collect();
        found.add_scored(MatchKind::Fuzzy, scored);
        Ok(())
    }
}

/// The rows passing `test`, checking the ticket now and then.
fn filter(
    rows: impl Iterator<Item = u32>,
    len: usize,
    test: impl Fn(u32) -> bool,
    ticket: &Ticket,
) -> Result<Vec<u32>, Stale> {
    let mut out = Vec::with_capacity((len / 8).min(1 << 16));
    for (i, r) in rows.enumerate() {
        if i % CHECK_EVERY == 0 && ticket.is_stale() {
            return Err(Stale);
        }
        if test(r) {
            out.push(r);
        }
    }
    Ok(out)
}

/// ID numbers and phones: whole, then tails, then prefixes.
fn digits(index: &Index, d: &[u8], found: &mut Collector) {
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
    found.add_unordered(
        MatchKind::IdTail,
        index
            .suffix_range(&index.by_id_rev, Field::Id, d)
            .iter()
            .copied(),
    );
    // The check character `X` never ends a phone.
    found.add_unordered(
        MatchKind::PhoneTail,
        index
            .suffix_range(&index.by_phone_rev, Field::Phone, d)
            .iter()
            .copied(),
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

/// Initials and full pinyin: exact keys, then prefixes.
fn pinyin(index: &Index, q: &[u8], found: &mut Collector) {
    let initials = index.key_prefix_range(&index.by_initials, q);
    let full = index.key_prefix_range(&index.by_full, q);
    let split = |range: &[super::index::KeyRef]| {
        range.partition_point(|k| index.key_at(k.off).len() == q.len())
    };
    let (initials_exact, initials_prefix) = initials.split_at(split(initials));
    let (full_exact, full_prefix) = full.split_at(split(full));
    found.add_ordered(
        MatchKind::ExactInitials,
        initials_exact.iter().map(|k| k.row),
    );
    found.add_ordered(MatchKind::ExactPinyin, full_exact.iter().map(|k| k.row));
    found.add_unordered(
        MatchKind::InitialsPrefix,
        initials_prefix.iter().map(|k| k.row),
    );
    found.add_unordered(MatchKind::PinyinPrefix, full_prefix.iter().map(|k| k.row));
}

/// Chinese characters: the whole name, its start, then anywhere in it.
fn name(index: &Index, q: &str, found: &mut Collector, ticket: &Ticket) -> Result<(), Stale> {
    let qb = q.as_bytes();
    let range = index.prefix_range(&index.by_name, Field::Name, qb);
    let exact = range.partition_point(|&r| index.name(r).len() == qb.len());
    found.add_ordered(MatchKind::ExactName, range[..exact].iter().copied());
    found.add_unordered(MatchKind::NamePrefix, range[exact..].iter().copied());
    if found.is_full() {
        return Ok(());
    }
    // Only names holding the query's rarest character can hold the query.
    let Some(rows) = q
        .chars()
        .filter(|c| !c.is_ascii())
        .map(|c| index.postings.rows_of(c))
        .min_by_key(|r| r.len())
    else {
        return Ok(());
    };
    for (i, &r) in rows.iter().enumerate() {
        if found.is_full() {
            break;
        }
        if i % CHECK_EVERY == 0 && ticket.is_stale() {
            return Err(Stale);
        }
        if contains(index.name(r), qb) {
            found.add_ordered(MatchKind::NameSubstring, std::iter::once(r));
        }
    }
    Ok(())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}
