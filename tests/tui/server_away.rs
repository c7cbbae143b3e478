//! A desk on the county server whose server goes away: the open form stays as typed, the
//! status line says the server cannot be reached and that the form will be saved, nothing
//! is written meanwhile, and the save goes through on its own once the server answers.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{ctrl, key, text};
use crossterm::event::KeyCode;
use stationdesk::i18n::Lang;
use stationdesk::tui::action::Action;
use stationdesk::tui::screens::ScreenId;
use stationdesk::tui::session::AuthInit;

/// Lets nobody connect to `db` and ends the connections it has: the server is away.
fn server_away(admin: &mut postgres::Client, db: &str, away: bool) {
    admin
        .batch_execute(&format!("ALTER DATABASE {db} ALLOW_CONNECTIONS {}", !away))
        .unwrap();
    if away {
        admin
            .execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = $1 AND pid <> pg_backend_pid()",
                &[&db],
            )
            .unwrap();
    }
}

#[test]
fn a_walk_in_typed_while_the_server_is_away_is_kept_and_saved_when_it_is_back() {
    let Some(db) = common::pg::fresh_db("server_away") else {
        return;
    };
    let mut store =
        stationdesk::store::Store::open_with_clock(std::path::Path::new(&db.url), common::clock())
            .unwrap();
    let ids = common::fill(&mut store);
    let mut h = Harness::auth(
        Lang::Zh,
        store,
        AuthInit {
            session: Some(stationdesk::tui::session::Session::test_officer("tester")),
            ..AuthInit::default()
        },
    );
    h.ids = ids;
    key(&mut h, KeyCode::F(2));
    text(&mut h, "zsf");
    key(&mut h, KeyCode::Enter);
    ctrl(&mut h, 'n');
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    key(&mut h, KeyCode::Char('4'));
    key(&mut h, KeyCode::Tab);
    text(&mut h, "服务器断开时登记");
    key(&mut h, KeyCode::Tab);
    key(&mut h, KeyCode::Char('1'));

    let mut admin = postgres::Client::connect(
        &std::env::var("STATIONDESK_TEST_PG").unwrap(),
        postgres::NoTls,
    )
    .unwrap();
    server_away(&mut admin, &db.name, true);
    ctrl(&mut h, 's');
    assert_eq!(
        h.app.screen_id(),
        ScreenId::VisitForm,
        "the form stays open"
    );
    let status = h.app.status().unwrap().text.clone();
    assert!(status.contains("连不上县级服务器"), "{status}");
    assert!(status.contains("自动保存"), "{status}");
    let screen = h.draw(120, 40);
    assert!(
        screen.contains("服务器断开时登记"),
        "what was typed is still there:\n{screen}"
    );
    // While it is away, the tries on the clock fail the same way and keep the form.
    for _ in 0..4 {
        h.send(Action::Tick(common::now()));
    }
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);

    server_away(&mut admin, &db.name, false);
    for _ in 0..4 {
        h.send(Action::Tick(common::now()));
    }
    let status = h.app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert_eq!(
        h.app.screen_id(),
        ScreenId::Profile,
        "saved once the server is back: {status}\n{:?}",
        h.performed.iter().rev().take(12).collect::<Vec<_>>()
    );
    let today = common::now().date();
    let visits = h.store.visits_between(today, today).unwrap();
    assert_eq!(visits.len(), 1, "saved once, not twice");
    assert_eq!(visits[0].summary, "服务器断开时登记");
}
