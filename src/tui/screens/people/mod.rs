//! People on file: the lookup, a person's profile, the person form, and their database
//! work.
pub mod family;
pub mod family_jobs;
pub mod family_link;
mod history;
pub mod jobs;
pub mod lookup;
pub mod person_form;
pub mod profile;
