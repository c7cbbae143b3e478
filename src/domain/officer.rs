//! Officers and what they may do: roles, user names, the password policy and its hashing,
//! the lockout and idle-lock rules, and the permission check. Pure: no SQL, no terminal.
//!
//! The graded-protection scheme (等保 2.0) asks for unique accounts, lockout after repeated
//! failed logins and an idle-session timeout; these are the rules, the store and the screens
//! apply them.
use super::name::is_cjk;
use super::text::{clean_line, fold_width};
use crate::i18n::Msg;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{ARGON2ID_IDENT, Algorithm, Argon2, Params, PasswordHash, Version};
use chrono::{Duration, NaiveDateTime};
use rand::TryRngCore;
use rand::rngs::OsRng;

/// The longest user name, in characters.
pub const USERNAME_MAX: usize = 32;
/// The longest display name, in characters.
pub const DISPLAY_NAME_MAX: usize = 40;
/// The shortest password, in characters (not bytes: a Chinese pass phrase counts per character).
pub const PASSWORD_MIN: usize = 8;
/// The longest password, in characters; longer input is a paste gone wrong, and it bounds
/// the work a hash does.
pub const PASSWORD_MAX: usize = 256;

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

/// Checks a new password against the policy: 8 to 256 characters, not only white space, no
/// control characters (which cannot be typed at the login screen again).
pub fn check_password(password: &str) -> Result<(), Msg> {
    let count = password.chars().count();
    if count == 0 {
        return Err(Msg::new("auth.password.empty"));
    }
    if password.chars().any(char::is_control) {
        return Err(Msg::new("auth.password.control"));
    }
    if password.chars().all(char::is_whitespace) {
        return Err(Msg::new("auth.password.blank"));
    }
    if count < PASSWORD_MIN {
        return Err(Msg::new("auth.password.too_short")
            .arg("count", count)
            .arg("min", PASSWORD_MIN));
    }
    if count > PASSWORD_MAX {
        return Err(Msg::new("auth.password.too_long")
            .arg("count", count)
            .arg("max", PASSWORD_MAX));
    }
    Ok(())
}

/// The cost of an argon2id hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashCost {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over the memory.
    pub iterations: u32,
    /// Parallel lanes.
    pub lanes: u32,
}

impl HashCost {
    /// The cost for real accounts: the OWASP minimum for argon2id (19 MiB, 2 passes, 1 lane),
    /// about a tenth of a second on a desk computer.
    pub const STANDARD: HashCost = HashCost {
        memory_kib: Params::DEFAULT_M_COST,
        iterations: Params::DEFAULT_T_COST,
        lanes: Params::DEFAULT_P_COST,
    };

    /// The smallest cost argon2 accepts. Only for tests, which hash many passwords; never
    /// for a real account.
    pub const TESTING: HashCost = HashCost {
        memory_kib: Params::MIN_M_COST,
        iterations: Params::MIN_T_COST,
        lanes: Params::MIN_P_COST,
    };
}

/// Refuse to verify against a stored hash that asks for more than 1 GiB or 64 passes: such
/// a string did not come from this program, and honouring it could exhaust the machine.
const VERIFY_MAX_MEMORY_KIB: u32 = 1024 * 1024;
const VERIFY_MAX_ITERATIONS: u32 = 64;

/// A password that met the policy, hashed with argon2id and a random salt, as a PHC string
/// (`$argon2id$v=19$m=19456,t=2,p=1$…`). The only way to make one is to hash a password
/// that passed [`check_password`], so the store can trust what it is given.
#[derive(Clone, PartialEq, Eq)]
pub struct HashedPassword(String);

impl std::fmt::Debug for HashedPassword {
    // Not the hash itself: debug output ends up in logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HashedPassword(…)")
    }
}

impl HashedPassword {
    /// Checks `password` against the policy and hashes it at the standard cost.
    pub fn new(password: &str) -> Result<HashedPassword, Msg> {
        Self::with_cost(password, HashCost::STANDARD)
    }

    /// Checks `password` against the policy and hashes it at `cost`.
    pub fn with_cost(password: &str, cost: HashCost) -> Result<HashedPassword, Msg> {
        check_password(password)?;
        let params = Params::new(cost.memory_kib, cost.iterations, cost.lanes, None)
            .map_err(|e| Msg::new("auth.password.hash_failed").arg("detail", e))?;
        let mut salt = [0u8; 16];
        OsRng
            .try_fill_bytes(&mut salt)
            .map_err(|e| Msg::new("auth.password.hash_failed").arg("detail", e))?;
        let hash = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_with_salt(password.as_bytes(), &salt)
            .map_err(|e| Msg::new("auth.password.hash_failed").arg("detail", e))?;
        Ok(HashedPassword(hash.to_string()))
    }

