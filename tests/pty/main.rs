//! The pty tests, one test binary (one link of the library) for the whole group.
#![allow(clippy::unwrap_used)]
#[path = "../common/mod.rs"]
mod common;

mod auth;
mod backup;
mod checklist;
mod e2e;
mod petition;
mod terminal;
mod walkin;
