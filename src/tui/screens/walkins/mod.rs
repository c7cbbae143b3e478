//! Walk-ins (来访登记): today's board, the walk-in form, and their database work.
pub mod board;
pub mod day;
pub mod jobs;
pub mod link;
pub mod person_list;
pub mod record_jobs;
pub mod view;
pub mod visit_form;
