//! Issue 16, the step dialog's reasons by the station's level: 转报 at a town or county
//! station, and 受理 / 不予受理 / 转送 at a village station, are not offered because of the
//! station's level, and the dialog says so (not "acceptance already decided", and not
//! silently).
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use stationdesk::domain::petition::{PetitionInput, PetitionerInput, Step, StepKind};
use stationdesk::i18n::{Lang, t, tf};
use stationdesk::tui::action::Action;

/// The dialog of a case received this morning at a station of `level`, after `steps`.
fn dialog(level: &str, steps: &[StepKind]) -> String {
    let mut h = Harness::new(Lang::Zh);
    h.store.set_setting("station_level", level).unwrap();
    h.store.set_actor("wang");
    let p = PetitionInput {
        channel: "来信".into(),
        received_at: "2026-11-25 08:00".into(),
        petitioners: vec![PetitionerInput {
            name: "王五".into(),
            address: "某村".into(),
            ..Default::default()
        }],
        subject: "优待证".into(),
        request: "请求办理".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(common::now().date())
    .unwrap();
    let id = h.store.save_new_petition(&p).unwrap().0;
    for kind in steps {
        let at = common::now() - chrono::Duration::minutes(30);
        let mut step = Step::new(*kind, at, "wang");
        step.forwarded_to = kind.names_a_body().then(|| "城关镇服务站".into());
        h.store.add_step(id, &step).unwrap();
    }
    h.send(Action::GotoPetitions);
    h.send(Action::Open);
    h.send(Action::AddStep);
    h.draw(120, 40)
}

fn why(kind: &str, reason: &str) -> String {
    tf(
        Lang::Zh,
        "tui.petition.step.not_offered",
        &[
            ("kind", &t(Lang::Zh, kind)),
            ("reason", &t(Lang::Zh, reason)),
        ],
    )
}

#[test]
fn a_town_station_is_told_pass_up_is_the_village_stations_step() {
    let line = why(
        "petition.step_kind.passed_up",
        "petition.step.pass_up_village_only",
    );
    for steps in [&[][..], &[StepKind::Accepted][..]] {
        let screen = dialog("town", steps);
        assert!(screen.contains(&line), "{steps:?}: {line}\n{screen}");
    }
}

#[test]
fn a_village_station_is_told_it_passes_up_instead_of_deciding_acceptance() {
    // The three share the reason, so the dialog names them on one line (cut at its width).
    let kinds = [
        "petition.step_kind.accepted",
        "petition.step_kind.not_accepted",
        "petition.step_kind.forwarded",
    ]
    .map(|k| t(Lang::Zh, k))
    .join("、");
    let reason: String = t(Lang::Zh, "petition.step.village_passes_up")
        .chars()
        .take(10)
        .collect();
    let line = tf(
        Lang::Zh,
        "tui.petition.step.not_offered",
        &[("kind", &kinds), ("reason", &reason)],
    );
    let start = &line[..line.find(&reason).unwrap() + reason.len()];
    for steps in [&[][..], &[StepKind::PassedUp][..]] {
        let screen = dialog("village", steps);
        assert!(screen.contains(start), "{steps:?}: {start}\n{screen}");
    }
}
