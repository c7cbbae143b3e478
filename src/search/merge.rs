//! A lookup in a [`LiveIndex`]: the base (its hidden rows skipped) and the delta are each
//! asked for their best page, and the two pages are merged in ranking order. Every kind
//! but the fuzzy one ranks a person by their own row alone, so the best of the union is
//! the best of the two bests. The fuzzy stage scores the first candidates in tie order
//! over both, which is how a freshly built index would pick them.
use super::fuzzy::{self, CandidateTest, SCORED_CANDIDATES};
use super::live::LiveIndex;
use super::query::Query;
use super::rank::Collector;
use super::searcher::{Searcher, Stale, Ticket, exact_stages};
use super::{Hit, Index, MatchKind};

/// Where a row sits in ranking tie order over the base and the delta together: a delta
/// row just before the base row it would precede, delta rows among themselves in their
/// own order.
type Place = u64;

fn base_place(row: u32) -> Place {
    (u64::from(row) << 32) | u64::from(u32::MAX)
}

fn delta_place(live: &LiveIndex, row: u32) -> Place {
    (u64::from(live.delta_at[row as usize]) << 32) | u64::from(row)
}

/// One hit of either side, before merging.
struct Found {
    score: i64,
    place: Place,
    id: i64,
    kind: MatchKind,
}

impl Searcher {
    /// The best `limit` matches of `query` in a live index, best first; `None` as soon as
    /// `ticket` goes stale. The same hits, in the same order, as an index built afresh.
    pub fn search_live(
        &mut self,
        live: &LiveIndex,
        query: &str,
        limit: usize,
        ticket: &Ticket,
    ) -> Option<Vec<Hit>> {
        if live.is_base_only() {
            return self.search_until(&live.base, query, limit, ticket);
        }
        if limit == 0 {
            return Some(Vec::new());
        }
        self.merged(live, &Query::parse(query), limit, ticket).ok()
    }

    fn merged(
        &mut self,
        live: &LiveIndex,
        query: &Query,
        limit: usize,
        ticket: &Ticket,
    ) -> Result<Vec<Hit>, Stale> {
        let (base, delta) = (&live.base, &live.delta);
        let mut base_found = Collector::skipping(limit, &live.hidden);
        let mut delta_found = Collector::new(limit);
        let mut keys = None;
        if !base.is_empty() {
            keys = exact_stages(base, query, &mut base_found, ticket)?;
        }
        if !delta.is_empty() {
            keys = exact_stages(delta, query, &mut delta_found, ticket)?;
        }
        let mut page: Vec<Found> = side(base, &base_found, base_place)
            .chain(side(delta, &delta_found, |r| delta_place(live, r)))
            .collect();
        page.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.place.cmp(&b.place)));
        page.truncate(limit);
        if let Some(q) = keys
            && page.len() < limit
        {
            // The page is not full, so each side found every match of the other kinds.
            let fuzzy = self.fuzzy_live(live, q, (&base_found, &delta_found), ticket)?;
            page.extend(fuzzy.into_iter().take(limit - page.len()));
        }
        Ok(page
            .into_iter()
            .map(|f| Hit {
                id: f.id,
                score: f.score,
                kind: f.kind,
            })
            .collect())
    }

    /// The fuzzy hits, best first: the first [`SCORED_CANDIDATES`] candidates in tie order
    /// over both sides, not found by another kind, scored.
    fn fuzzy_live(
        &mut self,
        live: &LiveIndex,
        q: &str,
        (base_found, delta_found): (&Collector, &Collector),
        ticket: &Ticket,
    ) -> Result<Vec<Found>, Stale> {
        let (base, delta) = (&live.base, &live.delta);
        let qb = q.as_bytes();
        let mut from_base: Vec<(Place, bool, u32)> = Vec::new();
        if !base.is_empty() {
            // Enough candidates that, past those found or hidden, as many as are scored
            // remain.
            let mut test = CandidateTest::new(base, qb);
            let hidden = live.hidden.iter().filter(|&&r| test.test(r)).count();
            let want = SCORED_CANDIDATES + base_found.len() + hidden;
            let rows = self.candidates(base, q, want, ticket)?;
            from_base.extend(
                rows.iter()
                    .filter(|&&r| !base_found.taken(r))
                    .take(SCORED_CANDIDATES)
                    .map(|&r| (base_place(r), false, r)),
            );
        }
        let mut test = CandidateTest::new(delta, qb);
        let from_delta = (0..delta.len() as u32)
            .filter(|&r| test.test(r) && !delta_found.taken(r))
            .take(SCORED_CANDIDATES)
            .map(|r| (delta_place(live, r), true, r));
        let mut candidates: Vec<(Place, bool, u32)> =
            from_base.into_iter().chain(from_delta).collect();
        candidates.sort_unstable_by_key(|c| c.0);
        candidates.truncate(SCORED_CANDIDATES);
        let matcher = self.matcher();
        let mut scored: Vec<Found> = candidates
            .into_iter()
            .filter_map(|(place, in_delta, r)| {
                let index = if in_delta { delta } else { base };
                let s = fuzzy::score(matcher, index, r, q)?;
                Some(Found {
                    score: MatchKind::Fuzzy.band() + s,
                    place,
                    id: index.ids.get(r),
                    kind: MatchKind::Fuzzy,
                })
            })
            .collect();
        scored.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.place.cmp(&b.place)));
        Ok(scored)
    }
}

/// The hits one side collected, with their places.
fn side<'a>(
    index: &'a Index,
    found: &'a Collector,
    place: impl Fn(u32) -> Place + 'a,
) -> impl Iterator<Item = Found> + 'a {
    found.hits().iter().map(move |&(kind, sub, row)| Found {
        score: kind.band() + sub,
        place: place(row),
        id: index.ids.get(row),
        kind,
    })
}
