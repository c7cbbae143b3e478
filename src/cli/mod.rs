//! The command line: one file per subcommand; each parses, calls the library and prints.
//!
//! Exit codes: 0 success, 1 a user error (bad input, failed validation), 2 a usage error.
mod admin;
mod args;
mod audit;
mod backup;
mod bench;
mod bench_desks;
mod bench_writes;
mod calendar;
mod category;
mod demo;
mod desk_loop;
mod export;
mod find;
mod import;
mod import_family;
mod init;
mod lockout;
mod notice;
mod pipe;
mod progress;
pub mod report;
mod server;
mod text_table;
mod user;
mod write_loop;

pub use args::{BenchCommand, Cli, Command};

use crate::clock::SharedClock;
use crate::config::{Config, resolve_db, resolve_lang};
use crate::i18n::{Lang, Msg, visible_except};
use crate::store::{OpenMode, Store, StoreError};
use clap::Parser;
use std::ffi::OsString;
use std::path::PathBuf;

/// What every subcommand needs: the language, the database path, the config and the clock.
pub struct Ctx {
    pub lang: Lang,
    pub db: PathBuf,
    pub config: Config,
    pub clock: SharedClock,
}

impl Ctx {
    /// Opens the existing database, attributing writes to `cli:<os user>`; a missing file
    /// is an error, so a mistyped `--db` creates nothing.
    pub fn open_store(&self) -> Result<Store, CliError> {
        self.open_as(OpenMode::Existing)
    }

    /// Opens the database, creating it if missing: `init`, `demo` and the test writer only.
    pub fn create_store(&self) -> Result<Store, CliError> {
        self.open_as(OpenMode::CreateIfMissing)
    }

    fn open_as(&self, mode: OpenMode) -> Result<Store, CliError> {
        let store =
            Store::open_as(&self.db, self.clock.clone(), mode).map_err(|e| self.store_error(e))?;
        for note in store.open_notes() {
            eprintln!("{}", note.render(self.lang));
        }
        Ok(store)
    }

    /// A store error in the command line's words.
    pub fn store_error(&self, e: StoreError) -> CliError {
        CliError::user(e.cli_msg().render(self.lang))
    }

    /// A message in the user's language, in the command line's words.
    pub fn msg(&self, m: &Msg) -> String {
        crate::store::error::for_command_line(m.clone()).render(self.lang)
    }
}

/// A failed command: what to print and the exit code.
#[derive(Debug)]
pub struct CliError {
    pub message: String,
    pub code: i32,
}

impl CliError {
    pub fn user(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: 1,
        }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: 2,
        }
    }
}

/// Runs the program with these arguments and returns the exit code.
pub fn main_with_args<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) if e.use_stderr() => {
            // clap quotes the offending argument as typed: show its control characters.
            eprint!("{}", visible_except(&e.render().to_string(), &['\n']));
            return 2;
        }
        Err(e) => {
            let _ = e.print();
            return 0;
        }
    };
    if cli.command.is_some() {
        pipe::end_quietly_on_closed_output();
    }
    let (config, config_problem) = Config::load();
    let lang_flag = match cli.lang.as_deref() {
        None => None,
        Some(text) => match Lang::parse(text) {
            Some(l) => Some(l),
            None => {
                eprintln!(
                    "{}",
                    Msg::new("cli.bad_lang").arg("value", text).render(Lang::Zh)
                );
                return 2;
            }
        },
    };
    let lang = resolve_lang(lang_flag, &config);
    // The terminal program shows it in its start-up notice; a command says it on stderr,
    // in the same words.
    let config_problem = match config_problem {
        Some(problem) if cli.command.is_some() => {
            eprintln!("{}", problem.render(lang));
            None
        }
        other => other,
    };
    if cli.command.is_some() {
        // A desk shows its waits on the status line; a command says so on stderr.
        crate::store::busy::note_waits_on_stderr(Msg::new("store_open.waiting_cli").render(lang));
    }
    let ctx = Ctx {
        lang,
        db: resolve_db(cli.db.as_deref(), &config),
        config,
        clock: crate::clock::from_env(),
    };
    match run(&ctx, cli, config_problem) {
        Ok(()) => 0,
        Err(e) => {
            // Messages are rendered with visible arguments; this also covers any error text
            // that did not come through the catalog.
            eprintln!("{}", visible_except(&e.message, &['\n']));
            e.code
        }
    }
}

