//! Every screen in every bundled theme, checked for what the theme promises: `mono` draws
//! no colour at all, `high-contrast` keeps every character at a contrast ratio of at least
//! 4.5:1 (WCAG 2, level AA), and `default` and `light` never draw a character in its own
//! background colour. The screens come from an exhaustive match on [`ScreenId`], so a new
//! screen does not compile until this test reaches it.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use stationdesk::domain::officer::{HashCost, HashedPassword, Role};
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;
use stationdesk::tui::keymap::Keymap;
use stationdesk::tui::screens::ScreenId;
use stationdesk::tui::session::{AuthInit, Start};
use stationdesk::tui::theme::Theme;

/// The contrast `high-contrast` promises (README, "Themes").
const HIGH_CONTRAST: f64 = 4.5;

const PASSWORD: &str = "correct horse";

/// Every screen, in the order of [`ScreenId`]: the list is walked from an exhaustive match,
/// so a new screen does not compile until it is placed in the walk.
fn every_screen() -> Vec<ScreenId> {
    let mut all = Vec::new();
    let mut id = ScreenId::Dashboard;
    loop {
        all.push(id);
        id = match id {
            ScreenId::Dashboard => ScreenId::Lookup,
            ScreenId::Lookup => ScreenId::Profile,
            ScreenId::Profile => ScreenId::Walkins,
            ScreenId::Walkins => ScreenId::Petitions,
            ScreenId::Petitions => ScreenId::Checklist,
            ScreenId::Checklist => ScreenId::Reports,
            ScreenId::Reports => ScreenId::PersonForm,
            ScreenId::PersonForm => ScreenId::VisitForm,
            ScreenId::VisitForm => ScreenId::VisitView,
            ScreenId::VisitView => ScreenId::LinkOffer,
            ScreenId::LinkOffer => ScreenId::PersonWalkins,
            ScreenId::PersonWalkins => ScreenId::Family,
            ScreenId::Family => ScreenId::FamilyLink,
            ScreenId::FamilyLink => ScreenId::PetitionCase,
            ScreenId::PetitionCase => ScreenId::PetitionForm,
            ScreenId::PetitionForm => ScreenId::ChecklistHistory,
            ScreenId::ChecklistHistory => ScreenId::ChecklistRules,
            ScreenId::ChecklistRules => ScreenId::CalendarYears,
            ScreenId::CalendarYears => ScreenId::FirstRun,
            ScreenId::FirstRun => ScreenId::Login,
            ScreenId::Login => ScreenId::Lock,
            ScreenId::Lock => ScreenId::Officers,
            ScreenId::Officers => ScreenId::Password,
            ScreenId::Password => break,
        };
    }
    all
}

