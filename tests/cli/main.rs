//! The cli tests, one test binary (one link of the library) for the whole group.
#![allow(clippy::unwrap_used)]
#[path = "../common/mod.rs"]
mod common;

mod auth;
mod bench_desks;
mod calendar;
mod exchange;
mod export_dates;
mod find;
mod hostile_input;
mod interrupt;
mod reimport;
mod roster_messages;
