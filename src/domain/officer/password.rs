//! The password policy and its hashing: argon2id at a fixed cost, and a refusal to honour
//! a stored hash that asks for absurd work.
use crate::i18n::Msg;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{ARGON2ID_IDENT, Algorithm, Argon2, Params, PasswordHash, Version};
use rand::TryRngCore;
use rand::rngs::OsRng;

/// The shortest password, in characters (not bytes: a Chinese pass phrase counts per character).
pub const PASSWORD_MIN: usize = 8;
/// The longest password, in characters; longer input is a paste gone wrong, and it bounds
/// the work a hash does.
pub const PASSWORD_MAX: usize = 256;

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
