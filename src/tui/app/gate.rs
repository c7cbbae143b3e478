//! The session gate: the lock screen shown over everything.
use super::*;

impl App {
    /// Shows the lock screen over everything; `false` when nobody signed in with a password
    /// (the testing aid), since nothing could unlock it.
    pub(super) fn lock(&mut self) -> bool {
        match &self.session {
            Some(s) if s.authenticated && self.gate.is_none() => {
                self.help = None;
                self.gate = Some(Box::new(screens::auth::lock::Lock::new(
                    s.clone(),
                    self.now,
                )));
                true
            }
            _ => false,
        }
    }
}
