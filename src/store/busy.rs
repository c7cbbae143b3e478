//! Writes that wait their turn.
//!
//! SQLite's own busy timeout fails a write after a fixed time, and while it waits it sleeps
//! longer and longer (1, 2, 5 … up to 100 ms between tries, the bundled build having
//! `HAVE_USLEEP`): a writer that has already waited a while naps for 100 ms at a time while
//! newcomers, still at their 1–5 ms naps, keep taking the lock in the short gaps between
//! other desks' saves. That is how one save waited 8.65 s behind four writers, and how 16
//! desks saw "busy" after 10 s. Here every connection waits as long as it takes, trying
//! again every millisecond or two (a little sooner the longer it has waited), and the wait
//! can be given up: a desk shows that it is waiting, and Esc gives up; the command line says
//! so on stderr after a few seconds.
use rand::Rng;
use rusqlite::Connection;
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// How long a command-line write waits before it says that it is waiting.
const NOTE_AFTER: Duration = Duration::from_secs(3);
/// A wait whose last try is older than this is over (tries come every few milliseconds).
const BEAT_GAP_MS: u64 = 250;

/// The moment the process first looked at the clock; every instant below is counted from
/// it, in milliseconds plus one, so that 0 can mean "never".
static EPOCH: OnceLock<Instant> = OnceLock::new();
/// Counts the times waits were given up: a wait gives up when this moved on since the wait
/// began. A counter, not a time: a wait that begins in the same millisecond as a give-up,
/// but after it, must not be given up.
static GIVE_UPS: AtomicU64 = AtomicU64::new(0);
/// When the current wait (the oldest, when several threads wait) began.
static WAIT_BEGAN: AtomicU64 = AtomicU64::new(0);
/// When a waiting connection last tried again.
static LAST_TRY: AtomicU64 = AtomicU64::new(0);
/// What the command line prints once a write has waited [`NOTE_AFTER`].
static STDERR_NOTE: OnceLock<String> = OnceLock::new();
/// Once this is set (Ctrl+C on the command line), every wait gives up.
static STOP: OnceLock<Arc<AtomicBool>> = OnceLock::new();
/// Set while a progress bar shows the wait instead of [`STDERR_NOTE`].
static NOTE_ON_BAR: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// This thread's last wait ended because it was given up, not because of a lock error.
    static GAVE_UP: Cell<bool> = const { Cell::new(false) };
}

fn now() -> u64 {
    let ms = EPOCH.get_or_init(Instant::now).elapsed().as_millis();
    u64::try_from(ms).unwrap_or(u64::MAX - 1) + 1
}

/// Makes `conn` wait for other writers as long as it takes (until given up).
pub(crate) fn install(conn: &mut Connection) -> rusqlite::Result<()> {
    let mut waiter = Waiter::default();
    conn.busy_handler(Some(move |count: i32| waiter.try_again(count)))
}

/// One write's wait for its turn, tried again and again: SQLite's busy handler on a file,
/// the server's advisory lock on PostgreSQL.
#[derive(Default)]
pub(crate) struct Waiter {
    began: u64,
    gives_ups_at_start: u64,
    noted: bool,
}

impl Waiter {
    /// Called before try `count` (0 the first time it failed): naps and says whether to try
    /// again; `false` when the wait was given up.
    pub(crate) fn try_again(&mut self, count: i32) -> bool {
        let Some(waited) = self.keep_waiting(count) else {
            return false;
        };
        std::thread::sleep(pause(waited));
        true
    }

    /// [`Waiter::try_again`] without the nap: how long it has waited, `None` when the wait
    /// was given up. For a wait that happens elsewhere (the server's queue), looked at now
    /// and then.
    pub(crate) fn keep_waiting(&mut self, count: i32) -> Option<Duration> {
        let at = now();
        if count == 0 {
            self.began = at;
            self.gives_ups_at_start = GIVE_UPS.load(Ordering::SeqCst);
            self.noted = false;
            GAVE_UP.with(|g| g.set(false));
        }
        record_try(self.began, at);
        let stop = STOP.get().is_some_and(|f| f.load(Ordering::Relaxed));
        if stop || GIVE_UPS.load(Ordering::SeqCst) != self.gives_ups_at_start {
            GAVE_UP.with(|g| g.set(true));
            return None;
        }
        let waited = Duration::from_millis(at - self.began);
        if !self.noted && waited >= NOTE_AFTER {
            self.noted = true;
            if let Some(text) = STDERR_NOTE.get()
                && !NOTE_ON_BAR.load(Ordering::Relaxed)
            {
                eprintln!("{text}");
            }
        }
        Some(waited)
    }
}

/// The nap before the next try: short, a little random so that waiting desks do not try in
/// step, and shorter for a writer that has waited longer, so it tends to get its turn.
fn pause(waited: Duration) -> Duration {
    let top_us = match waited.as_millis() {
        0..50 => 2_000,
        50..500 => 1_500,
        _ => 1_000,
    };
    Duration::from_micros(rand::rng().random_range(200..=top_us))
}

fn record_try(began: u64, at: u64) {
    let last = LAST_TRY.swap(at, Ordering::SeqCst);
    let ongoing = last != 0 && at.saturating_sub(last) <= BEAT_GAP_MS;
    if ongoing {
        WAIT_BEGAN.fetch_min(began, Ordering::SeqCst);
    } else {
        WAIT_BEGAN.store(began, Ordering::SeqCst);
    }
}

/// How long a write of this process has been waiting for another program's, if one is
/// waiting now.
pub fn waiting() -> Option<Duration> {
    let last = LAST_TRY.load(Ordering::SeqCst);
    let at = now();
    if last == 0 || at.saturating_sub(last) > BEAT_GAP_MS {
        return None;
    }
    let began = WAIT_BEGAN.load(Ordering::SeqCst);
    Some(Duration::from_millis(at.saturating_sub(began)))
}

/// Gives up every write of this process that is waiting now: each fails with
/// [`super::StoreError::GaveUp`] and nothing of it is written. Later writes wait as usual.
pub fn give_up() {
    GIVE_UPS.fetch_add(1, Ordering::SeqCst);
}

/// From now on every write waiting, or about to wait, gives up once `flag` is set, as
/// [`give_up`] makes it: a command stopped by Ctrl+C does not wait on another desk first.
pub fn give_up_when(flag: Arc<AtomicBool>) {
    let _ = STOP.set(flag);
}

/// Whether a progress bar on stderr shows waits (see [`waiting`]) while it is drawn: a line
/// printed under it would break it.
pub fn waits_shown_on_bar(on: bool) {
    NOTE_ON_BAR.store(on, Ordering::Relaxed);
}

/// From now on a write that has waited a few seconds prints `text` on stderr, once per
/// wait (the command line; a desk shows its wait on the status line instead).
pub fn note_waits_on_stderr(text: String) {
    let _ = STDERR_NOTE.set(text);
}

/// Whether this thread's last wait was given up; reading it forgets it.
pub(crate) fn take_gave_up() -> bool {
    GAVE_UP.with(|g| g.replace(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_naps_stay_short_however_long_the_wait() {
        for waited in [0, 10, 100, 1_000, 60_000, 3_600_000] {
            let p = pause(Duration::from_millis(waited));
            assert!(p <= Duration::from_millis(2), "{waited} ms: {p:?}");
        }
    }
}
