//! The reference model of the lookup: every rule applied directly to one person at a time,
//! with none of the index's arrays, interning or sorting.
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use pinyin::ToPinyinMulti;
use stationdesk::domain::text::fold_width;
use stationdesk::search::MatchKind;
use std::collections::HashSet;

/// One person as the reference keeps them, normalised the way lookups compare.
pub struct Row {
    pub id: i64,
    pub name: String,
    pub full: Vec<String>,
    pub initials: Vec<String>,
    /// What follows each syllable inside the full keys, and each letter inside the initials.
    pub full_parts: Vec<String>,
    pub initials_parts: Vec<String>,
    pub id_number: String,
    pub phone: String,
    pub last_contact: i64,
}

enum Query {
    Digits(String),
    Keys(String),
    Name(String),
}

pub fn is_filler(c: char) -> bool {
    c.is_whitespace() || matches!(c, '·' | '•' | '・' | '‧' | '.' | '。')
}

fn parse(text: &str) -> Option<Query> {
    let cleaned: String = fold_width(text)
        .chars()
        .filter(|c| !is_filler(*c))
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let digits: String = cleaned
        .chars()
        .filter(|c| !matches!(c, '-' | '(' | ')' | '+' | '_' | '/'))
        .collect();
    let body = digits.strip_suffix(['x', 'X']).filter(|b| !b.is_empty());
    let body = body.unwrap_or(&digits);
    if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Query::Digits(digits.to_ascii_uppercase()));
    }
    // Pinyin: apostrophes between syllables dropped, ü typed as v.
    let keys: String = cleaned
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘' | '`' | '\u{308}'))
        .map(|c| if c == 'ü' || c == 'Ü' { 'v' } else { c })
        .collect();
    if !keys.is_empty() && keys.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Some(Query::Keys(keys.to_ascii_lowercase()));
    }
    Some(Query::Name(cleaned))
}

/// Every way a pinyin query may be spelt in the keys: at each of the first three places
/// from the left where ü may have been typed otherwise, both ways.
fn spellings(q: &str) -> Vec<String> {
    fn go(rest: &str, done: String, places: usize, out: &mut Vec<String>) {
        let Some(c) = rest.chars().next() else {
            out.push(done);
            return;
        };
        let ways = [
            ("lyu", "lv"),
            ("nyu", "nv"),
            ("lu", "lv"),
            ("nu", "nv"),
            ("jv", "ju"),
            ("qv", "qu"),
            ("xv", "xu"),
            ("yv", "yu"),
        ];
        for (typed, other) in ways {
            if places < 3
                && let Some(after) = rest.strip_prefix(typed)
            {
                go(after, done.clone() + typed, places + 1, out);
                go(after, done + other, places + 1, out);
                return;
            }
        }
        go(&rest[c.len_utf8()..], format!("{done}{c}"), places, out);
    }
    let mut out = Vec::new();
    go(q, String::new(), 0, &mut out);
    out
}

/// Every toneless syllable with a vowel, as typed (ü as v, ê as e).
pub fn syllables() -> HashSet<String> {
    let ranges = [0x3400u32..=0x9FFF, 0x2_0000..=0x2_EBEF];
    let chars = ranges.into_iter().flatten().filter_map(char::from_u32);
    let readings = chars.flat_map(|c| c.to_pinyin_multi().into_iter().flatten());
    readings
        .map(|p| p.plain().replace('ü', "v").replace('ê', "e"))
        .filter(|s| s.contains(['a', 'e', 'i', 'o', 'u', 'v']))
        .collect()
}

/// Whether `s` reads as whole syllables, one after another.
fn reads(syllables: &HashSet<String>, s: &str) -> bool {
    let is = |s: &[u8]| std::str::from_utf8(s).is_ok_and(|s| syllables.contains(s));
    let s = s.as_bytes();
    let mut reached = vec![false; s.len() + 1];
    reached[0] = true;
    for i in 0..s.len() {
        for j in i + 1..=s.len().min(i + 6) {
            reached[j] |= reached[i] && is(&s[i..j]);
        }
    }
    !s.is_empty() && reached[s.len()]
}

/// Whether `q` cuts `key` between two syllables: `q` reads as whole syllables and a
/// syllable starts right after it, or the key ends there.
fn on_a_break(syllables: &HashSet<String>, q: &str, key: &str) -> bool {
    let rest = &key[q.len()..];
    let starts = (1..=rest.len().min(6)).any(|l| syllables.contains(&rest[..l]));
    reads(syllables, q) && (rest.is_empty() || starts)
}

/// The parts of a full key after a syllable: every cut whose both sides read as syllables.
pub fn full_parts<'k>(syllables: &HashSet<String>, key: &'k str) -> Vec<&'k str> {
    let cuts = 1..key.len();
    let cuts = cuts.filter(|&p| reads(syllables, &key[..p]) && reads(syllables, &key[p..]));
    cuts.map(|p| &key[p..]).collect()
}

/// The parts of an initials key after a letter.
pub fn initials_parts(key: &str) -> Vec<&str> {
    (1..key.len()).map(|p| &key[p..]).collect()
}

/// What the index is expected to return for `query`: (id, kind), best first.
pub fn reference(
    rows: &[Row],
    syllables: &HashSet<String>,
    query: &str,
    limit: usize,
) -> Vec<(i64, MatchKind)> {
    use MatchKind::*;
    let Some(query) = parse(query) else {
        return Vec::new();
    };
    // (kind, better part of the kind first, row number)
    let mut found: Vec<(MatchKind, i64, usize)> = Vec::new();
    let mut candidates = Vec::new();
    let ways = match &query {
        Query::Keys(k) => spellings(k),
        _ => Vec::new(),
    };
    for (r, row) in rows.iter().enumerate() {
        let kind = match &query {
            Query::Digits(d) => {
                let long = d.len() >= 4;
                let (id, phone) = (&row.id_number, &row.phone);
                [
                    (ExactId, id == d),
                    (ExactPhone, phone == d),
                    (IdTail, long && id.ends_with(d.as_str())),
                    (PhoneTail, long && phone.ends_with(d.as_str())),
                    (IdPrefix, long && id.starts_with(d.as_str())),
                    (PhonePrefix, long && phone.starts_with(d.as_str())),
                ]
                .into_iter()
                .find(|(_, hit)| *hit)
                .map(|(kind, _)| (kind, 0))
            }
            Query::Keys(k) => {
                // Whether some key of `keys` and some spelling pass `f`.
                let any = |keys: &[String], f: &dyn Fn(&str, &str) -> bool| {
                    keys.iter().any(|x| ways.iter().any(|s| f(x, s)))
                };
                if any(&row.initials, &|x, s| x == s) {
                    Some((ExactInitials, 0))
                } else if any(&row.full, &|x, s| x == s) {
                    Some((ExactPinyin, 0))
                } else if any(&row.initials, &|x, s| x.starts_with(s)) {
                    Some((InitialsPrefix, 0))
                } else if any(&row.full, &|x, s| x.starts_with(s)) {
                    let on_break =
                        |x: &str, s: &str| x.starts_with(s) && on_a_break(syllables, s, x);
                    Some((PinyinPrefix, i64::from(any(&row.full, &on_break))))
                } else if any(&row.initials_parts, &|x, s| x.starts_with(s)) {
                    Some((InitialsInside, 0))
                } else if any(&row.full_parts, &|x, s| x.starts_with(s)) {
                    let on_break =
                        |x: &str, s: &str| x.starts_with(s) && on_a_break(syllables, s, x);
                    Some((PinyinInside, i64::from(any(&row.full_parts, &on_break))))
                } else {
                    let first = k.as_bytes()[0];
                    let keys = row.full.iter().chain(&row.initials);
                    let fits = |x: &&String| {
                        let mut rest = k.bytes().skip(1).peekable();
                        for b in x.bytes().skip(1) {
                            if rest.peek() == Some(&b) {
                                rest.next();
                            }
                        }
                        x.as_bytes().first() == Some(&first) && rest.peek().is_none()
                    };
                    if keys.clone().any(|x| fits(&x)) {
                        candidates.push(r);
                    }
                    None
                }
            }
            Query::Name(n) => {
                let n = n.as_str();
                if row.name == n {
                    Some((ExactName, 0))
                } else if row.name.starts_with(n) {
                    Some((NamePrefix, 0))
                } else if !n.is_ascii() && row.name.contains(n) {
                    Some((NameSubstring, 0))
                } else {
                    None
                }
            }
        };
        if let Some((kind, part)) = kind {
            found.push((kind, part, r));
        }
    }
    found.sort_by_key(|&(kind, part, r)| (kind, -part, r));
    found.truncate(limit);
    if found.len() < limit
        && let Query::Keys(k) = &query
    {
        // Only the first few hundred candidates are scored, in row order.
        let matcher = SkimMatcherV2::default();
        let mut scored: Vec<(i64, usize)> = candidates
            .into_iter()
            .take(400)
            .filter_map(|r| {
                let keys = rows[r].full.iter().chain(&rows[r].initials);
                let best = keys.filter_map(|x| matcher.fuzzy_match(x, k)).max();
                best.map(|s| (s, r))
            })
            .collect();
        scored.sort_by_key(|&(s, r)| (-s, r));
        let room = limit - found.len();
        found.extend(scored.into_iter().take(room).map(|(s, r)| (Fuzzy, s, r)));
    }
    found
        .into_iter()
        .map(|(kind, _, r)| (rows[r].id, kind))
        .collect()
}
