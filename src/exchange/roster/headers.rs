//! Matching header cells to person fields.
use super::RosterError;
use super::grid::GridRow;
use crate::domain::person::Field;
use crate::domain::text::fold_width;
use crate::i18n::Msg;

/// A roster column: its Chinese and English headers as ROSTER.md writes them, the other
/// spellings found in real rosters, and whether it must be present.
struct ColumnSpec {
    field: Field,
    zh: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
    required: bool,
}

const fn spec(field: Field, zh: &'static str, en: &'static str) -> ColumnSpec {
    ColumnSpec {
        field,
        zh,
        en,
        aliases: &[],
        required: false,
    }
}

/// The template's columns first (ROSTER.md), then the other person fields of the national
/// collection form, so that a roster carrying them does not lose them.
const COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        aliases: &["人员姓名"],
        required: true,
        ..spec(Field::Name, "姓名", "name")
    },
    ColumnSpec {
        aliases: &["身份证号码", "公民身份号码", "身份证"],
        required: true,
        ..spec(Field::IdNumber, "身份证号", "id_number")
    },
    ColumnSpec {
        aliases: &["sex"],
        ..spec(Field::Gender, "性别", "gender")
    },
    ColumnSpec {
        aliases: &["date_of_birth"],
        ..spec(Field::BirthDate, "出生日期", "birth_date")
    },
    spec(Field::Ethnicity, "民族", "ethnicity"),
    ColumnSpec {
        aliases: &[
            "电话",
            "手机",
            "手机号",
            "手机号码",
            "联系方式",
            "mobile",
            "telephone",
        ],
        ..spec(Field::Phone, "联系电话", "phone")
    },
    ColumnSpec {
        aliases: &["类别", "对象类别"],
        required: true,
        ..spec(Field::Category, "人员类别", "category")
    },
    ColumnSpec {
        aliases: &["入伍日期", "入伍年月"],
        ..spec(Field::EnlistDate, "入伍时间", "enlist_date")
    },
    ColumnSpec {
        aliases: &["退役日期", "退役年月", "退伍时间"],
        ..spec(Field::DischargeDate, "退役时间", "discharge_date")
    },
    ColumnSpec {
        aliases: &["镇", "乡镇", "街道", "镇街道", "乡镇街道"],
        ..spec(Field::Town, "镇街", "town")
    },
    ColumnSpec {
        aliases: &["村", "社区", "村居"],
        ..spec(Field::Village, "村社区", "village")
    },
    ColumnSpec {
        aliases: &["现住址", "家庭住址", "居住地址"],
        ..spec(Field::Address, "住址", "address")
    },
    spec(Field::PoliticalStatus, "政治面貌", "political_status"),
    ColumnSpec {
        aliases: &["note", "remarks"],
        ..spec(Field::Notes, "备注", "notes")
    },
    ColumnSpec {
        aliases: &["户籍所在地"],
        ..spec(Field::Hukou, "户籍地", "hukou")
    },
    spec(Field::Branch, "军兵种", "branch"),
    ColumnSpec {
        aliases: &["服役部队"],
        ..spec(Field::Unit, "部队单位", "unit")
    },
    spec(Field::Rank, "军衔职务", "rank"),
    spec(Field::DisabilityGrade, "伤残等级", "disability_grade"),
    ColumnSpec {
        aliases: &["致残性质", "残疾性质"],
        ..spec(Field::DisabilityNature, "伤残性质", "disability_nature")
    },
    spec(Field::Awards, "立功受奖", "awards"),
    spec(Field::Employment, "就业状况", "employment"),
    ColumnSpec {
        aliases: &["困难对象", "困难人员"],
        ..spec(Field::Hardship, "困难", "hardship")
    },
    spec(Field::KeyPerson, "重点对象", "key_person"),
];

/// Columns that are not person fields but are expected in a roster, so naming them in a
/// warning would only be noise: the running number every Chinese table starts with, and
/// the row-number and reason columns of our own rejects file (so that a corrected rejects
/// file imports).
const SILENT: &[&str] = &[
    "序号",
    "编号",
    "no",
    "#",
    "原行号",
    "original row",
    "原因",
    "reason",
];

/// The comparison form of a header: width-folded, BOM and spacing removed (Chinese forms
/// space out short headers: `姓  名`), a required-marker `*` and a trailing hint in
/// parentheses (`出生日期（YYYY-MM-DD）`) dropped, English lower-cased with `_`/`-`/space
/// equivalent.
fn key(text: &str) -> String {
    let folded = fold_width(text);
    let before_hint = folded.split('(').next().unwrap_or("");
    before_hint
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{feff}' | '_' | '-' | '*' | ':' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The family link columns: not person fields, read after the people (see
/// [`crate::exchange::roster::RosterLink`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FamilyColumn {
    IdNumbers,
    Relations,
    Bases,
}

const FAMILY_COLUMNS: &[(FamilyColumn, &[&str])] = &[
    (
        FamilyColumn::IdNumbers,
        &["亲属身份证号", "relative_id_number", "亲属身份证号码"],
    ),
    (
        FamilyColumn::Relations,
        &["亲属关系", "relation", "与亲属关系"],
    ),
    (FamilyColumn::Bases, &["亲属依据", "relation_basis"]),
];

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Header {
    Field(Field),
    Family(FamilyColumn),
    Silent,
    Blank,
    Unknown,
}

