//! `stationdesk category list|add|remove`: the person categories a station accepts, and the
//! local ones an administrator adds (audited as that officer).
use super::admin::AdminArgs;
use super::args::CategoryCommand;
use super::{CliError, Ctx};
use crate::domain::category::{display_name, shipped};
use crate::domain::officer::Permission;
use crate::i18n::{Msg, t};

pub fn run(ctx: &Ctx, command: CategoryCommand) -> Result<(), CliError> {
    match command {
        CategoryCommand::List => list(ctx),
        CategoryCommand::Add { name, admin } => change(ctx, &name, &admin, true),
        CategoryCommand::Remove { name, admin } => change(ctx, &name, &admin, false),
    }
}

fn list(ctx: &Ctx) -> Result<(), CliError> {
    let store = ctx.open_store()?;
    let local = store.local_categories().map_err(|e| ctx.store_error(e))?;
    let mut out = format!("{}\n", t(ctx.lang, "categories.cli.shipped"));
    for c in shipped() {
        out.push_str(&format!("  {}", c.zh));
        if display_name(&c.zh, ctx.lang) != c.zh {
            out.push_str(&format!(" ({})", display_name(&c.zh, ctx.lang)));
        }
        if !c.synonyms.is_empty() {
            out.push_str(&format!(
                "  {}",
                ctx.msg(&Msg::new("categories.cli.synonyms").arg("list", c.synonyms.join("、")))
            ));
        }
        out.push('\n');
    }
    out.push_str(&format!("{}\n", t(ctx.lang, "categories.cli.local")));
    if local.is_empty() {
        out.push_str(&format!("  {}\n", t(ctx.lang, "categories.cli.no_local")));
    }
    for l in &local {
        out.push_str(&format!(
            "  {}  {}\n",
            l.name,
            ctx.msg(
                &Msg::new("categories.cli.local_row")
                    .arg("by", &l.added_by)
                    .arg("at", &l.added_at)
                    .arg("count", l.people)
            )
        ));
    }
    print!("{}", crate::i18n::visible_except(&out, &['\n']));
    Ok(())
}

fn change(ctx: &Ctx, name: &str, admin: &AdminArgs, add: bool) -> Result<(), CliError> {
    let mut store = ctx.open_store()?;
    super::admin::require(ctx, &mut store, admin, Permission::ManageCategories)?;
    let done = if add {
        store.add_local_category(name)
    } else {
        store.remove_local_category(name)
    }
    .map_err(|e| CliError::user(ctx.msg(&e.msg())))?;
    let key = if add {
        "categories.cli.added"
    } else {
        "categories.cli.removed"
    };
    println!("{}", ctx.msg(&Msg::new(key).arg("value", done)));
    Ok(())
}
