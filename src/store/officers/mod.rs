//! Officer accounts and logins. Every change to an account, every login, failed login and
//! lock is written to the audit trail in the same transaction as the change itself, so the
//! trail can never miss or invent one. The password hash never appears in a summary.
//!
//! Audit rows: entity `officer`, entity id the user name; actions `create`, `disable`,
//! `enable`, `password_reset`, `password_change`, `role_change`, `login`, `login_failed`
//! and `locked`. The actor is the store's actor: `cli:<os user>` at the command line, the
//! logged-in officer in the terminal program (a login is attributed to whoever sits at the
//! desk; the account tried is the entity).
mod errors;
mod login;

pub use errors::{AccountError, LoginError};

use super::audit::append;
use super::{Result, Store};
use crate::domain::officer::{HashedPassword, Officer, Role, parse_display_name, parse_username};
use crate::store::db::{Connection, OptionalExtension, params};
use chrono::NaiveDateTime;

const COLUMNS: &str = "id, username, display_name, role, active, failed_logins, locked_until, \
     created_at, updated_at, password_hash";

const TS: &str = "%Y-%m-%d %H:%M:%S";

/// An account row with its hash, which stays inside this module.
struct Account {
    officer: Officer,
    hash: HashedPassword,
}

fn parse_ts(text: Option<String>) -> Option<NaiveDateTime> {
    text.and_then(|t| NaiveDateTime::parse_from_str(&t, TS).ok())
}

fn account_from_row(r: &crate::store::db::Row) -> crate::store::db::Result<Account> {
    let role: String = r.get(3)?;
    let failed: i64 = r.get(5)?;
    Ok(Account {
        officer: Officer {
            id: r.get(0)?,
            username: r.get(1)?,
            display_name: r.get(2)?,
            // The CHECK constraint admits only the two words; anything else gets the
            // lesser role rather than the greater.
            role: Role::parse(&role).unwrap_or(Role::Officer),
            active: r.get(4)?,
            failed_logins: u32::try_from(failed.max(0)).unwrap_or(u32::MAX),
            locked_until: parse_ts(r.get(6)?),
            created_at: parse_ts(r.get(7)?),
            updated_at: parse_ts(r.get(8)?),
        },
        hash: HashedPassword::from_stored(r.get(9)?),
    })
}

fn read_account(conn: &Connection, username: &str) -> Result<Option<Account>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM officers WHERE username = ?1"),
            [username],
            account_from_row,
        )
        .optional()?)
}

/// Whether `officer` is the one active administrator: taking that away would leave nobody
/// who could manage accounts.
fn last_active_admin(conn: &Connection, officer: &Officer) -> Result<bool> {
    if officer.role != Role::Admin || !officer.active {
        return Ok(false);
    }
    Ok(other_active_admins(conn, &officer.username)? == 0)
}

/// Active administrators other than `username`.
fn other_active_admins(conn: &Connection, username: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM officers WHERE role = 'admin' AND active = 1 AND username <> ?1",
        [username],
        |r| r.get(0),
    )?)
}

/// The name as typed, made safe to keep in the trail: no control codes, at most 32
/// characters (a password pasted into the name field should not be kept whole).
fn typed_name(text: &str) -> String {
    crate::domain::text::clean_line(text)
        .chars()
        .take(crate::domain::officer::USERNAME_MAX)
        .collect()
}

impl Store {
    /// Whether any account exists (none on a new database: first run asks for one).
    pub fn has_officers(&self) -> Result<bool> {
        Ok(self
            .conn()
            .query_row("SELECT EXISTS (SELECT 1 FROM officers)", (), |r| r.get(0))?)
    }

