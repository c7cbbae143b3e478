//! The lockout rule after failed logins and the idle-lock rule.
use chrono::{Duration, NaiveDateTime};

/// How many failed logins lock an account, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// Failed logins in a row that lock the account (at least 1).
    pub attempts: u32,
    /// Minutes the lock lasts (at least 1).
    pub minutes: u32,
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        LockoutPolicy {
            attempts: 5,
            minutes: 15,
        }
    }
}

/// Whether an account may try a password now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginGate {
    /// Locked: refuse without looking at the password.
    Locked {
        /// When the lock ends.
        until: NaiveDateTime,
    },
    /// Open, with this many failures counting towards the next lock (an expired lock
    /// starts the count afresh).
    Open {
        /// Failures so far.
        failed: u32,
    },
}

/// The lockout rule before a login: locked while `now < locked_until`; once the lock has
/// expired the failure count starts again from zero.
pub fn login_gate(
    failed: u32,
    locked_until: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> LoginGate {
    match locked_until {
        Some(until) if now < until => LoginGate::Locked { until },
        Some(_) => LoginGate::Open { failed: 0 },
        None => LoginGate::Open { failed },
    }
}

/// The account's state after a failed login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AfterFailure {
    /// The new failure count.
    pub failed: u32,
    /// Set when this failure locked the account.
    pub locked_until: Option<NaiveDateTime>,
}

/// The lockout rule after a wrong password: one more failure; reaching `policy.attempts`
/// locks the account for `policy.minutes` from `now`.
pub fn after_failure(
    failed_before: u32,
    now: NaiveDateTime,
    policy: LockoutPolicy,
) -> AfterFailure {
    let failed = failed_before.saturating_add(1);
    let locked_until = (failed >= policy.attempts.max(1))
        .then(|| now + Duration::minutes(i64::from(policy.minutes.max(1))));
    AfterFailure {
        failed,
        locked_until,
    }
}

/// The idle-lock rule: the screen locks once `minutes` (at least 1) have passed since the
/// last key. A clock set back (now before the last key) does not lock.
pub fn idle_locked(last_activity: NaiveDateTime, now: NaiveDateTime, minutes: u32) -> bool {
    now.signed_duration_since(last_activity) >= Duration::minutes(i64::from(minutes.max(1)))
}
