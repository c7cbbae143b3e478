//! Telling the user what is wrong: sentences for the report, and the rejects file.
use super::{Roster, RowProblem};
use crate::exchange::atomic::write_atomic;
use crate::exchange::display_name;
use crate::i18n::{Lang, t, tf, visible_except};
use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Where the rejects of `input` go: the input's full name with `.rejects.csv` appended
/// (`roster.xlsx` → `roster.xlsx.rejects.csv`), beside it. Keeping the original extension
/// in the name means the rejects of `roster.csv` and `roster.xlsx` never overwrite each
/// other.
pub fn rejects_path(input: &Path) -> PathBuf {
    let mut name = input
        .file_name()
        .map_or_else(|| OsString::from("roster"), |n| n.to_os_string());
    name.push(".rejects.csv");
    input.with_file_name(name)
}

/// The reasons of a row in one cell: `「身份证号」…；「联系电话」…`.
fn reasons(problems: &[RowProblem], lang: Lang) -> String {
    problems
        .iter()
        .map(|p| {
            tf(
                lang,
                "exchange.reason_item",
                &[("column", &p.column), ("reason", &p.msg.render(lang))],
            )
        })
        .collect::<Vec<_>>()
        .join(&t(lang, "exchange.reason_join"))
}

/// Writes the invalid rows, with the original headers and cells, then a column giving each
/// row's number in the original file (as the spreadsheet counts them, the header of a plain
/// file being row 1) and a last column giving the reasons, as UTF-8 CSV with a BOM (so
/// Excel on Chinese Windows opens it correctly).
///
/// The cells are written as they were read so that the officer corrects the real data; the
/// row-number and reason columns are ignored on import, so the corrected file can be
/// imported as it is. Only control characters other than tabs and line breaks are changed:
/// they are written as the visible symbols the messages show (`␛`, `␀`), so that the
/// officer sees them where they are and opening the file cannot act on a terminal. The file is replaced atomically and
/// readable only by its owner: it holds ID numbers.
pub fn write_rejects(path: &Path, roster: &Roster, lang: Lang) -> io::Result<()> {
    let shown = |cell: &String| visible_except(cell, &['\t', '\n', '\r']).into_owned();
    write_atomic(path, |out| {
        out.write_all(b"\xEF\xBB\xBF")?;
        let mut writer = ::csv::WriterBuilder::new().flexible(true).from_writer(out);
        let mut header: Vec<String> = roster.headers.iter().map(shown).collect();
        header.push(t(lang, "rostermsg.row_header"));
        header.push(t(lang, "exchange.reason_header"));
        writer.write_record(&header)?;
        for row in roster.invalid_rows() {
            let Err(problems) = &row.result else { continue };
            let mut record: Vec<String> = row.raw.iter().map(shown).collect();
            record.resize(roster.headers.len(), String::new());
            record.push(row.row.to_string());
            record.push(reasons(problems, lang));
            writer.write_record(&record)?;
        }
        writer.flush()?;
        Ok(())
    })
}

/// One sentence per problem, in file order: `roster.csv 第 5 行「身份证号」：…`.
pub fn describe_problems(roster: &Roster, file: &Path, lang: Lang) -> Vec<String> {
    let name = display_name(file);
    roster
        .invalid_rows()
        .filter_map(|row| row.result.as_ref().err().map(|p| (row.row, p)))
        .flat_map(|(row, problems)| {
            let name = &name;
            problems.iter().map(move |p| {
                tf(
                    lang,
                    "exchange.problem",
                    &[
                        ("file", name),
                        ("row", &row),
                        ("column", &p.column),
                        ("reason", &p.msg.render(lang)),
                    ],
                )
            })
        })
        .collect()
}

/// One sentence per notice of a valid row, in file order: `roster.csv 第 5 行「身份证号」请核对：…`.
pub fn describe_notices(roster: &Roster, file: &Path, lang: Lang) -> Vec<String> {
    let name = display_name(file);
    roster
        .rows
        .iter()
        .flat_map(|row| {
            let name = &name;
            row.notices.iter().map(move |p| {
                tf(
                    lang,
                    "rostermsg.notice",
                    &[
                        ("file", name),
                        ("row", &row.row),
                        ("column", &p.column),
                        ("reason", &p.msg.render(lang)),
                    ],
                )
            })
        })
        .collect()
}

/// One sentence per warning, naming the file.
pub fn describe_warnings(roster: &Roster, file: &Path, lang: Lang) -> Vec<String> {
    let name = display_name(file);
    roster
        .warnings
        .iter()
        .map(|w| {
            tf(
                lang,
                "exchange.warning",
                &[("file", &name), ("warning", &w.render(lang))],
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_go_beside_the_input() {
        assert_eq!(
            rejects_path(Path::new("/data/花名册.xlsx")),
            PathBuf::from("/data/花名册.xlsx.rejects.csv")
        );
        assert_eq!(
            rejects_path(Path::new("roster.csv")),
            PathBuf::from("roster.csv.rejects.csv")
        );
    }
}
