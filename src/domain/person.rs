//! A person on file (服务对象) and the rules that turn typed text into one.
use super::category::{CategoryList, CellProblem, DisabilityNature, is_disability};
use super::dates::{parse_date, parse_month_or_date};
use super::id_number::{Gender, IdNumber};
use super::name::parse_name;
use super::person_dates;
use super::phone::Phone;
use super::text::{clean_line, clean_multiline};
use crate::i18n::Msg;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// One record per person ("一人一档").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Person {
    /// Database row id; `None` until saved.
    pub id: Option<i64>,
    pub name: String,
    pub gender: Option<Gender>,
    pub ethnicity: String,
    pub birth_date: Option<NaiveDate>,
    /// Normalised 18-character ID number; empty when not known (a walk-in not yet on file).
    pub id_number: String,
    /// Normalised phone (`13800001234` or `0771-1234567`), or empty.
    pub phone: String,
    /// Household registration (户籍地).
    pub hukou: String,
    pub town: String,
    pub village: String,
    pub address: String,
    /// Category names as stored (shipped or local), main first; never empty once validated.
    pub categories: Vec<String>,
    pub political_status: String,
    /// `YYYY-MM` or `YYYY-MM-DD`, or empty.
    pub enlist_date: String,
    pub discharge_date: String,
    pub branch: String,
    pub unit: String,
    pub rank: String,
    /// 伤残等级 1–10.
    pub disability_grade: Option<u8>,
    /// 伤残性质, for a disability category.
    #[serde(default)]
    pub disability_nature: Option<DisabilityNature>,
    pub awards: String,
    pub employment: String,
    pub hardship: bool,
    pub key_person: bool,
    pub notes: String,
    pub created_at: Option<NaiveDateTime>,
    pub updated_at: Option<NaiveDateTime>,
    /// The record's version when it was read (0: not read from the database): a save made
    /// over a later version is refused instead of overwriting another desk's change.
    #[serde(default)]
    pub version: i64,
}

impl Person {
    /// The main category: the first.
    pub fn main_category(&self) -> &str {
        self.categories.first().map(String::as_str).unwrap_or("")
    }

    /// Every category in one cell, main first, as a roster writes it.
    pub fn categories_cell(&self) -> String {
        self.categories.join("、")
    }
}

/// The fields of a person as text, the way a roster row or a form holds them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonInput {
    pub name: String,
    pub id_number: String,
    pub gender: String,
    pub birth_date: String,
    pub ethnicity: String,
    pub phone: String,
    pub category: String,
    pub enlist_date: String,
    pub discharge_date: String,
    pub hukou: String,
    pub town: String,
    pub village: String,
    pub address: String,
    pub political_status: String,
    pub branch: String,
    pub unit: String,
    pub rank: String,
    pub disability_grade: String,
    /// 伤残性质: 因战, 因公 or 因病.
    #[serde(default)]
    pub disability_nature: String,
    pub awards: String,
    pub employment: String,
    pub hardship: bool,
    pub key_person: bool,
    pub notes: String,
}

/// The fields of a person, named as the roster's English headers name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    IdNumber,
    Gender,
    BirthDate,
    Ethnicity,
    Phone,
    Category,
    EnlistDate,
    DischargeDate,
    Hukou,
    Town,
    Village,
    Address,
    PoliticalStatus,
    Branch,
    Unit,
    Rank,
    DisabilityGrade,
    DisabilityNature,
    Awards,
    Employment,
    /// 困难: yes/no.
    Hardship,
    /// 重点对象: yes/no.
    KeyPerson,
    Notes,
}

