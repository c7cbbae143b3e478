//! The lookup engine: pinyin keys, the in-memory index, matching and ranking.
//!
//! Contract with the store: whenever a person is written, the store calls
//! [`keys::name_keys`] and keeps `full` and `initials` space-joined in the columns
//! `py_full` and `py_initials`. The index is built from those stored keys, one
//! [`IndexRow`] at a time, without recomputing pinyin.
pub mod keys;

/// One person as the index needs it; borrowed, so loading a million rows allocates little.
#[derive(Debug, Clone, Copy)]
pub struct IndexRow<'a> {
    pub id: i64,
    pub name: &'a str,
    /// Space-separated full-pinyin keys (every reading combination, capped).
    pub py_full: &'a str,
    /// Space-separated initials keys.
    pub py_initials: &'a str,
    /// Normalised ID number, or empty.
    pub id_number: &'a str,
    /// Digits of the phone, or empty.
    pub phone_digits: &'a str,
    /// Unix seconds of the most recent contact (walk-in, petition), 0 if none.
    pub last_contact: i64,
}
