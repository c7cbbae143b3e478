//! The end-of-day checklist: today's items ([`today`]), their data and lines, the history
//! of signed days, the rules wizard and the working calendar; the marks, the one-line
//! prompt and the administrators' rights they share.
pub mod calendar;
pub mod data;
pub mod frequency;
pub mod history;
pub mod lines;
pub mod marks;
pub mod prompt;
pub mod rights;
pub mod rules;
pub mod today;
