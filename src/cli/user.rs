//! `stationdesk user …`: account administration from the command line.
//!
//! The same rights as the screens: once the database has accounts, every change needs an
//! administrator (`--admin USER --password-stdin`, the administrator's password on the
//! first line of standard input and, for `add` and `passwd`, the new password on the
//! second). The audit trail attributes the change to that administrator, with the operating
//! system user beside. Before the first account exists the file's holder sets it up.
use super::admin::{AdminArgs, require};
use super::args::{UserAddArgs, UserCommand, UserPasswdArgs, UserRoleArgs};
use super::{CliError, Ctx};
use crate::domain::officer::{HashedPassword, Officer, PASSWORD_MAX, Permission, Role};
use crate::i18n::{Msg, t, tf};
use crate::store::Store;
use crate::store::officers::AccountError;
use std::io::{BufRead, Read};

/// Runs one `user` subcommand.
pub fn run(ctx: &Ctx, command: UserCommand) -> Result<(), CliError> {
    match command {
        UserCommand::Add(a) => add(ctx, a),
        UserCommand::List => list(ctx),
        UserCommand::Disable(a) => {
            let mut store = admin_store(ctx, &a.admin)?;
            let o = store
                .disable_officer(&a.username)
                .map_err(|e| account_error(ctx, &e))?;
            done(ctx, "auth.cli.user_disabled", &o.username);
            Ok(())
        }
        UserCommand::Enable(a) => {
            let mut store = admin_store(ctx, &a.admin)?;
            let o = store
                .enable_officer(&a.username)
                .map_err(|e| account_error(ctx, &e))?;
            done(ctx, "auth.cli.user_enabled", &o.username);
            Ok(())
        }
        UserCommand::Passwd(a) => passwd(ctx, a),
        UserCommand::Role(a) => role(ctx, a),
        UserCommand::Lockout(a) => super::lockout::run(ctx, a),
    }
}

/// The store, with the administrator of `admin` checked and writing as them.
pub(super) fn admin_store(ctx: &Ctx, admin: &AdminArgs) -> Result<Store, CliError> {
    let mut store = ctx.open_store()?;
    require(ctx, &mut store, admin, Permission::ManageOfficers)?;
    Ok(store)
}

fn done(ctx: &Ctx, key: &str, username: &str) {
    println!("{}", tf(ctx.lang, key, &[("username", &username)]));
}

fn add(ctx: &Ctx, a: UserAddArgs) -> Result<(), CliError> {
    require_password_stdin(ctx, a.password_stdin, "user add USER --role ROLE")?;
    let Some(role) = Role::parse(&a.role) else {
        // clap already restricts the values; this keeps a refactor from panicking.
        return Err(CliError::usage(tf(
            ctx.lang,
            "auth.cli.bad_role",
            &[("value", &a.role)],
        )));
    };
    // Validate the name before reading a password for it.
    crate::domain::officer::parse_username(&a.username).map_err(|m| user_msg(ctx, &m))?;
    let admin = AdminArgs {
        admin: a.admin.clone(),
        password_stdin: true,
    };
    let mut store = admin_store(ctx, &admin)?;
    let hash = read_new_password(ctx)?;
    let o = store
        .add_officer(&a.username, a.name.as_deref().unwrap_or(""), role, &hash)
        .map_err(|e| account_error(ctx, &e))?;
    println!(
        "{}",
        tf(
            ctx.lang,
            "auth.cli.user_added",
            &[
                ("username", &o.username),
                ("role", &o.role.label().render(ctx.lang))
            ]
        )
    );
    Ok(())
}

fn passwd(ctx: &Ctx, a: UserPasswdArgs) -> Result<(), CliError> {
    require_password_stdin(ctx, a.password_stdin, "user passwd USER")?;
    let admin = AdminArgs {
        admin: a.admin.clone(),
        password_stdin: true,
    };
    let mut store = admin_store(ctx, &admin)?;
    // Say "no such account" before asking for a password that would be thrown away.
    let Some(officer) = store.officer(&a.username).map_err(|e| ctx.store_error(e))? else {
        return Err(account_error(ctx, &AccountError::NotFound(a.username)));
    };
    let hash = read_new_password(ctx)?;
    store
        .reset_password(&officer.username, &hash)
        .map_err(|e| account_error(ctx, &e))?;
    done(ctx, "auth.cli.password_reset", &officer.username);
    Ok(())
}

