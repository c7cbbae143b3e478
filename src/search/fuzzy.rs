//! The fuzzy stage: a query's letters in order, with gaps, inside one pinyin key that starts
//! with the query's first letter.
//!
//! Candidates are found without fuzzy-matcher (a letter-mask test, then a plain subsequence
//! test), because fuzzy-matcher costs about a microsecond a call and a million people would
//! take a second. The candidate test is monotone: whoever matches `abc` matches `ab`, which
//! lets the searcher narrow the previous keystroke's candidates instead of scanning again.
use super::Index;
use super::spellings::letter_bit;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Only this many candidates, in tie order, are scored by fuzzy-matcher. When more match, the
/// query is too loose for fuzzy ranking to mean much, and scoring them all would cost tens of
/// milliseconds at a million people; the most recently contacted are the likeliest anyway.
/// It also lets the candidate scan stop once it has found this many.
pub(crate) const SCORED_CANDIDATES: usize = 400;

/// The letter mask a row needs to contain for `q` to fuzzy-match it.
pub(crate) fn query_mask(q: &[u8]) -> u32 {
    q.iter().fold(0, |m, &b| m | letter_bit(b))
}

/// Whether one of the space-terminated `keys` starts with `q`'s first letter and holds the
/// rest of `q` in order, with gaps. Anchoring on the first letter follows how people type a
/// name (from the surname) and lets the scan visit only that letter's rows.
pub(crate) fn in_some_key(keys: &[u8], q: &[u8]) -> bool {
    let Some((&first, rest)) = q.split_first() else {
        return true;
    };
    keys.split(|&b| b == b' ')
        .any(|key| key.first() == Some(&first) && is_subsequence(&key[1..], rest))
}

fn is_subsequence(hay: &[u8], q: &[u8]) -> bool {
    let mut j = 0;
    for &b in hay {
        if j == q.len() {
            break;
        }
        if b == q[j] {
            j += 1;
        }
    }
    j == q.len()
}

/// The candidate test of one query, row by row.
pub(crate) struct CandidateTest<'a> {
    index: &'a Index,
    q: &'a [u8],
    qmask: u32,
    /// The last spelling tested and its outcome: people who share a name share a spelling
    /// and sit next to each other in row order, so one test serves them all.
    last: Option<(u32, bool)>,
}

impl<'a> CandidateTest<'a> {
    pub(crate) fn new(index: &'a Index, q: &'a [u8]) -> CandidateTest<'a> {
        CandidateTest {
            index,
            q,
            qmask: query_mask(q),
            last: None,
        }
    }

    /// Whether `row` is a fuzzy candidate for the query.
    pub(crate) fn test(&mut self, row: u32) -> bool {
        let r = row as usize;
        if self.index.masks[r] & self.qmask != self.qmask {
            return false;
        }
        let spelling = self.index.spelling_of[r];
        match self.last {
            Some((s, outcome)) if s == spelling => outcome,
            _ => {
                let outcome = in_some_key(self.index.keys(row), self.q);
                self.last = Some((spelling, outcome));
                outcome
            }
        }
    }
}

/// The best fuzzy-matcher score of `q` over the row's keys.
pub(crate) fn score(matcher: &SkimMatcherV2, index: &Index, row: u32, q: &str) -> Option<i64> {
    index
        .keys(row)
        .split(|&b| b == b' ')
        .filter_map(|k| std::str::from_utf8(k).ok())
        .filter(|k| !k.is_empty())
        .filter_map(|k| matcher.fuzzy_match(k, q))
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsequence_stays_inside_one_key() {
        assert!(in_some_key(b"zhangsan zs ", b"zgs"));
        assert!(in_some_key(b"zhangsan zs ", b"zs"));
        // Letters may not cross keys, and the first letter starts a key.
        assert!(!in_some_key(b"zhangsan lisi ", b"zl"));
        assert!(!in_some_key(b"zhangsan zs ", b"hs"));
        assert!(in_some_key(b"zhangsan zs ", b"zhgsn"));
        assert!(in_some_key(b"abc ", b""));
    }
}
