//! The national ID number (居民身份证号码, GB 11643-1999), and the older 15-digit form
//! (GB 11643-1989, issued until 1999 and still on old papers), which is read as the 18-digit
//! number it became.
use super::text::fold_width;
use crate::i18n::Msg;
use chrono::{Datelike, NaiveDate};
use std::ops::RangeInclusive;

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

/// The codes of the provinces, autonomous regions, municipalities and special
/// administrative regions (GB/T 2260): the first two digits of every region code.
const PROVINCES: [RangeInclusive<u8>; 8] = [
    11..=15,
    21..=23,
    31..=37,
    41..=46,
    50..=54,
    61..=65,
    71..=71,
    81..=82,
];

/// Birth years an ID number may carry; a date after today is refused where today is known
/// (see [`crate::domain::person::PersonInput::validate_on`]).
const BIRTH_YEARS: RangeInclusive<i32> = 1880..=2100;

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

/// An ID number as read, and whether it was given in the old 15-digit form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadId {
    pub id: IdNumber,
    /// The 15-digit number as given, when it was converted.
    pub converted_from: Option<String>,
}

impl ReadId {
    /// What the officer should be told about the number: that an old number was converted,
    /// and to what.
    pub fn notice(&self) -> Option<Msg> {
        self.converted_from.as_ref().map(|old| {
            Msg::new("id.converted")
                .arg("old", old)
                .arg("new", self.id.as_str())
        })
    }
}

impl IdNumber {
    /// Validates an ID number as typed or as read from a roster; a 15-digit number comes
    /// back as its 18-digit form (see [`IdNumber::read`] for the notice to show).
    pub fn parse(text: &str) -> Result<IdNumber, Msg> {
        IdNumber::read(text).map(|read| read.id)
    }

    /// Like [`IdNumber::parse`], telling whether the number was converted from the old
    /// 15-digit form: the century `19` is put before the two-digit birth year and the check
    /// character is added.
    pub fn read(text: &str) -> Result<ReadId, Msg> {
        let folded = fold_width(text);
        if folded.trim().is_empty() {
            return Err(Msg::new("id.empty"));
        }
        if looks_scientific(&folded) {
            return Err(Msg::new("id.scientific").arg("value", folded.trim()));
        }
        let n = normalise(&folded);
        match n.chars().count() {
            18 => Ok(ReadId {
                id: read_18(&n)?,
                converted_from: None,
            }),
            15 => Ok(ReadId {
                id: read_15(&n)?,
                converted_from: Some(n),
            }),
            count => Err(Msg::new("id.length_either")
                .arg("value", &n)
                .arg("count", count)),
        }
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

/// A normalised 18-character number.
fn read_18(n: &str) -> Result<IdNumber, Msg> {
    if !n.is_ascii() {
        return Err(Msg::new("id.not_digits").arg("value", n));
    }
    let (first17, last) = n.split_at(17);
    let Some(expected) = check_char(first17) else {
        return Err(Msg::new("id.not_digits").arg("value", n));
    };
    check_province(n)?;
    check_birth(n, &first17[6..14])?;
    if !last.starts_with(expected) {
        return Err(Msg::new("id.check")
            .arg("value", n)
            .arg("expected", expected));
    }
    Ok(IdNumber(n.to_string()))
}

/// A normalised 15-character number: region, `YYMMDD`, sequence, no check character.
fn read_15(n: &str) -> Result<IdNumber, Msg> {
    if !n.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Msg::new("id.old_not_digits").arg("value", n));
    }
    check_province(n)?;
    let first17 = format!("{}19{}", &n[..6], &n[6..]);
    check_birth(n, &first17[6..14])?;
    let check =
        check_char(&first17).ok_or_else(|| Msg::new("id.old_not_digits").arg("value", n))?;
    Ok(IdNumber(format!("{first17}{check}")))
}

/// The first two digits must be a province's code.
fn check_province(n: &str) -> Result<(), Msg> {
    let code = &n[..2];
    match code.parse::<u8>() {
        Ok(p) if PROVINCES.iter().any(|range| range.contains(&p)) => Ok(()),
        _ => Err(Msg::new("id.province").arg("value", n).arg("code", code)),
    }
}