    /// Whether an administrator account exists, active or not.
    pub fn has_admin(&self) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM officers WHERE role = 'admin')",
            (),
            |r| r.get(0),
        )?)
    }

    /// All accounts, by user name.
    pub fn officers(&self) -> Result<Vec<Officer>> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {COLUMNS} FROM officers ORDER BY username"))?;
        let rows = stmt.query_map((), account_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row?.officer);
        }
        Ok(out)
    }

    /// One account by user name (normalised as at creation); `None` for an unknown or
    /// impossible name.
    pub fn officer(&self, username: &str) -> Result<Option<Officer>> {
        let Ok(name) = parse_username(username) else {
            return Ok(None);
        };
        Ok(read_account(self.conn(), &name)?.map(|a| a.officer))
    }

    /// Creates an account. The user name and display name are validated here; the password
    /// already met the policy when it was hashed.
    pub fn add_officer(
        &mut self,
        username: &str,
        display_name: &str,
        role: Role,
        password: &HashedPassword,
    ) -> std::result::Result<Officer, AccountError> {
        let username = parse_username(username).map_err(AccountError::Invalid)?;
        let display_name =
            parse_display_name(display_name, &username).map_err(AccountError::Invalid)?;
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        if read_account(&tx, &username)?.is_some() {
            return Err(AccountError::Exists(username));
        }
        tx.execute(
            "INSERT INTO officers(username, display_name, role, password_hash, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![username, display_name, role.as_str(), password.as_phc(), now],
        )?;
        append(
            &tx,
            &now,
            &actor,
            "create",
            "officer",
            &username,
            &format!("role={} name={display_name}", role.as_str()),
        )?;
        let created = read_account(&tx, &username)?
            .ok_or_else(|| AccountError::NotFound(username.clone()))?;
        tx.commit()?;
        Ok(created.officer)
    }

    /// Disables an account: it can no longer log in. The last active administrator cannot
    /// be disabled.
    pub fn disable_officer(
        &mut self,
        username: &str,
    ) -> std::result::Result<Officer, AccountError> {
        self.set_officer_active(username, false)
    }

    /// Enables an account again; this also lifts a lockout and clears the failure count.
    pub fn enable_officer(&mut self, username: &str) -> std::result::Result<Officer, AccountError> {
        self.set_officer_active(username, true)
    }

    fn set_officer_active(
        &mut self,
        username: &str,
        active: bool,
    ) -> std::result::Result<Officer, AccountError> {
        self.change_account(username, |tx, account, now| {
            if !active && last_active_admin(tx, &account.officer)? {
                return Err(AccountError::LastAdmin);
            }
            tx.execute(
                "UPDATE officers SET active = ?1, failed_logins = 0, locked_until = NULL,
                 updated_at = ?2 WHERE id = ?3",
                params![active, now, account.officer.id],
            )?;
            let action = if active { "enable" } else { "disable" };
            Ok((action, String::new()))
        })
    }

    /// An administrator sets a new password (a forgotten one); lifts any lockout.
    pub fn reset_password(
        &mut self,
        username: &str,
        new: &HashedPassword,
    ) -> std::result::Result<(), AccountError> {
        self.change_account(username, |tx, account, now| {
            tx.execute(
                "UPDATE officers SET password_hash = ?1, failed_logins = 0, locked_until = NULL,
                 updated_at = ?2 WHERE id = ?3",
                params![new.as_phc(), now, account.officer.id],
            )?;
            Ok(("password_reset", String::new()))
        })
        .map(|_| ())
    }

    /// Changes a role. Demoting the last active administrator is refused.
    pub fn set_role(
        &mut self,
        username: &str,
        role: Role,
    ) -> std::result::Result<Officer, AccountError> {
        self.change_account(username, |tx, account, now| {
            let old = account.officer.role;
            if role != Role::Admin && last_active_admin(tx, &account.officer)? {
                return Err(AccountError::LastAdmin);
            }
            tx.execute(
                "UPDATE officers SET role = ?1, updated_at = ?2 WHERE id = ?3",
                params![role.as_str(), now, account.officer.id],
            )?;
            Ok((
                "role_change",
                format!("{}->{}", old.as_str(), role.as_str()),
            ))
        })
    }

    /// Reads the account, applies `change` and writes its audit record, all in one
    /// transaction; returns the account as it is afterwards.
    fn change_account(
        &mut self,
        username: &str,
        change: impl FnOnce(
            &Connection,
            &Account,
            &str,
        ) -> std::result::Result<(&'static str, String), AccountError>,
    ) -> std::result::Result<Officer, AccountError> {
        let name =
            parse_username(username).map_err(|_| AccountError::NotFound(typed_name(username)))?;
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let account =
            read_account(&tx, &name)?.ok_or_else(|| AccountError::NotFound(name.clone()))?;
        let (action, summary) = change(&tx, &account, &now)?;
        append(&tx, &now, &actor, action, "officer", &name, &summary)?;
        let after =
            read_account(&tx, &name)?.ok_or_else(|| AccountError::NotFound(name.clone()))?;
        tx.commit()?;
        Ok(after.officer)
    }
}
