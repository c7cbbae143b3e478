//! The desk follows the change log: a thread of its own, with its own connection, asks for
//! the newest sequence number a few times a second and hands what other desks (and this
//! one) wrote to the shell, which refreshes the index and the open screens. A keystroke
//! never waits for it. After a save of its own the desk asks it to look at once.
use crate::clock::SharedClock;
use crate::store::changes::{KEEP_CHANGES, everything};
use crate::store::{Change, ChangeFeed, Store};
use crate::tui::action::{Action, Incoming, Loaded, ShellLoaded};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

/// How often the log is asked; a change shows on the other desks within about this long.
pub const POLL: Duration = Duration::from_millis(250);

/// How long a desk on the server lets notifications gather before it reads the log.
const GATHER: Duration = Duration::from_millis(100);

/// The most changes handed over in one action; a large import arrives as several.
const BATCH: usize = 2_000;

/// How often a desk trims the log (see [`prune`]).
const PRUNE_EVERY: Duration = Duration::from_secs(300);

/// Starts following `db_path`; the thread ends when the shell has gone. Sending on the
/// returned channel makes it look at the log at once.
pub fn start(db_path: PathBuf, clock: SharedClock, out: Sender<Incoming>) -> Sender<()> {
    let (now, asked) = channel();
    if let Some(url) = db_path
        .to_str()
        .filter(|p| crate::store::pg::is_server_url(p))
    {
        let url = url.to_string();
        std::thread::spawn(move || follow_server(&url, clock, &asked, &out));
        return now;
    }
    std::thread::spawn(move || {
        let Ok(store) = Store::open_existing_with_clock(&db_path, clock) else {
            // The desk works on without following; the search worker reports a database
            // it cannot open.
            return;
        };
        let mut pruned = Instant::now();
        let mut seen = store.change_seq().unwrap_or(0);
        prune(&store);
        while wait(&asked, POLL) {
            let Some(batches) = read(&store, &mut seen) else {
                continue;
            };
            if !hand_over(batches, &out) {
                return;
            }
            if pruned.elapsed() >= PRUNE_EVERY {
                pruned = Instant::now();
                prune(&store);
            }
        }
    });
    now
}

/// Follows the county server: woken by its notification the moment another desk's
/// transaction commits (LISTEN/NOTIFY), and every [`POLL`] anyway, which also reads what
/// a lost connection missed once it is back.
fn follow_server(url: &str, clock: SharedClock, asked: &Receiver<()>, out: &Sender<Incoming>) {
    use crate::store::pg::PgChangeFeed;
    let mut feed = None;
    let mut seen = None;
    let mut pruned = Instant::now();
    loop {
        match asked.try_recv() {
            Err(std::sync::mpsc::TryRecvError::Disconnected) => return,
            _ => while asked.try_recv().is_ok() {},
        }
        let Some(listening) = feed.as_ref() else {
            // Not connected (yet, or any more): try again shortly.
            feed = PgChangeFeed::connect(url).ok();
            if feed.is_none() {
                std::thread::sleep(POLL);
            }
            continue;
        };
        let seen_now = match seen {
            Some(s) => s,
            None => match listening.change_seq() {
                Ok(s) => *seen.insert(s),
                Err(_) => {
                    feed = None;
                    continue;
                }
            },
        };
        let mut moved = seen_now;
        let Some(batches) = read(listening, &mut moved) else {
            feed = None;
            continue;
        };
        seen = Some(moved);
        if !hand_over(batches, out) {
            return;
        }
        if pruned.elapsed() >= PRUNE_EVERY {
            pruned = Instant::now();
            if let Ok(store) =
                Store::open_existing_with_clock(std::path::Path::new(url), clock.clone())
            {
                prune(&store);
            }
        }
        match listening.wait(POLL) {
            Err(_) => feed = None,
            // A busy county commits many times a second: what arrives within a short
            // moment is read in one go, not one read per commit on every desk.
            Ok(Some(_)) => std::thread::sleep(GATHER),
            Ok(None) => {}
        }
    }
}

/// Hands what was read to the shell; false once the shell has gone.
fn hand_over(batches: Vec<Vec<Change>>, out: &Sender<Incoming>) -> bool {
    batches.into_iter().all(|batch| {
        let loaded = Loaded::Shell(ShellLoaded::DataChanged(batch));
        out.send(Incoming::Action(Action::Loaded(loaded))).is_ok()
    })
}

/// Waits `every` or until asked to look now; false once the shell has gone.
fn wait(asked: &Receiver<()>, every: Duration) -> bool {
    match asked.recv_timeout(every) {
        Ok(()) => {
            // Several asks at once are one look.
            while asked.try_recv().is_ok() {}
            true
        }
        Err(RecvTimeoutError::Timeout) => true,
        Err(RecvTimeoutError::Disconnected) => false,
    }
}

/// What was logged after `seen`, in batches, and `seen` moved past it; `None` when the
/// log cannot be read now (a busy or replaced file: ask again next time). When the log
/// was pruned past `seen`, or the file replaced by an older one (a restore), the one batch
/// says everything changed.
pub fn read(feed: &dyn ChangeFeed, seen: &mut i64) -> Option<Vec<Vec<Change>>> {
    let newest = feed.change_seq().ok()?;
    if newest == *seen {
        return Some(Vec::new());
    }
    let oldest = feed.oldest_seq().ok()?;
    if newest < *seen || oldest > *seen + 1 {
        *seen = newest;
        return Some(vec![everything(newest)]);
    }
    let mut batches = Vec::new();
    while *seen < newest {
        match feed.changes_since(*seen, BATCH) {
            Ok(batch) if !batch.is_empty() => {
                *seen = batch.last().map_or(newest, |c| c.seq);
                batches.push(batch);
            }
            _ => break,
        }
    }
    Some(batches)
}

/// Keeps the log to its last [`KEEP_CHANGES`] changes, once it has a tenth more: every
/// desk trims, each seldom, and a trim is one short write.
pub fn prune(store: &Store) {
    let (Ok(oldest), Ok(newest)) = (store.oldest_seq(), store.change_seq()) else {
        return;
    };
    if newest - oldest >= KEEP_CHANGES + KEEP_CHANGES / 10 {
        // A busy file is trimmed next time.
        let _ = store.prune_changes(KEEP_CHANGES);
    }
}
