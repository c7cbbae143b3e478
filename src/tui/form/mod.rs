//! The form engine: forms are declared as data ([`FieldSpec`]s), held in one generic
//! [`FormState`], drawn by one renderer, and turned into domain values by a pure
//! conversion each concrete form supplies (`fn(&FormValues) -> Result<T, FieldErrors>`).
//!
//! A screen that shows a form keeps a `FormState`, passes actions to
//! [`FormState::background`] (clock, drafts) and [`FormState::handle`] (keys), reacts to
//! the [`FormEvent`] it gets back, and draws with [`render::render`]. On Ctrl+S it calls
//! `form.check(convert(&form.values()))`: errors land beside their fields and the cursor
//! on the first one. Drafts: build the state `with_drafts(slot)`, return
//! `draft_lookup()` from `on_enter`, `pause_drafts(true)` when a save goes out carrying
//! `draft_slot()` (the store removes the draft in the save's transaction),
//! `draft_delete()` when changes are discarded, `draft_now()` when the program stops.
pub mod choice;
pub mod draft;
pub mod lifecycle;
pub mod render;
pub mod spec;
pub mod state;
pub mod textarea;

pub use draft::{DraftJob, DraftLoaded, DraftSlot};
pub use spec::{ChoiceOption, FieldKind, FieldSpec, FormValues, Label};
pub use state::{FieldErrors, FormEvent, FormState, Prompt, PromptChoice, PromptKey};
#[cfg(test)]
mod draft_tests;
#[cfg(test)]
mod tests;
