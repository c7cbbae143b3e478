//! The props tests, one test binary (one link of the library) for the whole group.
#![allow(clippy::unwrap_used)]
#[path = "../common/mod.rs"]
mod common;

mod loaders_proptest;
mod parsers_proptest;
mod tui_fuzz;
