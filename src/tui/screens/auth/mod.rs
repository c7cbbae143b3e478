//! Accounts: the first-run wizard, login, the lock screen, one's own password, the officers
//! screen, and the sign-in form they share.
pub mod first_run;
pub mod form;
pub mod lock;
pub mod login;
pub mod officers;
pub mod password;
