//! Sign-in, lock, first run, accounts and role refusals, driven through the app with the
//! workers replaced by direct calls.
#![allow(clippy::unwrap_used)]
use crate::common;

use chrono::Duration;
use common::{Harness, memory_store, now};
use stationdesk::domain::officer::{HashCost, HashedPassword, Role};
use stationdesk::i18n::{Lang, Msg};
use stationdesk::store::Store;
use stationdesk::tui::action::{Action, Loaded};
use stationdesk::tui::data::ProfileData;
use stationdesk::tui::screens::ScreenId;
use stationdesk::tui::session::{self, AuthInit, Start};

const PASSWORD: &str = "correct horse";

/// The sample people and two accounts: `admin` (王管理) and the officer `wangli` (王丽).
pub fn store_with_accounts() -> Store {
    let (mut store, _) = memory_store();
    let hash = HashedPassword::with_cost(PASSWORD, HashCost::TESTING).unwrap();
    store
        .add_officer("admin", "王管理", Role::Admin, &hash)
        .unwrap();
    store
        .add_officer("wangli", "王丽", Role::Officer, &hash)
        .unwrap();
    store
}

fn at_login(lang: Lang) -> Harness {
    let start = AuthInit {
        start: Start::Login,
        ..AuthInit::default()
    };
    Harness::auth(lang, store_with_accounts(), start)
}

fn sign_in(h: &mut Harness, user: &str, password: &str) {
    h.send(Action::ClearField);
    h.type_text(user);
    h.send(Action::Submit);
    h.type_text(password);
    h.send(Action::Submit);
}

fn signed_in(user: &str) -> Harness {
    let mut h = at_login(Lang::En);
    sign_in(&mut h, user, PASSWORD);
    assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
    h
}

fn status(h: &Harness) -> String {
    h.app.status().map(|s| s.text.clone()).unwrap_or_default()
}

#[test]
fn login_sets_the_session_and_attributes_audit_records() {
    let mut h = at_login(Lang::Zh);
    assert_eq!(h.app.screen_id(), ScreenId::Login);
    assert!(
        !h.draw(80, 24).contains("在档人数"),
        "nothing before sign-in"
    );
    sign_in(&mut h, "wangli", PASSWORD);
    assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
    assert_eq!(h.app.session().unwrap().username, "wangli");
    assert!(h.draw(80, 24).contains("王丽"), "title bar shows the name");
    assert_eq!(h.store.actor(), "wangli");
    h.send(Action::GotoLookup);
    h.type_text("zsf");
    h.send(Action::Open);
    let entries = h.store.audit_entries(None, None).unwrap();
    let view = entries.iter().find(|e| e.action == "view").unwrap();
    assert_eq!(view.actor, "wangli");
    assert!(entries.iter().any(|e| e.action == "login"));
}

#[test]
fn a_wrong_password_is_refused_and_the_password_never_shows() {
    let mut h = at_login(Lang::En);
    sign_in(&mut h, "wangli", "wrong password");
    assert_eq!(h.app.screen_id(), ScreenId::Login);
    let screen = h.draw(80, 24);
    assert!(
        screen.contains("user name or password is wrong"),
        "{screen}"
    );
    assert!(!screen.contains("wrong password"), "{screen}");
    // Typing masks every character.
    h.type_text("secret");
    let screen = h.draw(80, 24);
    assert!(screen.contains("******"), "{screen}");
    assert!(!screen.contains("secret"), "{screen}");
    assert!(!h.performed.iter().any(|e| e.contains("wrong password")));
    assert_eq!(h.store.officer("wangli").unwrap().unwrap().failed_logins, 1);
}

#[test]
fn lockout_after_five_failures_and_its_expiry() {
    let mut h = at_login(Lang::En);
    for _ in 0..5 {
        sign_in(&mut h, "wangli", "wrong password");
    }
    sign_in(&mut h, "wangli", PASSWORD);
    assert_eq!(h.app.screen_id(), ScreenId::Login);
    let screen = h.draw(120, 40);
    assert!(
        screen.contains("locked") && screen.contains("09:45"),
        "{screen}"
    );
    // Fourteen minutes on, still locked; after fifteen the right password works.
    h.send(Action::Tick(now() + Duration::minutes(14)));
    sign_in(&mut h, "wangli", PASSWORD);
    assert_eq!(h.app.screen_id(), ScreenId::Login);
    h.send(Action::Tick(now() + Duration::minutes(15)));
    sign_in(&mut h, "wangli", PASSWORD);
    assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
}