/// The app in `theme`, brought to the screen `id` (with the sample people, and 张三丰's
/// walk-ins and petition so that the profile and the case have something to show). One arm
/// per screen and no wildcard.
fn open(lang: Lang, theme: &Theme, id: ScreenId) -> Harness {
    let signed_in = || {
        let mut h = Harness::with(lang, theme.clone(), Keymap::defaults(), Vec::new());
        common::history::add(&mut h.store, h.ids[0]);
        h
    };
    let gate = |start: Start| {
        let mut store = common::store(None, common::clock());
        if matches!(start, Start::Login) {
            let hash = HashedPassword::with_cost(PASSWORD, HashCost::TESTING).unwrap();
            store
                .add_officer("wangli", "王丽", Role::Officer, &hash)
                .unwrap();
        }
        let auth = AuthInit {
            start,
            ..AuthInit::default()
        };
        Harness::auth_themed(lang, theme.clone(), store, auth)
    };
    let as_wangli = |then: Action| {
        let mut h = gate(Start::Login);
        let sign_in = [
            vec![Action::ClearField],
            "wangli".chars().map(Action::Type).collect(),
            vec![Action::Submit],
            PASSWORD.chars().map(Action::Type).collect(),
            vec![Action::Submit, then],
        ];
        for action in sign_in.concat() {
            h.send(action);
        }
        h
    };
    let lookup = |query: &str| {
        let mut path = vec![Action::GotoLookup];
        path.extend(query.chars().map(Action::Type));
        path
    };
    let path: Vec<Action> = match id {
        ScreenId::Dashboard => vec![],
        ScreenId::Lookup => [lookup("45"), vec![Action::MoveDown]].concat(),
        ScreenId::Profile => [lookup("zsf"), vec![Action::Open]].concat(),
        ScreenId::Walkins => vec![Action::GotoWalkins],
        ScreenId::Petitions => vec![Action::GotoPetitions],
        ScreenId::Checklist => vec![Action::GotoChecklist],
        ScreenId::Reports => vec![Action::GotoReports],
        // The forms saved empty, so that their errors show too.
        ScreenId::PersonForm => [lookup("王五"), vec![Action::NewItem, Action::Save]].concat(),
        ScreenId::VisitForm => vec![Action::GotoWalkins, Action::NewItem, Action::Save],
        // 2026-11-20's register, its walk-in opened.
        ScreenId::VisitView => [
            vec![Action::GotoWalkins, Action::GotoDate],
            "11-20".chars().map(Action::Type).collect(),
            vec![Action::Open, Action::Open],
        ]
        .concat(),
        // A visitor registered under 张三丰's name before the record: opening it offers them.
        ScreenId::LinkOffer => {
            let mut h = signed_in();
            common::history::add_unlinked(&mut h.store, "张三丰", "", "来问政策");
            for action in [lookup("zsf"), vec![Action::Open]].concat() {
                h.send(action);
            }
            return h;
        }
        ScreenId::PersonWalkins => [lookup("zsf"), vec![Action::Open, Action::Open]].concat(),
        ScreenId::Family => [lookup("zsf"), vec![Action::Open, Action::FamilyLinks]].concat(),
        // The link form saved empty, so that its errors show too.
        ScreenId::FamilyLink => [
            lookup("zsf"),
            vec![
                Action::Open,
                Action::FamilyLinks,
                Action::NewItem,
                Action::Save,
            ],
        ]
        .concat(),
        ScreenId::PetitionCase => vec![Action::GotoPetitions, Action::Open],
        ScreenId::PetitionForm => vec![Action::GotoPetitions, Action::NewItem, Action::Save],
        ScreenId::ChecklistHistory => vec![Action::GotoChecklist, Action::ChecklistHistory],
        ScreenId::ChecklistRules => vec![Action::GotoChecklist, Action::ChecklistRules],
        ScreenId::CalendarYears => vec![Action::GotoChecklist, Action::CalendarYears],
        ScreenId::FirstRun => return gate(Start::FirstRun),
        ScreenId::Login => return gate(Start::Login),
        // Only an officer with a password locks the desk or changes it.
        ScreenId::Lock => return as_wangli(Action::Lock),
        ScreenId::Officers => vec![Action::Officers],
        ScreenId::Password => return as_wangli(Action::ChangePassword),
    };
    let mut h = signed_in();
    for action in path {
        h.send(action);
    }
    h
}

#[test]
fn the_walk_holds_every_screen_once() {
    let all = every_screen();
    // A fieldless enum numbers its variants 0, 1, 2… in order: the walk holds each number
    // once, so it misses no screen declared before the last one it holds.
    let numbers: Vec<usize> = all.iter().map(|id| *id as usize).collect();
    assert_eq!(numbers, (0..all.len()).collect::<Vec<_>>());
    assert_eq!(all.last(), Some(&ScreenId::Password));
}

#[test]
fn every_screen_is_reached_by_its_path() {
    let theme = Theme::fallback();
    for id in every_screen() {
        let h = open(Lang::Zh, &theme, id);
        assert_eq!(h.app.screen_id(), id);
    }
}

#[test]
fn every_screen_in_every_theme() {
    for name in Theme::bundled_names() {
        let theme = Theme::bundled(name).unwrap();
        for id in every_screen() {
            for lang in [Lang::Zh, Lang::En] {
                let mut h = open(lang, &theme, id);
                assert_eq!(h.app.screen_id(), id, "{name}: the path to {id:?}");
                for (w, rows) in [(80, 24), (120, 40)] {
                    let what = format!("{name}, {id:?} {lang:?} {w}x{rows}");
                    keeps_its_promise(name, &h.buffer(w, rows), &what);
                }
                // And the help over it, which lists the screen's own keys.
                h.send(Action::Help);
                let what = format!("{name}, help over {id:?} {lang:?}");
                keeps_its_promise(name, &h.buffer(80, 24), &what);
            }
        }
    }
}

