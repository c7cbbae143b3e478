//! Who may change the checklist beyond ticking: administrators' rights.
use crate::i18n::Msg;
use crate::tui::screens::Cx;

/// Whether the officer may reopen a signed day (an administrator's right).
pub fn may_reopen(cx: &Cx) -> Result<(), Msg> {
    crate::tui::session::require(cx, crate::domain::officer::Permission::ReopenSignedDay)
}

/// Whether the officer may edit the rules or mark a day as not a working day (an
/// administrator's right).
pub fn may_administer(cx: &Cx) -> Result<(), Msg> {
    crate::tui::session::require(cx, crate::domain::officer::Permission::EditDutyRules)
}
