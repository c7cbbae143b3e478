//! The engine on a small form: navigation, typing, choices, checks, validation mapping,
//! dirty and discard, drafts, and drawing.
use super::*;
use crate::i18n::{Lang, Msg};
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::ScreenId;

/// A fixed list of twelve choices (the engine's behaviour, not the categories, is tested).
const KINDS: [&str; 12] = [
    "退役士兵",
    "军队转业干部",
    "复员干部",
    "退休军人",
    "残疾军人",
    "烈士遗属",
    "因公牺牲军人遗属",
    "病故军人遗属",
    "带病回乡退伍军人",
    "参战参试退役军人",
    "现役军人家属",
    "其他优抚对象",
];

fn specs() -> Vec<FieldSpec> {
    vec![
        FieldSpec::text("name", "field.name", 10).required(),
        FieldSpec::new(
            "kind",
            "field.category",
            FieldKind::Choice {
                options: KINDS
                    .iter()
                    .map(|c| ChoiceOption::new(*c, Label::Plain(c.to_string())))
                    .collect(),
            },
        ),
        FieldSpec::new("due", "field.birth_date", FieldKind::Date),
        FieldSpec::new("notes", "field.notes", FieldKind::Multiline { max: 100 }),
        FieldSpec::new("flag", "field.hardship", FieldKind::Check),
    ]
}

fn form() -> FormState {
    FormState::new(specs(), Lang::Zh)
}

fn slot() -> DraftSlot {
    DraftSlot::new("test", String::new(), "wang".into(), ScreenId::VisitForm)
}

fn typed(f: &mut FormState, s: &str) {
    for c in s.chars() {
        f.handle(&Action::Type(c));
    }
}

#[test]
fn tab_and_arrows_move_between_fields() {
    let mut f = form();
    assert_eq!(f.focused_key(), "name");
    f.handle(&Action::NextField);
    assert_eq!(f.focused_key(), "kind");
    // Up/Down pick within a choice, not move.
    f.handle(&Action::MoveDown);
    assert_eq!(f.focused_key(), "kind");
    assert_eq!(f.values().get("kind"), "退役士兵");
    f.handle(&Action::NextField);
    f.handle(&Action::MoveDown);
    assert_eq!(f.focused_key(), "notes");
    f.handle(&Action::PrevField);
    f.handle(&Action::PrevField);
    f.handle(&Action::PrevField);
    // Shift+Tab wraps to the last field.
    f.handle(&Action::PrevField);
    assert_eq!(f.focused_key(), "flag");
    f.set_visible("notes", false);
    f.handle(&Action::PrevField);
    assert_eq!(f.focused_key(), "due");
}

#[test]
fn chinese_is_edited_by_grapheme_and_the_limit_holds() {
    let mut f = form();
    typed(&mut f, "阿依古丽·买买提");
    assert_eq!(f.values().get("name"), "阿依古丽·买买提");
    f.handle(&Action::DeleteBack);
    f.handle(&Action::CursorLeft);
    f.handle(&Action::DeleteBack);
    assert_eq!(f.values().get("name"), "阿依古丽·买");
    // The limit is 10 characters: the eleventh is refused.
    typed(&mut f, "一二三四");
    assert_eq!(f.values().get("name").chars().count(), 10);
    typed(&mut f, "五");
    assert_eq!(f.values().get("name").chars().count(), 10);
}

#[test]
fn choices_by_number_and_type_ahead() {
    let mut f = form();
    f.focus_on("kind");
    typed(&mut f, "5");
    assert_eq!(f.values().get("kind"), "残疾军人");
    typed(&mut f, "1");
    // `51` is past the end: the 1 counts alone.
    assert_eq!(f.values().get("kind"), "退役士兵");
    typed(&mut f, "2");
    assert_eq!(f.values().get("kind"), "其他优抚对象");
    f.focus_on("name");
    f.focus_on("kind");
    typed(&mut f, "lsys");
    assert_eq!(f.values().get("kind"), "烈士遗属");
    typed(&mut f, "病故");
    assert_eq!(f.values().get("kind"), "病故军人遗属");
    f.handle(&Action::DeleteBack);
    assert_eq!(f.values().choice("kind"), None);
}

#[test]
fn space_toggles_a_check_and_enter_breaks_a_multiline_field() {
    let mut f = form();
    f.focus_on("flag");
    f.handle(&Action::Type(' '));
    assert!(f.values().check("flag"));
    f.focus_on("notes");
    typed(&mut f, "第一行");
    f.handle(&Action::Open);
    typed(&mut f, "二");
    assert_eq!(f.values().get("notes"), "第一行\n二");
    assert!(f.text_focused());
}

