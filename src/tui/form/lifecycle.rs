//! What every form screen does the same way around saving and quitting.
use crate::i18n::Msg;
use crate::tui::effect::Effect;
use crate::tui::form::{FormState, Prompt};

/// The answer of the "keep a draft and quit?" prompt that stays on the form.
pub const STAY: &str = "stay";
/// The answer that quits the program (the draft is written on the way out).
pub const QUIT: &str = "quit";

impl FormState {
    /// Ctrl+Q on a form: with unsaved typing, asks first and returns `true` (the quit is
    /// held until the answer is [`QUIT`]).
    pub fn hold_quit(&mut self) -> bool {
        if !self.is_dirty() {
            return false;
        }
        self.ask(Prompt::yes_no(Msg::new("tui.form.quit_keep"), QUIT, STAY));
        true
    }

    /// A save the database refused: typing and drafts resume, the reason goes to the
    /// status line, and nothing typed is lost.
    pub fn save_failed(&mut self, detail: &str) -> Vec<Effect> {
        self.pause_drafts(false);
        // The county server was away: the form stays as typed and is saved by itself
        // once the server answers again (tried every few seconds).
        self.set_offline_retry(crate::store::db::server_away());
        vec![Effect::Error(
            Msg::new("tui.form.save_failed").arg("detail", detail),
        )]
    }
}
