//! The screen as text: the whole frame, or only some of its rows, such as the body between
//! the chrome. A snapshot of the body does not change when the title bar or the key hints
//! do, so each one changes only for a change to its own screen.
use super::Harness;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use stationdesk::i18n::Lang;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// Rows of chrome above the body (title bar, tabs) and below it (status line, key hints).
pub const CHROME_ABOVE: u16 = 2;
pub const CHROME_BELOW: u16 = 2;

impl Harness {
    /// The frame drawn at `w`x`h`, cell by cell.
    pub fn buffer(&mut self, w: u16, h: u16) -> Buffer {
        self.resize(w, h);
        let backend = ratatui::backend::TestBackend::new(w, h);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal.draw(|f| self.app.render(f)).unwrap();
        terminal.backend().buffer().clone()
    }

    /// The screen's body drawn at `w`x`h`: the rows between the title bar and tabs above and
    /// the status line and key hints below, as [`rows_text`] writes them.
    pub fn draw_body(&mut self, w: u16, h: u16) -> String {
        assert!(
            w >= 80 && h >= 24,
            "below 80x24 the program shows a notice and no body"
        );
        self.draw_rows(w, h, CHROME_ABOVE..h - CHROME_BELOW)
    }

    /// The box titled `title` (a dialog, the help) in the frame drawn at `w`x`h`, as
    /// [`area_text`] writes it.
    pub fn draw_box(&mut self, w: u16, h: u16, title: &str) -> String {
        let buffer = self.buffer(w, h);
        area_text(&buffer, titled_box(&buffer, title))
    }

    /// The rows `rows` of the frame drawn at `w`x`h`, as [`rows_text`] writes them.
    pub fn draw_rows(&mut self, w: u16, h: u16, rows: Range<u16>) -> String {
        rows_text(&self.buffer(w, h), rows)
    }
}

/// The rows `rows` of `buffer`, as [`area_text`] writes them.
pub fn rows_text(buffer: &Buffer, rows: Range<u16>) -> String {
    let area = Rect {
        x: 0,
        y: rows.start,
        width: buffer.area.width,
        height: rows.end - rows.start,
    };
    area_text(buffer, area)
}

/// One quoted line a row of `area`, so that blanks at either end stay visible; a wide
/// character takes its two columns and the cell it covers is left out.
pub fn area_text(buffer: &Buffer, area: Rect) -> String {
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut covered = 0;
        for x in area.left()..area.right() {
            let symbol = buffer[(x, y)].symbol();
            if covered > 0 {
                covered -= 1;
                continue;
            }
            line.push_str(symbol);
            covered = symbol.width().saturating_sub(1);
        }
        out.push('"');
        out.push_str(&line);
        out.push_str("\"\n");
    }
    out
}

/// The box whose top border holds `title`: along the top border to the top-right corner,
/// down to the bottom-right corner, and along the bottom border to the bottom-left corner
/// (a wide character under the box's left edge can hide its top-left corner).
pub fn titled_box(buffer: &Buffer, title: &str) -> Rect {
    let area = buffer.area;
    let symbol = |x: u16, y: u16| buffer[(x, y)].symbol();
    let top = (0..area.height)
        .find(|&y| rows_text(buffer, y..y + 1).contains(title))
        .unwrap_or_else(|| panic!("no box titled {title}"));
    // The title's column: the width of the row's text before it.
    let row = rows_text(buffer, top..top + 1);
    let before = &row[1..row.find(title).unwrap()];
    let first = u16::try_from(before.width()).unwrap();
    let right = (first..area.width)
        .find(|&x| symbol(x, top) == "+")
        .unwrap();
    let bottom = (top + 1..area.height)
        .find(|&y| symbol(right, y) == "+")
        .unwrap();
    let left = (0..right)
        .rev()
        .find(|&x| symbol(x, bottom) == "+")
        .unwrap();
    Rect {
        x: left,
        y: top,
        width: right - left + 1,
        height: bottom - top + 1,
    }
}

/// The languages and sizes each screen's body is drawn in for its snapshots.
pub const LANGS: [(Lang, &str); 2] = [(Lang::Zh, "zh"), (Lang::En, "en")];
pub const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// One body to snapshot: the snapshot's name, the language and size, and the text.
pub struct Shot {
    pub name: String,
    pub lang: Lang,
    pub size: (u16, u16),
    pub body: String,
}

impl Shot {
    /// The catalog's text for `key` in the shot's language.
    pub fn t(&self, key: &str) -> String {
        stationdesk::i18n::t(self.lang, key)
    }

    /// The first row of the body holding `text`.
    pub fn row(&self, text: &str) -> &str {
        self.body
            .lines()
            .find(|l| l.contains(text))
            .unwrap_or_else(|| panic!("{}: no row holds {text:?}\n{}", self.name, self.body))
    }

    /// Whether the body shows `text`.
    pub fn shows(&self, text: &str) -> bool {
        self.body.contains(text)
    }
}

/// The body of the screen that `setup` brings `make(lang)` to, in both languages at both
/// sizes, named `{name}_{lang}_{w}x{h}`.
pub fn shots(
    name: &str,
    make: impl Fn(Lang) -> Harness,
    setup: impl Fn(&mut Harness),
) -> Vec<Shot> {
    let mut shots = Vec::new();
    for (lang, code) in LANGS {
        let mut h = make(lang);
        setup(&mut h);
        for (w, rows) in SIZES {
            shots.push(Shot {
                name: format!("{name}_{code}_{w}x{rows}"),
                lang,
                size: (w, rows),
                body: h.draw_body(w, rows),
            });
        }
    }
    shots
}
