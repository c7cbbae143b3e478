//! Logins and one's own password change: the lockout-counted password check, each outcome
//! audited in the transaction that changes the failure count.
use super::{AccountError, LoginError, TS, read_account, typed_name};
use crate::domain::officer::{
    HashedPassword, LoginGate, Officer, after_failure, login_gate, parse_username,
    spend_verification_time,
};
use crate::store::Store;
use crate::store::audit::append;
use crate::store::db::{Connection, params};
use chrono::NaiveDateTime;

impl Store {
    /// An officer changes their own password; the current one is required, and a wrong one
    /// counts as a failed login (a desk left unlocked must not become a password oracle).
    pub fn change_own_password(
        &mut self,
        username: &str,
        old: &str,
        new: &HashedPassword,
        now: NaiveDateTime,
    ) -> std::result::Result<(), AccountError> {
        let result = self.authenticate(username, old, now, "password_change", |tx, o, at| {
            tx.execute(
                "UPDATE officers SET password_hash = ?1, updated_at = ?2 WHERE id = ?3",
                params![new.as_phc(), at, o.id],
            )?;
            Ok(("password_change", String::new()))
        });
        result.map(|_| ()).map_err(AccountError::from)
    }

    /// Checks a user name and password. Counts failures and locks the account for
    /// the station's lockout minutes after its number of failures in a row ([`Store::lockout_policy`]); refuses a locked account
    /// without trying the password and a disabled one; a success clears the count. Each
    /// outcome is audited (`login`, `login_failed`, `locked`) in the transaction that
    /// changes the count. The caller then attributes its writes to the officer with
    /// [`Store::set_actor`].
    pub fn login(
        &mut self,
        username: &str,
        password: &str,
        now: NaiveDateTime,
    ) -> std::result::Result<Officer, LoginError> {
        self.authenticate(username, password, now, "login", |_, _, _| {
            Ok(("login", String::new()))
        })
    }

    /// The lockout-counted password check shared by [`Store::login`] and
    /// [`Store::change_own_password`]; `on_success` runs inside the transaction that clears
    /// the failure count and returns the audit action and summary.
    fn authenticate(
        &mut self,
        username: &str,
        password: &str,
        now: NaiveDateTime,
        purpose: &str,
        on_success: impl FnOnce(
            &Connection,
            &Officer,
            &str,
        ) -> std::result::Result<(&'static str, String), AccountError>,
    ) -> std::result::Result<Officer, LoginError> {
        let at = now.format(TS).to_string();
        let actor = self.actor().to_string();
        // Every outcome is one audit row on the account tried.
        let audit = |c: &Connection, action: &str, who: &str, summary: &str| {
            append(c, &at, &actor, action, "officer", who, summary)
        };
        let name = parse_username(username).ok();
        let account = match &name {
            Some(n) => read_account(self.conn(), n)?,
            None => None,
        };
        let Some(account) = account else {
            spend_verification_time(password);
            let summary = format!("{purpose}: unknown user");
            let who = typed_name(username);
            self.write_shared(|c| audit(c, "login_failed", &who, &summary))?;
            return Err(LoginError::BadCredentials);
        };
        let name = account.officer.username.clone();
        if let LoginGate::Locked { until } = login_gate(
            account.officer.failed_logins,
            account.officer.locked_until,
            now,
        ) {
            let summary = format!("{purpose}: locked");
            self.write_shared(|c| audit(c, "login_failed", &name, &summary))?;
            return Err(LoginError::Locked { until });
        }
        // The slow hash runs before the write transaction, so other desks are not held up.
        let right = account.hash.verify(password);
        let tx = self.write_tx()?;
        // Read again: another desk may have counted a failure meanwhile.
        let Some(fresh) = read_account(&tx, &name)? else {
            return Err(LoginError::BadCredentials);
        };
        let outcome = match login_gate(fresh.officer.failed_logins, fresh.officer.locked_until, now)
        {
            LoginGate::Locked { until } => {
                audit(&tx, "login_failed", &name, &format!("{purpose}: locked"))?;
                Err(LoginError::Locked { until })
            }
            LoginGate::Open { .. } if right && !fresh.officer.active => {
                audit(&tx, "login_failed", &name, &format!("{purpose}: disabled"))?;
                Err(LoginError::Disabled)
            }
            LoginGate::Open { .. } if right => {
                tx.execute(
                    "UPDATE officers SET failed_logins = 0, locked_until = NULL WHERE id = ?1",
                    [fresh.officer.id],
                )?;
                let (action, summary) = on_success(&tx, &fresh.officer, &at)?;
                audit(&tx, action, &name, &summary)?;
                let mut officer = fresh.officer;
                officer.failed_logins = 0;
                officer.locked_until = None;
                Ok(officer)
            }
            LoginGate::Open { failed } => {
                // The station's policy, read under the write lock: an administrator sets
                // it in the database, never a user in their own config file.
                let policy = crate::store::lockout::read_policy(&tx)?;
                let after = after_failure(failed, now, policy);
                let until = after.locked_until.map(|u| u.format(TS).to_string());
                tx.execute(
                    "UPDATE officers SET failed_logins = ?1, locked_until = ?2 WHERE id = ?3",
                    params![after.failed, until, fresh.officer.id],
                )?;
                let attempts = policy.attempts.max(1);
                let summary = format!("{purpose}: wrong password {}/{attempts}", after.failed);
                audit(&tx, "login_failed", &name, &summary)?;
                match (after.locked_until, until) {
                    (Some(lock_end), Some(text)) => {
                        audit(&tx, "locked", &name, &format!("until {text}"))?;
                        Err(LoginError::Locked { until: lock_end })
                    }
                    _ => Err(LoginError::BadCredentials),
                }
            }
        };
        tx.commit()?;
        outcome
    }
}
