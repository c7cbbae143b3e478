//! Drafting around a save: once a form's save is out, nothing writes its draft again (the
//! save removes it in its own transaction), neither the form nor the database worker.
use super::draft::{SavedForms, cleared_by};
use super::*;
use crate::i18n::Lang;
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::ScreenId;
use crate::tui::screens::walkins::jobs::{WalkinJob, WalkinLoaded};

fn form() -> FormState {
    FormState::new(vec![FieldSpec::text("name", "field.name", 10)], Lang::Zh).with_drafts(
        DraftSlot::new("test", String::new(), "wang".into(), ScreenId::VisitForm),
    )
}

fn tick() -> Action {
    Action::Tick(chrono::NaiveDateTime::default())
}

/// The draft writes `f` asks for over `n` ticks.
fn draft_writes(f: &mut FormState, n: usize) -> usize {
    (0..n)
        .flat_map(|_| f.background(&tick()).unwrap_or_default())
        .filter(|e| matches!(e, Effect::Db(DbJob::Draft(DraftJob::Save { .. }))))
        .count()
}

#[test]
fn a_form_being_saved_writes_no_draft() {
    let mut f = form();
    f.handle(&Action::Type('张'));
    f.pause_drafts(true);
    assert_eq!(draft_writes(&mut f, 10), 0);
    // Nor on the way out.
    assert!(f.draft_now().is_empty());
    // A refused save gives the typing back to drafting.
    f.pause_drafts(false);
    assert_eq!(draft_writes(&mut f, 10), 1);
}

#[test]
fn a_draft_found_while_the_save_is_out_is_not_offered() {
    // The lookup of an opening form can answer after Ctrl+S was pressed. Offering it
    // then, and restoring it, would start drafting again behind the save.
    let mut f = form();
    f.handle(&Action::Type('张'));
    f.pause_drafts(true);
    let found = Loaded::Draft(DraftLoaded::Found {
        slot: f.draft_slot().unwrap(),
        body: r#"{"name":"李"}"#.into(),
        saved_at: "09:30".into(),
    });
    f.background(&Action::Loaded(found));
    assert!(f.prompt().is_none(), "no restore question while saving");
    // Had it been asked, this would restore it and resume drafting.
    f.handle(&Action::Type('y'));
    assert_eq!(draft_writes(&mut f, 10), 0);
    assert!(f.draft_now().is_empty());
}

fn save_visit(slot: &DraftSlot) -> DbJob {
    let visit = crate::domain::visit::VisitInput {
        visitor_name: "赵六".into(),
        purpose: Some(0),
        outcome: "done".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(chrono::NaiveDateTime::default())
    .unwrap_or_else(|_| unreachable!());
    DbJob::Walkins(WalkinJob::SaveVisit {
        visit: Box::new(visit),
        draft: Some(slot.clone()),
    })
}

fn draft_write(slot: &DraftSlot) -> DbJob {
    DbJob::Draft(DraftJob::Save {
        slot: slot.clone(),
        body: "{}".into(),
    })
}

#[test]
fn the_worker_drops_a_draft_write_queued_behind_its_forms_save() {
    let form = form().draft_slot().unwrap_or_else(|| unreachable!());
    let other = DraftSlot::new("test", String::new(), "wang".into(), ScreenId::VisitForm);
    assert_ne!(form, other, "each opening of a form is its own");
    let mut saved = SavedForms::default();
    let save = save_visit(&form);
    assert_eq!(cleared_by(&save), Some(&form));
    assert!(saved.admits(&draft_write(&form)));
    // A refused save leaves drafting to the form.
    let refused = Loaded::Walkin(WalkinLoaded::VisitFailed("disk".into()));
    saved.note(cleared_by(&save), &refused);
    assert!(saved.admits(&draft_write(&form)));
    // A committed one: the form's later draft writes are dropped, nothing else is.
    let committed = Loaded::Walkin(WalkinLoaded::VisitSaved {
        id: 1,
        person_id: None,
        to_petition: false,
    });
    saved.note(cleared_by(&save), &committed);
    assert!(!saved.admits(&draft_write(&form)));
    assert!(saved.admits(&draft_write(&other)));
    assert!(saved.admits(&DbJob::Draft(DraftJob::Load(form.clone()))));
    assert!(saved.admits(&save));
}
