//! Quitting: the end-of-day nudge when today's checklist is unsigned, and the drafts that
//! open forms keep.
use super::*;
use crate::domain::checklist::should_nudge;

impl App {
    /// After this time, quitting with today's checklist unsigned asks first.
    pub fn set_nudge_after(&mut self, after: NaiveTime) {
        self.nudge_after = after;
    }

    /// Quitting now would ask first: a working day, unsigned, past the reminder time.
    pub fn nudge_now(&self) -> bool {
        self.checklist_today
            .is_some_and(|c| should_nudge(self.now, self.nudge_after, c.signed_off, c.working_day))
    }

    /// Stops the program; open forms keep their drafts first.
    pub(super) fn quitting(&mut self) -> Vec<Effect> {
        self.quit = true;
        self.stack.iter_mut().flat_map(|s| s.on_quit()).collect()
    }
}
