//! The actions only an administrator may take, and the check that refuses the others.
use super::Role;
use crate::i18n::Msg;

/// The actions only an administrator may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Create, disable, re-enable accounts, reset passwords, change roles.
    ManageOfficers,
    /// Add and remove the station's local person categories.
    ManageCategories,
    /// Edit the posted duty rules behind the checklist.
    EditDutyRules,
    /// Import a roster.
    Import,
    /// Reopen a checklist day that was signed off.
    ReopenSignedDay,
    /// Delete a record.
    Delete,
    /// Export with full ID and phone numbers.
    ExportUnmasked,
    /// Export the audit trail.
    ExportAudit,
    /// Replace the database with a backup.
    Restore,
}

impl Permission {
    /// Every permission, for tests and the help screen.
    pub const ALL: [Permission; 9] = [
        Permission::ManageOfficers,
        Permission::ManageCategories,
        Permission::EditDutyRules,
        Permission::Import,
        Permission::ReopenSignedDay,
        Permission::Delete,
        Permission::ExportUnmasked,
        Permission::ExportAudit,
        Permission::Restore,
    ];
}

/// Whether `role` may take the action; a refusal says why and whom to ask.
pub fn may(role: Role, permission: Permission) -> Result<(), Msg> {
    if role == Role::Admin {
        return Ok(());
    }
    Err(match permission {
        Permission::ManageOfficers => Msg::new("auth.denied.manage_officers"),
        Permission::EditDutyRules => Msg::new("auth.denied.edit_duty_rules"),
        Permission::Import => Msg::new("auth.denied.import"),
        Permission::ReopenSignedDay => Msg::new("auth.denied.reopen_signed_day"),
        Permission::Delete => Msg::new("auth.denied.delete"),
        Permission::ExportUnmasked => Msg::new("auth.denied.export_unmasked"),
        Permission::ExportAudit => Msg::new("auth.denied.export_audit"),
        Permission::Restore => Msg::new("auth.denied.restore"),
        Permission::ManageCategories => Msg::new("auth.denied.manage_categories"),
    })
}
