//! The national ID number (居民身份证号码, GB 11643-1999).
use super::text::fold_width;
use crate::i18n::Msg;
use chrono::NaiveDate;

/// A valid, normalised 18-character ID number (upper-case `X`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdNumber(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// 男 / 女, the way every form and roster writes it.
    pub fn zh(self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }
    pub fn parse(text: &str) -> Option<Gender> {
        match text.trim().to_ascii_lowercase().as_str() {
            "男" | "m" | "male" | "男性" => Some(Gender::Male),
            "女" | "f" | "female" | "女性" => Some(Gender::Female),
            _ => None,
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Gender::Male => "gender.male",
            Gender::Female => "gender.female",
        }
    }
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The check character of the first 17 digits (which must all be ASCII digits).
pub fn check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    Some(CHECK[(sum % 11) as usize])
}

/// Folds what people type into the canonical form: full-width digits, lower-case `x`,
/// spaces and dashes. Does not validate.
pub fn normalise(text: &str) -> String {
    fold_width(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn looks_scientific(text: &str) -> bool {
    let t = text.trim().to_ascii_uppercase();
    let Some((mantissa, exp)) = t.split_once('E') else {
        return false;
    };
    let exp = exp.trim_start_matches('+');
    !mantissa.is_empty()
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !exp.is_empty()
        && exp.chars().all(|c| c.is_ascii_digit())
}

impl IdNumber {
    /// Validates an ID number as typed or as read from a roster.
    pub fn parse(text: &str) -> Result<IdNumber, Msg> {
        let folded = fold_width(text);
        if folded.trim().is_empty() {
            return Err(Msg::new("id.empty"));
        }
        if looks_scientific(&folded) {
            return Err(Msg::new("id.scientific").arg("value", folded.trim()));
        }
        let n = normalise(&folded);
        if n.chars().count() != 18 {
            return Err(Msg::new("id.length")
                .arg("value", &n)
                .arg("count", n.chars().count()));
        }
        if !n.is_ascii() {
            return Err(Msg::new("id.not_digits").arg("value", &n));
        }
        let (first17, last) = n.split_at(17);
        if !first17.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Msg::new("id.not_digits").arg("value", &n));
        }
        let Some(expected) = check_char(first17) else {
            return Err(Msg::new("id.not_digits").arg("value", &n));
        };
        let birth = parse_birth(&first17[6..14]);
        if birth.is_none() {
            return Err(Msg::new("id.bad_birth")
                .arg("value", &n)
                .arg("date", &first17[6..14]));
        }
        if !last.starts_with(expected) {
            return Err(Msg::new("id.check")
                .arg("value", &n)
                .arg("expected", expected));
        }
        Ok(IdNumber(n))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date encoded in positions 7–14.
    pub fn birth_date(&self) -> NaiveDate {
        parse_birth(&self.0[6..14]).unwrap_or_default()
    }

    /// Odd sequence digit: male; even: female.
    pub fn gender(&self) -> Gender {
        let digit = self.0.as_bytes()[16] - b'0';
        if digit % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        }
    }

    /// The 6-digit administrative region code.
    pub fn region(&self) -> &str {
        &self.0[..6]
    }

    /// Builds a valid number from its parts; used by the demo data and tests.
    pub fn compose(region: &str, birth: NaiveDate, sequence: u16) -> Option<IdNumber> {
        let first17 = format!("{region}{}{:03}", birth.format("%Y%m%d"), sequence % 1000);
        let check = check_char(&first17)?;
        Some(IdNumber(format!("{first17}{check}")))
    }
}

impl std::fmt::Display for IdNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn parse_birth(yyyymmdd: &str) -> Option<NaiveDate> {
    let date = NaiveDate::parse_from_str(yyyymmdd, "%Y%m%d").ok()?;
    let year = chrono::Datelike::year(&date);
    (1880..=2100).contains(&year).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_number_gives_birth_date_and_gender() {
        let id = IdNumber::parse("11010519491231002X").unwrap();
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        assert_eq!(id.gender(), Gender::Female);
        assert_eq!(id.region(), "110105");
    }

    #[test]
    fn lower_case_x_full_width_and_spaces_are_normalised() {
        let id = IdNumber::parse(" １１０１０５ 19491231002x ").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
        assert!(IdNumber::parse("110105-19491231-002X").is_ok());
    }

    #[test]
    fn wrong_check_character_is_refused_with_the_expected_one() {
        let err = IdNumber::parse("110105194912310021").unwrap_err();
        assert_eq!(err.key, "id.check");
        assert!(err.args.iter().any(|(k, v)| *k == "expected" && v == "X"));
    }

    #[test]
    fn excel_scientific_notation_is_refused_as_such() {
        assert_eq!(
            IdNumber::parse("4.50102E+17").unwrap_err().key,
            "id.scientific"
        );
        assert_eq!(
            IdNumber::parse("4.50102e17").unwrap_err().key,
            "id.scientific"
        );
    }

    #[test]
    fn length_digits_and_birth_date_are_checked() {
        assert_eq!(IdNumber::parse("12345").unwrap_err().key, "id.length");
        assert_eq!(IdNumber::parse("").unwrap_err().key, "id.empty");
        assert_eq!(
            IdNumber::parse("11010519491231A02X").unwrap_err().key,
            "id.not_digits"
        );
        // 1949-02-30 does not exist
        let bad = "1101051949023000";
        let first17 = format!("{bad}1");
        let n = format!("{first17}{}", check_char(&first17).unwrap());
        assert_eq!(IdNumber::parse(&n).unwrap_err().key, "id.bad_birth");
    }

    #[test]
    fn compose_makes_valid_numbers() {
        let birth = NaiveDate::from_ymd_opt(1980, 2, 29).unwrap();
        for seq in 0..200 {
            let id = IdNumber::compose("450102", birth, seq).unwrap();
            assert_eq!(IdNumber::parse(id.as_str()).unwrap(), id);
            assert_eq!(id.birth_date(), birth);
        }
    }

    #[test]
    fn gender_parses_both_languages() {
        assert_eq!(Gender::parse("男"), Some(Gender::Male));
        assert_eq!(Gender::parse("Female"), Some(Gender::Female));
        assert_eq!(Gender::parse("x"), None);
    }
}
