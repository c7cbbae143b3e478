//! Accounts: the first-run wizard, login, the lock screen, one's own password, the officers
//! screen, the small form they share, and the sign-in panel of login and lock.
pub mod first_run;
pub mod form;
pub mod lock;
pub mod login;
pub mod officers;
pub mod password;
pub mod sign_in;
