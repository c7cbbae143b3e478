//! stationdesk: the front desk of a veterans service station, in a terminal.
//!
//! Layers (see DESIGN.md): `domain` holds pure rules, `store` all SQL, `search` the
//! in-memory lookup engine, `exchange` import/export/backup, `tui` the terminal program and
//! `cli` the subcommands.
#![forbid(unsafe_code)]

pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod durable;
pub mod exchange;
pub mod i18n;
pub mod search;
pub mod store;
pub mod toml_problem;
pub mod tui;
pub mod work;