    /// Wraps a PHC string read back from the database.
    pub(crate) fn from_stored(phc: String) -> HashedPassword {
        HashedPassword(phc)
    }

    /// The PHC string, for storing.
    pub fn as_phc(&self) -> &str {
        &self.0
    }

    /// Whether `password` is the one hashed here. A malformed or foreign hash verifies
    /// nothing, so a damaged row locks its account out instead of letting anyone in.
    pub fn verify(&self, password: &str) -> bool {
        let Ok(parsed) = PasswordHash::new(&self.0) else {
            return false;
        };
        if parsed.algorithm != ARGON2ID_IDENT {
            return false;
        }
        let Ok(params) = Params::try_from(&parsed) else {
            return false;
        };
        if params.m_cost() > VERIFY_MAX_MEMORY_KIB || params.t_cost() > VERIFY_MAX_ITERATIONS {
            return false;
        }
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    }
}

/// Does the work of one standard verification and throws it away, so that a login with an
/// unknown user name takes as long as one with a wrong password and does not reveal which
/// accounts exist.
pub fn spend_verification_time(password: &str) {
    let params = Params::new(
        HashCost::STANDARD.memory_kib,
        HashCost::STANDARD.iterations,
        HashCost::STANDARD.lanes,
        None,
    );
    if let Ok(params) = params {
        let mut out = [0u8; 32];
        let _ = Argon2::new(Algorithm::Argon2id, Version::V0x13, params).hash_password_into(
            password.as_bytes(),
            b"stationdesk-no-such-user",
            &mut out,
        );
    }
}

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

impl LockoutPolicy {}

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

/// The actions only an administrator may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Create, disable, re-enable accounts, reset passwords, change roles.
    ManageOfficers,
    /// Add and remove the station's local person categories.
    ManageCategories,
    /// Edit the posted duty rules behind the checklist.
    EditDutyRules,
    /// Import a roster.
    Import,
    /// Reopen a checklist day that was signed off.
    ReopenSignedDay,
    /// Delete a record.
    Delete,
    /// Export with full ID and phone numbers.
    ExportUnmasked,
    /// Export the audit trail.
    ExportAudit,
    /// Replace the database with a backup.
    Restore,
}

impl Permission {
    /// Every permission, for tests and the help screen.
    pub const ALL: [Permission; 9] = [
        Permission::ManageOfficers,
        Permission::ManageCategories,
        Permission::EditDutyRules,
        Permission::Import,
        Permission::ReopenSignedDay,
        Permission::Delete,
        Permission::ExportUnmasked,
        Permission::ExportAudit,
        Permission::Restore,
    ];
}

