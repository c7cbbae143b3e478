//! Reports (F6): a day's or a month's figures with charts, loaded on the database worker,
//! and exported to a workbook on request. The drawing is in [`view`].
pub mod jobs;
mod view;

use crate::domain::report::{Period, Report};
use crate::i18n::Msg;
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::reports::jobs::ReportJob;
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use chrono::{Months, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;

#[derive(Debug, Default)]
pub struct Reports {
    /// The day shown, or a day of the month shown; `None` until first entered.
    day: Option<NaiveDate>,
    daily: bool,
    /// The figures of the current period; `None` while they load.
    report: Option<Report>,
    /// How many panels are scrolled off the top.
    scroll: usize,
}

impl Reports {
    /// The period on screen (the month of `today` before the screen was ever entered).
    pub fn period(&self, today: NaiveDate) -> Period {
        let day = self.day.unwrap_or(today);
        if self.daily {
            Period::Day(day)
        } else {
            Period::month_of(day)
        }
    }

    pub fn report(&self) -> Option<&Report> {
        self.report.as_ref()
    }

    fn load(&mut self, cx: &Cx) -> Vec<Effect> {
        let period = self.period(cx.today);
        if self.report.as_ref().is_some_and(|r| r.period != period) {
            self.report = None;
        }
        vec![Effect::Db(DbJob::Reports(ReportJob::Load {
            period,
            today: cx.today,
        }))]
    }

    /// Moves the day (daily) or the month (monthly) by `step`; a month keeps its day where
    /// it can (31 January goes to 28 or 29 February).
    fn shift(&mut self, step: i32, cx: &Cx) -> Vec<Effect> {
        let day = self.day.unwrap_or(cx.today);
        let moved = if self.daily {
            day.checked_add_signed(chrono::Duration::days(i64::from(step)))
        } else if step < 0 {
            day.checked_sub_months(Months::new(step.unsigned_abs()))
        } else {
            day.checked_add_months(Months::new(step.unsigned_abs()))
        };
        self.day = Some(moved.unwrap_or(day));
        self.scroll = 0;
        self.load(cx)
    }
}

impl Screen for Reports {
    fn id(&self) -> ScreenId {
        ScreenId::Reports
    }

    fn sections(&self) -> &'static [&'static str] {
        &["reports"]
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::Help,
            Action::SwitchPeriod,
            Action::PrevPeriod,
            Action::NextPeriod,
            Action::Export,
            Action::Back,
        ]
    }

    fn on_enter(&mut self, cx: &Cx) -> Vec<Effect> {
        if self.day.is_none() {
            self.day = Some(cx.today);
        }
        self.load(cx)
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        match action {
            Action::SwitchPeriod => {
                self.daily = !self.daily;
                self.scroll = 0;
                self.load(cx)
            }
            Action::PrevPeriod => self.shift(-1, cx),
            Action::NextPeriod => self.shift(1, cx),
            Action::MoveDown => {
                self.scroll = (self.scroll + 1).min(view::PANELS_MAX);
                Vec::new()
            }
            Action::MoveUp => {
                self.scroll = self.scroll.saturating_sub(1);
                Vec::new()
            }
            Action::First => {
                self.scroll = 0;
                Vec::new()
            }
            Action::Export => match &self.report {
                Some(r) => vec![
                    Effect::Status(Msg::new("tui_reports.exporting")),
                    Effect::Db(DbJob::Reports(ReportJob::Export {
                        period: r.period,
                        today: cx.today,
                    })),
                ],
                None => vec![Effect::Status(Msg::new("tui_reports.not_loaded"))],
            },
            Action::Back => vec![Effect::Switch(ScreenId::Dashboard)],
            Action::Loaded(Loaded::Report(r)) => {
                // An answer for a period already left behind is dropped.
                if r.period == self.period(cx.today) {
                    self.report = Some((**r).clone());
                }
                Vec::new()
            }
            Action::Loaded(Loaded::ReportExported(file)) => vec![Effect::Status(
                Msg::new("tui_reports.exported").arg("file", file),
            )],
            _ => Vec::new(),
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        view::render(self, frame, area, view);
    }
}
