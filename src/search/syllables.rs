//! Pinyin syllables, for telling a prefix that ends between two syllables from one that
//! ends inside a syllable.
//!
//! Keys are stored without syllable breaks (`shangguanshan`), but ranking needs them: `shan`
//! typed for 单 (shan|xiong|xin) ends on a break, while inside 上官 (shang|guan) it ends in
//! the middle of `shang`. A typed prefix ends on a break when it reads as whole syllables
//! and what follows it in the key starts a syllable. Pinyin is sometimes ambiguous (`xian`
//! is also xi|an), and then either reading counts.
use pinyin::ToPinyinMulti;
use std::sync::OnceLock;

/// Distinct bytes that occur in syllables (a–z: ü and ê are typed as v and e); more than
/// enough.
const SYMBOLS: usize = 32;

/// The longest syllable, in bytes (`zhuang`).
const MAX_SYLLABLE: usize = 6;

/// A trie of every toneless syllable the `pinyin` crate produces, over compact symbols.
struct Trie {
    /// Symbol number + 1 of each byte, 0 for bytes that never occur in a syllable.
    symbol: [u8; 256],
    /// Children of each node by symbol; 0 means none (the root is never a child).
    next: Vec<[u16; SYMBOLS]>,
    /// Whether the path to the node spells a whole syllable.
    whole: Vec<bool>,
}

fn trie() -> &'static Trie {
    static TRIE: OnceLock<Trie> = OnceLock::new();
    TRIE.get_or_init(|| {
        let mut trie = Trie {
            symbol: [0; 256],
            next: vec![[0; SYMBOLS]],
            whole: vec![false],
        };
        let mut symbols = 0u8;
        for syllable in syllables() {
            let mut node = 0usize;
            for b in syllable.bytes() {
                if trie.symbol[usize::from(b)] == 0 {
                    if usize::from(symbols) == SYMBOLS {
                        break;
                    }
                    symbols += 1;
                    trie.symbol[usize::from(b)] = symbols;
                }
                let s = usize::from(trie.symbol[usize::from(b)] - 1);
                if trie.next[node][s] == 0 {
                    trie.next[node][s] = trie.next.len() as u16;
                    trie.next.push([0; SYMBOLS]);
                    trie.whole.push(false);
                }
                node = usize::from(trie.next[node][s]);
            }
            trie.whole[node] = true;
        }
        trie
    })
}

