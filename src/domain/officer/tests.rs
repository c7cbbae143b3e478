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
