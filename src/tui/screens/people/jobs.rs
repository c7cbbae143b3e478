//! The people screens' database work: a profile with its histories, a delete, and the audit
//! record of a profile being looked at. Plain functions of a store, like `tui::jobs`.
use crate::i18n::{Lang, Msg};
use crate::store::{Store, StoreError};
use crate::tui::action::{Loaded, ShellLoaded};
use crate::tui::data::ProfileData;
use crate::tui::screens::{petitions, walkins};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeopleJob {
    /// A person's profile, with their walk-ins and petitions.
    Profile(i64),
    /// Deletes a person without history (the profile checked the officer's role).
    Delete(i64),
    /// The audit record of this person's profile being looked at (查阅留痕).
    Viewed(i64),
    /// A person's family links and their changes.
    Family(super::family_jobs::FamilyJob),
}

/// Does one people job; a failure is said as what failed.
pub fn run(store: &mut Store, job: PeopleJob, lang: Lang) -> Loaded {
    let failed = |e: StoreError| e.msg().render(lang);
    match job {
        PeopleJob::Profile(id) => match profile(store, id, lang) {
            Ok(Some(p)) => Loaded::Profile(Box::new(p)),
            Ok(None) => Loaded::ProfileMissing(id),
            Err(e) => Loaded::read_failed(failed(e)),
        },
        PeopleJob::Delete(id) => match store.delete_person(id) {
            Ok(Ok(())) => Loaded::PersonDeleted(id),
            Ok(Err(history)) => {
                Loaded::failed(Msg::new("tui.app.refused").arg("why", history.msg().render(lang)))
            }
            Err(e) => Loaded::not_saved(failed(e)),
        },
        PeopleJob::Family(job) => super::family_jobs::run(store, job, lang),
        PeopleJob::Viewed(id) => match store.audit("view", "person", &id.to_string(), "") {
            Ok(()) => Loaded::Shell(ShellLoaded::Done),
            Err(e) => {
                Loaded::failed(Msg::new("tui.router.view_not_recorded").arg("detail", failed(e)))
            }
        },
    }
}

/// The profile of a person with their histories, or `None` if nobody has that id.
pub fn profile(store: &Store, id: i64, lang: Lang) -> Result<Option<ProfileData>, StoreError> {
    let Some(person) = store.person(id)? else {
        return Ok(None);
    };
    Ok(Some(ProfileData {
        person,
        family: store.family_links(id)?,
        walkins: walkins::jobs::history(store, id, lang)?,
        petitions: petitions::jobs::history(store, id, lang)?,
    }))
}
