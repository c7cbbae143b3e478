//! Turning the rows below the header into people or problems.
use super::grid::{GridRow, RawCell, general_number};
use super::headers::{Layout, zh_header};
use super::{RosterRow, RowProblem};
use crate::domain::category::CategoryList;
use crate::domain::dates::from_excel_serial;
use crate::domain::id_number::IdNumber;
use crate::domain::person::{Field, IdRule, PersonInput, parse_flag};
use crate::domain::reimport::FieldSet;
use crate::i18n::Msg;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// Validates one row; `seen` maps the ID numbers of earlier rows to their row numbers.
pub(crate) fn validate_row(
    r: &GridRow,
    layout: &Layout,
    headers: &[String],
    seen: &mut HashMap<String, usize>,
    today: NaiveDate,
    categories: &CategoryList,
) -> RosterRow {
    let column_of = |field: Field| -> (usize, String) {
        layout
            .columns
            .iter()
            .find(|(_, f)| *f == field)
            .map_or((usize::MAX, zh_header(field).to_string()), |&(col, _)| {
                (col, headers[col].trim().to_string())
            })
    };

    let mut input = PersonInput::default();
    // (column index, problem): sorted by column at the end so a row reads left to right.
    let mut problems: Vec<(usize, RowProblem)> = Vec::new();
    let mut unreadable = Vec::new();
    let mut filled = FieldSet::EMPTY;
    for &(col, field) in &layout.columns {
        if !r.cell(col).is_blank() {
            filled.insert(field);
        }
        match field_text(r.cell(col), field) {
            Ok(text) => {
                if let Err(msg) = set(&mut input, field, text) {
                    let column = headers[col].trim().to_string();
                    problems.push((col, RowProblem { column, msg }));
                }
            }
            Err(msg) => {
                unreadable.push(field);
                let column = headers[col].trim().to_string();
                problems.push((col, RowProblem { column, msg }));
            }
        }
    }

    let id = IdNumber::parse(&input.id_number).ok();
    let mut notices = Vec::new();
    let result = input
        .validate_with(IdRule::Required, today, categories)
        .map(|v| {
            for (field, msg) in v.notices {
                let (col, column) = column_of(field);
                notices.push((col, RowProblem { column, msg }));
            }
            v.person
        });
    if let Err(errors) = &result {
        // A field whose cell was an error value is already reported; its "empty" follow-up
        // would only repeat it.
        for (field, msg) in errors.iter().filter(|(f, _)| !unreadable.contains(f)) {
            let (col, column) = column_of(*field);
            let msg = msg.clone();
            problems.push((col, RowProblem { column, msg }));
        }
    }
    if let Some(id) = id {
        match seen.entry(id.as_str().to_string()) {
            Entry::Occupied(first) => {
                let (col, column) = column_of(Field::IdNumber);
                let msg = Msg::new("exchange.duplicate_id")
                    .arg("value", id.as_str())
                    .arg("row", first.get());
                problems.push((col, RowProblem { column, msg }));
            }
            Entry::Vacant(slot) => {
                slot.insert(r.row);
            }
        }
    }

    let (family, family_problems) = super::family::links_of(r, layout, headers);
    problems.extend(family_problems);
    let result = match result {
        Ok(person) if problems.is_empty() => Ok(person),
        _ => {
            problems.sort_by_key(|(col, _)| *col);
            Err(problems.into_iter().map(|(_, p)| p).collect())
        }
    };
    // Only the rejects file needs the original cells; a valid row would only hold memory.
    let raw = if result.is_err() {
        let mut raw: Vec<String> = (0..headers.len()).map(|c| r.cell(c).display()).collect();
        while raw.last().is_some_and(String::is_empty) {
            raw.pop();
        }
        raw
    } else {
        Vec::new()
    };
    // A refused row's notices would only distract from what stops it.
    let notices = if result.is_ok() {
        notices.sort_by_key(|(col, _)| *col);
        notices.into_iter().map(|(_, p)| p).collect()
    } else {
        Vec::new()
    };
    RosterRow {
        row: r.row,
        result,
        raw,
        filled,
        notices,
        family,
    }
}

