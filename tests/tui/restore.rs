//! A desk whose database was replaced by a forced restore stops saving, says why, and
//! keeps the form with everything typed.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use common::keys::{ctrl, key, text};
use crossterm::event::KeyCode;
use stationdesk::i18n::Lang;
use stationdesk::store::backup::{RestoreOptions, restore};
use stationdesk::tui::screens::ScreenId;

#[test]
fn a_save_after_a_forced_restore_is_refused_and_the_form_stays() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let mut h = Harness::on_file(Lang::Zh, dir.path());
    let copy = dir.path().join("copy.db");
    h.store.backup_to(&copy).unwrap();
    key(&mut h, KeyCode::F(3));
    ctrl(&mut h, 'n');
    text(&mut h, "赵六");
    key(&mut h, KeyCode::Tab);
    key(&mut h, KeyCode::Tab);
    text(&mut h, "1");
    key(&mut h, KeyCode::Tab);
    text(&mut h, "咨询优待证办理");
    key(&mut h, KeyCode::Tab);
    text(&mut h, "1");
    let opts = RestoreOptions {
        force: true,
        stamp: "20261125-093000".into(),
        actor: None,
    };
    restore(&db, &copy, &opts).unwrap();
    ctrl(&mut h, 's');
    assert_eq!(h.app.screen_id(), ScreenId::VisitForm);
    let status = h.app.status().unwrap();
    assert!(
        status.is_error && status.text.contains("恢复操作替换"),
        "{}",
        status.text
    );
    assert!(h.draw(80, 24).contains("赵六"));
    let day = common::now().date();
    let fresh = stationdesk::store::Store::open(&db).unwrap();
    assert!(fresh.visits_between(day, day).unwrap().is_empty());
}
