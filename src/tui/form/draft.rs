//! Drafts: an edited form's values are kept in the database every few seconds and when
//! the program stops, so a crash or a killed terminal loses at most those seconds.
use crate::tui::screens::ScreenId;

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
/// officer, and the screen the answers go back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftSlot {
    pub form: &'static str,
    pub key: String,
    pub officer: String,
    pub screen: ScreenId,
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
}

impl DraftLoaded {
    pub fn slot(&self) -> &DraftSlot {
        match self {
            DraftLoaded::Found { slot, .. } | DraftLoaded::Saved { slot, .. } => slot,
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
    /// No drafting: the form is being saved, or a found draft awaits an answer.
    pub paused: bool,
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
        }
    }

    pub fn edited(&mut self) {
        self.pending = true;
    }

    /// One tick (about a second) passed; the save job when one is due.
    pub fn tick(&mut self, body: impl FnOnce() -> String) -> Option<DraftJob> {
        if !self.pending || self.paused {
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
        self.pending && !self.paused
    }
}

/// Does a draft job on the database worker.
pub fn run(
    store: &crate::store::Store,
    job: DraftJob,
) -> crate::store::Result<Option<DraftLoaded>> {
    match job {
        DraftJob::Load(slot) => {
            let found = store.draft(slot.form, &slot.key, &slot.officer)?;
            let today = store.clock().now().date();
            Ok(found.map(|d| DraftLoaded::Found {
                saved_at: if d.saved_at.date() == today {
                    d.saved_at.format("%H:%M").to_string()
                } else {
                    d.saved_at.format("%Y-%m-%d %H:%M").to_string()
                },
                body: d.body,
                slot,
            }))
        }
        DraftJob::Save { slot, body } => {
            store.save_draft(slot.form, &slot.key, &slot.officer, &body)?;
            let at = store.clock().now().format("%H:%M:%S").to_string();
            Ok(Some(DraftLoaded::Saved { slot, at }))
        }
        DraftJob::Delete(slot) => {
            store.delete_draft(slot.form, &slot.key, &slot.officer)?;
            Ok(None)
        }
    }
}