#[test]
fn a_disabled_account_is_told_so() {
    let mut store = store_with_accounts();
    store.disable_officer("wangli").unwrap();
    let start = AuthInit {
        start: Start::Login,
        ..AuthInit::default()
    };
    let mut h = Harness::auth(Lang::En, store, start);
    sign_in(&mut h, "wangli", PASSWORD);
    assert!(h.draw(80, 24).contains("disabled"));
}

#[test]
fn idle_lock_after_the_configured_minutes_and_not_before() {
    let mut h = signed_in("wangli");
    h.send(Action::Tick(now() + Duration::minutes(9)));
    assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
    // A key resets the idle time.
    h.send(Action::MoveDown);
    h.send(Action::Tick(now() + Duration::minutes(18)));
    assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
    h.send(Action::Tick(now() + Duration::minutes(19)));
    assert_eq!(h.app.screen_id(), ScreenId::Lock);
}

#[test]
fn the_lock_hides_everything_and_keeps_the_screens_underneath() {
    let mut h = signed_in("wangli");
    h.send(Action::GotoLookup);
    h.type_text("zsf");
    assert!(h.draw(80, 24).contains("张三丰"));
    h.send(Action::Lock);
    assert_eq!(h.app.screen_id(), ScreenId::Lock);
    assert_eq!(h.app.underlying_screen_id(), ScreenId::Lookup);
    for (w, rows) in [(80, 24), (120, 40)] {
        let screen = h.draw(w, rows);
        assert!(
            !screen.contains("张三丰") && !screen.contains("zsf"),
            "{screen}"
        );
    }
    // F2, help and the like do nothing under the lock.
    h.send(Action::GotoDashboard);
    h.send(Action::Help);
    assert_eq!(h.app.screen_id(), ScreenId::Lock);
    h.type_text("nope nope");
    h.send(Action::Submit);
    assert_eq!(h.app.screen_id(), ScreenId::Lock);
    assert_eq!(h.store.officer("wangli").unwrap().unwrap().failed_logins, 1);
    h.type_text(PASSWORD);
    h.send(Action::Submit);
    assert_eq!(h.app.screen_id(), ScreenId::Lookup);
    let screen = h.draw(80, 24);
    assert!(
        screen.contains("zsf") && screen.contains("张三丰"),
        "{screen}"
    );
}

#[test]
fn an_administrator_may_unlock_another_officers_desk_but_an_officer_may_not() {
    let hash = HashedPassword::with_cost(PASSWORD, HashCost::TESTING).unwrap();
    let mut h = signed_in("wangli");
    h.store
        .add_officer("zhaomin", "赵敏", Role::Officer, &hash)
        .unwrap();
    h.send(Action::Lock);
    h.send(Action::PrevField);
    sign_in(&mut h, "zhaomin", PASSWORD);
    assert_eq!(h.app.screen_id(), ScreenId::Lock);
    assert!(h.draw(120, 40).contains("Only the officer who locked"));
    h.send(Action::PrevField);
    sign_in(&mut h, "admin", PASSWORD);
    assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
    // The officer's session goes on: the administrator is not left signed in at the desk.
    let session = h.app.session().unwrap();
    assert_eq!(session.username, "wangli");
    assert_eq!(session.role, Role::Officer);
    assert_eq!(h.store.actor(), "wangli");
    h.send(Action::Officers);
    assert_eq!(
        h.app.screen_id(),
        ScreenId::Dashboard,
        "no administrator's rights"
    );
    // The unlock is audited as the administrator's.
    let entries = h.store.audit_entries(None, None).unwrap();
    let unlock = entries.iter().rev().find(|e| e.action == "unlock").unwrap();
    assert_eq!(
        (unlock.actor.as_str(), unlock.entity_id.as_str()),
        ("admin", "wangli")
    );
}