pub(crate) fn classify(text: &str) -> Header {
    let k = key(text);
    if k.is_empty() {
        return Header::Blank;
    }
    let found = COLUMNS
        .iter()
        .find(|c| key(c.zh) == k || key(c.en) == k || c.aliases.iter().any(|a| key(a) == k));
    let family = FAMILY_COLUMNS
        .iter()
        .find(|(_, names)| names.iter().any(|n| key(n) == k));
    match found {
        Some(c) => Header::Field(c.field),
        None if family.is_some() => family.map_or(Header::Unknown, |(f, _)| Header::Family(*f)),
        None if SILENT.iter().any(|s| key(s) == k) => Header::Silent,
        None => Header::Unknown,
    }
}

/// The Chinese template header of a field, for problems about a column the file lacks.
pub(crate) fn zh_header(field: Field) -> &'static str {
    COLUMNS
        .iter()
        .find(|c| c.field == field)
        .map_or("", |c| c.zh)
}

/// How many leading non-blank rows may be title lines above the header row.
pub(crate) const HEADER_SEARCH: usize = 20;

/// Whether a row names both the name and the ID-number columns: the header row is the first
/// of the leading [`HEADER_SEARCH`] rows that does, so that title lines above the table
/// (`某某镇退役军人花名册`) are passed over; failing that it is the first non-blank row,
/// whose missing columns are then reported.
pub(crate) fn names_person(row: &GridRow) -> bool {
    let fields: Vec<Header> = row.cells.iter().map(|c| classify(&c.display())).collect();
    fields.contains(&Header::Field(Field::Name)) && fields.contains(&Header::Field(Field::IdNumber))
}

/// Which column holds which field.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    /// (column index, field), one per field.
    pub columns: Vec<(usize, Field)>,
    /// (column index, family link column), one per kind.
    pub family: Vec<(usize, FamilyColumn)>,
    /// Indices of columns without a header.
    pub blank: Vec<usize>,
    pub warnings: Vec<Msg>,
}

impl Layout {
    /// Matches the header row; a required column missing is an error naming it.
    pub fn new(headers: &[String], file: &str) -> Result<Layout, RosterError> {
        let mut layout = Layout {
            columns: Vec::new(),
            family: Vec::new(),
            blank: Vec::new(),
            warnings: Vec::new(),
        };
        for (col, text) in headers.iter().enumerate() {
            match classify(text) {
                Header::Field(field) => {
                    if let Some(&(first, _)) = layout.columns.iter().find(|(_, f)| *f == field) {
                        layout.warnings.push(
                            Msg::new("exchange.same_column")
                                .arg("column", text.trim())
                                .arg("first", headers[first].trim()),
                        );
                    } else {
                        layout.columns.push((col, field));
                    }
                }
                Header::Family(kind) => {
                    if !layout.family.iter().any(|(_, k)| *k == kind) {
                        layout.family.push((col, kind));
                    }
                }
                Header::Silent => {}
                Header::Blank => layout.blank.push(col),
                Header::Unknown => layout
                    .warnings
                    .push(Msg::new("exchange.unknown_column").arg("column", text.trim())),
            }
        }
        let missing: Vec<(&'static str, &'static str)> = COLUMNS
            .iter()
            .filter(|c| c.required && !layout.columns.iter().any(|(_, f)| *f == c.field))
            .map(|c| (c.zh, c.en))
            .collect();
        if !missing.is_empty() {
            return Err(RosterError::MissingColumns {
                file: file.to_string(),
                columns: missing,
            });
        }
        Ok(layout)
    }
}

/// The spreadsheet letter of a 0-based column index: A, B, …, Z, AA, ….
pub(crate) fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_in_both_languages_and_common_spellings() {
        assert_eq!(classify("姓名"), Header::Field(Field::Name));
        assert_eq!(classify("\u{feff}姓  名 "), Header::Field(Field::Name));
        assert_eq!(classify("ID_Number"), Header::Field(Field::IdNumber));
        assert_eq!(classify("ID number"), Header::Field(Field::IdNumber));
        assert_eq!(classify("*身份证号码"), Header::Field(Field::IdNumber));
        assert_eq!(
            classify("出生日期（YYYY-MM-DD）"),
            Header::Field(Field::BirthDate)
        );
        assert_eq!(classify("PHONE"), Header::Field(Field::Phone));
        assert_eq!(classify("序号"), Header::Silent);
        assert_eq!(classify("  "), Header::Blank);
        assert_eq!(classify("爱好"), Header::Unknown);
    }

    #[test]
    fn missing_required_columns_are_all_named() {
        let headers: Vec<String> = ["姓名", "性别"].iter().map(|s| s.to_string()).collect();
        let err = Layout::new(&headers, "a.csv").unwrap_err();
        assert_eq!(
            err,
            RosterError::MissingColumns {
                file: "a.csv".into(),
                columns: vec![("身份证号", "id_number"), ("人员类别", "category")],
            }
        );
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }
}
