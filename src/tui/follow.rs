//! The desk follows the change log: a thread of its own, with its own connection, asks for
//! the newest sequence number a few times a second and hands what other desks (and this
//! one) wrote to the shell, which refreshes the index and the open screens. A keystroke
//! never waits for it.
use crate::clock::SharedClock;
use crate::store::{Change, ChangeFeed, Store};
use crate::tui::action::{Action, Incoming, Loaded, ShellLoaded};
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::Duration;

/// How often the log is asked; a change shows on the other desks within about this long.
pub const POLL: Duration = Duration::from_millis(250);

/// The most changes handed over in one action; a large import arrives as several.
const BATCH: usize = 2_000;

/// Starts following `db_path`; the thread ends when the shell has gone.
pub fn start(db_path: PathBuf, clock: SharedClock, out: Sender<Incoming>) {
    std::thread::spawn(move || {
        let Ok(store) = Store::open_existing_with_clock(&db_path, clock) else {
            // The desk works on without following; the search worker reports a database
            // it cannot open.
            return;
        };
        follow(&store, &out, POLL);
    });
}

/// Polls `feed` until `out` is closed. What was logged before the desk started is already
/// in what it loaded, so following starts at the newest change.
pub fn follow(feed: &dyn ChangeFeed, out: &Sender<Incoming>, every: Duration) {
    let mut seen = feed.change_seq().unwrap_or(0);
    loop {
        std::thread::sleep(every);
        let newest = match feed.change_seq() {
            Ok(n) => n,
            // A busy or replaced file: ask again next time.
            Err(_) => continue,
        };
        if newest < seen {
            // The file was replaced by an older one (a restore): start again from it.
            seen = newest;
            continue;
        }
        while seen < newest {
            let batch: Vec<Change> = match feed.changes_since(seen, BATCH) {
                Ok(b) if !b.is_empty() => b,
                _ => break,
            };
            seen = batch.last().map(|c| c.seq).unwrap_or(newest);
            let loaded = Loaded::Shell(ShellLoaded::DataChanged(batch));
            if out.send(Incoming::Action(Action::Loaded(loaded))).is_err() {
                return;
            }
        }
    }
}
