//! The cli tests, one test binary (one link of the library) for the whole group.
#![allow(clippy::unwrap_used)]
#[path = "../common/mod.rs"]
mod common;

mod auth;
mod bench_desks;
mod calendar;
mod categories;
mod config_problem;
mod demo_showcase;
mod exchange;
mod export_dates;
mod family_roster;
mod find;
mod hostile_input;
mod interrupt;
mod notice_channel;
mod notices;
mod reimport;
mod roster_messages;
mod server_only;
