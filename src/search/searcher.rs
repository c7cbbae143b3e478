//! A search session: one per search box, kept across keystrokes.
use super::fuzzy::{self, SCORED_CANDIDATES};
use super::query::{self, Query};
use super::rank::Collector;
use super::stages;
use super::{Hit, Index, MatchKind};
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// How many rows a scan looks at between two checks of its [`Ticket`].
pub(crate) const CHECK_EVERY: usize = 4096;

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
pub(crate) struct Stale;

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
    /// Candidates of the queries typed so far, each query a prefix of the next.
    chain: Vec<Candidates>,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let queries: Vec<&str> = self.chain.iter().map(|c| c.query.as_str()).collect();
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
        let parsed = Query::parse(query);
        let outcome = match exact_stages(index, &parsed, &mut found, ticket) {
            Ok(Some(k)) if !found.is_full() => self.fuzzy(index, k, &mut found, ticket),
            Ok(_) => Ok(()),
            Err(stale) => Err(stale),
        };
        match outcome {
            Ok(()) => Some(found.finish(index)),
            Err(Stale) => None,
        }
    }

    /// The first `want` fuzzy candidates of `q` in row order (all of them if fewer); see
    /// [`candidates`].
    pub(crate) fn candidates(
        &mut self,
        index: &Index,
        q: &str,
        want: usize,
        ticket: &Ticket,
    ) -> Result<&[u32], Stale> {
        let entry = candidates(&mut self.chain, &mut self.index_uid, index, q, want, ticket)?;
        Ok(&entry.rows)
    }

    pub(crate) fn matcher(&self) -> &SkimMatcherV2 {
        &self.matcher
    }

    /// The fuzzy stage: scores the first [`SCORED_CANDIDATES`] candidates (in row order)
    /// not already found by a stronger kind.
    fn fuzzy(
        &mut self,
        index: &Index,
        q: &str,
        found: &mut Collector,
        ticket: &Ticket,
    ) -> Result<(), Stale> {
        // Enough candidates that, after skipping those already on the page, as many as
        // will be scored remain (when they exist).
        let want = SCORED_CANDIDATES + found.len();
        let matcher = &self.matcher;
        let entry = candidates(&mut self.chain, &mut self.index_uid, index, q, want, ticket)?;
        let scored: Vec<(i64, u32)> = entry
            .rows
            .iter()
            .copied()
            .filter(|&r| !found.has(r))
            .take(SCORED_CANDIDATES)
            .filter_map(|r| fuzzy::score(matcher, index, r, q).map(|s| (s, r)))
            .collect();
        found.add_scored(MatchKind::Fuzzy, scored);
        Ok(())
    }
}

/// Every stage but the fuzzy one. Returns the query's keys when it is one the fuzzy stage
/// may look for, which is worth running only when the page is not full.
pub(crate) fn exact_stages<'q>(
    index: &Index,
    query: &'q Query,
    found: &mut Collector,
    ticket: &Ticket,
) -> Result<Option<&'q str>, Stale> {
    match query {
        Query::Empty => Ok(None),
        Query::Digits(d) => {
            stages::digits(index, d.as_bytes(), found);
            Ok(None)
        }
        Query::Keys(k) => {
            let spellings = query::spellings(k);
            stages::pinyin(index, &spellings, found);
            stages::inside(index, &spellings, found);
            Ok(Some(k))
        }
        Query::Name(n) => stages::name(index, n, found, ticket).map(|()| None),
    }
}

/// Fuzzy candidates of one query: every candidate among rows `0..scanned_to`, in row order.
/// The candidate test is monotone (whoever matches `abc` matches `ab`), so an entry of a
/// prefix narrows into an entry of the longer query.
#[derive(Debug, Default)]
struct Candidates {
    query: String,
    rows: Vec<u32>,
    scanned_to: u32,
}

/// The first `want` fuzzy candidates of `q` in row order (all of them if fewer), found by
/// narrowing the remembered candidates of the longest remembered prefix of `q` and, past
/// the rows that prefix covered, by testing rows directly. Leaves them on top of `chain`.
fn candidates<'c>(
    chain: &'c mut Vec<Candidates>,
    chain_uid: &mut u64,
    index: &Index,
    q: &str,
    want: usize,
    ticket: &Ticket,
) -> Result<&'c Candidates, Stale> {
    if *chain_uid != index.uid {
        chain.clear();
        *chain_uid = index.uid;
    }
    while chain
        .last()
        .is_some_and(|c| !q.starts_with(c.query.as_str()))
    {
        chain.pop();
    }
    let qb = q.as_bytes();
    let mut test = fuzzy::CandidateTest::new(index, qb);
    let mut entry = match chain.last() {
        Some(c) if c.query == q => chain.pop().unwrap_or_default(),
        Some(parent) => {
            let mut rows = Vec::new();
            let mut scanned_to = parent.scanned_to;
            for (i, &r) in parent.rows.iter().enumerate() {
                if rows.len() >= want {
                    // Rows below `r` that the parent rejected cannot match `q` either.
                    scanned_to = r;
                    break;
                }
                if i % CHECK_EVERY == 0 && ticket.is_stale() {
                    return Err(Stale);
                }
                if test.test(r) {
                    rows.push(r);
                }
            }
            Candidates {
                query: q.to_string(),
                rows,
                scanned_to,
            }
        }
        None => Candidates {
            query: q.to_string(),
            rows: Vec::new(),
            scanned_to: 0,
        },
    };
    // Past what the parent covered, visit the rows of the query's first letter.
    let bucket = qb
        .first()
        .map_or(&[][..], |&b| index.first_letters.rows_of(b));
    let from = bucket.partition_point(|&r| r < entry.scanned_to);
    let mut scanned_to = index.len() as u32;
    for (i, &r) in bucket[from..].iter().enumerate() {
        if entry.rows.len() >= want {
            scanned_to = r;
            break;
        }
        if i % CHECK_EVERY == 0 && ticket.is_stale() {
            return Err(Stale);
        }
        if test.test(r) {
            entry.rows.push(r);
        }
    }
    entry.scanned_to = scanned_to;
    chain.push(entry);
    Ok(&chain[chain.len() - 1])
}
