//! The station's lockout policy, kept in the database and set by an administrator.
//!
//! It used to be read from each user's own config file, so anyone could raise the number of
//! attempts and guess freely; now the file that holds the accounts holds their rule.
use super::audit::append;
use super::{Result, Store};
use crate::domain::officer::LockoutPolicy;
use crate::store::db::{Connection, OptionalExtension, params};

const ATTEMPTS: &str = "lockout_attempts";
const MINUTES: &str = "lockout_minutes";

/// The bounds an administrator may choose within: the graded-protection scheme requires a
/// lockout, and a lock longer than a day only locks the station out of its own desk.
pub const ATTEMPTS_RANGE: std::ops::RangeInclusive<u32> = 3..=10;
pub const MINUTES_RANGE: std::ops::RangeInclusive<u32> = 1..=1440;

fn read_u32(conn: &Connection, key: &str) -> Result<Option<u32>> {
    let text: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(text.and_then(|t| t.trim().parse().ok()))
}

/// The policy in force: the stored values clamped to the allowed ranges, or the defaults.
pub(crate) fn read_policy(conn: &Connection) -> Result<LockoutPolicy> {
    let d = LockoutPolicy::default();
    let clamp = |v: u32, r: &std::ops::RangeInclusive<u32>| v.clamp(*r.start(), *r.end());
    Ok(LockoutPolicy {
        attempts: clamp(
            read_u32(conn, ATTEMPTS)?.unwrap_or(d.attempts),
            &ATTEMPTS_RANGE,
        ),
        minutes: clamp(
            read_u32(conn, MINUTES)?.unwrap_or(d.minutes),
            &MINUTES_RANGE,
        ),
    })
}

impl Store {
    /// The lockout policy of this station.
    pub fn lockout_policy(&self) -> Result<LockoutPolicy> {
        read_policy(self.conn())
    }

    /// Sets the lockout policy (the caller has checked the administrator); audited with the
    /// old and new values. Values outside the allowed ranges are refused by the caller.
    pub fn set_lockout_policy(&mut self, policy: LockoutPolicy) -> Result<()> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let before = read_policy(&tx)?;
        for (key, value) in [(ATTEMPTS, policy.attempts), (MINUTES, policy.minutes)] {
            tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2) \
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value.to_string()],
            )?;
        }
        append(
            &tx,
            &now,
            &actor,
            "lockout_policy",
            "settings",
            "",
            &format!(
                "attempts {} -> {}, minutes {} -> {}",
                before.attempts, policy.attempts, before.minutes, policy.minutes
            ),
        )?;
        tx.commit()?;
        Ok(())
    }
}
