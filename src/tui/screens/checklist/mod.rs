//! The end-of-day checklist: today's items ([`today`]), their data and lines, the history
//! of signed days, and the rules wizard; the marks, the one-line prompt and the
//! administrators' rights they share.
pub mod data;
pub mod frequency;
pub mod history;
pub mod lines;
pub mod marks;
pub mod prompt;
pub mod rights;
pub mod rules;
pub mod today;