/// Whether `role` may take the action; a refusal says why and whom to ask.
pub fn may(role: Role, permission: Permission) -> Result<(), Msg> {
    if role == Role::Admin {
        return Ok(());
    }
    Err(match permission {
        Permission::ManageOfficers => Msg::new("auth.denied.manage_officers"),
        Permission::EditDutyRules => Msg::new("auth.denied.edit_duty_rules"),
        Permission::Import => Msg::new("auth.denied.import"),
        Permission::ReopenSignedDay => Msg::new("auth.denied.reopen_signed_day"),
        Permission::Delete => Msg::new("auth.denied.delete"),
        Permission::ExportUnmasked => Msg::new("auth.denied.export_unmasked"),
        Permission::ExportAudit => Msg::new("auth.denied.export_audit"),
        Permission::Restore => Msg::new("auth.denied.restore"),
        Permission::ManageCategories => Msg::new("auth.denied.manage_categories"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn roles_round_trip() {
        for r in [Role::Admin, Role::Officer] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse(" ADMIN "), Some(Role::Admin));
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn user_names() {
        assert_eq!(parse_username(" Zhang.San_1 ").unwrap(), "zhang.san_1");
        assert_eq!(parse_username("ｚｈａｎｇ").unwrap(), "zhang");
        assert_eq!(parse_username("张三").unwrap(), "张三");
        assert_eq!(parse_username("").unwrap_err().key, "auth.username.empty");
        assert_eq!(
            parse_username(&"a".repeat(33)).unwrap_err().key,
            "auth.username.too_long"
        );
        assert!(parse_username(&"a".repeat(32)).is_ok());
        assert_eq!(
            parse_username("a b").unwrap_err().key,
            "auth.username.bad_char"
        );
        assert_eq!(
            parse_username("'; DROP TABLE people; --").unwrap_err().key,
            "auth.username.bad_char"
        );
    }

    #[test]
    fn display_names_default_to_the_user_name() {
        assert_eq!(parse_display_name("  ", "zhang").unwrap(), "zhang");
        assert_eq!(parse_display_name("张 三", "zhang").unwrap(), "张 三");
        assert!(parse_display_name(&"长".repeat(41), "zhang").is_err());
    }

    #[test]
    fn the_password_policy_counts_characters() {
        assert_eq!(check_password("").unwrap_err().key, "auth.password.empty");
        assert_eq!(
            check_password("1234567").unwrap_err().key,
            "auth.password.too_short"
        );
        assert!(check_password("12345678").is_ok());
        // Eight Chinese characters are 24 bytes but eight characters: long enough.
        assert!(check_password("退役军人服务站好").is_ok());
        assert_eq!(
            check_password("        ").unwrap_err().key,
            "auth.password.blank"
        );
        assert_eq!(
            check_password("abc\u{1b}defgh").unwrap_err().key,
            "auth.password.control"
        );
        assert_eq!(
            check_password("abcdefgh\t").unwrap_err().key,
            "auth.password.control"
        );
        assert!(check_password(&"x".repeat(256)).is_ok());
        assert_eq!(
            check_password(&"x".repeat(257)).unwrap_err().key,
            "auth.password.too_long"
        );
    }

    #[test]
    fn hashes_verify_and_reject() {
        let h = HashedPassword::with_cost("correct horse", HashCost::TESTING).unwrap();
        assert!(h.as_phc().starts_with("$argon2id$"));
        assert!(h.verify("correct horse"));
        assert!(!h.verify("correct horsE"));
        assert!(!HashedPassword::from_stored("garbage".into()).verify("correct horse"));
        assert!(!format!("{h:?}").contains("argon2"));
    }

    #[test]
    fn an_absurd_stored_cost_is_not_honoured() {
        let h = HashedPassword::with_cost("correct horse", HashCost::TESTING).unwrap();
        let phc = h.as_phc().replacen("m=8,", "m=4000000000,", 1);
        assert_ne!(phc, h.as_phc(), "{}", h.as_phc());
        assert!(!HashedPassword::from_stored(phc).verify("correct horse"));
    }

    #[test]
    fn lockout_rule() {
        let p = LockoutPolicy::default();
        let mut failed = 0;
        let mut until = None;
        for i in 1..=5 {
            assert_eq!(
                login_gate(failed, until, at(9, 0)),
                LoginGate::Open { failed }
            );
            let after = after_failure(failed, at(9, 0), p);
            failed = after.failed;
            until = after.locked_until;
            assert_eq!(until.is_some(), i == 5);
        }
        assert_eq!(until, Some(at(9, 15)));
        assert_eq!(
            login_gate(failed, until, at(9, 14)),
            LoginGate::Locked { until: at(9, 15) }
        );
        assert_eq!(
            login_gate(failed, until, at(9, 15)),
            LoginGate::Open { failed: 0 }
        );
    }

    #[test]
    fn a_zero_policy_cannot_switch_lockout_off() {
        let p = LockoutPolicy {
            attempts: 0,
            minutes: 0,
        };
        assert_eq!(after_failure(0, at(9, 0), p).locked_until, Some(at(9, 1)));
    }

    #[test]
    fn idle_lock_rule() {
        assert!(!idle_locked(at(9, 0), at(9, 9), 10));
        assert!(idle_locked(at(9, 0), at(9, 10), 10));
        assert!(!idle_locked(at(9, 10), at(9, 0), 10));
        assert!(idle_locked(at(9, 0), at(9, 1), 0));
    }

    #[test]
    fn only_administrators_may() {
        for p in Permission::ALL {
            assert!(may(Role::Admin, p).is_ok());
            let refusal = may(Role::Officer, p).unwrap_err();
            assert!(refusal.key.starts_with("auth.denied."));
        }
    }
}
