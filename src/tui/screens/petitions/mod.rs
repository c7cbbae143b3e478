//! Petitions (信访): the ledger, a case, the intake form and its fields, the statutory step
//! dialog, and their database work.
pub mod case;
mod case_deadlines;
mod case_history;
mod case_referral;
pub mod case_report;
pub mod case_void;
pub mod fields;
pub mod form;
pub mod jobs;
pub mod ledger;
pub mod notice_menu;
pub mod step;
pub mod suggest;