impl Field {
    /// The roster's English header of the field (`name`, `id_number`, …): also its name in
    /// the forms and the audit trail.
    pub fn code(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::IdNumber => "id_number",
            Field::Gender => "gender",
            Field::BirthDate => "birth_date",
            Field::Ethnicity => "ethnicity",
            Field::Phone => "phone",
            Field::Category => "category",
            Field::EnlistDate => "enlist_date",
            Field::DischargeDate => "discharge_date",
            Field::Hukou => "hukou",
            Field::Town => "town",
            Field::Village => "village",
            Field::Address => "address",
            Field::PoliticalStatus => "political_status",
            Field::Branch => "branch",
            Field::Unit => "unit",
            Field::Rank => "rank",
            Field::DisabilityGrade => "disability_grade",
            Field::DisabilityNature => "disability_nature",
            Field::Awards => "awards",
            Field::Employment => "employment",
            Field::Hardship => "hardship",
            Field::KeyPerson => "key_person",
            Field::Notes => "notes",
        }
    }

    /// The catalog key of the field's label (`field.name`, …).
    pub fn label_key(self) -> &'static str {
        match self {
            Field::Name => "field.name",
            Field::IdNumber => "field.id_number",
            Field::Gender => "field.gender",
            Field::BirthDate => "field.birth_date",
            Field::Ethnicity => "field.ethnicity",
            Field::Phone => "field.phone",
            Field::Category => "field.category",
            Field::EnlistDate => "field.enlist_date",
            Field::DischargeDate => "field.discharge_date",
            Field::Hukou => "field.hukou",
            Field::Town => "field.town",
            Field::Village => "field.village",
            Field::Address => "field.address",
            Field::PoliticalStatus => "field.political_status",
            Field::Branch => "field.branch",
            Field::Unit => "field.unit",
            Field::Rank => "field.rank",
            Field::DisabilityGrade => "field.disability_grade",
            Field::DisabilityNature => "categories.field_nature",
            Field::Awards => "field.awards",
            Field::Employment => "field.employment",
            Field::Hardship => "field.hardship",
            Field::KeyPerson => "field.key_person",
            Field::Notes => "field.notes",
        }
    }
}

/// A yes/no cell of a roster (困难, 重点对象): 是/否, yes/no, y/n, 1/0, true/false, ✓/×;
/// empty is no.
pub fn parse_flag(text: &str) -> Result<bool, Msg> {
    let t = super::text::fold_width(text.trim()).to_lowercase();
    match t.as_str() {
        "" | "否" | "无" | "不是" | "no" | "n" | "0" | "false" | "×" | "x" => Ok(false),
        "是" | "有" | "yes" | "y" | "1" | "true" | "√" | "✓" | "✔" => Ok(true),
        _ => Err(Msg::new("person.bad_flag").arg("value", text.trim())),
    }
}

/// What is wrong with one field.
pub type FieldError = (Field, Msg);

/// Whether the ID number may be left empty (a form for a walk-in not yet fully on file) or
/// must be given (a roster row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdRule {
    Required,
    Optional,
}

fn limited(field: Field, text: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    let cleaned = clean_line(text);
    if cleaned.chars().count() > max {
        errors.push((field, Msg::new("field.too_long").arg("max", max)));
    }
    cleaned
}

/// A person who passed validation, and what the officer should still be told: an old ID
/// number converted, a date that looks wrong without being impossible.
#[derive(Debug, Clone, PartialEq)]
pub struct Validated {
    pub person: Person,
    pub notices: Vec<FieldError>,
}

impl PersonInput {
    /// Validates every field and builds the person, with today's date by the machine's
    /// clock; on failure lists every problem found. The notices are dropped: a caller that
    /// can show them uses [`PersonInput::validate_on`].
    pub fn validate(&self, id_rule: IdRule) -> Result<Person, Vec<FieldError>> {
        let today = chrono::Local::now().date_naive();
        self.validate_on(id_rule, today).map(|v| v.person)
    }

    /// [`PersonInput::validate_with`] with the shipped categories only.
    pub fn validate_on(
        &self,
        id_rule: IdRule,
        today: NaiveDate,
    ) -> Result<Validated, Vec<FieldError>> {
        self.validate_with(id_rule, today, &CategoryList::shipped())
    }

    /// Validates every field as of `today` (no birth or service date after it), the
    /// categories against a station's list, and builds the person; on failure lists every
    /// problem found.
    pub fn validate_with(
        &self,
        id_rule: IdRule,
        today: NaiveDate,
        categories: &CategoryList,
    ) -> Result<Validated, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut notices = Vec::new();
        let mut p = Person::default();

        match parse_name(&self.name) {
            Ok(n) => p.name = n,
            Err(m) => errors.push((Field::Name, m)),
        }

        let id = if self.id_number.trim().is_empty() && id_rule == IdRule::Optional {
            None
        } else {
            match IdNumber::read(&self.id_number) {
                Ok(read) => {
                    notices.extend(read.notice().map(|m| (Field::IdNumber, m)));
                    if let Some(m) = person_dates::id_birth_after(&read.id, today) {
                        errors.push((Field::IdNumber, m));
                    }
                    Some(read.id)
                }
                Err(m) => {
                    errors.push((Field::IdNumber, m));
                    None
                }
            }
        };
        if let Some(id) = &id {
            p.id_number = id.as_str().to_string();
            p.gender = Some(id.gender());
            p.birth_date = Some(id.birth_date());
        }

