//! People on file: the lookup, a person's profile, the person form, and their database
//! work.
mod history;
pub mod jobs;
pub mod lookup;
pub mod person_form;
pub mod profile;