/// The text a cell gives a field.
///
/// Numbers need care: an ID number stored as a number has lost its last digits and shows in
/// scientific notation, so it is handed on in that form for the ID rule to refuse with the
/// message officers recognise; a phone stored as a number is exact and becomes its digits; a
/// date column may hold `19800305` typed as a number, or a date serial without a date format.
fn field_text(cell: &RawCell, field: Field) -> Result<String, Msg> {
    let is_date = matches!(
        field,
        Field::BirthDate | Field::EnlistDate | Field::DischargeDate
    );
    match cell {
        RawCell::Empty => Ok(String::new()),
        RawCell::Text(s) if matches!(field, Field::IdNumber | Field::Phone) => {
            Ok(unforce_text(s).to_string())
        }
        RawCell::Text(s) => Ok(s.clone()),
        RawCell::Number(f) if field == Field::Phone && f.fract() == 0.0 && f.abs() < 1e15 => {
            Ok(format!("{}", *f as i64))
        }
        RawCell::Number(f) if is_date => Ok(date_number_text(*f)),
        RawCell::Date(dt) if is_date => Ok(dt.date().format("%Y-%m-%d").to_string()),
        RawCell::Error(e) => Err(Msg::new("exchange.cell_error").arg("value", e)),
        other => Ok(other.display()),
    }
}

fn date_number_text(f: f64) -> String {
    if f.fract() == 0.0 {
        let n = f as i64;
        if (100_001..=999_912).contains(&n) || (10_000_101..=99_991_231).contains(&n) {
            return n.to_string();
        }
    }
    from_excel_serial(f).map_or_else(|| general_number(f), |d| d.format("%Y-%m-%d").to_string())
}

/// Removes the tricks people use to stop Excel turning a number column into numbers: a
/// leading apostrophe and the `="…"` formula form.
fn unforce_text(s: &str) -> &str {
    let t = s.trim();
    if let Some(inner) = t.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
        return inner;
    }
    t.strip_prefix('\'').unwrap_or(t)
}

/// Puts a cell's text into its field; the yes/no fields are read here (the rest are
/// checked by the person rules).
fn set(input: &mut PersonInput, field: Field, text: String) -> Result<(), Msg> {
    let slot = match field {
        Field::Hardship => {
            input.hardship = parse_flag(&text)?;
            return Ok(());
        }
        Field::KeyPerson => {
            input.key_person = parse_flag(&text)?;
            return Ok(());
        }
        Field::Name => &mut input.name,
        Field::IdNumber => &mut input.id_number,
        Field::Gender => &mut input.gender,
        Field::BirthDate => &mut input.birth_date,
        Field::Ethnicity => &mut input.ethnicity,
        Field::Phone => &mut input.phone,
        Field::Category => &mut input.category,
        Field::EnlistDate => &mut input.enlist_date,
        Field::DischargeDate => &mut input.discharge_date,
        Field::Hukou => &mut input.hukou,
        Field::Town => &mut input.town,
        Field::Village => &mut input.village,
        Field::Address => &mut input.address,
        Field::PoliticalStatus => &mut input.political_status,
        Field::Branch => &mut input.branch,
        Field::Unit => &mut input.unit,
        Field::Rank => &mut input.rank,
        Field::DisabilityGrade => &mut input.disability_grade,
        Field::DisabilityNature => &mut input.disability_nature,
        Field::Awards => &mut input.awards,
        Field::Employment => &mut input.employment,
        Field::Notes => &mut input.notes,
    };
    *slot = text;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_cells_become_field_text() {
        let id = field_text(&RawCell::Number(4.50102199001011e17), Field::IdNumber).unwrap();
        assert_eq!(id, "4.50102E+17");
        let phone = field_text(&RawCell::Number(13800001234.0), Field::Phone).unwrap();
        assert_eq!(phone, "13800001234");
        let birth = field_text(&RawCell::Number(19800305.0), Field::BirthDate).unwrap();
        assert_eq!(birth, "19800305");
        let serial = field_text(&RawCell::Number(45000.0), Field::EnlistDate).unwrap();
        assert_eq!(serial, "2023-03-15");
    }

    #[test]
    fn forced_text_is_unwrapped() {
        assert_eq!(unforce_text("=\"450102\""), "450102");
        assert_eq!(unforce_text("'450102"), "450102");
        assert_eq!(unforce_text(" 450102 "), "450102");
    }
}
