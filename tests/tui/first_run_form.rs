//! The first-run form: its introduction keeps a key with what it does when it wraps, and
//! the station field starts with the name a database already has (a demo database).
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use stationdesk::i18n::Lang;
use stationdesk::tui::session::{self, Start};

fn first_run_on(station: Option<&str>) -> Harness {
    let store = common::store(None, common::clock());
    if let Some(name) = station {
        store.set_setting("station_name", name).unwrap();
    }
    let start = session::start_for(&store, None).unwrap();
    assert_eq!(start.start, Start::FirstRun);
    Harness::auth(Lang::Zh, store, start)
}

/// The line of the drawn screen holding `label`.
fn line_with<'a>(screen: &'a str, label: &str) -> &'a str {
    screen.lines().find(|l| l.contains(label)).unwrap()
}

#[test]
fn the_intro_keeps_tab_with_what_it_does() {
    let mut h = first_run_on(None);
    let screen = h.draw(80, 24);
    assert!(
        screen
            .lines()
            .all(|l| !l.trim_end_matches([' ', '|', '"']).ends_with("Tab")),
        "{screen}"
    );
    assert!(
        line_with(&screen, "Tab").contains("Tab 切换字段"),
        "{screen}"
    );
    // Every word of the introduction is shown.
    assert!(screen.contains("完成。"), "{screen}");
}

#[test]
fn the_station_field_starts_with_the_name_on_file() {
    let mut h = first_run_on(Some("青山镇退役军人服务站"));
    let screen = h.draw(80, 24);
    assert!(
        line_with(&screen, "| 服务站名称").contains("青山镇退役军人服务站"),
        "{screen}"
    );
    let mut empty = first_run_on(None);
    let screen = empty.draw(80, 24);
    assert!(
        !line_with(&screen, "| 服务站名称").contains("青山镇"),
        "{screen}"
    );
}
