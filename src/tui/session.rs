//! Who is at the desk: the signed-in officer, how the program starts (first run, login, or
//! the testing aid), role checks for screens, and the account work the database worker does
//! for the sign-in, lock and officer screens.
//!
//! Passwords are hashed and verified on the database worker only (argon2 takes tens of
//! milliseconds by design); `update` and `render` never see a hash.
use crate::config::Config;
use crate::domain::officer::{
    HashCost, HashedPassword, Officer, Permission, Role, may, parse_username,
};
use crate::i18n::Msg;
use crate::store::{Store, StoreError};
use crate::tui::screens::Cx;
use chrono::NaiveDateTime;

/// Testing aid: on a database with no accounts at all, `STATIONDESK_TEST_OFFICER=name`
/// skips the first-run wizard and runs as that (unauthenticated) officer, so end-to-end
/// tests and demos can start the program on a bare database. Ignored as soon as any
/// account exists: it can never bypass a login.
pub const TEST_OFFICER_ENV: &str = "STATIONDESK_TEST_OFFICER";

/// The officer records are attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// False for the testing aid: nobody proved who they are, and there is no password
    /// to unlock with, so the screen is never locked.
    pub authenticated: bool,
}

impl Session {
    pub fn from_officer(o: &Officer) -> Session {
        Session {
            username: o.username.clone(),
            display_name: o.display_name.clone(),
            role: o.role,
            authenticated: true,
        }
    }

    /// The testing aid's officer (see [`TEST_OFFICER_ENV`]).
    pub fn test_officer(username: &str) -> Session {
        Session {
            username: username.to_string(),
            display_name: username.to_string(),
            role: Role::Admin,
            authenticated: false,
        }
    }
}

/// The account rules in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthSettings {
    pub idle_minutes: u32,
    /// Cost of new password hashes (tests use [`HashCost::TESTING`]).
    pub cost: HashCost,
}

impl Default for AuthSettings {
    fn default() -> Self {
        AuthSettings::from_config(&Config::default())
    }
}

impl AuthSettings {
    pub fn from_config(config: &Config) -> AuthSettings {
        AuthSettings {
            idle_minutes: config.idle_lock_minutes.max(1),
            cost: HashCost::STANDARD,
        }
    }

    /// Cheap hashes, for tests.
    pub fn testing() -> AuthSettings {
        AuthSettings {
            cost: HashCost::TESTING,
            ..AuthSettings::default()
        }
    }
}

/// What the program shows first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Start {
    /// No accounts yet: the first-run wizard.
    FirstRun,
    /// Accounts exist: the login screen.
    Login,
    /// Straight to the dashboard, as `AuthInit::session` (or nobody).
    #[default]
    Open,
}

/// How the app starts, for [`crate::tui::app::AppInit`].
#[derive(Debug, Clone, Default)]
pub struct AuthInit {
    pub start: Start,
    pub session: Option<Session>,
    pub settings: AuthSettings,
    /// The station's name already in the database (a demo database has one): the first-run
    /// form starts with it.
    pub station: Option<String>,
}

/// Decides how to start on `store`: login when accounts exist; otherwise the testing aid's
/// officer if one is named, else the first-run wizard.
pub fn start_for(store: &Store, test_officer: Option<&str>) -> Result<AuthInit, StoreError> {
    if store.has_officers()? {
        return Ok(AuthInit {
            start: Start::Login,
            ..AuthInit::default()
        });
    }
    let session = test_officer
        .filter(|n| !n.trim().is_empty())
        .and_then(|n| parse_username(n).ok())
        .map(|n| Session::test_officer(&n));
    Ok(AuthInit {
        start: if session.is_some() {
            Start::Open
        } else {
            Start::FirstRun
        },
        session,
        station: store
            .setting("station_name")?
            .filter(|name| !name.trim().is_empty()),
        ..AuthInit::default()
    })
}

/// Whether the officer at the desk may do `permission`; the refusal says why.
pub fn require(cx: &Cx, permission: Permission) -> Result<(), Msg> {
    match cx.role {
        Some(role) => may(role, permission),
        None => Err(Msg::new("tui_auth.denied.not_signed_in")),
    }
}

