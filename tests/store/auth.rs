//! Accounts, logins, lockout, roles and the audit trail, through the library.
//!
//! Accounts here are hashed at `HashCost::TESTING` so that the suite stays fast; one test
//! checks the standard cost itself.
// Test helpers outside #[test] functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]
use crate::common;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use stationdesk::clock::{Clock, FixedClock};
use stationdesk::domain::officer::{
    HashCost, HashedPassword, LockoutPolicy, Permission, Role, check_password, may,
};
use stationdesk::i18n::Lang;
use stationdesk::store::Store;
use stationdesk::store::audit::AuditEntry;
use stationdesk::store::officers::{AccountError, LoginError};
use std::sync::Arc;

const PASSWORD: &str = "correct horse 站";
const INJECTION: &str = "'; DROP TABLE people; --";

fn start() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn store() -> (Store, Arc<FixedClock>) {
    let clock = common::clock_at(start());
    (crate::common::store(None, clock.clone()), clock)
}

fn cheap(password: &str) -> HashedPassword {
    HashedPassword::with_cost(password, HashCost::TESTING).unwrap()
}

fn with_officer(role: Role) -> (Store, Arc<FixedClock>) {
    let (mut s, c) = store();
    s.add_officer("zhang", "张三", role, &cheap(PASSWORD))
        .unwrap();
    (s, c)
}

