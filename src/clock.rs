//! An injected clock, so that "today", deadlines and the checklist day are testable.
use chrono::{Local, NaiveDate, NaiveDateTime};
use std::sync::Arc;

/// Tells the local wall-clock time.
pub trait Clock: Send + Sync {
    fn now(&self) -> NaiveDateTime;
    fn today(&self) -> NaiveDate {
        self.now().date()
    }
}

/// The real clock of the machine, in local time.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> NaiveDateTime {
        Local::now().naive_local()
    }
}

/// A clock that always says the same time; for tests. The time can be moved.
#[derive(Debug)]
pub struct FixedClock(std::sync::Mutex<NaiveDateTime>);

impl FixedClock {
    pub fn new(at: NaiveDateTime) -> Self {
        Self(std::sync::Mutex::new(at))
    }
    pub fn set(&self, at: NaiveDateTime) {
        if let Ok(mut t) = self.0.lock() {
            *t = at;
        }
    }
    pub fn advance(&self, by: chrono::Duration) {
        if let Ok(mut t) = self.0.lock() {
            *t += by;
        }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> NaiveDateTime {
        match self.0.lock() {
            Ok(t) => *t,
            Err(poisoned) => *poisoned.into_inner(),
        }
    }
}

pub type SharedClock = Arc<dyn Clock>;

/// The clock the program runs on: the system clock, unless `STATIONDESK_NOW`
/// (`YYYY-MM-DD HH:MM`) fixes it, which the end-to-end tests use.
pub fn from_env() -> SharedClock {
    if let Ok(text) = std::env::var("STATIONDESK_NOW")
        && let Ok(at) = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M")
    {
        return Arc::new(FixedClock::new(at));
    }
    Arc::new(SystemClock)
}