/// The birth date `yyyymmdd` of number `n` must exist, in a plausible year.
fn check_birth(n: &str, yyyymmdd: &str) -> Result<(), Msg> {
    let year = yyyymmdd[..4].parse::<i32>().unwrap_or(0);
    if !BIRTH_YEARS.contains(&year) {
        return Err(Msg::new("id.birth_year")
            .arg("value", n)
            .arg("year", &yyyymmdd[..4])
            .arg("from", BIRTH_YEARS.start())
            .arg("to", BIRTH_YEARS.end()));
    }
    if parse_birth(yyyymmdd).is_none() {
        return Err(Msg::new("id.bad_birth")
            .arg("value", n)
            .arg("date", yyyymmdd));
    }
    Ok(())
}

impl std::fmt::Display for IdNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn parse_birth(yyyymmdd: &str) -> Option<NaiveDate> {
    let date = NaiveDate::parse_from_str(yyyymmdd, "%Y%m%d").ok()?;
    BIRTH_YEARS.contains(&date.year()).then_some(date)
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
        assert_eq!(
            IdNumber::parse("12345").unwrap_err().key,
            "id.length_either"
        );
        assert_eq!(
            IdNumber::parse("1101051949123100").unwrap_err().key,
            "id.length_either"
        );
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

    /// An 18-digit number of these first 17 characters, with its check character.
    fn with_check(first17: &str) -> String {
        format!("{first17}{}", check_char(first17).unwrap())
    }

    #[test]
    fn a_15_digit_number_becomes_its_18_digit_form() {
        let read = IdNumber::read("110105491231002").unwrap();
        assert_eq!(read.id.as_str(), "11010519491231002X");
        assert_eq!(read.converted_from.as_deref(), Some("110105491231002"));
        let notice = read.notice().unwrap();
        assert_eq!(notice.key, "id.converted");
        assert!(
            notice
                .args
                .contains(&("new", "11010519491231002X".to_string()))
        );
        assert_eq!(
            read.id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        assert_eq!(read.id.gender(), Gender::Female);
        // Typed with full-width digits and spaces, it reads the same.
        assert_eq!(IdNumber::parse("１１０１０５ 491231 002").unwrap(), read.id);
        // An 18-digit number needs no notice.
        assert_eq!(IdNumber::read("11010519491231002X").unwrap().notice(), None);
        assert_eq!(
            IdNumber::parse("11010549123100X").unwrap_err().key,
            "id.old_not_digits"
        );
        assert_eq!(
            IdNumber::parse("110105490230002").unwrap_err().key,
            "id.bad_birth"
        );
    }

    #[test]
    fn the_first_two_digits_must_be_a_province() {
        for (n, code) in [
            (with_check("00000019800101001"), "00"),
            (with_check("99999919800101001"), "99"),
            (with_check("10010519800101001"), "10"),
            (with_check("72010519800101001"), "72"),
            ("000000800101001".to_string(), "00"),
        ] {
            let err = IdNumber::parse(&n).unwrap_err();
            assert_eq!(err.key, "id.province", "{n}");
            assert!(err.args.contains(&("code", code.to_string())), "{n}");
        }
        for first17 in [
            "11010519800101001",
            "65010219800101001",
            "71000019800101001",
            "82000019800101001",
        ] {
            assert!(IdNumber::parse(&with_check(first17)).is_ok(), "{first17}");
        }
    }

    #[test]
    fn a_year_out_of_range_is_reported_as_such() {
        for (first17, year) in [
            ("11010517000101001", "1700"),
            ("11010500000101001", "0000"),
            ("11010521500101001", "2150"),
        ] {
            let err = IdNumber::parse(&with_check(first17)).unwrap_err();
            assert_eq!(err.key, "id.birth_year", "{first17}");
            assert!(err.args.contains(&("year", year.to_string())));
        }
        // A year in range with a day that does not exist is still that.
        let err = IdNumber::parse(&with_check("11010519810229001")).unwrap_err();
        assert_eq!(err.key, "id.bad_birth");
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
