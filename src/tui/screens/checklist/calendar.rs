//! The working calendar as an administrator keeps it: a year's holidays and make-up working
//! days with where they came from (the published data or an imported file), the note for a
//! year without data (counted Monday to Friday), and a newly published year imported from a
//! file by its path, read, checked and audited as `stationdesk calendar import` does.
use crate::domain::calendar::DayKind;
use crate::domain::calendar::file::{MAX_BYTES, parse_calendar_file};
use crate::i18n::{Lang, Msg, tf};
use crate::store::Store;
use crate::store::calendar::YearSource;
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::checklist::data::{ChecklistJob, ChecklistLoaded};
use crate::tui::screens::checklist::prompt::{PROMPT_HINTS, PROMPT_SECTIONS, Prompt};
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::widgets::chrome;
use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use std::io::Read;
use std::path::Path;

/// One year of the calendar as the screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct YearView {
    pub year: i32,
    pub holidays: Vec<NaiveDate>,
    pub workdays: Vec<NaiveDate>,
    /// `None` for a year without data.
    pub source: Option<YearSource>,
    /// What the last import said, in the user's language.
    pub outcome: Option<String>,
}

/// Reads `year` from the store.
pub fn year_view(store: &Store, year: i32) -> crate::store::Result<YearView> {
    let days = store.calendar()?.special_days(year);
    let of = |kind| {
        days.iter()
            .filter(|(_, k)| *k == kind)
            .map(|(d, _)| *d)
            .collect()
    };
    Ok(YearView {
        year,
        holidays: of(DayKind::Holiday),
        workdays: of(DayKind::Workday),
        source: store.calendar_year_source(year)?,
        outcome: None,
    })
}

/// Reads the file at `path` as the command does: at most [`MAX_BYTES`], UTF-8.
fn read_file(path: &Path) -> Result<String, Msg> {
    let unreadable = |detail: String| {
        Msg::new("calendar.import.unreadable")
            .arg("file", path.display())
            .arg("detail", detail)
    };
    let f = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
    let mut bytes = Vec::new();
    f.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Msg::new("calendar.import.too_large")
            .arg("file", path.display())
            .arg("max", MAX_BYTES / 1024));
    }
    String::from_utf8(bytes)
        .map_err(|_| Msg::new("calendar.import.not_utf8").arg("file", path.display()))
}

/// Imports the calendar file at `path` as `officer` and shows the year it held (or, when
/// refused, `shown` with the reasons).
pub fn import(
    store: &mut Store,
    path: &str,
    officer: &str,
    shown: i32,
    lang: Lang,
) -> crate::store::Result<YearView> {
    let path = Path::new(path.trim());
    let parsed = read_file(path).and_then(|text| {
        parse_calendar_file(&text).map_err(|problems| {
            let first = problems.first().map(|m| m.render(lang)).unwrap_or_default();
            Msg::new("record_petfollow.calendar.refused")
                .arg("file", path.display())
                .arg("first", first)
        })
    });
    let year = match parsed {
        Ok(year) => year,
        Err(why) => {
            let mut view = year_view(store, shown)?;
            view.outcome = Some(why.render(lang));
            return Ok(view);
        }
    };
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    store.set_actor(officer);
    let outcome = match store.import_calendar_year(&year, &source, false) {
        Ok(done) => Msg::new("calendar.import.done")
            .arg("year", done.year)
            .arg("holidays", done.holidays)
            .arg("workdays", done.workdays)
            .arg("moved", done.deadlines_moved),
        Err(e) => e.msg(),
    };
    let mut view = year_view(store, year.year)?;
    view.outcome = Some(outcome.render(lang));
    Ok(view)
}

#[derive(Debug)]
pub struct CalendarYears {
    year: i32,
    shown: Option<YearView>,
    prompt: Option<Prompt<()>>,
}

impl CalendarYears {
    pub fn new(today: NaiveDate) -> CalendarYears {
        CalendarYears {
            year: today.year(),
            shown: None,
            prompt: None,
        }
    }

    fn load(&self) -> Vec<Effect> {
        vec![Effect::Db(DbJob::Checklist(ChecklistJob::CalendarYear {
            year: self.year,
        }))]
    }

