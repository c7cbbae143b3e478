//! The store tests, one test binary (one link of the library) for the whole group.
#![allow(clippy::unwrap_used)]
#[path = "../common/mod.rs"]
mod common;

mod auth;
mod backup;
mod backup_guard;
mod calendar;
mod checklist;
mod daily_checklist;
mod desks;
mod ended_cases;
mod export;
mod export_filled;
mod export_ledgers;
mod family;
mod id_numbers;
mod import;
mod petition_figures;
mod petition_intake;
mod petition_receipts;
mod petition_steps_void;
mod petitions;
mod pg_backup;
mod pg_commit_lost;
mod pg_feed;
mod pg_migrate;
mod pg_schema;
mod pg_tls;
mod privacy;
mod reliability;
mod report_figures;
mod restore_guard;
mod search;
mod search_parts;
mod search_reference;
mod stop;
mod store_open;
mod tryout_notices;
mod visit_corrections;
mod visit_links;
mod write_wait;