#[test]
fn errors_go_beside_their_fields_and_the_focus_to_the_first() {
    let mut f = form();
    f.focus_on("flag");
    let convert = |v: &FormValues| -> Result<String, FieldErrors> {
        let mut errs = Vec::new();
        if v.get("due").is_empty() {
            errs.push(("due", Msg::new("date.empty")));
        }
        if v.get("name").is_empty() {
            errs.push(("name", Msg::new("name.empty")));
        }
        if errs.is_empty() {
            Ok(v.get("name").to_string())
        } else {
            Err(errs)
        }
    };
    assert_eq!(f.handle(&Action::Save), FormEvent::Submit);
    assert_eq!(f.check(convert(&f.values())), None);
    assert_eq!(f.focused_key(), "name");
    assert!(f.errors()[0].is_some() && f.errors()[2].is_some());
    typed(&mut f, "张三");
    // Editing a field clears its error.
    assert!(f.errors()[0].is_none());
    f.focus_on("due");
    typed(&mut f, "+7");
    assert_eq!(f.check(convert(&f.values())), Some("张三".to_string()));
}

#[test]
fn date_shortcuts_show_the_resolved_date() {
    let mut f = form();
    f.focus_on("due");
    typed(&mut f, "+7");
    let screen = draw(&f, 80, 12);
    assert!(screen.contains("+7"), "{screen}");
    assert!(screen.contains("= 2026-12-02"), "{screen}");
}

#[test]
fn esc_asks_before_throwing_edits_away() {
    let mut f = form();
    assert_eq!(f.handle(&Action::Back), FormEvent::Close);
    typed(&mut f, "张");
    assert!(f.is_dirty());
    assert_eq!(f.handle(&Action::Back), FormEvent::None);
    assert!(f.prompt().is_some());
    // Other keys wait for the answer.
    assert_eq!(f.handle(&Action::Type('x')), FormEvent::None);
    assert_eq!(f.handle(&Action::Type('n')), FormEvent::None);
    assert_eq!(f.values().get("name"), "张");
    f.handle(&Action::Back);
    assert_eq!(f.handle(&Action::Type('y')), FormEvent::Close);
}

#[test]
fn drafts_are_kept_on_the_clock_and_offered_back() {
    let mut f = form().with_drafts(slot());
    assert_eq!(
        f.draft_lookup()
            .iter()
            .map(|e| format!("{e:?}"))
            .collect::<Vec<_>>()
            .len(),
        1
    );
    let tick = Action::Tick(chrono::NaiveDateTime::default());
    // Nothing to keep before an edit.
    for _ in 0..10 {
        assert!(f.background(&tick).unwrap().is_empty());
    }
    typed(&mut f, "张三");
    let mut saved = None;
    for _ in 0..10 {
        let effects = f.background(&tick).unwrap();
        if let Some(Effect::Db(DbJob::Draft(DraftJob::Save { body, .. }))) = effects.first() {
            saved = Some(body.clone());
            break;
        }
    }
    let body = saved.expect("a draft save within the interval");
    assert!(body.contains("张三"));
    // Kept: no second save until the next edit.
    assert!(f.draft_now().is_empty());

    let mut again = form().with_drafts(slot());
    let found = Loaded::Draft(DraftLoaded::Found {
        slot: again.draft_slot().unwrap(),
        body,
        saved_at: "09:30".into(),
    });
    again.background(&Action::Loaded(found));
    let screen = draw(&again, 80, 12);
    assert!(screen.contains("09:30"), "{screen}");
    again.handle(&Action::Type('y'));
    assert_eq!(again.values().get("name"), "张三");
    assert!(again.is_dirty());
}

fn draw(f: &FormState, w: u16, h: u16) -> String {
    let theme = crate::tui::theme::Theme::fallback();
    let keymap = crate::tui::keymap::Keymap::defaults();
    let index = crate::tui::screens::IndexStatus::Loading;
    let view = crate::tui::screens::View {
        lang: Lang::Zh,
        theme: &theme,
        keymap: &keymap,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default(),
        index: &index,
    };
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h))
        .unwrap_or_else(|_| unreachable!());
    let _ = term.draw(|frame| {
        render::render(f, frame, frame.area(), &view, "t".into(), Vec::new());
    });
    term.backend().to_string()
}

