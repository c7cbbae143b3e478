//! The Reports screen (F6) and the dashboard's charts on a fixed data set: snapshots at
//! 80x24 and 120x40 in Chinese and English, the keys that move and switch the report, the
//! export with its audit record, and drawing at any size without a panic.
#![allow(clippy::unwrap_used)]
use crate::common;

use chrono::{NaiveDate, NaiveDateTime};
use common::Harness;
use common::keys::bound;
use common::screen::{Shot, shots};
use crossterm::event::KeyCode;
use stationdesk::domain::checklist::ItemState;
use stationdesk::domain::report::Period;
use stationdesk::domain::visit::{VisitInput, purpose_name};
use stationdesk::i18n::{Lang, tf};
use stationdesk::store::Store;
use stationdesk::tui::action::{Action, Loaded};
use stationdesk::tui::effect::{DbJob, Effect};
use stationdesk::tui::keymap::Keymap;
use stationdesk::tui::screens::reports::Reports;
use stationdesk::tui::screens::reports::jobs::ReportJob;
use stationdesk::tui::screens::{Cx, IndexStatus, Screen, ScreenId, View};
use stationdesk::tui::theme::Theme;
use std::path::Path;

fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

fn at(day: u32, h: u32) -> NaiveDateTime {
    d(day).and_hms_opt(h, 0, 0).unwrap()
}

/// Walk-ins: `(day, hour, purpose, outcome, person index or none)`.
const VISITS: [(u32, u32, usize, &str, Option<usize>); 16] = [
    (2, 9, 0, "done", Some(0)),
    (2, 10, 0, "follow_up", Some(1)),
    (3, 9, 3, "referred", Some(3)),
    (9, 11, 1, "done", Some(2)),
    (12, 9, 0, "done", None),
    (13, 15, 2, "petition", Some(4)),
    (16, 9, 0, "done", Some(0)),
    (16, 10, 5, "done", Some(3)),
    (17, 14, 1, "referred", None),
    (18, 9, 0, "done", Some(1)),
    (20, 9, 3, "follow_up", Some(2)),
    (23, 16, 0, "done", Some(4)),
    (24, 9, 2, "done", Some(0)),
    (25, 8, 0, "done", Some(3)),
    (25, 9, 1, "referred", None),
    (25, 9, 9, "petition", Some(1)),
];

/// The fixed data set: the sample people, the walk-ins above, and a checklist begun on
/// Monday the 16th (16 and 17 complete, 18 with an exception, the rest missed). The clock
/// ends at the harness's "now", 25 November 2026 09:30.
fn fixture(file: Option<&Path>) -> (Store, Vec<i64>) {
    let clock = common::clock_at(at(2, 8));
    let mut store = common::store(file, clock.clone());
    store.set_actor("wang");
    let ids = common::fill(&mut store);
    for (day, hour, purpose, outcome, person) in VISITS {
        let visit = VisitInput {
            person_id: person.map(|i| ids[i]),
            visitor_name: "张三".into(),
            purpose: Some(purpose),
            outcome: outcome.into(),
            follow_up_date: "+3".into(),
            referred_to: "民政局".into(),
            handler: "wang".into(),
            ..Default::default()
        }
        .validate(at(day, hour))
        .unwrap();
        store.save_visit(&visit).unwrap();
    }
    for day in [16, 17, 18] {
        clock.set(at(day, 9));
        let opened = store.open_checklist_day(d(day)).unwrap();
        for (i, item) in opened.items.iter().enumerate() {
            let (state, note) = if day == 18 && i == 0 {
                (ItemState::Exception, "系统故障，改用纸质登记")
            } else {
                (ItemState::Done, "")
            };
            store
                .set_checklist_item(d(day), item.rule_id, state, note)
                .unwrap();
        }
        store.sign_checklist_day(d(day)).unwrap();
    }
    clock.set(common::now());
    (store, ids)
}

fn harness(lang: Lang) -> Harness {
    let mut h = Harness::new(lang);
    let (store, ids) = fixture(None);
    h.store = store;
    h.ids = ids;
    h
}

/// The row of policy enquiries (7 of the month's 16 walk-ins).
fn policy_row(s: &Shot) -> &str {
    s.row(purpose_name(0, s.lang))
}

#[test]
fn monthly_report() {
    for s in shots("reports_monthly", harness, |h| h.send(Action::GotoReports)) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // November's 16 walk-ins, 3 on the busiest day, 7 of them policy enquiries.
        assert!(
            s.body
                .lines()
                .next()
                .unwrap()
                .contains("2026-11-01 ~ 2026-11-30")
        );
        let per_day = tf(s.lang, "tui_reports.per_day_title", &[("max", &3)]);
        assert!(s.shows(&per_day), "{}", s.body);
        assert!(policy_row(&s).contains(" 7  43.8%"), "{}", s.body);
    }
}

