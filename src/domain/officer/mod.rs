//! Officers and what they may do: roles, user names, the password policy and its hashing,
//! the lockout and idle-lock rules, and the permission check. Pure: no SQL, no terminal.
//!
//! The graded-protection scheme (等保 2.0) asks for unique accounts, lockout after repeated
//! failed logins and an idle-session timeout; these are the rules, the store and the screens
//! apply them.
mod lockout;
mod password;
mod permission;

pub use lockout::{AfterFailure, LockoutPolicy, LoginGate, after_failure, idle_locked, login_gate};
pub use password::{
    HashCost, HashedPassword, PASSWORD_MAX, PASSWORD_MIN, check_password, spend_verification_time,
};
pub use permission::{Permission, may};

use super::name::is_cjk;
use super::text::{clean_line, fold_width};
use crate::i18n::Msg;
use chrono::NaiveDateTime;

/// The longest user name, in characters.
pub const USERNAME_MAX: usize = 32;
/// The longest display name, in characters.
pub const DISPLAY_NAME_MAX: usize = 40;

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Manages accounts, duty rules, imports, deletions and unmasked or audit exports.
    Admin,
    /// The everyday front-desk work.
    Officer,
}

impl Role {
    /// Parses `admin` or `officer` (the words stored in the database and typed on the
    /// command line).
    pub fn parse(text: &str) -> Option<Role> {
        match text.trim().to_ascii_lowercase().as_str() {
            "admin" => Some(Role::Admin),
            "officer" => Some(Role::Officer),
            _ => None,
        }
    }

    /// The stored word: `admin` or `officer`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Officer => "officer",
        }
    }

    /// The role in words for the user.
    pub fn label(self) -> Msg {
        match self {
            Role::Admin => Msg::new("auth.role.admin"),
            Role::Officer => Msg::new("auth.role.officer"),
        }
    }
}

/// An account as the rest of the program sees it; the password hash never leaves the store.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Officer {
    /// Row id.
    pub id: i64,
    /// The unique login name.
    pub username: String,
    /// The name shown on screens and printouts.
    pub display_name: String,
    /// What the account may do.
    pub role: Role,
    /// `false` once an administrator disabled the account.
    pub active: bool,
    /// Failed logins since the last success or the last lock.
    pub failed_logins: u32,
    /// Logins are refused until this time.
    pub locked_until: Option<NaiveDateTime>,
    /// When the account was created.
    pub created_at: Option<NaiveDateTime>,
    /// When the account was last changed.
    pub updated_at: Option<NaiveDateTime>,
}

/// Validates and normalises a user name: 1–32 characters of `A–Z a–z 0–9 . _ -` or Chinese
/// characters. Full-width letters (what an input method types) are folded to half-width and
/// ASCII letters to lower case, so that `Zhang`, `zhang` and `ｚｈａｎｇ` are one account.
pub fn parse_username(text: &str) -> Result<String, Msg> {
    let name = fold_width(&clean_line(text)).to_ascii_lowercase();
    let count = name.chars().count();
    if count == 0 {
        return Err(Msg::new("auth.username.empty"));
    }
    if count > USERNAME_MAX {
        return Err(Msg::new("auth.username.too_long")
            .arg("count", count)
            .arg("max", USERNAME_MAX));
    }
    if let Some(bad) = name.chars().find(|c| !username_char(*c)) {
        return Err(Msg::new("auth.username.bad_char").arg("char", bad));
    }
    Ok(name)
}

fn username_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') || is_cjk(c)
}

/// Validates a display name: any printable text up to 40 characters; empty means "use the
/// user name".
pub fn parse_display_name(text: &str, username: &str) -> Result<String, Msg> {
    let name = clean_line(text);
    let count = name.chars().count();
    if count > DISPLAY_NAME_MAX {
        return Err(Msg::new("auth.display_name.too_long")
            .arg("count", count)
            .arg("max", DISPLAY_NAME_MAX));
    }
    Ok(if name.is_empty() {
        username.to_string()
    } else {
        name
    })
}

#[cfg(test)]
mod tests;