/// Every toneless reading of every CJK character, without the vowel-less interjections
/// (`m`, `n`, `ng`, `hm`, `hng`), which no name is read with and which would let `xian`
/// split as xia|n.
fn syllables() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let ranges = [0x3400u32..=0x9FFF, 0x2_0000..=0x2_EBEF];
    for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
        for p in c.to_pinyin_multi().into_iter().flatten() {
            let plain = super::keys::typed(p.plain());
            if plain.contains(['a', 'e', 'i', 'o', 'u', 'v']) {
                out.push(plain);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

impl Trie {
    /// Bit `l` (1 ≤ l ≤ 6) set when a syllable of `l` bytes starts at `key[from]`.
    fn lengths_at(&self, key: &[u8], from: usize) -> u8 {
        let mut node = 0usize;
        let mut lengths = 0u8;
        for (l, &b) in key[from..].iter().take(MAX_SYLLABLE).enumerate() {
            let s = self.symbol[usize::from(b)];
            if s == 0 {
                break;
            }
            node = usize::from(self.next[node][usize::from(s - 1)]);
            if node == 0 {
                break;
            }
            if self.whole[node] {
                lengths |= 1 << (l + 1);
            }
        }
        lengths
    }
}

/// Builds the syllable table now (a few milliseconds, once per process), so that no
/// keystroke waits for it.
pub(crate) fn prepare() {
    trie();
}

/// Whether `q` reads as whole syllables, one after another (`shan`, `zhangsan`, `xian`).
pub(crate) fn reads_whole(q: &[u8]) -> bool {
    let trie = trie();
    // Positions a run of whole syllables from the start can reach, as a bit set in steps of
    // at most one syllable ahead.
    let mut reached = vec![false; q.len() + 1];
    reached[0] = true;
    for i in 0..q.len() {
        if reached[i] {
            let mut lengths = trie.lengths_at(q, i);
            while lengths != 0 {
                let l = lengths.trailing_zeros() as usize;
                lengths &= lengths - 1;
                reached[i + l] = true;
            }
        }
    }
    !q.is_empty() && reached[q.len()]
}

/// Finds the places inside a key where one syllable may end and the next begin: `p` such
/// that `key[..p]` and `key[p..]` both read as whole syllables (`zhang|guo|li`; both 4 and
/// 6 in `wangxian`, which reads wang|xian and wang|xi|an). A key that does not read as
/// syllables (a Latin name) has none. Keeps its buffers from key to key.
#[derive(Debug, Default)]
pub(crate) struct Breaks {
    /// Per position of the key, the lengths of the syllables that start there (bit `l`).
    lengths: Vec<u8>,
    /// Whether `key[i..]` reads as whole syllables.
    to_end: Vec<bool>,
    /// The places found, ascending.
    pub(crate) at: Vec<usize>,
}

impl Breaks {
    pub(crate) fn find(&mut self, key: &[u8]) -> &[usize] {
        let trie = trie();
        let n = key.len();
        self.at.clear();
        if n == 0 {
            return &self.at;
        }
        self.lengths.clear();
        self.lengths.extend((0..n).map(|i| trie.lengths_at(key, i)));
        let to_end = &mut self.to_end;
        to_end.clear();
        to_end.resize(n + 1, false);
        to_end[n] = true;
        for i in (0..n).rev() {
            let mut lengths = self.lengths[i];
            while lengths != 0 && !to_end[i] {
                let l = lengths.trailing_zeros() as usize;
                lengths &= lengths - 1;
                to_end[i] = to_end[i + l];
            }
        }
        if !to_end[0] {
            return &self.at;
        }
        // From the start, over the places a run of syllables reaches: a break is one from
        // which the rest reads too. `lengths` is reused to mark the places reached.
        const REACHED: u8 = 1;
        self.lengths[0] |= REACHED;
        for (i, &reads_on) in to_end.iter().enumerate().take(n) {
            let here = self.lengths[i];
            if here & REACHED == 0 {
                continue;
            }
            if i > 0 && reads_on {
                self.at.push(i);
            }
            let mut lengths = here & !REACHED;
            while lengths != 0 {
                let l = lengths.trailing_zeros() as usize;
                lengths &= lengths - 1;
                if i + l < n {
                    self.lengths[i + l] |= REACHED;
                }
            }
        }
        &self.at
    }
}

/// Whether a syllable starts at the beginning of `rest`: what follows a typed prefix in a
/// key starts a new syllable (`xiong` after `shan` in `shanxiongxin`), rather than going on
/// with the last one (`g` after `shan` in `shangguan`).
pub(crate) fn starts_syllable(rest: &[u8]) -> bool {
    trie().lengths_at(rest, 0) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_of_whole_syllables_are_recognised() {
        for q in ["shan", "zeng", "zhangsan", "xian", "lv", "a", "shangguan"] {
            assert!(reads_whole(q.as_bytes()), "{q}");
        }
        // Initials, a cut syllable, vowel-less interjections, Latin names.
        for q in ["zs", "zhangs", "shangg", "ng", "m", "tom", ""] {
            assert!(!reads_whole(q.as_bytes()), "{q}");
        }
    }

    #[test]
    fn breaks_are_found_where_both_sides_read_as_syllables() {
        let mut breaks = Breaks::default();
        let mut of = |key: &str| breaks.find(key.as_bytes()).to_vec();
        // Pinyin without apostrophes is ambiguous: gu|o reads too. Every reading counts.
        assert_eq!(of("zhangguoli"), vec![5, 7, 8]);
        assert_eq!(of("wangxian"), vec![4, 6]);
        assert_eq!(of("ayigulimaimaiti"), vec![1, 3, 5, 7, 10, 13]);
        assert_eq!(of("lvbu"), vec![2]);
        assert_eq!(of("li"), Vec::<usize>::new());
        assert_eq!(of("tomli"), Vec::<usize>::new());
        assert_eq!(of(""), Vec::<usize>::new());
    }

    #[test]
    fn what_follows_a_prefix_starts_a_syllable_or_not() {
        // shan|xiongxin, but shan|g in shang|guan.
        assert!(starts_syllable(b"xiongxin"));
        assert!(!starts_syllable(b"gguan"));
        assert!(!starts_syllable(b"gwei"));
        // zha|ng: ng alone is no syllable a name is read with.
        assert!(!starts_syllable(b"ngwei"));
        // xi|an reads too: 西安.
        assert!(starts_syllable(b"an"));
        assert!(!starts_syllable(b""));
    }
}
