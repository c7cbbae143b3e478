//! Pure types and rules of the front desk: no SQL, no terminal.
pub mod audit_chain;
pub mod calendar;
pub mod category;
pub mod checklist;
pub mod dates;
pub mod family;
pub mod id_number;
pub mod mask;
pub mod name;
pub mod officer;
pub mod person;
mod person_dates;
pub mod petition;
pub mod phone;
pub mod reimport;
pub mod report;
pub mod report_petitions;
pub mod text;
pub mod visit;
pub mod visit_correction;

pub use crate::i18n::Msg;