fn role(ctx: &Ctx, a: UserRoleArgs) -> Result<(), CliError> {
    let Some(role) = Role::parse(&a.role) else {
        return Err(CliError::usage(tf(
            ctx.lang,
            "auth.cli.bad_role",
            &[("value", &a.role)],
        )));
    };
    let mut store = admin_store(ctx, &a.admin)?;
    let o = store
        .set_role(&a.username, role)
        .map_err(|e| account_error(ctx, &e))?;
    println!(
        "{}",
        ctx.msg(
            &Msg::new("tui_auth.officers.role_changed")
                .arg("username", &o.username)
                .arg("role", o.role.label().render(ctx.lang))
        )
    );
    Ok(())
}

fn list(ctx: &Ctx) -> Result<(), CliError> {
    let store = ctx.open_store()?;
    let officers = store.officers().map_err(|e| ctx.store_error(e))?;
    if officers.is_empty() {
        println!("{}", t(ctx.lang, "auth.cli.no_users"));
        return Ok(());
    }
    println!("{}", t(ctx.lang, "auth.cli.header"));
    let now = ctx.clock.now();
    for o in &officers {
        println!("{}", list_line(ctx, o, now));
    }
    Ok(())
}

fn list_line(ctx: &Ctx, o: &Officer, now: chrono::NaiveDateTime) -> String {
    let mut state = if o.active {
        t(ctx.lang, "auth.cli.active")
    } else {
        t(ctx.lang, "auth.cli.inactive")
    };
    if let Some(until) = o.locked_until.filter(|u| *u > now) {
        state.push_str(", ");
        state.push_str(&tf(
            ctx.lang,
            "auth.cli.locked",
            &[("until", &until.format("%Y-%m-%d %H:%M"))],
        ));
    }
    format!(
        "{}\t{}\t{}\t{}",
        o.username,
        o.display_name,
        o.role.label().render(ctx.lang),
        state
    )
}

/// Refuses (exit 2) a command that needs a password but was not told to read it from
/// standard input: passwords on the command line end up in shell history and `ps`.
pub(super) fn require_password_stdin(
    ctx: &Ctx,
    given: bool,
    command: &str,
) -> Result<(), CliError> {
    if given {
        Ok(())
    } else {
        Err(CliError::usage(tf(
            ctx.lang,
            "auth.cli.need_password_stdin",
            &[("command", &command)],
        )))
    }
}

/// Reads one line from standard input as the new password, checks the policy and hashes
/// it. Only the trailing line break is removed: spaces are part of a pass phrase.
pub(super) fn read_new_password(ctx: &Ctx) -> Result<HashedPassword, CliError> {
    let password = read_password_line(ctx)?;
    HashedPassword::new(&password).map_err(|m| user_msg(ctx, &m))
}

pub(super) fn read_password_line(ctx: &Ctx) -> Result<String, CliError> {
    // Bounded: a file piped in by mistake must not be read whole into memory.
    const LIMIT: usize = 64 * 1024;
    let mut buf = Vec::new();
    std::io::stdin()
        .lock()
        .take(LIMIT as u64)
        .read_until(b'\n', &mut buf)
        .map_err(|e| CliError::user(tf(ctx.lang, "auth.cli.stdin_failed", &[("detail", &e)])))?;
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    } else if buf.len() >= LIMIT {
        let count = String::from_utf8_lossy(&buf).chars().count();
        return Err(user_msg(
            ctx,
            &Msg::new("auth.password.too_long")
                .arg("count", count)
                .arg("max", PASSWORD_MAX),
        ));
    }
    String::from_utf8(buf).map_err(|_| CliError::user(t(ctx.lang, "auth.cli.stdin_not_utf8")))
}

fn user_msg(ctx: &Ctx, m: &Msg) -> CliError {
    CliError::user(ctx.msg(m))
}

fn account_error(ctx: &Ctx, e: &AccountError) -> CliError {
    CliError::user(ctx.msg(&e.msg()))
}