#[test]
fn monthly_report_scrolled() {
    let setup = |h: &mut Harness| {
        h.send(Action::GotoReports);
        h.send(Action::MoveDown);
        h.send(Action::MoveDown);
    };
    for s in shots("reports_monthly_scrolled", harness, setup) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // The summary line stays. At 120x40 two rows reach the end, and it says there is
        // more above; at 80x24 the chart has gone up and the purposes lead.
        let summary = s.body.lines().next().unwrap();
        assert!(summary.contains("2026-11-01 ~ 2026-11-30"), "{summary}");
        if s.size == (120, 40) {
            assert!(
                summary.contains(&s.t("tui_reports.more_above")),
                "{summary}"
            );
        } else {
            assert!(policy_row(&s).contains(" 7 "), "{}", s.body);
            let per_day = tf(s.lang, "tui_reports.per_day_title", &[("max", &3)]);
            assert!(!s.shows(&per_day), "{}", s.body);
        }
    }
}

#[test]
fn daily_report() {
    let setup = |h: &mut Harness| {
        h.send(Action::GotoReports);
        h.send(Action::SwitchPeriod);
    };
    for s in shots("reports_daily", harness, setup) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // The 25th alone: three walk-ins, one each of three purposes.
        let summary = s.body.lines().next().unwrap();
        assert!(
            summary.contains("2026-11-25") && !summary.contains(" ~ "),
            "{summary}"
        );
        assert!(policy_row(&s).contains(" 1  33.3%"), "{}", s.body);
        // The checklist figure is the day's (today, not signed yet: no day counted), not
        // the month's 3 of 7; and with no day due it says so instead of "- (0/0 days)".
        let day = stationdesk::i18n::t(s.lang, "tui_reports.checklist_title_no_days");
        assert!(s.shows(&day), "{}", s.body);
        assert!(!s.body.contains("0/0"), "{}", s.body);
    }
}

#[test]
fn dashboard_with_charts() {
    for s in shots("dashboard_charts", harness, |h| {
        h.send(Action::GotoDashboard)
    }) {
        insta::assert_snapshot!(s.name.clone(), &s.body);
        // The fortnight's busiest day had 3 walk-ins; two follow-ups are overdue.
        let fortnight = tf(s.lang, "tui_reports.fortnight_title", &[("max", &3)]);
        assert!(s.shows(&fortnight), "{}", s.body);
        let overdue = tf(s.lang, "tui.dashboard.todo_followups_overdue", &[("n", &2)]);
        assert!(s.shows(&overdue), "{}", s.body);
    }
}

#[test]
fn report_help_lists_the_keys() {
    let mut h = harness(Lang::En);
    h.send(Action::GotoReports);
    h.send(Action::Help);
    let screen = h.draw(120, 40);
    for text in [
        "Daily / monthly",
        "Export to .xlsx",
        "Previous day or month",
    ] {
        assert!(screen.contains(text), "{text}\n{screen}");
    }
}

#[test]
fn keys_toggle_and_move_the_period() {
    let mut h = harness(Lang::En);
    bound(&mut h, KeyCode::F(6));
    assert_eq!(h.app.screen_id(), ScreenId::Reports);
    let screen = h.draw(120, 40);
    assert!(
        screen.contains("Monthly report 2026-11-01 ~ 2026-11-30"),
        "{screen}"
    );
    assert!(screen.contains("Walk-ins 16"), "{screen}");
    bound(&mut h, KeyCode::Char(' '));
    let screen = h.draw(120, 40);
    assert!(screen.contains("Daily report 2026-11-25"), "{screen}");
    assert!(screen.contains("Walk-ins 3"), "{screen}");
    bound(&mut h, KeyCode::Left);
    assert!(h.draw(80, 24).contains("Daily report 2026-11-24"));
    bound(&mut h, KeyCode::PageDown);
    bound(&mut h, KeyCode::Right);
    assert!(h.draw(80, 24).contains("Daily report 2026-11-26"));
    // Back to monthly, a month earlier: October has no walk-ins.
    bound(&mut h, KeyCode::Char('t'));
    let effects = h.app.update(Action::PrevPeriod);
    assert!(matches!(
        &effects[0],
        Effect::Db(DbJob::Reports(ReportJob::Load {
            period: Period::Month {
                year: 2026,
                month: 10
            },
            ..
        }))
    ));
    // Until the answer arrives the old month is not shown as if it were October.
    assert!(h.draw(80, 24).contains("2026-10-01 ~ 2026-10-31"));
    h.perform(effects);
    let screen = h.draw(80, 24);
    assert!(screen.contains("Walk-ins 0"), "{screen}");
    bound(&mut h, KeyCode::Esc);
    assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
}