fn run(ctx: &Ctx, cli: Cli, config_problem: Option<Msg>) -> Result<(), CliError> {
    if let Some(url) = server::url_of(ctx)
        && let Some(done) = server::run(ctx, &url, &cli.command)
    {
        return done;
    }
    match cli.command {
        None => crate::tui::run(crate::tui::Options {
            lang: ctx.lang,
            db: ctx.db.clone(),
            theme: cli.theme,
            config: ctx.config.clone(),
            config_problem,
            clock: ctx.clock.clone(),
        })
        .map_err(CliError::user),
        Some(Command::Init(a)) => init::run(ctx, a),
        Some(Command::Export {
            what,
            from,
            to,
            out,
            unmasked,
            admin,
            password_stdin,
        }) => export::run(
            ctx,
            export::ExportArgs {
                what: &what,
                from: from.as_deref(),
                to: to.as_deref(),
                out: &out,
                unmasked,
                admin: admin.as_deref(),
                password_stdin,
            },
        ),
        Some(Command::Import {
            file,
            dry_run,
            skip_invalid,
            accept_changes,
            clear_empty,
            admin,
        }) => import::run(
            ctx,
            &import::ImportArgs {
                file: &file,
                dry_run,
                skip_invalid,
                accept_changes,
                clear_empty,
                admin: &admin,
            },
        ),
        Some(Command::Find { query, limit, json }) => find::run(ctx, &query, limit, json),
        Some(Command::Demo { people, seed }) => demo::run(ctx, people, seed),
        Some(Command::Bench(BenchCommand::Search {
            queries,
            seed,
            dump,
        })) => bench::run(ctx, queries, seed, dump.as_deref()),
        Some(Command::Bench(BenchCommand::Writes {
            writers,
            seconds,
            dir,
        })) => bench_writes::run(ctx, writers, seconds, dir.as_deref()),
        Some(Command::Bench(BenchCommand::Desks {
            desks,
            seconds,
            people,
        })) => bench_desks::run(
            ctx,
            bench_desks::Args {
                desks,
                seconds,
                people,
                db_given: cli.db.is_some(),
            },
        ),
        Some(Command::DeskLoop {
            desk,
            desks,
            seconds,
            first_slot,
        }) => desk_loop::run(
            ctx,
            desk_loop::Plan {
                desk,
                desks,
                seconds,
                first_slot,
                seed: u64::from(desk) + 1,
            },
        ),
        Some(Command::Report { kind, date, out }) => {
            report::run(ctx, &kind, date.as_deref(), out.as_deref())
        }
        Some(Command::Notice { case_no, kind, out }) => {
            notice::run(ctx, &case_no, &kind, out.as_deref())
        }
        Some(Command::Backup { file, force }) => backup::backup(ctx, &file, force),
        Some(Command::Restore { file, force, admin }) => backup::restore(ctx, &file, force, &admin),
        Some(Command::Migrate {
            from,
            to,
            merge,
            admin,
        }) => server::migrate(ctx, &from, &to, merge, &admin),
        Some(Command::WriteLoop {
            count,
            tag,
            petition_every,
            seconds,
            timings,
        }) => write_loop::run(
            ctx,
            write_loop::Plan {
                count,
                tag: &tag,
                petition_every,
                seconds,
                timings,
            },
        ),
        Some(Command::User(c)) => user::run(ctx, c),
        Some(Command::Audit(args::AuditCommand::Verify { against })) => {
            audit::verify(ctx, against.as_deref())
        }
        Some(Command::Calendar(args::CalendarCommand::Show { period })) => {
            calendar::show(ctx, &period)
        }
        Some(Command::Calendar(args::CalendarCommand::Import {
            file,
            replace,
            admin,
        })) => calendar::import(ctx, &file, replace, &admin),
        Some(Command::Category(c)) => category::run(ctx, c),
    }
}
