//! Which day the board shows: today unless another is chosen with ← → or typed after `g`.
use super::Walkins;
use crate::tui::action::Action;
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::Cx;
use crate::tui::screens::walkins::day::parse_board_day;
use crate::tui::screens::walkins::jobs::WalkinJob;
use chrono::NaiveDate;

impl Walkins {
    /// The day shown.
    pub fn day(&self, today: NaiveDate) -> NaiveDate {
        self.day.unwrap_or(today)
    }

    pub(super) fn load(&self, cx: &Cx) -> Vec<Effect> {
        vec![Effect::Db(DbJob::Walkins(WalkinJob::Today(
            self.day(cx.today),
        )))]
    }

    /// Shows `day` (never after today); the register is read again.
    pub(super) fn go_to(&mut self, day: NaiveDate, cx: &Cx) -> Vec<Effect> {
        let day = day.min(cx.today);
        self.day = (day != cx.today).then_some(day);
        self.selected = 0;
        self.data = None;
        self.load(cx)
    }

    pub(super) fn jump(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        let Some(field) = &mut self.jump else {
            return Vec::new();
        };
        match action {
            Action::Open => match parse_board_day(field.value(), cx.today) {
                Ok(day) => {
                    self.jump = None;
                    return self.go_to(day, cx);
                }
                Err(m) => return vec![Effect::Error(m)],
            },
            Action::Back => self.jump = None,
            other => {
                field.apply(other);
            }
        }
        Vec::new()
    }
}