        if !self.gender.trim().is_empty() {
            match Gender::parse(&self.gender) {
                Some(g) => {
                    if let Some(id) = id.as_ref().filter(|id| id.gender() != g) {
                        let m = person_dates::gender_not_as_id(id.gender(), self.gender.trim());
                        errors.push((Field::Gender, m));
                    }
                    p.gender = Some(g);
                }
                None => errors.push((
                    Field::Gender,
                    Msg::new("person.gender_invalid").arg("value", self.gender.trim()),
                )),
            }
        }

        if !self.birth_date.trim().is_empty() {
            match parse_date(&self.birth_date) {
                Ok(d) => {
                    if let Some(id) = &id
                        && id.birth_date() != d
                    {
                        errors.push((
                            Field::BirthDate,
                            Msg::new("person.birth_mismatch").arg("date", id.birth_date()),
                        ));
                    } else if id.is_none() && d > today {
                        // With an ID number, its own date is checked above.
                        errors.push((Field::BirthDate, person_dates::birth_after(d, today)));
                    }
                    p.birth_date = Some(d);
                }
                Err(m) => errors.push((Field::BirthDate, m)),
            }
        }

        if !self.phone.trim().is_empty() {
            match Phone::parse(&self.phone) {
                Ok(ph) => p.phone = ph.as_str().to_string(),
                Err(m) => errors.push((Field::Phone, m)),
            }
        }

        match categories.parse_cell(&self.category) {
            Ok(found) => p.categories = found.into_iter().map(|r| r.name).collect(),
            Err(problems) => errors.extend(problems.into_iter().map(|problem| match problem {
                CellProblem::Empty => (Field::Category, Msg::new("person.category_missing")),
                CellProblem::Unknown(m) => (Field::Category, m),
            })),
        }

        let service_date = |field: Field, text: &str, errors: &mut Vec<FieldError>| {
            if text.trim().is_empty() {
                return String::new();
            }
            parse_month_or_date(text).unwrap_or_else(|m| {
                errors.push((field, m));
                String::new()
            })
        };
        p.enlist_date = service_date(Field::EnlistDate, &self.enlist_date, &mut errors);
        p.discharge_date = service_date(Field::DischargeDate, &self.discharge_date, &mut errors);
        // Both are `YYYY-MM[-DD]`: comparing the common prefix compares the dates.
        if !p.enlist_date.is_empty()
            && !p.discharge_date.is_empty()
            && p.discharge_date[..7] < p.enlist_date[..7]
        {
            errors.push((
                Field::DischargeDate,
                Msg::new("person.discharge_before_enlist"),
            ));
        }
        person_dates::check_service(&p, today, &mut errors, &mut notices);

        if !self.disability_grade.trim().is_empty() {
            let t = super::text::fold_width(&self.disability_grade);
            let digits = t.trim().trim_end_matches('级').trim();
            match digits.parse::<u8>() {
                Ok(g) if (1..=10).contains(&g) => p.disability_grade = Some(g),
                _ => errors.push((
                    Field::DisabilityGrade,
                    Msg::new("person.grade_invalid").arg("value", t.trim()),
                )),
            }
        }

        if !self.disability_nature.trim().is_empty() {
            match DisabilityNature::parse(&self.disability_nature) {
                Some(n) => p.disability_nature = Some(n),
                None => errors.push((
                    Field::DisabilityNature,
                    Msg::new("categories.nature_invalid")
                        .arg("value", self.disability_nature.trim()),
                )),
            }
        }
        // Only a disability category carries a nature; a grade alone was kept before
        // categories were data, so it stays allowed.
        if p.disability_nature.is_some()
            && !p.categories.is_empty()
            && !p.categories.iter().any(|c| is_disability(c))
        {
            errors.push((
                Field::DisabilityNature,
                Msg::new("categories.nature_without_disability"),
            ));
        }

        p.ethnicity = limited(Field::Ethnicity, &self.ethnicity, 20, &mut errors);
        p.hukou = limited(Field::Hukou, &self.hukou, 100, &mut errors);
        p.town = limited(Field::Town, &self.town, 40, &mut errors);
        p.village = limited(Field::Village, &self.village, 40, &mut errors);
        p.address = limited(Field::Address, &self.address, 100, &mut errors);
        p.political_status = limited(
            Field::PoliticalStatus,
            &self.political_status,
            20,
            &mut errors,
        );
        p.branch = limited(Field::Branch, &self.branch, 40, &mut errors);
        p.unit = limited(Field::Unit, &self.unit, 80, &mut errors);
        p.rank = limited(Field::Rank, &self.rank, 40, &mut errors);
        p.awards = limited(Field::Awards, &self.awards, 200, &mut errors);
        p.employment = limited(Field::Employment, &self.employment, 40, &mut errors);
        p.notes = clean_multiline(&self.notes);
        if p.notes.chars().count() > 2000 {
            errors.push((Field::Notes, Msg::new("field.too_long").arg("max", 2000)));
        }
        p.hardship = self.hardship;
        p.key_person = self.key_person;