#[test]
fn a_late_answer_for_another_period_is_dropped() {
    let mut h = harness(Lang::En);
    h.send(Action::GotoReports);
    let october = stationdesk::store::report_data::gather(
        &h.store,
        Period::Month {
            year: 2026,
            month: 10,
        },
        d(25),
        Lang::En,
    )
    .unwrap();
    h.send(Action::Loaded(Loaded::Report(Box::new(october))));
    let screen = h.draw(80, 24);
    assert!(screen.contains("2026-11-01 ~ 2026-11-30"), "{screen}");
    assert!(screen.contains("Walk-ins 16"), "{screen}");
}

#[test]
fn export_writes_the_workbook_and_an_audit_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(Lang::En);
    let (store, ids) = fixture(Some(&dir.path().join("station.db")));
    h.store = store;
    h.ids = ids;
    h.send(Action::GotoReports);
    bound(&mut h, KeyCode::Char('x'));
    let file = dir
        .path()
        .join("exports")
        .join("report-monthly-2026-11.xlsx");
    assert!(file.exists(), "{:?}", h.performed);
    let audit = h.store.audit_entries(None, None).unwrap();
    let last = audit.last().unwrap();
    assert_eq!(
        (last.action.as_str(), last.entity.as_str()),
        ("export", "report")
    );
    assert!(last.summary.ends_with("report-monthly-2026-11.xlsx"));
    let status = h.app.status().unwrap();
    assert!(!status.is_error);
    assert!(
        status.text.contains(&file.display().to_string()),
        "{}",
        status.text
    );
    // The daily one is named after its day.
    bound(&mut h, KeyCode::Char(' '));
    bound(&mut h, KeyCode::Char('x'));
    assert!(
        dir.path()
            .join("exports")
            .join("report-daily-2026-11-25.xlsx")
            .exists()
    );
}

#[test]
fn a_failed_export_is_an_error_in_the_status_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(Lang::En);
    let (store, ids) = fixture(Some(&dir.path().join("station.db")));
    h.store = store;
    h.ids = ids;
    // A file where the folder should be.
    std::fs::write(dir.path().join("exports"), b"not a folder").unwrap();
    h.send(Action::GotoReports);
    bound(&mut h, KeyCode::Char('x'));
    let status = h.app.status().unwrap();
    assert!(status.is_error, "{}", status.text);
}

/// Draws the screen alone into areas far below 80x24 (the app draws a notice there, but a
/// screen must never panic whatever it is given).
#[test]
fn tiny_sizes_never_panic() {
    let (mut store, _) = fixture(None);
    let theme = Theme::bundled("mono").unwrap();
    let keymap = Keymap::defaults();
    let index = IndexStatus::default();
    for lang in [Lang::Zh, Lang::En] {
        let cx = Cx {
            lang,
            today: d(25),
            page_rows: 10,
            index: index.clone(),
            now: common::now(),
            officer: "wang".into(),
            role: None,
        };
        for daily in [false, true] {
            let mut screen = Reports::default();
            let mut effects = screen.on_enter(&cx);
            if daily {
                effects = screen.update(&Action::SwitchPeriod, &cx);
            }
            let Some(Effect::Db(job)) = effects.pop() else {
                panic!("no load");
            };
            let loaded = stationdesk::tui::jobs::run(&mut store, job, lang, &mut |_| {});
            screen.update(&Action::Loaded(loaded), &cx);
            assert!(screen.report().is_some());
            for w in [1, 2, 3, 7, 20, 40, 79, 80, 109, 110, 200] {
                for rows in [1, 2, 3, 4, 6, 10, 23, 40] {
                    let view = View {
                        lang,
                        theme: &theme,
                        keymap: &keymap,
                        today: d(25),
                        index: &index,
                    };
                    let backend = ratatui::backend::TestBackend::new(w, rows);
                    let mut terminal = ratatui::Terminal::new(backend).unwrap();
                    terminal
                        .draw(|f| screen.render(f, f.area(), &view))
                        .unwrap();
                }
            }
        }
    }
}

#[test]
fn chart_glyphs_are_never_ambiguous_in_width() {
    for set in [
        stationdesk::tui::widgets::charts::BARS,
        stationdesk::tui::widgets::charts::DAYS,
    ] {
        for s in [
            set.full,
            set.seven_eighths,
            set.three_quarters,
            set.five_eighths,
            set.half,
            set.three_eighths,
            set.one_quarter,
            set.one_eighth,
            set.empty,
        ] {
            assert!(s.is_ascii() && s.len() == 1, "{s}");
        }
    }
}