    fn lines(&self, view: &View) -> Vec<Line<'static>> {
        let Some(y) = self.shown.as_ref().filter(|y| y.year == self.year) else {
            return vec![Line::styled(view.t("tui.app.loading"), view.theme.muted)];
        };
        let lang = view.lang;
        let dates = |days: &[NaiveDate]| {
            if days.is_empty() {
                view.t("record_petfollow.calendar.none")
            } else {
                days.iter()
                    .map(|d| d.format("%m-%d").to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        };
        let mut out = Vec::new();
        match &y.source {
            Some(s) => {
                out.push(Line::styled(
                    tf(lang, "calendar.show.known", &[("year", &y.year)]),
                    view.theme.title,
                ));
                // The published years are the program's own data: no one entered them.
                let line = if s.source == "published" {
                    view.t("record_petfollow.calendar.published")
                } else {
                    tf(
                        lang,
                        "record_petfollow.calendar.source",
                        &[
                            ("source", &s.source),
                            ("by", &s.added_by),
                            ("at", &s.added_at),
                        ],
                    )
                };
                out.push(Line::styled(line, view.theme.muted));
            }
            None => out.push(Line::styled(
                tf(
                    lang,
                    "record_petfollow.calendar.no_data",
                    &[("year", &y.year)],
                ),
                view.theme.warning,
            )),
        }
        out.push(Line::raw(""));
        out.push(Line::raw(tf(
            lang,
            "record_petfollow.calendar.holidays",
            &[("count", &y.holidays.len()), ("days", &dates(&y.holidays))],
        )));
        out.push(Line::raw(tf(
            lang,
            "record_petfollow.calendar.workdays",
            &[("count", &y.workdays.len()), ("days", &dates(&y.workdays))],
        )));
        if let Some(outcome) = &y.outcome {
            out.push(Line::raw(""));
            out.push(Line::styled(outcome.clone(), view.theme.accent));
        }
        out
    }
}

impl Screen for CalendarYears {
    fn id(&self) -> ScreenId {
        ScreenId::CalendarYears
    }

    fn sections(&self) -> &'static [&'static str] {
        if self.prompt.is_some() {
            PROMPT_SECTIONS
        } else {
            &["calendar_years"]
        }
    }

    fn text_focused(&self) -> bool {
        self.prompt.is_some()
    }

    fn hints(&self) -> &'static [Action] {
        if self.prompt.is_some() {
            PROMPT_HINTS
        } else {
            &[
                Action::PrevPeriod,
                Action::NextPeriod,
                Action::ImportCalendar,
                Action::Back,
            ]
        }
    }

    fn on_enter(&mut self, _cx: &Cx) -> Vec<Effect> {
        self.load()
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        if let Action::Loaded(Loaded::Checklist(ChecklistLoaded::CalendarYear(y))) = action {
            self.year = y.year;
            self.shown = Some((**y).clone());
            return Vec::new();
        }
        if let Some(prompt) = &mut self.prompt {
            match action {
                Action::Open => {
                    let path = prompt.field.value().to_string();
                    self.prompt = None;
                    if path.trim().is_empty() {
                        return Vec::new();
                    }
                    return vec![Effect::Db(DbJob::Checklist(ChecklistJob::ImportCalendar {
                        path,
                        officer: cx.officer.clone(),
                        shown: self.year,
                    }))];
                }
                Action::Back => self.prompt = None,
                other => {
                    prompt.field.apply(other);
                }
            }
            return Vec::new();
        }
        match action {
            Action::PrevPeriod => {
                self.year -= 1;
                self.load()
            }
            Action::NextPeriod => {
                self.year += 1;
                self.load()
            }
            Action::ImportCalendar => {
                self.prompt = Some(Prompt::new((), "record_petfollow.calendar.ask_path", ""));
                Vec::new()
            }
            Action::Back => vec![Effect::Pop],
            _ => Vec::new(),
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let prompt_rows = if self.prompt.is_some() { 3 } else { 0 };
        let [body, prompt_area] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(prompt_rows)]).areas(area);
        let title = tf(
            view.lang,
            "record_petfollow.calendar.title",
            &[("year", &self.year)],
        );
        let block = chrome::boxed(title, view);
        let inner = block.inner(body);
        frame.render_widget(block, body);
        frame.render_widget(
            Paragraph::new(self.lines(view)).wrap(Wrap { trim: false }),
            inner,
        );
        if let Some(p) = &self.prompt {
            p.render(frame, prompt_area, view);
        }
    }
}
