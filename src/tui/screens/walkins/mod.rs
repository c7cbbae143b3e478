//! Walk-ins (来访登记): today's board, the walk-in form, and their database work.
pub mod board;
pub mod jobs;
pub mod visit_form;