/// What the first-run wizard collected.
#[derive(Clone, PartialEq, Eq)]
pub struct FirstRunInput {
    pub station: String,
    /// `county`, `town` or `village`.
    pub level: String,
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub cost: HashCost,
    pub now: NaiveDateTime,
}

/// Account work for the database worker. `Debug` never shows a password.
#[derive(Clone, PartialEq, Eq)]
pub enum AuthJob {
    /// A login, or an unlock of `unlock_for`'s screen (by that officer or an administrator).
    Login {
        username: String,
        password: String,
        now: NaiveDateTime,
        unlock_for: Option<String>,
    },
    FirstRun(Box<FirstRunInput>),
    Officers,
    AddOfficer {
        username: String,
        display_name: String,
        role: Role,
        password: String,
        cost: HashCost,
    },
    SetActive {
        username: String,
        active: bool,
    },
    SetRole {
        username: String,
        role: Role,
    },
    ResetPassword {
        username: String,
        password: String,
        cost: HashCost,
    },
    ChangeOwnPassword {
        username: String,
        old: String,
        new: String,
        now: NaiveDateTime,
        cost: HashCost,
    },
}

impl std::fmt::Debug for AuthJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuthJob::Login {
                username,
                unlock_for,
                ..
            } => write!(f, "Login({username}, unlock_for={unlock_for:?})"),
            AuthJob::FirstRun(i) => write!(f, "FirstRun({})", i.username),
            AuthJob::Officers => f.write_str("Officers"),
            AuthJob::AddOfficer { username, role, .. } => {
                write!(f, "AddOfficer({username}, {})", role.as_str())
            }
            AuthJob::SetActive { username, active } => write!(f, "SetActive({username}, {active})"),
            AuthJob::SetRole { username, role } => {
                write!(f, "SetRole({username}, {})", role.as_str())
            }
            AuthJob::ResetPassword { username, .. } => write!(f, "ResetPassword({username})"),
            AuthJob::ChangeOwnPassword { username, .. } => {
                write!(f, "ChangeOwnPassword({username})")
            }
        }
    }
}

/// What account work came to.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthDone {
    /// Signed in (login, unlock or first run); the store's actor is now this officer.
    SignedIn {
        session: Session,
        /// The station's name, when the first run just set it.
        station: Option<String>,
    },
    /// A login or unlock refused: wrong credentials, locked, disabled.
    Refused(Msg),
    Officers(Vec<Officer>),
    /// An account change was made; the message says which.
    Changed(Msg),
    /// An account change was refused.
    Failed(Msg),
}

fn store_msg(e: StoreError) -> Msg {
    e.msg()
}

