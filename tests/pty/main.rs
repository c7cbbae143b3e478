//! The pty tests, one test binary (one link of the library) for the whole group.
#![allow(clippy::unwrap_used)]
#[path = "../common/mod.rs"]
mod common;

mod auth;
mod backup;
mod checklist;
mod desks;
mod desks_edit;
mod e2e;
mod petition;
mod progress;
mod save_once;
mod terminal;
mod walkin;
mod write_wait;