#[test]
fn a_tall_form_scrolls_to_the_focus() {
    let mut f = form();
    f.focus_on("flag");
    let screen = draw(&f, 80, 8);
    assert!(screen.contains("[ ]"), "{screen}");
    assert!(!screen.contains("姓名"), "{screen}");
}

/// Where the terminal cursor is after drawing the form (the input method's window
/// follows it).
fn cursor_at(f: &FormState, w: u16, h: u16) -> (u16, u16) {
    use ratatui::backend::Backend;
    let theme = crate::tui::theme::Theme::fallback();
    let keymap = crate::tui::keymap::Keymap::defaults();
    let index = crate::tui::screens::IndexStatus::Loading;
    let view = crate::tui::screens::View {
        lang: Lang::Zh,
        theme: &theme,
        keymap: &keymap,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default(),
        index: &index,
    };
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h))
        .unwrap_or_else(|_| unreachable!());
    let _ = term.draw(|frame| {
        render::render(f, frame, frame.area(), &view, "t".into(), Vec::new());
    });
    let p = term
        .backend_mut()
        .get_cursor_position()
        .unwrap_or_else(|_| unreachable!());
    (p.x, p.y)
}

#[test]
fn the_cursor_moves_over_chinese_by_display_columns() {
    let mut f = form();
    let (x0, y) = cursor_at(&f, 80, 12);
    typed(&mut f, "张三");
    assert_eq!(cursor_at(&f, 80, 12), (x0 + 4, y), "two wide characters");
    f.handle(&Action::CursorLeft);
    assert_eq!(
        cursor_at(&f, 80, 12),
        (x0 + 2, y),
        "one step is one character"
    );
    f.handle(&Action::CursorLeft);
    f.handle(&Action::CursorLeft);
    assert_eq!(cursor_at(&f, 80, 12), (x0, y), "and stops at the start");
    typed(&mut f, "a");
    assert_eq!(f.values().get("name"), "a张三");
    assert_eq!(cursor_at(&f, 80, 12), (x0 + 1, y));
    f.handle(&Action::CursorEnd);
    assert_eq!(cursor_at(&f, 80, 12), (x0 + 5, y));
    f.handle(&Action::CursorStart);
    f.handle(&Action::CursorRight);
    f.handle(&Action::CursorRight);
    assert_eq!(cursor_at(&f, 80, 12), (x0 + 3, y));

    // In a multi-line field too: columns by width, lines by Enter.
    f.focus_on("notes");
    let (n0, ny) = cursor_at(&f, 80, 12);
    typed(&mut f, "询问");
    assert_eq!(cursor_at(&f, 80, 12), (n0 + 4, ny));
    f.handle(&Action::Open);
    typed(&mut f, "ab");
    assert_eq!(cursor_at(&f, 80, 12), (n0 + 2, ny + 1));
    f.handle(&Action::MoveUp);
    assert_eq!(cursor_at(&f, 80, 12), (n0 + 2, ny), "column 2 is after 询");
}

#[test]
fn deletion_takes_whole_graphemes_typed_one_code_point_at_a_time() {
    let mut f = form();
    let (x0, y) = cursor_at(&f, 80, 12);
    // A rare character with its variation selector, and a letter with a combining accent,
    // arrive from the input method one code point at a time.
    typed(&mut f, "葛\u{E0100}e\u{301}");
    assert_eq!(f.values().get("name"), "葛\u{E0100}e\u{301}");
    assert_eq!(cursor_at(&f, 80, 12), (x0 + 3, y));
    f.handle(&Action::DeleteBack);
    assert_eq!(
        f.values().get("name"),
        "葛\u{E0100}",
        "the accent went with its letter"
    );
    f.handle(&Action::CursorLeft);
    assert_eq!(cursor_at(&f, 80, 12), (x0, y));
    f.handle(&Action::DeleteForward);
    assert_eq!(
        f.values().get("name"),
        "",
        "the selector went with its character"
    );
    typed(&mut f, "欧阳修");
    f.handle(&Action::CursorLeft);
    f.handle(&Action::DeleteBack);
    assert_eq!(f.values().get("name"), "欧修");
    assert_eq!(cursor_at(&f, 80, 12), (x0 + 2, y));
    f.handle(&Action::DeleteWordBack);
    assert_eq!(f.values().get("name"), "修");

    f.focus_on("notes");
    typed(&mut f, "一e\u{301}\n二");
    f.handle(&Action::CursorStart);
    f.handle(&Action::DeleteBack);
    assert_eq!(f.values().get("notes"), "一e\u{301}二", "joins the lines");
    f.handle(&Action::DeleteBack);
    assert_eq!(f.values().get("notes"), "一二");
}
