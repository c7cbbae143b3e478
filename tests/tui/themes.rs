//! Every screen in every bundled theme: drawn without a panic at both sizes, and the `mono`
//! theme (for 16-colour and monochrome terminals) really draws no colour anywhere, so no
//! screen has a colour of its own that bypasses the theme.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use ratatui::style::Color;
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;
use stationdesk::tui::keymap::Keymap;
use stationdesk::tui::theme::Theme;

/// The way to each screen from the dashboard.
fn screens() -> Vec<(&'static str, Vec<Action>)> {
    vec![
        ("dashboard", vec![]),
        (
            "lookup",
            vec![
                Action::GotoLookup,
                Action::Type('4'),
                Action::Type('5'),
                Action::MoveDown,
            ],
        ),
        (
            "profile",
            vec![
                Action::GotoLookup,
                Action::Type('z'),
                Action::Type('s'),
                Action::Type('f'),
                Action::Open,
            ],
        ),
        ("walk-ins", vec![Action::GotoWalkins]),
        (
            "walk-in form",
            vec![Action::GotoWalkins, Action::NewItem, Action::Save],
        ),
        ("petitions", vec![Action::GotoPetitions]),
        (
            "petition form",
            vec![Action::GotoPetitions, Action::NewItem, Action::Save],
        ),
        ("checklist", vec![Action::GotoChecklist]),
        ("reports", vec![Action::GotoReports]),
        ("help", vec![Action::GotoLookup, Action::Help]),
    ]
}

fn coloured(c: Color) -> bool {
    !matches!(c, Color::Reset)
}

#[test]
fn every_screen_in_every_theme() {
    for name in Theme::bundled_names() {
        let theme = Theme::bundled(name).unwrap();
        for (screen, path) in screens() {
            for lang in [Lang::Zh, Lang::En] {
                let mut h = Harness::with(lang, theme.clone(), Keymap::defaults(), Vec::new());
                for action in path.clone() {
                    h.send(action);
                }
                for (w, rows) in [(80, 24), (120, 40)] {
                    h.resize(w, rows);
                    let backend = ratatui::backend::TestBackend::new(w, rows);
                    let mut terminal = ratatui::Terminal::new(backend).unwrap();
                    terminal.draw(|f| h.app.render(f)).unwrap();
                    if name != "mono" {
                        continue;
                    }
                    for (i, cell) in terminal.backend().buffer().content().iter().enumerate() {
                        assert!(
                            !coloured(cell.fg) && !coloured(cell.bg),
                            "mono, {screen} {lang:?} {w}x{rows}: cell {} ({:?}) has {:?} on {:?}",
                            i,
                            cell.symbol(),
                            cell.fg,
                            cell.bg
                        );
                    }
                }
            }
        }
    }
}
