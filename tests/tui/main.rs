//! The tui tests, one test binary (one link of the library) for the whole group.
#![allow(clippy::unwrap_used)]
#[path = "../common/mod.rs"]
mod common;

mod auth;
mod auth_snapshots;
mod behaviour;
mod calendar;
mod calendar_screen;
mod categories;
mod checklist;
mod checklist_snapshots;
mod config;
mod confirm_hints;
mod delete;
mod deskday_columns;
mod deskday_layout;
mod deskday_notice;
mod deskday_progress;
mod desks;
mod family;
mod family_editor;
mod follow_up_line;
mod home_drafts;
mod index_once;
mod ledger_export;
mod notices;
mod person_notices;
mod petition;
mod petition_form;
mod petition_intake;
mod petition_steps;
mod report_petitions;
mod reports;
mod restore;
mod router;
mod screen_snapshots;
mod stale_hints;
mod step_level_reasons;
mod themes;
mod tryout;
mod walkin;
mod walkin_corrections;
mod walkin_days;
mod walkin_links;
mod walkin_rights;
mod walkin_snapshots;
