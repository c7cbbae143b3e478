//! The end-of-day checklist: today's items, their data and lines, the history of signed
//! days, and the rules wizard.
pub mod calendar;
pub mod data;
pub mod history;
pub mod lines;
pub mod rules;
pub mod today;