fn actions(s: &Store) -> Vec<String> {
    s.audit_entries(None, None)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

fn count(s: &Store, action: &str) -> usize {
    actions(s).iter().filter(|a| *a == action).count()
}

#[test]
fn the_standard_hash_is_argon2id_at_the_owasp_minimum_and_verifies() {
    let h = HashedPassword::new(PASSWORD).unwrap();
    let phc = h.as_phc();
    assert!(phc.starts_with("$argon2id$v=19$"), "{phc}");
    let params = phc.split('$').nth(3).unwrap();
    let value = |name: &str| -> u32 {
        params
            .split(',')
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(value("m") >= 19456, "{phc}");
    assert!(value("t") >= 2, "{phc}");
    assert!(value("p") >= 1, "{phc}");
    assert!(h.verify(PASSWORD));
    assert!(!h.verify("correct horse"));
}

#[test]
fn the_same_password_gets_a_different_salt_each_time() {
    let a = cheap(PASSWORD);
    let b = cheap(PASSWORD);
    assert_ne!(a.as_phc(), b.as_phc());
    assert!(a.verify(PASSWORD) && b.verify(PASSWORD));
}

#[test]
fn bad_passwords_are_refused_before_hashing() {
    let cases = [
        ("", "auth.password.empty"),
        ("short", "auth.password.too_short"),
        ("七个汉字的密码", "auth.password.too_short"),
        ("          ", "auth.password.blank"),
        ("bell\u{7}password", "auth.password.control"),
        ("escape\u{1b}[31m", "auth.password.control"),
        ("new\nline password", "auth.password.control"),
    ];
    for (pw, key) in cases {
        assert_eq!(check_password(pw).unwrap_err().key, key, "{pw:?}");
        assert_eq!(
            HashedPassword::with_cost(pw, HashCost::TESTING)
                .unwrap_err()
                .key,
            key
        );
    }
    let long = "密".repeat(257);
    assert_eq!(
        HashedPassword::with_cost(&long, HashCost::TESTING)
            .unwrap_err()
            .key,
        "auth.password.too_long"
    );
    assert!(check_password(&"密".repeat(256)).is_ok());
}

#[test]
fn a_login_succeeds_and_is_audited() {
    let (mut s, c) = with_officer(Role::Officer);
    assert!(s.has_officers().unwrap());
    assert!(!s.has_admin().unwrap());
    let o = s.login("zhang", PASSWORD, c.now()).unwrap();
    assert_eq!(o.username, "zhang");
    assert_eq!(o.display_name, "张三");
    assert_eq!(o.role, Role::Officer);
    // The user name is matched as it was normalised at creation.
    assert!(s.login("ZHANG", PASSWORD, c.now()).is_ok());
    assert_eq!(count(&s, "create"), 1);
    assert_eq!(count(&s, "login"), 2);
}

#[test]
fn five_failures_lock_for_fifteen_minutes() {
    let (mut s, c) = with_officer(Role::Officer);
    for _ in 0..4 {
        assert_eq!(
            s.login("zhang", "wrong password", c.now()),
            Err(LoginError::BadCredentials)
        );
        c.advance(Duration::seconds(10));
    }
    let locked_at = c.now();
    let until = locked_at + Duration::minutes(15);
    assert_eq!(
        s.login("zhang", "wrong password", c.now()),
        Err(LoginError::Locked { until })
    );
    assert_eq!(count(&s, "locked"), 1);
    let o = s.officer("zhang").unwrap().unwrap();
    assert_eq!(o.locked_until, Some(until));

    // Even the right password is refused while locked.
    c.advance(Duration::minutes(14));
    assert_eq!(
        s.login("zhang", PASSWORD, c.now()),
        Err(LoginError::Locked { until })
    );
    // The refusal names the time in both languages.
    let msg = LoginError::Locked { until }.msg();
    assert!(msg.render(Lang::En).contains("09:15"));
    assert!(msg.render(Lang::Zh).contains("09:15"));

    c.set(until);
    let o = s.login("zhang", PASSWORD, c.now()).unwrap();
    assert_eq!(o.failed_logins, 0);
    assert_eq!(o.locked_until, None);
    let stored = s.officer("zhang").unwrap().unwrap();
    assert_eq!((stored.failed_logins, stored.locked_until), (0, None));
    assert_eq!(count(&s, "login_failed"), 6);
    assert_eq!(count(&s, "login"), 1);
}

#[test]
fn an_expired_lock_gives_a_fresh_count() {
    let (mut s, c) = with_officer(Role::Officer);
    for _ in 0..5 {
        let _ = s.login("zhang", "wrong password", c.now());
    }
    c.advance(Duration::minutes(16));
    assert_eq!(
        s.login("zhang", "wrong password", c.now()),
        Err(LoginError::BadCredentials),
        "one failure after the lock expired must not lock again"
    );
    assert_eq!(s.officer("zhang").unwrap().unwrap().failed_logins, 1);
}

#[test]
fn a_success_resets_the_count() {
    let (mut s, c) = with_officer(Role::Officer);
    for _ in 0..4 {
        let _ = s.login("zhang", "wrong password", c.now());
    }
    s.login("zhang", PASSWORD, c.now()).unwrap();
    for _ in 0..4 {
        assert_eq!(
            s.login("zhang", "wrong password", c.now()),
            Err(LoginError::BadCredentials)
        );
    }
    assert_eq!(count(&s, "locked"), 0);
}

#[test]
fn the_policy_comes_from_the_database() {
    let (mut s, c) = with_officer(Role::Officer);
    s.set_lockout_policy(LockoutPolicy {
        attempts: 3,
        minutes: 1,
    })
    .unwrap();
    for _ in 0..2 {
        let _ = s.login("zhang", "wrong password", c.now());
    }
    assert!(matches!(
        s.login("zhang", "wrong password", c.now()),
        Err(LoginError::Locked { .. })
    ));
    c.advance(Duration::minutes(1));
    assert!(s.login("zhang", PASSWORD, c.now()).is_ok());
    assert_eq!(count(&s, "lockout_policy"), 1);
}

#[test]
fn unknown_users_get_the_same_answer_as_wrong_passwords() {
    let (mut s, c) = with_officer(Role::Officer);
    assert_eq!(
        s.login("nobody", PASSWORD, c.now()),
        Err(LoginError::BadCredentials)
    );
    let last = s.audit_entries(None, None).unwrap().pop().unwrap();
    assert_eq!(
        (last.action.as_str(), last.entity_id.as_str()),
        ("login_failed", "nobody")
    );
}

#[test]
fn a_disabled_account_is_refused_and_can_be_enabled() {
    let (mut s, c) = with_officer(Role::Officer);
    s.add_officer("boss", "", Role::Admin, &cheap(PASSWORD))
        .unwrap();
    let o = s.disable_officer("zhang").unwrap();
    assert!(!o.active);
    assert_eq!(
        s.login("zhang", PASSWORD, c.now()),
        Err(LoginError::Disabled)
    );
    assert_eq!(
        s.login("zhang", "wrong password", c.now()),
        Err(LoginError::BadCredentials)
    );
    assert!(
        LoginError::Disabled
            .msg()
            .render(Lang::En)
            .contains("disabled")
    );
    assert!(s.enable_officer("zhang").unwrap().active);
    assert!(s.login("zhang", PASSWORD, c.now()).is_ok());
    assert_eq!(count(&s, "disable"), 1);
    assert_eq!(count(&s, "enable"), 1);
}

#[test]
fn enabling_or_resetting_lifts_a_lock() {
    let (mut s, c) = with_officer(Role::Officer);
    for _ in 0..5 {
        let _ = s.login("zhang", "wrong password", c.now());
    }
    s.reset_password("zhang", &cheap("a new pass phrase"))
        .unwrap();
    assert!(s.login("zhang", "a new pass phrase", c.now()).is_ok());
    assert!(s.login("zhang", PASSWORD, c.now()).is_err());
}

#[test]
fn changing_ones_own_password_needs_the_old_one() {
    let (mut s, c) = with_officer(Role::Officer);
    let new = cheap("another pass phrase");
    assert_eq!(
        s.change_own_password("zhang", "not the password", &new, c.now()),
        Err(AccountError::WrongPassword)
    );
    // A wrong current password counts towards the lockout.
    assert_eq!(s.officer("zhang").unwrap().unwrap().failed_logins, 1);
    s.change_own_password("zhang", PASSWORD, &new, c.now())
        .unwrap();
    assert_eq!(
        s.login("zhang", PASSWORD, c.now()),
        Err(LoginError::BadCredentials)
    );
    assert!(s.login("zhang", "another pass phrase", c.now()).is_ok());
    assert_eq!(count(&s, "password_change"), 1);
}

#[test]
fn every_account_change_is_audited_without_the_hash() {
    let (mut s, c) = store();
    s.set_actor("cli:tester");
    let hash = cheap(PASSWORD);
    s.add_officer("boss", "站长", Role::Admin, &hash).unwrap();
    s.add_officer("zhang", "张三", Role::Officer, &cheap(PASSWORD))
        .unwrap();
    s.set_role("zhang", Role::Admin).unwrap();
    s.set_role("zhang", Role::Officer).unwrap();
    s.reset_password("zhang", &cheap("reset pass phrase"))
        .unwrap();
    s.disable_officer("zhang").unwrap();
    s.enable_officer("zhang").unwrap();
    s.change_own_password("zhang", "reset pass phrase", &cheap(PASSWORD), c.now())
        .unwrap();
    s.login("zhang", PASSWORD, c.now()).unwrap();
    let _ = s.login("zhang", "wrong password", c.now());

    let entries: Vec<AuditEntry> = s.audit_entries(None, None).unwrap();
    let got: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e.action.as_str(), e.entity_id.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("create", "boss"),
            ("create", "zhang"),
            ("role_change", "zhang"),
            ("role_change", "zhang"),
            ("password_reset", "zhang"),
            ("disable", "zhang"),
            ("enable", "zhang"),
            ("password_change", "zhang"),
            ("login", "zhang"),
            ("login_failed", "zhang"),
        ]
    );
    for e in &entries {
        assert_eq!(e.entity, "officer");
        assert_eq!(e.actor, "cli:tester");
        assert_eq!(e.at, "2026-11-25 09:00:00");
        assert!(!e.summary.contains("argon2"), "{e:?}");
        assert!(!e.summary.contains(PASSWORD), "{e:?}");
    }
    assert!(entries[0].summary.contains("admin"));
    assert_eq!(entries[2].summary, "officer->admin");
}

