//! The command-line contract of DESIGN.md, as clap definitions.
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "stationdesk",
    version,
    about = "退役军人服务站前台 / front desk of a veterans service station"
)]
pub struct Cli {
    /// The database file (default: the platform data directory; or STATIONDESK_DB)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// zh or en
    #[arg(long, global = true, value_name = "zh|en")]
    pub lang: Option<String>,
    /// A theme: default, light, high-contrast, mono, or one of your own
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Set up a new station database with its first administrator
    Init(InitArgs),
    /// Write an online, consistent copy of the database to FILE
    Backup { file: PathBuf },
    /// Replace the database with a verified backup FILE (the current one is kept aside)
    Restore { file: PathBuf },
    /// Daily or monthly statistics as text tables
    Report {
        #[arg(value_parser = ["daily", "monthly"])]
        kind: String,
        /// A day of the period (default: today)
        #[arg(long)]
        date: Option<String>,
    },
    /// Reliability tests: write walk-ins in a loop, printing each committed id
    #[command(name = "_write-loop", hide = true)]
    WriteLoop {
        /// How many walk-ins to write (0: until killed)
        #[arg(long, default_value_t = 0)]
        count: u64,
        /// A tag written into each walk-in, so concurrent writers can be told apart
        #[arg(long, default_value = "")]
        tag: String,
    },
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The station's name, e.g. 城关镇退役军人服务站
    #[arg(long)]
    pub station: String,
    /// county, town or village
    #[arg(long, value_parser = ["county", "town", "village"])]
    pub level: String,
    /// The first administrator's user name
    #[arg(long)]
    pub admin: String,
    /// Read the administrator's password from standard input
    #[arg(long)]
    pub password_stdin: bool,
}
