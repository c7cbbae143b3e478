//! The lookup engine: pinyin keys, the in-memory index, matching and ranking.
//!
//! Contract with the store: whenever a person is written, the store calls
//! [`keys::name_keys`] and keeps `full` and `initials` space-joined in the columns
//! `py_full` and `py_initials`. The index is built from those stored keys, without
//! recomputing pinyin.
//!
//! Shape of a load ([`IndexBuilder`]): a name and its two key columns form a *spelling*,
//! which people who share a name share; each distinct spelling is prepared once
//! (`spellings`), rows keep its number. The rows are then ranked, and every sorted array
//! is a counting sort over ranks of distinct strings or an integer sort, split over two
//! threads (`assemble`). A million people load in under a second.
//!
//! Shape of a lookup: digit queries (ID number, phone, or their tails) and prefix queries
//! are answered by binary search in sorted arrays or by one bucket of tails; a pinyin query
//! is then looked for inside the name, from a later syllable on (the given name `guoli` of
//! 张国丽, the part `mmt` after the `·` of 阿依古丽·买买提), through the parts of the
//! distinct keys (`parts`); only when those do not fill the page does a scan run (fuzzy
//! pinyin, or a Chinese substring through per-character postings of the spellings). A
//! pinyin query is tried in every way ü may be spelt (`lu`, `lyu`, `lü`, `lv` for 吕; see
//! `query::spellings`), and apostrophes between syllables are dropped (`xi'an`). Rows are
//! numbered internally in ranking tie order (most recent contact first, then name), so
//! "the best k of a set" is "the k smallest row numbers" and needs no per-row sort key.
//! Among full-pinyin matches, one that ends between syllables (`shan` for 单) ranks above
//! one that ends inside a syllable (`shan` in 上官); see `syllables`.
mod assemble;
pub mod bench;
mod build;
mod digits;
mod fuzzy;
mod index;
pub mod keys;
mod lists;
mod live;
mod merge;
mod parts;
mod query;
mod rank;
mod searcher;
mod sorted;
mod spellings;
mod stages;
mod syllables;

pub use build::IndexBuilder;
pub(crate) use build::RowBatch;
pub use index::Index;
pub use live::{LiveIndex, PersonKeys};
pub use searcher::{Generation, Searcher, Ticket};

/// One person as the index needs it; borrowed, so loading a million rows allocates little.
#[derive(Debug, Clone, Copy)]
pub struct IndexRow<'a> {
    pub id: i64,
    pub name: &'a str,
    /// Space-separated full-pinyin keys (every reading combination, capped).
    pub py_full: &'a str,
    /// Space-separated initials keys.
    pub py_initials: &'a str,
    /// Normalised ID number, or empty.
    pub id_number: &'a str,
    /// Digits of the phone, or empty.
    pub phone_digits: &'a str,
    /// Unix seconds of the most recent contact (walk-in, petition), 0 if none.
    pub last_contact: i64,
}

/// How a person matched a query, best first: the derived order is the ranking order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// The whole 18-character ID number.
    ExactId,
    /// The whole phone number.
    ExactPhone,
    /// The whole name, in Chinese characters.
    ExactName,
    /// All the initials (`zsf` for 张三丰).
    ExactInitials,
    /// The whole full pinyin (`zhangsanfeng`).
    ExactPinyin,
    /// The last 4 or more characters of the ID number.
    IdTail,
    /// The last 4 or more digits of the phone.
    PhoneTail,
    /// The start of the name, in Chinese characters.
    NamePrefix,
    /// The start of the initials.
    InitialsPrefix,
    /// The start of the full pinyin.
    PinyinPrefix,
    /// Initials from a later syllable of the name on (`gl` for 张国丽, `mmt` for
    /// 阿依古丽·买买提).
    InitialsInside,
    /// Full pinyin from a later syllable of the name on (`guoli`, `maimaiti`).
    PinyinInside,
    /// Chinese characters inside the name.
    NameSubstring,
    /// The first 4 or more characters of the ID number.
    IdPrefix,
    /// The first 4 or more digits of the phone.
    PhonePrefix,
    /// The letters of the query in order, with gaps, in a pinyin key (a typo, a skipped
    /// syllable); scored by fuzzy-matcher.
    Fuzzy,
}

impl MatchKind {
    /// Every kind, best first.
    pub const ALL: [MatchKind; 16] = [
        MatchKind::ExactId,
        MatchKind::ExactPhone,
        MatchKind::ExactName,
        MatchKind::ExactInitials,
        MatchKind::ExactPinyin,
        MatchKind::IdTail,
        MatchKind::PhoneTail,
        MatchKind::NamePrefix,
        MatchKind::InitialsPrefix,
        MatchKind::PinyinPrefix,
        MatchKind::InitialsInside,
        MatchKind::PinyinInside,
        MatchKind::NameSubstring,
        MatchKind::IdPrefix,
        MatchKind::PhonePrefix,
        MatchKind::Fuzzy,
    ];

    /// The score band of the kind: every hit of a better kind outscores every hit of a
    /// worse one, whatever its fuzzy score.
    fn band(self) -> i64 {
        let worse_kinds = MatchKind::ALL.len() - 1 - self as usize;
        (worse_kinds as i64 + 1) * SCORE_BAND
    }
}

/// Width of one kind's score band; fuzzy-matcher scores stay far below it.
const SCORE_BAND: i64 = 1_000_000;

/// One person found by a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The person's database id, as given in [`IndexRow::id`].
    pub id: i64,
    /// Higher is better; hits are returned sorted by it, ties by most recent contact, then
    /// name.
    pub score: i64,
    /// How the person matched.
    pub kind: MatchKind,
}