#[test]
fn the_last_administrator_stays() {
    let (mut s, _) = with_officer(Role::Admin);
    assert_eq!(s.disable_officer("zhang"), Err(AccountError::LastAdmin));
    assert_eq!(
        s.set_role("zhang", Role::Officer),
        Err(AccountError::LastAdmin)
    );
    s.add_officer("li", "李四", Role::Admin, &cheap(PASSWORD))
        .unwrap();
    assert_eq!(
        s.set_role("zhang", Role::Officer).unwrap().role,
        Role::Officer
    );
    assert_eq!(s.disable_officer("li"), Err(AccountError::LastAdmin));
    assert!(
        AccountError::LastAdmin
            .msg()
            .render(Lang::Zh)
            .contains("管理员")
    );
}

#[test]
fn user_names_are_unique_and_validated() {
    let (mut s, _) = with_officer(Role::Officer);
    assert_eq!(
        s.add_officer("Zhang", "", Role::Officer, &cheap(PASSWORD)),
        Err(AccountError::Exists("zhang".into()))
    );
    assert!(matches!(
        s.add_officer("", "", Role::Officer, &cheap(PASSWORD)),
        Err(AccountError::Invalid(m)) if m.key == "auth.username.empty"
    ));
    assert!(matches!(
        s.add_officer(&"a".repeat(33), "", Role::Officer, &cheap(PASSWORD)),
        Err(AccountError::Invalid(m)) if m.key == "auth.username.too_long"
    ));
    let o = s
        .add_officer("王五", "", Role::Officer, &cheap(PASSWORD))
        .unwrap();
    assert_eq!(o.display_name, "王五");
    assert_eq!(
        s.officers()
            .unwrap()
            .iter()
            .map(|o| o.username.as_str())
            .collect::<Vec<_>>(),
        ["zhang", "王五"]
    );
    assert_eq!(
        s.disable_officer("nobody"),
        Err(AccountError::NotFound("nobody".into()))
    );
}

