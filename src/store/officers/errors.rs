//! Why an account change or a login was refused, in words for the user.
use crate::i18n::Msg;
use crate::store::StoreError;
use chrono::NaiveDateTime;

/// Why an account could not be created or changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    /// A user name, display name or password that breaks the rules.
    #[error("invalid: {}", .0.key)]
    Invalid(Msg),
    /// No account has this user name.
    #[error("no account {0}")]
    NotFound(String),
    /// The user name is taken.
    #[error("account {0} exists")]
    Exists(String),
    /// The change would leave no active administrator, and nobody could manage accounts.
    #[error("the last active administrator")]
    LastAdmin,
    /// The current password given to change it was wrong.
    #[error("wrong password")]
    WrongPassword,
    /// The account is locked after failed logins.
    #[error("locked until {until}")]
    Locked {
        /// When the lock ends.
        until: NaiveDateTime,
    },
    /// The account is disabled.
    #[error("disabled")]
    Disabled,
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<crate::store::db::Error> for AccountError {
    fn from(e: crate::store::db::Error) -> Self {
        AccountError::Store(e.into())
    }
}

impl AccountError {
    /// The error in words for the user.
    pub fn msg(&self) -> Msg {
        match self {
            AccountError::Invalid(m) => m.clone(),
            AccountError::NotFound(u) => Msg::new("auth.account.not_found").arg("username", u),
            AccountError::Exists(u) => Msg::new("auth.account.exists").arg("username", u),
            AccountError::LastAdmin => Msg::new("auth.account.last_admin"),
            AccountError::WrongPassword => Msg::new("auth.account.wrong_password"),
            AccountError::Locked { until } => {
                Msg::new("auth.login.locked").arg("until", until.format("%H:%M"))
            }
            AccountError::Disabled => Msg::new("auth.login.disabled"),
            AccountError::Store(e) => e.msg(),
        }
    }
}

/// Why a login was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoginError {
    /// Unknown user name or wrong password: one answer for both, so that the login screen
    /// does not tell which accounts exist.
    #[error("wrong user name or password")]
    BadCredentials,
    /// Too many failures; refused without looking at the password until `until`.
    #[error("locked until {until}")]
    Locked {
        /// When the lock ends.
        until: NaiveDateTime,
    },
    /// The right password for a disabled account.
    #[error("disabled")]
    Disabled,
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<crate::store::db::Error> for LoginError {
    fn from(e: crate::store::db::Error) -> Self {
        LoginError::Store(e.into())
    }
}

impl LoginError {
    /// The refusal in words for the user.
    pub fn msg(&self) -> Msg {
        match self {
            LoginError::BadCredentials => Msg::new("auth.login.bad_credentials"),
            LoginError::Locked { until } => {
                Msg::new("auth.login.locked").arg("until", until.format("%H:%M"))
            }
            LoginError::Disabled => Msg::new("auth.login.disabled"),
            LoginError::Store(e) => e.msg(),
        }
    }
}

/// A refused password check as an account change sees it: the current password was wrong.
impl From<LoginError> for AccountError {
    fn from(e: LoginError) -> Self {
        match e {
            LoginError::BadCredentials => AccountError::WrongPassword,
            LoginError::Locked { until } => AccountError::Locked { until },
            LoginError::Disabled => AccountError::Disabled,
            LoginError::Store(e) => AccountError::Store(e),
        }
    }
}

/// What an account change done after a password check may refuse; only the database
/// failing is expected there.
impl From<AccountError> for LoginError {
    fn from(e: AccountError) -> Self {
        match e {
            AccountError::Store(s) => LoginError::Store(s),
            other => LoginError::Store(StoreError::Other(other.to_string())),
        }
    }
}
