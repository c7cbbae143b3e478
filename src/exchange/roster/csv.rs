//! CSV rosters.
use super::RosterError;
use super::encoding::decode;
use super::grid::{GridRow, RawCell, ReadInfo, RowSink, reading_at};
use crate::work::Watcher;
use std::path::Path;

/// Reads a CSV file in any of the encodings Excel writes, handing each row to `sink`.
pub(crate) fn read(
    path: &Path,
    file: &str,
    sink: &mut RowSink,
    watcher: &mut dyn Watcher,
) -> Result<ReadInfo, RosterError> {
    let bytes = std::fs::read(path).map_err(|e| RosterError::from_io(file, &e))?;
    // A workbook renamed to .csv (zip or the old compound-document format) would otherwise
    // decode as garbage and be reported as missing every column.
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(RosterError::CsvIsExcel {
            file: file.to_string(),
        });
    }
    let (text, damaged) = decode(&bytes);
    parse(&text, file, sink, watcher)?;
    Ok(ReadInfo {
        encoding_damaged: damaged,
    })
}

/// Comma unless the first line says otherwise: "Unicode text" from Excel is tab-separated,
/// and some European-locale tools write semicolons.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.chars().filter(|x| *x == c).count();
    let (commas, tabs, semis) = (count(','), count('\t'), count(';'));
    if tabs > commas && tabs >= semis {
        b'\t'
    } else if semis > commas && semis > tabs {
        b';'
    } else {
        b','
    }
}

/// The number of empty lines starting at byte `start` of `text` (any of the terminators
/// `\r\n`, `\n`, `\r`).
fn blank_lines_at(text: &[u8], start: usize) -> usize {
    let mut rest = text.get(start..).unwrap_or(&[]);
    // The reader may stop between the two bytes of a CRLF; that LF ends the previous record.
    if start > 0 && text.get(start - 1) == Some(&b'\r') {
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
    }
    let mut count = 0;
    loop {
        rest = if let Some(r) = rest.strip_prefix(b"\r\n") {
            r
        } else if let Some(r) = rest
            .strip_prefix(b"\n")
            .or_else(|| rest.strip_prefix(b"\r"))
        {
            r
        } else {
            return count;
        };
        count += 1;
    }
}

/// Parses CSV text, handing each row to `sink` as soon as it is read. Rows keep the number
/// a spreadsheet would give them, counting blank lines (which the csv reader skips) and
/// counting a quoted cell spanning lines as one row.
pub(crate) fn parse(
    text: &str,
    file: &str,
    sink: &mut RowSink,
    watcher: &mut dyn Watcher,
) -> Result<(), RosterError> {
    // Lines, for the progress of reading: a cell spanning lines makes the count a little
    // high, and the last row then jumps to the end.
    let lines = bytecount_lines(text.as_bytes());
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(text))
        .from_reader(text.as_bytes());
    let mut next_row = 1usize;
    let mut record = ::csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(RosterError::BadCsv {
                    file: file.to_string(),
                    row: next_row,
                    reason: e.to_string(),
                });
            }
        }
        // The reader reports where it started reading, which is before any blank lines it
        // skipped; a spreadsheet shows those as rows, so count them.
        let start = record.position().map_or(0, |p| p.byte());
        let start = usize::try_from(start).unwrap_or(usize::MAX);
        let row = next_row + blank_lines_at(text.as_bytes(), start);
        next_row = row + 1;
        let cells = record
            .iter()
            .map(|f| {
                if f.is_empty() {
                    RawCell::Empty
                } else {
                    RawCell::Text(f.to_string())
                }
            })
            .collect();
        reading_at(watcher, row, Some(lines))?;
        sink(GridRow { row, cells })?;
    }
    let last = next_row.saturating_sub(1);
    reading_at(watcher, last, Some(last as u64))?;
    Ok(())
}

/// The number of lines of `text`, a last one without its line end included.
fn bytecount_lines(text: &[u8]) -> u64 {
    let ends = text.iter().filter(|&&b| b == b'\n').count() as u64;
    ends + u64::from(!text.is_empty() && !text.ends_with(b"\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(usize, Vec<String>)> {
        let mut rows = Vec::new();
        parse(
            text,
            "t.csv",
            &mut |r: GridRow| {
                rows.push((r.row, r.cells.iter().map(RawCell::display).collect()));
                Ok(())
            },
            &mut crate::work::Unwatched,
        )
        .unwrap();
        rows
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_counts() {
        let got = rows("a,b\n1,2\n\n3,\"x\ny\"\n4,5\r\n\r\n\r\n6,7\n");
        let numbers: Vec<usize> = got.iter().map(|(r, _)| *r).collect();
        assert_eq!(numbers, vec![1, 2, 4, 5, 8]);
        assert_eq!(got[2].1, vec!["3", "x\ny"]);
    }

    #[test]
    fn ragged_rows_are_read() {
        let got = rows("a,b,c\n1\n1,2,3,4\n");
        assert_eq!(got[1].1, vec!["1"]);
        assert_eq!(got[2].1.len(), 4);
    }

    #[test]
    fn tabs_are_sniffed() {
        let got = rows("姓名\t身份证号\n张三\t1\n");
        assert_eq!(got[1].1, vec!["张三", "1"]);
    }
}