/// Does one piece of account work.
pub fn auth_job(store: &mut Store, job: AuthJob) -> AuthDone {
    match job {
        AuthJob::Login {
            username,
            password,
            now,
            unlock_for,
        } => match store.login(&username, &password, now) {
            Ok(officer) => {
                let allowed = match &unlock_for {
                    Some(owner) => *owner == officer.username || officer.role == Role::Admin,
                    None => true,
                };
                if !allowed {
                    return AuthDone::Refused(Msg::new("tui_auth.lock.not_allowed"));
                }
                match unlock_for.filter(|owner| *owner != officer.username) {
                    Some(owner) => unlock_as_admin(store, &officer, &owner),
                    None => {
                        store.set_actor(&officer.username);
                        AuthDone::SignedIn {
                            session: Session::from_officer(&officer),
                            station: None,
                        }
                    }
                }
            }
            Err(e) => AuthDone::Refused(e.msg()),
        },
        AuthJob::FirstRun(input) => first_run(store, &input),
        AuthJob::Officers => match store.officers() {
            Ok(list) => AuthDone::Officers(list),
            Err(e) => AuthDone::Failed(store_msg(e)),
        },
        AuthJob::AddOfficer {
            username,
            display_name,
            role,
            password,
            cost,
        } => {
            let hash = match HashedPassword::with_cost(&password, cost) {
                Ok(h) => h,
                Err(m) => return AuthDone::Failed(m),
            };
            match store.add_officer(&username, &display_name, role, &hash) {
                Ok(o) => AuthDone::Changed(
                    Msg::new("tui_auth.officers.added").arg("username", o.username),
                ),
                Err(e) => AuthDone::Failed(e.msg()),
            }
        }
        AuthJob::SetActive { username, active } => {
            let result = if active {
                store.enable_officer(&username)
            } else {
                store.disable_officer(&username)
            };
            let key = if active {
                "tui_auth.officers.enabled"
            } else {
                "tui_auth.officers.disabled_done"
            };
            match result {
                Ok(o) => AuthDone::Changed(Msg::new(key).arg("username", o.username)),
                Err(e) => AuthDone::Failed(e.msg()),
            }
        }
        AuthJob::SetRole { username, role } => match store.set_role(&username, role) {
            Ok(o) => AuthDone::Changed(
                Msg::new("tui_auth.officers.role_changed")
                    .arg("username", o.username)
                    .arg("role", role.as_str()),
            ),
            Err(e) => AuthDone::Failed(e.msg()),
        },
        AuthJob::ResetPassword {
            username,
            password,
            cost,
        } => {
            let hash = match HashedPassword::with_cost(&password, cost) {
                Ok(h) => h,
                Err(m) => return AuthDone::Failed(m),
            };
            match store.reset_password(&username, &hash) {
                Ok(()) => AuthDone::Changed(
                    Msg::new("tui_auth.officers.password_reset").arg("username", username),
                ),
                Err(e) => AuthDone::Failed(e.msg()),
            }
        }
        AuthJob::ChangeOwnPassword {
            username,
            old,
            new,
            now,
            cost,
        } => {
            let hash = match HashedPassword::with_cost(&new, cost) {
                Ok(h) => h,
                Err(m) => return AuthDone::Failed(m),
            };
            match store.change_own_password(&username, &old, &hash, now) {
                Ok(()) => AuthDone::Changed(Msg::new("tui_auth.password.changed")),
                Err(e) => AuthDone::Failed(e.msg()),
            }
        }
    }
}

/// An administrator unlocked another officer's desk: the audit says who unlocked it, and
/// the desk goes on as the officer who locked it, never with the administrator's rights.
fn unlock_as_admin(store: &mut Store, admin: &Officer, owner: &str) -> AuthDone {
    let owner_officer = match store.officer(owner) {
        Ok(Some(o)) if o.active => o,
        Ok(_) => return AuthDone::Refused(Msg::new("tui_auth.lock.not_allowed")),
        Err(e) => return AuthDone::Refused(store_msg(e)),
    };
    store.set_actor(&admin.username);
    let audited = store.audit(
        "unlock",
        "officer",
        owner,
        &format!("unlocked by administrator {}", admin.username),
    );
    store.set_actor(owner);
    if let Err(e) = audited {
        return AuthDone::Refused(store_msg(e));
    }
    AuthDone::SignedIn {
        session: Session::from_officer(&owner_officer),
        station: None,
    }
}

fn first_run(store: &mut Store, input: &FirstRunInput) -> AuthDone {
    match store.has_officers() {
        Ok(false) => {}
        Ok(true) => return AuthDone::Refused(Msg::new("auth.account.admin_exists")),
        Err(e) => return AuthDone::Refused(store_msg(e)),
    }
    let station = crate::domain::text::clean_line(&input.station);
    if station.is_empty() {
        return AuthDone::Refused(Msg::new("cli.station_empty"));
    }
    let username = match parse_username(&input.username) {
        Ok(u) => u,
        Err(m) => return AuthDone::Refused(m),
    };
    // The slow hash before the first write, so a refusal leaves nothing behind.
    let hash = match HashedPassword::with_cost(&input.password, input.cost) {
        Ok(h) => h,
        Err(m) => return AuthDone::Refused(m),
    };
    store.set_actor(&username);
    let written = store
        .set_setting("station_name", &station)
        .and_then(|()| store.set_setting("station_level", &input.level))
        .and_then(|()| {
            store.audit(
                "init",
                "station",
                "",
                &format!("{station} ({})", input.level),
            )
        });
    if let Err(e) = written {
        return AuthDone::Refused(store_msg(e));
    }
    let officer = match store.add_officer(&username, &input.display_name, Role::Admin, &hash) {
        Ok(o) => o,
        Err(e) => return AuthDone::Refused(e.msg()),
    };
    AuthDone::SignedIn {
        session: Session::from_officer(&officer),
        station: Some(station),
    }
}
