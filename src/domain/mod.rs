//! Pure types and rules of the front desk: no SQL, no terminal.
pub mod category;
pub mod dates;
pub mod id_number;
pub mod mask;
pub mod name;
pub mod person;
pub mod petition;
pub mod phone;
pub mod text;

pub use crate::i18n::Msg;
