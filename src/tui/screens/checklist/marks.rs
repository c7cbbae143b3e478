//! How a day and its items are marked: the box of an item's state, the dashboard's count
//! and the weekday's name.
use crate::domain::checklist::{Day, Item, ItemState};
use crate::tui::data::ChecklistState;
use chrono::{Datelike, NaiveDate};

/// The dashboard's and the reminder's view of a day.
pub fn state_of(day: &Day) -> ChecklistState {
    let count = |f: &dyn Fn(&Item) -> bool| {
        u32::try_from(day.items.iter().filter(|i| f(i)).count()).unwrap_or(u32::MAX)
    };
    ChecklistState {
        done: count(&|i| i.state != ItemState::Open),
        total: count(&|_| true),
        signed_off: day.is_signed(),
        working_day: day.is_working_day(),
    }
}

/// The box marking an item's state: ASCII, so it is one column wide in every terminal.
pub fn mark(state: ItemState) -> &'static str {
    match state {
        ItemState::Open => "[ ]",
        ItemState::Done => "[x]",
        ItemState::NotApplicable => "[-]",
        ItemState::Exception => "[!]",
    }
}

/// The catalog key of a weekday's short name (Monday is 1).
pub fn weekday_key(date: NaiveDate) -> &'static str {
    weekday_number_key(date.weekday().number_from_monday())
}

/// The catalog key of a weekday's short name by its ISO number (Monday is 1).
pub fn weekday_number_key(number: u32) -> &'static str {
    match number {
        1 => "tui.checklist.weekday.1",
        2 => "tui.checklist.weekday.2",
        3 => "tui.checklist.weekday.3",
        4 => "tui.checklist.weekday.4",
        5 => "tui.checklist.weekday.5",
        6 => "tui.checklist.weekday.6",
        _ => "tui.checklist.weekday.7",
    }
}