#[test]
fn only_an_administrator_reaches_the_accounts() {
    let mut h = signed_in("wangli");
    h.send(Action::Officers);
    assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
    assert_eq!(
        status(&h),
        Msg::new("auth.denied.manage_officers").render(Lang::En)
    );
    let mut h = signed_in("admin");
    h.send(Action::Officers);
    assert_eq!(h.app.screen_id(), ScreenId::Officers);
    let screen = h.draw(120, 40);
    assert!(
        screen.contains("wangli") && screen.contains("王丽"),
        "{screen}"
    );
}

#[test]
fn an_administrator_manages_accounts() {
    let mut h = signed_in("admin");
    h.send(Action::Officers);
    // New account: user name, display name, role (officer), password twice.
    h.send(Action::NewItem);
    h.type_text("zhaomin");
    h.send(Action::Submit);
    h.type_text("赵敏");
    h.send(Action::Submit);
    h.send(Action::Submit);
    h.type_text("new password 1");
    h.send(Action::Submit);
    h.type_text("new password 2");
    h.send(Action::Submit);
    assert!(h.draw(120, 40).contains("not the same"));
    h.send(Action::ClearField);
    h.type_text("new password 1");
    h.send(Action::Submit);
    let zhaomin = h.store.officer("zhaomin").unwrap().unwrap();
    assert_eq!(zhaomin.role, Role::Officer);
    assert_eq!(zhaomin.display_name, "赵敏");
    let audit = h.store.audit_entries(None, None).unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "create" && e.entity_id == "zhaomin" && e.actor == "admin")
    );
    // The list is ordered by user name: admin, wangli, zhaomin.
    h.send(Action::Last);
    h.send(Action::ChangeRole);
    assert_eq!(
        h.store.officer("zhaomin").unwrap().unwrap().role,
        Role::Admin
    );
    h.send(Action::ToggleActive);
    assert!(!h.store.officer("zhaomin").unwrap().unwrap().active);
    h.send(Action::ResetPassword);
    h.type_text("another pass");
    h.send(Action::Submit);
    h.type_text("another pass");
    h.send(Action::Submit);
    h.send(Action::ToggleActive);
    assert!(h.store.login("zhaomin", "another pass", now()).is_ok());
    // The last administrator cannot be disabled.
    h.send(Action::First);
    h.send(Action::ToggleActive);
    h.send(Action::ToggleActive);
    h.send(Action::Last);
    h.send(Action::ChangeRole);
    h.send(Action::First);
    h.send(Action::ToggleActive);
    let screen = h.draw(120, 40);
    assert!(screen.contains("last active administrator"), "{screen}");
}

#[test]
fn every_officer_changes_their_own_password() {
    let mut h = signed_in("wangli");
    h.send(Action::ChangePassword);
    assert_eq!(h.app.screen_id(), ScreenId::Password);
    h.type_text("not my password");
    h.send(Action::Submit);
    h.type_text("brand new pass");
    h.send(Action::Submit);
    h.type_text("brand new pass");
    h.send(Action::Submit);
    assert!(h.draw(120, 40).contains("current password is wrong"));
    h.type_text(PASSWORD);
    h.send(Action::Submit);
    h.type_text("brand new pass");
    h.send(Action::Submit);
    h.type_text("brand new pass");
    h.send(Action::Submit);
    assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
    assert_eq!(status(&h), "Your password was changed");
    assert!(h.store.login("wangli", "brand new pass", now()).is_ok());
}

fn fill_first_run(h: &mut Harness) {
    h.type_text("城关镇退役军人服务站");
    h.send(Action::Submit);
    h.type_text("2"); // town
    h.send(Action::Submit);
    h.type_text("Admin");
    h.send(Action::Submit);
    h.type_text("李站长");
    h.send(Action::Submit);
    h.type_text(PASSWORD);
    h.send(Action::Submit);
    h.type_text(PASSWORD);
}

fn first_run(lang: Lang) -> Harness {
    let store = common::store(None, common::clock());
    let start = session::start_for(&store, None).unwrap();
    assert_eq!(start.start, Start::FirstRun);
    Harness::auth(lang, store, start)
}

