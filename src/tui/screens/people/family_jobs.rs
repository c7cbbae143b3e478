//! The family screens' database work: a person's links, adding, changing and removing one
//! (the store audits each and refuses what the rules forbid), and a relative just
//! registered from the link form.
use crate::domain::family::{Kinship, LinkRefusal};
use crate::domain::person::Person;
use crate::i18n::{Lang, Msg};
use crate::store::family::FamilyView;
use crate::store::{Store, StoreError};
use crate::tui::action::Loaded;
use crate::tui::screens::ScreenId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FamilyJob {
    /// A person's links, said from their side.
    Links(i64),
    Add {
        person_id: i64,
        relative_id: i64,
        kinship: Kinship,
    },
    /// `before` is the link as the screen showed it: another desk's change is not
    /// overwritten unseen.
    Change {
        person_id: i64,
        relative_id: i64,
        before: Kinship,
        after: Kinship,
    },
    Remove {
        person_id: i64,
        relative_id: i64,
        before: Kinship,
    },
    /// A relative registered from the link form, to be chosen there.
    Relative(i64),
}

#[derive(Debug, Clone, PartialEq)]
pub enum FamilyLoaded {
    Links {
        person_id: i64,
        links: Vec<FamilyView>,
    },
    /// A link was added or changed, with the relative's name.
    Saved {
        relative: String,
        changed: bool,
    },
    /// A link was not added or changed: why, in the user's language, and whether another
    /// desk changed it meanwhile (the form then closes on the reloaded list).
    Refused {
        why: String,
        stale: bool,
    },
    Removed {
        relative: String,
    },
    /// A link was not removed: why, in the user's language.
    NotRemoved(String),
    Relative(Box<Person>),
}

impl FamilyLoaded {
    /// The screen the answer is for.
    pub fn owner(&self) -> ScreenId {
        match self {
            FamilyLoaded::Links { .. }
            | FamilyLoaded::Removed { .. }
            | FamilyLoaded::NotRemoved(_) => ScreenId::Family,
            FamilyLoaded::Saved { .. }
            | FamilyLoaded::Refused { .. }
            | FamilyLoaded::Relative(_) => ScreenId::FamilyLink,
        }
    }
}

/// The refusal in the user's language, naming the relative.
fn refusal(store: &Store, why: LinkRefusal, relative_id: i64, lang: Lang) -> String {
    let name = name_of(store, relative_id);
    Msg::new(why.key()).arg("name", name).render(lang)
}

fn name_of(store: &Store, id: i64) -> String {
    store
        .person(id)
        .ok()
        .flatten()
        .map(|p| p.name)
        .unwrap_or_else(|| id.to_string())
}

/// Does one family job; a failure of the database is said as what failed.
pub fn run(store: &mut Store, job: FamilyJob, lang: Lang) -> Loaded {
    let failed = |e: StoreError| e.msg().render(lang);
    let answer = match job {
        FamilyJob::Links(person_id) => match store.family_links(person_id) {
            Ok(links) => FamilyLoaded::Links { person_id, links },
            Err(e) => return Loaded::read_failed(failed(e)),
        },
        FamilyJob::Add {
            person_id,
            relative_id,
            kinship,
        } => match store.add_family_link(person_id, relative_id, kinship) {
            Ok(Ok(())) => FamilyLoaded::Saved {
                relative: name_of(store, relative_id),
                changed: false,
            },
            Ok(Err(why)) => FamilyLoaded::Refused {
                why: refusal(store, why, relative_id, lang),
                stale: why == LinkRefusal::Stale,
            },
            Err(e) => return Loaded::not_saved(failed(e)),
        },
        FamilyJob::Change {
            person_id,
            relative_id,
            before,
            after,
        } => match store.change_family_link(person_id, relative_id, before, after) {
            Ok(Ok(())) => FamilyLoaded::Saved {
                relative: name_of(store, relative_id),
                changed: true,
            },
            Ok(Err(why)) => FamilyLoaded::Refused {
                why: refusal(store, why, relative_id, lang),
                stale: why == LinkRefusal::Stale,
            },
            Err(e) => return Loaded::not_saved(failed(e)),
        },
        FamilyJob::Remove {
            person_id,
            relative_id,
            before,
        } => match store.remove_family_link(person_id, relative_id, before) {
            Ok(Ok(())) => FamilyLoaded::Removed {
                relative: name_of(store, relative_id),
            },
            Ok(Err(why)) => FamilyLoaded::NotRemoved(refusal(store, why, relative_id, lang)),
            Err(e) => return Loaded::not_saved(failed(e)),
        },
        FamilyJob::Relative(id) => match store.person(id) {
            Ok(Some(p)) => FamilyLoaded::Relative(Box::new(p)),
            Ok(None) => return Loaded::read_failed(id),
            Err(e) => return Loaded::read_failed(failed(e)),
        },
    };
    Loaded::Family(answer)
}
