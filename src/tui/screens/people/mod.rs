//! People on file: the lookup, a person's profile, and the person form.
pub mod lookup;
pub mod person_form;
pub mod profile;
