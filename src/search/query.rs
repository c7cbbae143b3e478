//! What a typed query is: digits of an ID number or phone, pinyin letters, or a name.
use crate::domain::text::fold_width;

/// A query, normalised the way the index stores its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Query {
    Empty,
    /// ASCII digits, possibly ending in an upper-case `X` (an ID number's check character).
    Digits(String),
    /// Lower-case ASCII letters and digits, matched against the pinyin keys.
    Keys(String),
    /// Anything with other characters, matched against the name.
    Name(String),
}

/// Characters that never matter in a name: the middle dots of minority names (typed in
/// several look-alike forms) and spaces.
pub(crate) fn is_name_filler(c: char) -> bool {
    c.is_whitespace() || matches!(c, '·' | '•' | '・' | '‧' | '.' | '。')
}

/// What people type between pinyin syllables (`xi'an`), in ASCII or from an input method.
fn is_syllable_separator(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | '\u{308}')
}

/// Separators people type inside phone and ID numbers.
fn is_digit_separator(c: char) -> bool {
    matches!(c, '-' | '(' | ')' | '+' | '_' | '/')
}

impl Query {
    pub(crate) fn parse(text: &str) -> Query {
        let folded = fold_width(text);
        let cleaned: String = folded.chars().filter(|c| !is_name_filler(*c)).collect();
        if cleaned.is_empty() {
            return Query::Empty;
        }
        let digits: String = cleaned
            .chars()
            .filter(|c| !is_digit_separator(*c))
            .collect();
        if looks_like_digits(&digits) {
            return Query::Digits(digits.to_ascii_uppercase());
        }
        // Pinyin with its separators gone, ü typed as the keys hold it (v); a combining
        // diaeresis goes with the separators, which leaves `lu`, itself a way to type lü.
        let keys: String = cleaned
            .chars()
            .filter(|c| !is_syllable_separator(*c))
            .map(|c| if matches!(c, 'ü' | 'Ü') { 'v' } else { c })
            .collect();
        if !keys.is_empty() && keys.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Query::Keys(keys.to_ascii_lowercase());
        }
        Query::Name(cleaned)
    }
}

/// At most this many places of a query are read both ways as ü (up to 8 spellings); a
/// name has one or two such syllables.
const UMLAUT_PLACES: usize = 3;

/// The ways a pinyin query may be spelt in the keys, the query itself first. The keys write
/// ü as `v` (吕 `lv`, 女 `nv`, 略 `lve`) after l and n, and as `u` after j, q, x and y
/// (居 `ju`); people also type lü as `lu` or `lyu` (the passport spelling) and jü as `jv`.
/// So, from the left, at each of the first [`UMLAUT_PLACES`] places where it applies: `lu`
/// or `nu` may be `lv`/`nv`, `lyu` or `nyu` may be `lv`/`nv`, and `jv`, `qv`, `xv`, `yv`
/// may be `ju`, `qu`, `xu`, `yu`.
pub(crate) fn spellings(q: &str) -> Vec<String> {
    let q = q.as_bytes();
    let mut out = Vec::new();
    // Spellings still being written: where the rest of `q` starts, the spelling so far, and
    // the places used. A loop rather than recursion: a pasted query may be long.
    let mut open = vec![(0usize, Vec::with_capacity(q.len()), 0usize)];
    while let Some((mut i, mut done, mut places)) = open.pop() {
        while let Some(&b) = q.get(i) {
            let tail = &q[i + 1..];
            let other = match (b, tail) {
                _ if places == UMLAUT_PLACES => None,
                (b'l' | b'n', [b'y', b'u', ..]) => Some((b'v', 2)),
                (b'l' | b'n', [b'u', ..]) => Some((b'v', 1)),
                (b'j' | b'q' | b'x' | b'y', [b'v', ..]) => Some((b'u', 1)),
                _ => None,
            };
            done.push(b);
            i += 1;
            if let Some((vowel, skip)) = other {
                // The other way waits; as typed goes on.
                let mut alt = done.clone();
                alt.push(vowel);
                open.push((i + skip, alt, places + 1));
                done.push(q[i]);
                i += 1;
                places += 1;
            }
        }
        out.push(String::from_utf8_lossy(&done).into_owned());
    }
    out
}

/// Digits, or digits then one `x` (the check character typed in lower case).
fn looks_like_digits(s: &str) -> bool {
    let body = match s.strip_suffix(['x', 'X']) {
        Some(body) if !body.is_empty() => body,
        _ => s,
    };
    !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_classified() {
        assert_eq!(Query::parse("  "), Query::Empty);
        assert_eq!(
            Query::parse("138-0000 1234"),
            Query::Digits("13800001234".into())
        );
        assert_eq!(Query::parse("002x"), Query::Digits("002X".into()));
        assert_eq!(Query::parse("１２３４"), Query::Digits("1234".into()));
        assert_eq!(Query::parse("ZSF"), Query::Keys("zsf".into()));
        assert_eq!(Query::parse("zhang san"), Query::Keys("zhangsan".into()));
        assert_eq!(Query::parse("x"), Query::Keys("x".into()));
        assert_eq!(
            Query::parse("阿依古丽·买买提"),
            Query::Name("阿依古丽买买提".into())
        );
        assert_eq!(Query::parse("xi'an"), Query::Keys("xian".into()));
        assert_eq!(Query::parse("Xi’an"), Query::Keys("xian".into()));
        assert_eq!(Query::parse("xi an"), Query::Keys("xian".into()));
        assert_eq!(Query::parse("Lü"), Query::Keys("lv".into()));
        assert_eq!(Query::parse("lu\u{308}e"), Query::Keys("lue".into()));
        assert_eq!(Query::parse("'"), Query::Name("'".into()));
    }

    #[test]
    fn u_and_yu_after_l_and_n_may_stand_for_v() {
        assert_eq!(spellings("lu"), ["lu", "lv"]);
        assert_eq!(spellings("lyu"), ["lyu", "lv"]);
        assert_eq!(spellings("nue"), ["nue", "nve"]);
        assert_eq!(spellings("lv"), ["lv"]);
        assert_eq!(spellings("xv"), ["xv", "xu"]);
        assert_eq!(spellings("zhangsan"), ["zhangsan"]);
        assert_eq!(spellings(""), [""]);
        // 陈宇 chen|yu, or 车女 che|nyu.
        assert_eq!(spellings("chenyu"), ["chenyu", "chenv"]);
        // Only the first three places count.
        assert_eq!(spellings("lululu").len(), 8);
        assert_eq!(spellings("lulululu").len(), 8);
        assert!(spellings("lulululu").iter().all(|s| s.ends_with("lu")));
    }
}