#[test]
fn the_first_run_creates_the_station_and_its_administrator() {
    let mut h = first_run(Lang::En);
    assert_eq!(h.app.screen_id(), ScreenId::FirstRun);
    // Nothing is accepted half filled.
    h.send(Action::Save);
    assert_eq!(h.app.screen_id(), ScreenId::FirstRun);
    assert!(h.draw(80, 24).contains("station's name is empty"));
    fill_first_run(&mut h);
    h.send(Action::Submit);
    assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
    let admin = h.store.officer("admin").unwrap().unwrap();
    assert_eq!(admin.role, Role::Admin);
    assert_eq!(admin.display_name, "李站长");
    assert_eq!(h.store.setting("station_level").unwrap().unwrap(), "town");
    assert_eq!(h.store.actor(), "admin");
    let screen = h.draw(80, 24);
    assert!(screen.contains("城关镇退役军人服务站") && screen.contains("李站长"));
    // The next start asks for a login, even with the testing aid set.
    let next = session::start_for(&h.store, Some("tester")).unwrap();
    assert_eq!(next.start, Start::Login);
}

#[test]
fn the_first_run_never_offers_demo_data_on_the_real_record() {
    for (lang, question) in [(Lang::Zh, "演示数据?"), (Lang::En, "demo data?")] {
        let mut h = first_run(lang);
        let screen = h.draw(80, 24);
        assert!(!screen.contains(question), "{screen}");
        // Where practice belongs is said instead.
        assert!(
            h.draw(120, 40).contains("stationdesk demo --db"),
            "{screen}"
        );
        fill_first_run(&mut h);
        h.send(Action::Submit);
        assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
        assert_eq!(h.store.count_people().unwrap(), 0);
        assert!(!h.performed.iter().any(|e| e == "ReloadIndex"));
    }
}

#[test]
fn the_testing_aid_only_works_without_accounts() {
    let store = common::store(None, common::clock());
    let start = session::start_for(&store, Some("tester")).unwrap();
    assert_eq!(start.start, Start::Open);
    assert_eq!(start.session.as_ref().unwrap().username, "tester");
    let start = session::start_for(&store, Some("")).unwrap();
    assert_eq!(start.start, Start::FirstRun);
    let start = session::start_for(&store_with_accounts(), Some("tester")).unwrap();
    assert_eq!(start.start, Start::Login);
    assert!(start.session.is_none());
}

#[test]
fn nobody_signed_in_is_refused_and_cannot_lock() {
    let (store, _) = memory_store();
    let mut h = Harness::auth(Lang::En, store, AuthInit::default());
    h.send(Action::Officers);
    assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
    assert!(status(&h).contains("Nobody is signed in"));
    h.send(Action::Lock);
    assert_eq!(h.app.screen_id(), ScreenId::Dashboard);
}

#[test]
fn escape_sequences_in_names_never_reach_the_terminal() {
    let mut h = Harness::new(Lang::En);
    let (store, ids) = memory_store();
    let mut person = store.person(ids[0]).unwrap().unwrap();
    person.name = "张\u{1b}[31m三\u{1b}]0;title\u{7}丰".into();
    person.address = "\u{1b}[2J\u{1b}[H东门街\u{9b}31m".into();
    h.send(Action::GotoLookup);
    h.type_text("zsf");
    h.send(Action::Open);
    h.send(Action::Loaded(Loaded::Profile(Box::new(ProfileData {
        person,
        family: Vec::new(),
        walkins: Vec::new(),
        petitions: Vec::new(),
    }))));
    for (w, rows) in [(80, 24), (120, 40)] {
        h.resize(w, rows);
        let backend = ratatui::backend::TestBackend::new(w, rows);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal.draw(|f| h.app.render(f)).unwrap();
        let buffer = terminal.backend().buffer().clone();
        for cell in buffer.content() {
            assert!(
                !cell.symbol().chars().any(char::is_control),
                "a control character reached cell {:?}",
                cell.symbol()
            );
        }
        let screen = terminal.backend().to_string();
        assert!(screen.contains("东门街"), "{screen}");
    }
    // Typed or pasted escapes are kept out of fields too.
    h.send(Action::Back);
    h.send(Action::ClearField);
    h.send(Action::Paste("\u{1b}[31mzsf\u{7}".into()));
    let screen = h.draw(80, 24);
    assert!(!screen.contains('\u{1b}'));
}