        if errors.is_empty() {
            Ok(Validated { person: p, notices })
        } else {
            Err(errors)
        }
    }

    /// The text form of a saved person, for editing it.
    pub fn from_person(p: &Person) -> PersonInput {
        PersonInput {
            name: p.name.clone(),
            id_number: p.id_number.clone(),
            gender: p.gender.map(|g| g.zh().to_string()).unwrap_or_default(),
            birth_date: p
                .birth_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            ethnicity: p.ethnicity.clone(),
            phone: p.phone.clone(),
            category: p.categories_cell(),
            enlist_date: p.enlist_date.clone(),
            discharge_date: p.discharge_date.clone(),
            hukou: p.hukou.clone(),
            town: p.town.clone(),
            village: p.village.clone(),
            address: p.address.clone(),
            political_status: p.political_status.clone(),
            branch: p.branch.clone(),
            unit: p.unit.clone(),
            rank: p.rank.clone(),
            disability_grade: p
                .disability_grade
                .map(|g| g.to_string())
                .unwrap_or_default(),
            disability_nature: p
                .disability_nature
                .map(|n| n.zh().to_string())
                .unwrap_or_default(),
            awards: p.awards.clone(),
            employment: p.employment.clone(),
            hardship: p.hardship,
            key_person: p.key_person,
            notes: p.notes.clone(),
        }
    }
}

/// A link between two people on file (a survivor to the serviceman, a dependant…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyLink {
    pub person_id: i64,
    pub relative_id: i64,
    /// 配偶, 父亲, 母亲, 子女, … as text.
    pub relation: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_no_cells_read_in_both_languages() {
        for yes in ["是", "yes", "Y", "1", "√", "ＴＲＵＥ"] {
            assert_eq!(parse_flag(yes), Ok(true), "{yes}");
        }
        for no in ["", " ", "否", "no", "0", "×"] {
            assert_eq!(parse_flag(no), Ok(false), "{no}");
        }
        let err = parse_flag("也许").unwrap_err();
        assert_eq!(err.key, "person.bad_flag");
    }

    fn input() -> PersonInput {
        PersonInput {
            name: "尉迟恭".into(),
            id_number: "11010519491231002x".into(),
            category: "烈士遗属".into(),
            phone: "138-0000-1234".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_row_derives_gender_and_birth_date() {
        let p = input().validate(IdRule::Required).unwrap();
        assert_eq!(p.id_number, "11010519491231002X");
        assert_eq!(p.gender, Some(Gender::Female));
        assert_eq!(p.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31));
        assert_eq!(p.phone, "13800001234");
        assert_eq!(p.categories, ["烈士遗属"]);
    }

    #[test]
    fn disagreements_with_the_id_number_are_errors() {
        let mut i = input();
        i.gender = "男".into();
        i.birth_date = "1950-01-01".into();
        let errs = i.validate(IdRule::Required).unwrap_err();
        let fields: Vec<Field> = errs.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec![Field::Gender, Field::BirthDate]);
    }

    #[test]
    fn every_problem_is_listed() {
        let i = PersonInput {
            name: "".into(),
            id_number: "4.50102E+17".into(),
            category: "x".into(),
            phone: "123".into(),
            enlist_date: "2000-01".into(),
            discharge_date: "1999-01".into(),
            disability_grade: "11".into(),
            ..Default::default()
        };
        let errs = i.validate(IdRule::Required).unwrap_err();
        let fields: Vec<Field> = errs.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            vec![
                Field::Name,
                Field::IdNumber,
                Field::Phone,
                Field::Category,
                Field::DischargeDate,
                Field::DisabilityGrade
            ]
        );
        assert_eq!(errs[1].1.key, "id.scientific");
    }

    #[test]
    fn id_may_be_optional_on_a_form() {
        let i = PersonInput {
            name: "张三".into(),
            category: "其他优抚对象".into(),
            ..Default::default()
        };
        assert!(i.validate(IdRule::Optional).is_ok());
        assert!(i.validate(IdRule::Required).is_err());
    }

    #[test]
    fn round_trip_through_text() {
        let p = input().validate(IdRule::Required).unwrap();
        assert_eq!(
            PersonInput::from_person(&p)
                .validate(IdRule::Required)
                .unwrap(),
            p
        );
    }
}
