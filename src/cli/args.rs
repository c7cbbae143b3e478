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
        /// Also write the figures to a workbook (.xlsx) or .csv
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Look people up by name, pinyin, initials, ID-number tail or phone tail
    Find {
        query: String,
        /// At most this many matches
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// One JSON object per match per line
        #[arg(long)]
        json: bool,
    },
    /// Fill the database with synthetic, reproducible people and a month of walk-ins
    Demo {
        #[arg(long, default_value_t = 10_000)]
        people: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Benchmarks; prints one JSON line last
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Write a ledger to .csv (UTF-8 with BOM) or .xlsx, by the extension
    Export {
        #[arg(value_parser = ["people", "visits", "petitions", "checklist", "audit"])]
        what: String,
        /// First day (YYYY-MM-DD)
        #[arg(long)]
        from: Option<String>,
        /// Last day (YYYY-MM-DD)
        #[arg(long)]
        to: Option<String>,
        /// The file to write: .csv or .xlsx
        #[arg(long)]
        out: PathBuf,
        /// Full ID numbers and phones (administrators only; audited)
        #[arg(long)]
        unmasked: bool,
        /// The administrator allowing an unmasked or audit export
        #[arg(long, value_name = "USER")]
        admin: Option<String>,
        /// Read that administrator's password from standard input
        #[arg(long)]
        password_stdin: bool,
    },
    /// Import a roster (花名册): .csv (UTF-8 or GBK) or .xlsx
    Import {
        file: PathBuf,
        /// Check every row and report, write nothing
        #[arg(long)]
        dry_run: bool,
        /// Import the valid rows and write the others to FILE.rejects.csv
        #[arg(long)]
        skip_invalid: bool,
        /// Allow a different name, gender or birth date for an ID number already on file
        #[arg(long)]
        accept_changes: bool,
        /// Let an empty cell clear its field in a record on file (default: left alone)
        #[arg(long)]
        clear_empty: bool,
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
        /// Also register a petition after every N walk-ins, printing `case <number>` (0: never)
        #[arg(long, default_value_t = 0)]
        petition_every: u64,
    },
    /// Manage officer accounts (by whoever holds the database file)
    #[command(subcommand)]
    User(UserCommand),
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

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account
    Add(UserAddArgs),
    /// List the accounts
    List,
    /// Disable an account: it can no longer log in
    Disable(UserNameArg),
    /// Enable an account again (also lifts a lockout)
    Enable(UserNameArg),
    /// Set a new password for an account (also lifts a lockout)
    Passwd(UserPasswdArgs),
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// The user name: letters, digits, . _ - or Chinese characters, at most 32
    pub username: String,
    /// admin or officer
    #[arg(long, value_parser = ["admin", "officer"])]
    pub role: String,
    /// The name shown on screens (default: the user name)
    #[arg(long, value_name = "DISPLAY")]
    pub name: Option<String>,
    /// Read the password from standard input
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Args)]
pub struct UserNameArg {
    /// The user name
    pub username: String,
}

#[derive(Debug, Args)]
pub struct UserPasswdArgs {
    /// The user name
    pub username: String,
    /// Read the new password from standard input
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Replay realistic lookups keystroke by keystroke against the real index
    Search {
        #[arg(long, default_value_t = 2_000)]
        queries: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also write the same work for other tools: keys.txt (one line per person: name,
        /// full pinyin, initials, ID number, phone digits) and keystrokes.txt (every prefix
        /// typed, in order), for `benches/fzf_compare.sh`
        #[arg(long, value_name = "DIR")]
        dump: Option<std::path::PathBuf>,
    },
}
