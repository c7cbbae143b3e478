//! A composed notice laid out as an A4 .docx in the usual official style (after GB/T 9704):
//! the title centred in a 宋体-like face, the case number under it on the right, the
//! addressee flush left, the body in 仿宋 with a two-character first-line indent, and the
//! officer, station and date at the bottom right.
use crate::domain::petition::notice::Notice;
use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType,
};
use std::io::{self, Cursor};

/// A4 in twentieths of a point.
const A4_WIDTH: u32 = 11906;
const A4_HEIGHT: u32 = 16838;
/// Margins of official paper: 37 mm top, 35 mm bottom, 28 mm left, 26 mm right.
const MARGIN_TOP: i32 = 2098;
const MARGIN_BOTTOM: i32 = 1984;
const MARGIN_LEFT: i32 = 1587;
const MARGIN_RIGHT: i32 = 1474;
/// 二号 (22 pt) for the title, 三号 (16 pt) for the text, in half-points.
const TITLE_SIZE: usize = 44;
const TEXT_SIZE: usize = 32;
/// Lines exactly 28 pt apart; a first-line indent of two 16 pt characters.
const LINE: i32 = 560;
const INDENT: i32 = 640;

/// The face names WPS and Word both resolve on a Chinese Windows; the east-Asian slot is the
/// one that decides how Chinese text prints.
const TITLE_FONT: &str = "宋体";
const TEXT_FONT: &str = "仿宋";

fn fonts(face: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(face)
        .ascii(face)
        .hi_ansi(face)
        .cs(face)
}

fn run(text: &str, face: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(face)).size(size)
}

fn spaced(p: Paragraph) -> Paragraph {
    p.line_spacing(
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(LINE),
    )
}

fn text_line(text: &str, align: AlignmentType) -> Paragraph {
    spaced(
        Paragraph::new()
            .add_run(run(text, TEXT_FONT, TEXT_SIZE))
            .align(align),
    )
}

/// The notice as the bytes of a .docx file.
pub fn notice_docx(notice: &Notice) -> io::Result<Vec<u8>> {
    let mut doc = Docx::new()
        .page_size(A4_WIDTH, A4_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT),
        )
        .default_fonts(fonts(TEXT_FONT))
        .default_size(TEXT_SIZE);
    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(run(&notice.title, TITLE_FONT, TITLE_SIZE).bold())
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().after(240)),
    );
    doc = doc.add_paragraph(text_line(&notice.number_line, AlignmentType::Right));
    doc = doc.add_paragraph(text_line("", AlignmentType::Left));
    doc = doc.add_paragraph(text_line(&notice.addressee, AlignmentType::Left));
    for para in &notice.paragraphs {
        // A reply's text keeps the officer's own line breaks, each a paragraph of its own.
        for line in para.split('\n') {
            doc = doc.add_paragraph(text_line(line, AlignmentType::Both).indent(
                None,
                Some(SpecialIndentType::FirstLine(INDENT)),
                None,
                None,
            ));
        }
    }
    doc = doc.add_paragraph(text_line("", AlignmentType::Left));
    doc = doc.add_paragraph(text_line("", AlignmentType::Left));
    for line in [&notice.officer_line, &notice.station, &notice.issued] {
        doc = doc.add_paragraph(text_line(line, AlignmentType::Right));
    }
    let mut out = Cursor::new(Vec::with_capacity(16 * 1024));
    doc.pack(&mut out).map_err(io::Error::other)?;
    Ok(out.into_inner())
}
