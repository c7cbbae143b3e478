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
        if cleaned.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Query::Keys(cleaned.to_ascii_lowercase());
        }
        Query::Name(cleaned)
    }
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
    }
}
