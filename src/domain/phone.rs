//! Mobile and landline numbers as people type them.
use super::text::fold_width;
use crate::i18n::Msg;

/// A normalised phone number: 11 mobile digits, or a landline as `0AAA-NNNNNNN`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    /// Accepts `138-0000-1234`, `138 0000 1234`, `+86 138…`, `0771-1234567`, `(0771)1234567`.
    pub fn parse(text: &str) -> Result<Phone, Msg> {
        let folded = fold_width(text);
        let trimmed = folded.trim();
        if trimmed.is_empty() {
            return Err(Msg::new("phone.empty"));
        }
        if trimmed
            .chars()
            .any(|c| !(c.is_ascii_digit() || " -()+".contains(c)))
        {
            return Err(Msg::new("phone.chars").arg("value", trimmed));
        }
        let mut digits = digits_of(trimmed);
        if (trimmed.starts_with('+') || digits.len() == 13)
            && let Some(rest) = digits.strip_prefix("86")
        {
            digits = rest.to_string();
        }
        let b = digits.as_bytes();
        if b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) {
            return Ok(Phone(digits));
        }
        if b.first() == Some(&b'1') {
            return Err(Msg::new("phone.mobile").arg("value", trimmed));
        }
        if b.first() == Some(&b'0') && (10..=12).contains(&b.len()) {
            // Area codes: 010 and 02X are three digits, the rest four.
            let area_len = if b[1] == b'1' || b[1] == b'2' { 3 } else { 4 };
            let (area, local) = digits.split_at(area_len);
            if (7..=8).contains(&local.len()) {
                return Ok(Phone(format!("{area}-{local}")));
            }
        }
        Err(Msg::new("phone.invalid").arg("value", trimmed))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Only the digits, as the search index keeps them.
    pub fn digits(&self) -> String {
        digits_of(&self.0)
    }
}

impl std::fmt::Display for Phone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The ASCII digits of a text (full-width folded), for matching phone queries.
pub fn digits_of(text: &str) -> String {
    fold_width(text)
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_with_separators() {
        for typed in [
            "13800001234",
            "138-0000-1234",
            "138 0000 1234",
            "+86 138 0000 1234",
            "１３８００００１２３４",
        ] {
            assert_eq!(
                Phone::parse(typed).unwrap().as_str(),
                "13800001234",
                "{typed}"
            );
        }
    }

    #[test]
    fn bad_mobiles_are_refused() {
        assert_eq!(Phone::parse("12800001234").unwrap_err().key, "phone.mobile");
        assert_eq!(Phone::parse("1380000123").unwrap_err().key, "phone.mobile");
        assert_eq!(Phone::parse("138abc").unwrap_err().key, "phone.chars");
        assert_eq!(Phone::parse(" ").unwrap_err().key, "phone.empty");
    }

    #[test]
    fn landlines() {
        assert_eq!(
            Phone::parse("0771-1234567").unwrap().as_str(),
            "0771-1234567"
        );
        assert_eq!(
            Phone::parse("(010)12345678").unwrap().as_str(),
            "010-12345678"
        );
        assert_eq!(
            Phone::parse("020 1234 5678").unwrap().as_str(),
            "020-12345678"
        );
        assert_eq!(Phone::parse("0771-123").unwrap_err().key, "phone.invalid");
    }
}
