//! Drafts: an edited form's values are kept in the database every few seconds and when
//! the program stops, so a crash or a killed terminal loses at most those seconds.
use crate::i18n::{Lang, Msg};
use crate::store::drafts::DraftKey;
use crate::tui::action::Loaded;
use crate::tui::effect::DbJob;
use crate::tui::screens::ScreenId;
use crate::tui::screens::petitions::jobs::PetitionJob;
use crate::tui::screens::walkins::jobs::{WalkinJob, WalkinLoaded};
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};

/// Seconds between draft saves while a form has unsaved edits; `STATIONDESK_DRAFT_SECS`
/// overrides it (the end-to-end tests use 1).
pub fn interval_secs() -> u32 {
    std::env::var("STATIONDESK_DRAFT_SECS")
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(5)
}

/// Which draft: the form (`person`, `visit`, ...), the record (`""` for a new one), the
/// officer, the screen the answers go back to, and which opening of the form it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftSlot {
    pub form: &'static str,
    pub key: String,
    pub officer: String,
    pub screen: ScreenId,
    /// Tells this opening of the form from an earlier or later one with the same draft,
    /// so the database worker can refuse a draft of a form whose save has committed.
    pub instance: u64,
}

static INSTANCES: AtomicU64 = AtomicU64::new(1);

impl DraftSlot {
    /// The slot of a form being opened now.
    pub fn new(form: &'static str, key: String, officer: String, screen: ScreenId) -> DraftSlot {
        DraftSlot {
            form,
            key,
            officer,
            screen,
            instance: INSTANCES.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The row in the drafts table, for a save that removes it in its own transaction.
    pub fn row(&self) -> DraftKey<'_> {
        DraftKey {
            form: self.form,
            key: &self.key,
            officer: &self.officer,
        }
    }
}

/// Draft work for the database worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftJob {
    /// Look for a draft when a form opens.
    Load(DraftSlot),
    /// Keep the values (a JSON object of field texts).
    Save { slot: DraftSlot, body: String },
    /// Forget it: the form was saved or its changes discarded.
    Delete(DraftSlot),
}

/// What came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftLoaded {
    Found {
        slot: DraftSlot,
        body: String,
        /// `HH:MM`, or `YYYY-MM-DD HH:MM` for an older day.
        saved_at: String,
    },
    Saved {
        slot: DraftSlot,
        at: String,
    },
    /// No draft is kept for the form.
    NotFound(DraftSlot),
    /// The draft was forgotten.
    Deleted(DraftSlot),
}

impl DraftLoaded {
    pub fn slot(&self) -> &DraftSlot {
        match self {
            DraftLoaded::Found { slot, .. }
            | DraftLoaded::Saved { slot, .. }
            | DraftLoaded::NotFound(slot)
            | DraftLoaded::Deleted(slot) => slot,
        }
    }
}

/// The form's side of drafting: when the next save is due.
#[derive(Debug, Clone)]
pub struct Drafting {
    pub slot: DraftSlot,
    every: u32,
    ticks: u32,
    /// Edited since the last draft save.
    pending: bool,
    /// When the last draft save came back, for the footer.
    pub saved_at: Option<String>,
    /// No drafting: a found draft awaits an answer.
    pub paused: bool,
    /// No drafting: the form's save is out (or done). The save removes the draft in its
    /// own transaction, so a draft written after it would bring back a saved form.
    pub saving: bool,
}

impl Drafting {
    pub fn new(slot: DraftSlot) -> Drafting {
        Drafting {
            slot,
            every: interval_secs(),
            ticks: 0,
            pending: false,
            saved_at: None,
            paused: false,
            saving: false,
        }
    }

    pub fn edited(&mut self) {
        self.pending = true;
    }

    /// One tick (about a second) passed; the save job when one is due.
    pub fn tick(&mut self, body: impl FnOnce() -> String) -> Option<DraftJob> {
        if !self.has_unsaved() {
            self.ticks = 0;
            return None;
        }
        self.ticks += 1;
        if self.ticks < self.every {
            return None;
        }
        Some(self.save_now(body()))
    }

    /// The save job now (the program is stopping).
    pub fn save_now(&mut self, body: String) -> DraftJob {
        self.ticks = 0;
        self.pending = false;
        DraftJob::Save {
            slot: self.slot.clone(),
            body,
        }
    }

    pub fn has_unsaved(&self) -> bool {
        self.pending && !self.paused && !self.saving
    }
}

/// Does a draft job on the database worker; a failure says whether the draft could not be
/// read or not be kept.
pub fn run(store: &crate::store::Store, job: DraftJob, lang: Lang) -> Loaded {
    let (key, result) = match job {
        DraftJob::Load(slot) => ("tui.router.draft_unread", load(store, slot)),
        DraftJob::Save { slot, body } => (
            "tui.router.draft_not_kept",
            store
                .save_draft(slot.form, &slot.key, &slot.officer, &body)
                .map(|()| {
                    let at = store.clock().now().format("%H:%M:%S").to_string();
                    DraftLoaded::Saved { slot, at }
                }),
        ),
        DraftJob::Delete(slot) => (
            "tui.router.draft_not_kept",
            store
                .delete_draft(slot.form, &slot.key, &slot.officer)
                .map(|()| DraftLoaded::Deleted(slot)),
        ),
    };
    match result {
        Ok(loaded) => Loaded::Draft(loaded),
        Err(e) => Loaded::failed(Msg::new(key).arg("detail", e.msg().render(lang))),
    }
}

fn load(store: &crate::store::Store, slot: DraftSlot) -> crate::store::Result<DraftLoaded> {
    let Some(d) = store.draft(slot.form, &slot.key, &slot.officer)? else {
        return Ok(DraftLoaded::NotFound(slot));
    };
    let today = store.clock().now().date();
    Ok(DraftLoaded::Found {
        saved_at: if d.saved_at.date() == today {
            d.saved_at.format("%H:%M").to_string()
        } else {
            d.saved_at.format("%Y-%m-%d %H:%M").to_string()
        },
        body: d.body,
        slot,
    })
}

/// The database worker's memory of the forms whose save committed (by
/// [`DraftSlot::instance`]): a draft write of one of them that was queued behind its save
/// is dropped, so it cannot bring back the draft the save removed.
#[derive(Debug, Default)]
pub struct SavedForms(HashSet<u64>);

impl SavedForms {
    /// Whether `job` may run: anything but a draft write for a saved form.
    pub fn admits(&self, job: &DbJob) -> bool {
        match job {
            DbJob::Draft(DraftJob::Save { slot, .. }) => !self.0.contains(&slot.instance),
            _ => true,
        }
    }

    /// Remembers the form of a save `job` whose answer `loaded` says it committed.
    pub fn note(&mut self, job_draft: Option<&DraftSlot>, loaded: &Loaded) {
        let committed = matches!(
            loaded,
            Loaded::Walkin(WalkinLoaded::VisitSaved { .. } | WalkinLoaded::PersonSaved { .. })
                | Loaded::PetitionSaved(_)
        );
        if let (true, Some(slot)) = (committed, job_draft) {
            self.0.insert(slot.instance);
        }
    }
}

/// The draft a save job removes when it commits.
pub fn cleared_by(job: &DbJob) -> Option<&DraftSlot> {
    match job {
        DbJob::Walkins(WalkinJob::SaveVisit { draft, .. })
        | DbJob::Walkins(WalkinJob::SavePerson { draft, .. })
        | DbJob::Petitions(PetitionJob::Save { draft, .. }) => draft.as_ref(),
        _ => None,
    }
}
