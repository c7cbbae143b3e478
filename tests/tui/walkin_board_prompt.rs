//! The walk-in board's "go to a day" prompt read whole, its label above its input, at 80
//! and 120 columns in both languages.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{bound, key, text};
use crossterm::event::KeyCode;
use stationdesk::i18n::Lang;

fn prompt_open(lang: Lang) -> Harness {
    let mut h = Harness::new(lang);
    key(&mut h, KeyCode::F(3));
    bound(&mut h, KeyCode::Char('g'));
    text(&mut h, "11-20");
    h
}

#[test]
fn the_go_to_a_day_prompt_is_read_whole_at_80_and_120_columns() {
    for (lang, whole) in [
        (Lang::En, "Enter goes, Esc cancels):"),
        (Lang::Zh, "回车确认，Esc 取消)："),
    ] {
        let mut h = prompt_open(lang);
        for w in [80, 120] {
            let body = h.draw_body(w, 24);
            assert!(body.contains(whole), "{w} columns:\n{body}");
            assert!(body.contains("11-20"), "{w} columns:\n{body}");
        }
    }
    let mut h = prompt_open(Lang::En);
    insta::assert_snapshot!("walkin_board_go_to_day_en_80x24", h.draw_body(80, 24));
}