#[test]
fn sql_metacharacters_are_only_text() {
    let (mut s, c) = store();
    // As a user name: refused by the rules, and harmless where it is looked up.
    assert!(matches!(
        s.add_officer(INJECTION, "", Role::Officer, &cheap(PASSWORD)),
        Err(AccountError::Invalid(m)) if m.key == "auth.username.bad_char"
    ));
    assert_eq!(s.officer(INJECTION).unwrap(), None);
    assert_eq!(
        s.login(INJECTION, PASSWORD, c.now()),
        Err(LoginError::BadCredentials)
    );
    // As a display name: stored and read back as it was typed.
    let o = s
        .add_officer("wang", INJECTION, Role::Officer, &cheap(INJECTION))
        .unwrap();
    assert_eq!(o.display_name, INJECTION);
    assert_eq!(s.officer("wang").unwrap().unwrap().display_name, INJECTION);
    assert!(s.login("wang", INJECTION, c.now()).is_ok());
    assert_eq!(
        s.count_people().unwrap(),
        0,
        "the people table is still there"
    );
    let failed = s
        .audit_entries(None, None)
        .unwrap()
        .into_iter()
        .find(|e| e.action == "login_failed")
        .unwrap();
    assert_eq!(failed.entity_id, INJECTION);
}

#[test]
fn the_audit_trail_refuses_changes_from_a_raw_connection() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("station.db");
    let clock = common::clock_at(start());
    {
        let mut s = common::store(Some(&path), clock.clone());
        s.add_officer("zhang", "", Role::Admin, &cheap(PASSWORD))
            .unwrap();
        s.login("zhang", PASSWORD, clock.now()).unwrap();
    }
    let mut raw = crate::common::pg::raw(&path);
    let update = raw
        .execute("UPDATE audit SET actor = 'nobody'")
        .unwrap_err();
    assert!(update.to_string().contains("append-only"), "{update}");
    let delete = raw.execute("DELETE FROM audit").unwrap_err();
    assert!(delete.to_string().contains("append-only"), "{delete}");
    let rows: i64 = raw.count("SELECT count(*) FROM audit");
    assert_eq!(rows, 2);
    let actors: i64 = raw.count("SELECT count(*) FROM audit WHERE actor = 'nobody'");
    assert_eq!(actors, 0);
    // The hash is stored, and it is a PHC string, not the password.
    let hash = raw.texts("SELECT password_hash FROM officers WHERE username = 'zhang'")[0].clone();
    assert!(hash.starts_with("$argon2id$") && !hash.contains(PASSWORD));
}

#[test]
fn each_admin_only_action_is_refused_to_an_officer_with_a_reason() {
    let mut seen = std::collections::HashSet::new();
    for p in Permission::ALL {
        assert_eq!(may(Role::Admin, p), Ok(()));
        let refusal = may(Role::Officer, p).unwrap_err();
        for lang in [Lang::Zh, Lang::En] {
            let text = refusal.render(lang);
            assert_ne!(text, refusal.key, "{:?} has no text in {lang:?}", p);
            assert!(!text.contains('{'), "{text}");
        }
        assert!(refusal.render(Lang::En).contains("administrator"));
        assert!(refusal.render(Lang::Zh).contains("管理员"));
        assert!(seen.insert(refusal.key), "{p:?} shares a message");
    }
    assert_eq!(seen.len(), Permission::ALL.len());
}
