//! The administrator's gate of the command line: the same rights as the screens.
//!
//! Once a database has accounts, administrator work from the command line (accounts,
//! restore, import, unmasked and audit exports, lockout settings) names an administrator
//! with `--admin USER` and reads that administrator's password as the first line of
//! standard input (`--password-stdin`). The login counts towards the account's lockout like
//! one at the screen, and every write is attributed to that officer, with the operating
//! system user recorded beside it. A database without accounts has nobody to protect yet:
//! its holder may set it up (`init`, or these commands) without a password.
use super::{CliError, Ctx};
use crate::domain::officer::{Permission, Role, may};
use crate::i18n::Msg;
use crate::store::Store;

/// `--admin USER --password-stdin`, shared by every command that needs them.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct AdminArgs {
    /// The administrator allowing this (required once the database has accounts)
    #[arg(long, value_name = "USER")]
    pub admin: Option<String>,
    /// Read the administrator's password from the first line of standard input
    #[arg(long)]
    pub password_stdin: bool,
}

/// Checks the administrator named by `args` for `permission` and attributes the store's
/// writes to them. Returns whether a password line was read from standard input (commands
/// that read a second line, such as a new password, need to know).
pub fn require(
    ctx: &Ctx,
    store: &mut Store,
    args: &AdminArgs,
    permission: Permission,
) -> Result<bool, CliError> {
    if !store.has_officers().map_err(|e| ctx.store_error(e))? {
        return Ok(false);
    }
    require_account(ctx, store, args, permission)?;
    Ok(true)
}

/// Like [`require`], but an administrator's login is needed even before any account exists.
pub fn require_account(
    ctx: &Ctx,
    store: &mut Store,
    args: &AdminArgs,
    permission: Permission,
) -> Result<(), CliError> {
    let (Some(user), true) = (args.admin.as_deref(), args.password_stdin) else {
        return Err(CliError::user(ctx.msg(
            &Msg::new("cli_admin.needed").arg("command", command_name(permission)),
        )));
    };
    let password = super::user::read_password_line(ctx)?;
    let officer = store
        .login(user, &password, ctx.clock.now())
        .map_err(|e| CliError::user(ctx.msg(&e.msg())))?;
    let role = if officer.active {
        officer.role
    } else {
        Role::Officer
    };
    may(role, permission).map_err(|m| CliError::user(ctx.msg(&m)))?;
    store.set_actor(&officer.username);
    Ok(())
}

fn command_name(permission: Permission) -> &'static str {
    match permission {
        Permission::ManageOfficers => "user",
        Permission::Import => "import",
        Permission::ExportUnmasked | Permission::ExportAudit => "export",
        Permission::Restore => "restore",
        Permission::EditDutyRules => "calendar",
        Permission::ManageCategories => "category",
        Permission::ReopenSignedDay | Permission::Delete => "",
    }
}