/// What each bundled theme promises, cell by cell; a new theme must say what it promises.
fn keeps_its_promise(theme: &str, buffer: &Buffer, what: &str) {
    for (i, cell) in buffer.content().iter().enumerate() {
        let at = format!("{what}: cell {i} {:?}", cell.symbol());
        let visible = !cell.symbol().trim().is_empty();
        match theme {
            "mono" => assert!(
                cell.fg == Color::Reset && cell.bg == Color::Reset,
                "{at} has {:?} on {:?}",
                cell.fg,
                cell.bg
            ),
            "high-contrast" if visible => {
                assert!(!cell.modifier.contains(Modifier::DIM), "{at} is dim");
                // Where the theme leaves a colour to the terminal, it is taken to be the
                // theme's own white on black.
                let fg = rgb(cell.fg).unwrap_or(WHITE);
                let bg = rgb(cell.bg).unwrap_or(BLACK);
                let ratio = contrast(fg, bg);
                assert!(
                    ratio >= HIGH_CONTRAST,
                    "{at}: {:?} on {:?} is {ratio:.2}:1",
                    cell.fg,
                    cell.bg
                );
            }
            "default" | "light" if visible => assert!(
                cell.fg == Color::Reset || cell.fg != cell.bg,
                "{at} is drawn in its own background {:?}",
                cell.bg
            ),
            "high-contrast" | "default" | "light" => {}
            other => panic!("say what the theme {other} promises"),
        }
    }
}

/// Every role of `theme`, named; the pattern has no `..`, so a new role does not compile
/// until it is listed here.
fn roles(theme: &Theme) -> Vec<(&'static str, Style)> {
    let Theme {
        name: _,
        text,
        muted,
        accent,
        focus,
        selection,
        error,
        warning,
        success,
        border,
        title,
        title_bar,
        tab,
        tab_active,
        status_bar,
        key_hint,
        bar,
        bar_alt,
        input,
    } = theme;
    vec![
        ("text", *text),
        ("muted", *muted),
        ("accent", *accent),
        ("focus", *focus),
        ("selection", *selection),
        ("error", *error),
        ("warning", *warning),
        ("success", *success),
        ("border", *border),
        ("title", *title),
        ("title_bar", *title_bar),
        ("tab", *tab),
        ("tab_active", *tab_active),
        ("status_bar", *status_bar),
        ("key_hint", *key_hint),
        ("bar", *bar),
        ("bar_alt", *bar_alt),
        ("input", *input),
    ]
}

#[test]
fn every_role_keeps_its_themes_promise() {
    for name in Theme::bundled_names() {
        let theme = Theme::bundled(name).unwrap();
        // The frame is filled with the text role, so a role without a background sits on
        // the text role's.
        let ground = theme.text.bg;
        for (role, style) in roles(&theme) {
            let (fg, bg) = (style.fg, style.bg.or(ground));
            match name {
                "mono" => assert_eq!((fg, bg), (None, None), "mono: {role} has a colour"),
                "high-contrast" => {
                    let fg = fg.and_then(rgb).unwrap_or(WHITE);
                    let bg = bg.and_then(rgb).unwrap_or(BLACK);
                    let ratio = contrast(fg, bg);
                    assert!(
                        ratio >= HIGH_CONTRAST,
                        "high-contrast: {role} is {ratio:.2}:1"
                    );
                }
                "default" | "light" => {
                    assert!(
                        fg.is_none() || fg != bg,
                        "{name}: {role}'s text is its background"
                    );
                }
                other => panic!("say what the theme {other} promises"),
            }
        }
    }
}

const WHITE: [u8; 3] = [255, 255, 255];
const BLACK: [u8; 3] = [0, 0, 0];

/// A colour's red, green and blue in xterm's standard palette; `None` for the terminal's
/// own colour (`Reset`).
fn rgb(colour: Color) -> Option<[u8; 3]> {
    const ANSI: [[u8; 3]; 16] = [
        [0, 0, 0],
        [205, 0, 0],
        [0, 205, 0],
        [205, 205, 0],
        [0, 0, 238],
        [205, 0, 205],
        [0, 205, 205],
        [229, 229, 229],
        [127, 127, 127],
        [255, 0, 0],
        [0, 255, 0],
        [255, 255, 0],
        [92, 92, 255],
        [255, 0, 255],
        [0, 255, 255],
        [255, 255, 255],
    ];
    let index = match colour {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => return Some([r, g, b]),
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(i) => i,
    };
    Some(match index {
        0..=15 => ANSI[usize::from(index)],
        16..=231 => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
            let n = index - 16;
            [level(n / 36), level(n / 6 % 6), level(n % 6)]
        }
        _ => [8 + 10 * (index - 232); 3],
    })
}

/// WCAG 2's relative luminance of an sRGB colour.
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2's contrast ratio, from 1:1 to 21:1.
fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn the_contrast_sums_agree_with_wcag() {
    assert!((contrast(WHITE, BLACK) - 21.0).abs() < 1e-9);
    assert!((contrast(BLACK, BLACK) - 1.0).abs() < 1e-9);
    // #767676 on white is the lightest grey that passes AA: 4.54:1.
    let ratio = contrast([0x76; 3], WHITE);
    assert!((4.5..4.6).contains(&ratio), "{ratio}");
}
