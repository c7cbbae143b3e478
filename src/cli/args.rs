//! The command-line contract of DESIGN.md, as clap definitions.
use super::admin::AdminArgs;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "stationdesk",
    version,
    about = "退役军人服务站前台 / front desk of a veterans service station"
)]
pub struct Cli {
    /// The database: a file, or a county server postgres://USER@HOST/DB (default: the platform data directory; or STATIONDESK_DB)
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
    /// Write an online, consistent copy of the database to FILE, and FILE.sha256 beside it
    Backup {
        file: PathBuf,
        /// Replace FILE when it exists (never the database itself)
        #[arg(long)]
        force: bool,
    },
    /// Move a station's database onto the county server (PostgreSQL), checked on both sides
    Migrate {
        /// The station's database file
        #[arg(long, value_name = "PATH")]
        from: PathBuf,
        /// The server: postgres://USER@HOST/DB
        #[arg(long, value_name = "URL")]
        to: String,
        /// Accept a server that holds another station's records (refused while any record is
        /// on file on both sides)
        #[arg(long)]
        merge: bool,
        #[command(flatten)]
        admin: AdminArgs,
    },
    /// Replace the database with a verified backup FILE (the current one is kept aside)
    Restore {
        file: PathBuf,
        #[command(flatten)]
        admin: AdminArgs,
        /// Restore even while desks have the database open (they stop saving)
        #[arg(long)]
        force: bool,
    },
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
    /// Issue a petitioner's notice for a case as .docx (always in Chinese), into the
    /// documents folder beside the database
    Notice {
        /// The case number, like 2026-0001
        case_no: String,
        /// receipt, accepted, not-accepted, forwarded, extended or reply
        kind: String,
        /// Write the notice to FILE instead
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
        #[command(flatten)]
        admin: AdminArgs,
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
        /// Stop after this many seconds (0: no limit)
        #[arg(long, default_value_t = 0)]
        seconds: u64,
        /// After each save print `waited <microseconds>`, or `failed <microseconds> <why>`
        /// and go on saving (the write benchmark)
        #[arg(long)]
        timings: bool,
    },
    /// The desks benchmark: one desk saving and looking up (see `bench desks`)
    #[command(name = "_desk-loop", hide = true)]
    DeskLoop {
        /// This desk's number, from 0
        #[arg(long)]
        desk: u32,
        /// How many desks take part
        #[arg(long)]
        desks: u32,
        /// For how long it saves
        #[arg(long)]
        seconds: u64,
        /// The first slot of this run's new people
        #[arg(long, default_value_t = 0)]
        first_slot: u64,
    },
    /// Manage officer accounts and the lockout rule (an administrator, once accounts exist)
    #[command(subcommand)]
    User(UserCommand),
    /// The audit trail
    #[command(subcommand)]
    Audit(AuditCommand),
    /// The working calendar: holidays and make-up working days
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// Person categories: the shipped list and the station's local ones
    #[command(subcommand)]
    Category(CategoryCommand),
}

#[derive(Debug, Subcommand)]
pub enum CategoryCommand {
    /// Print every accepted category, its synonyms, and the local ones with who added them
    List,
    /// Add a local category (an administrator)
    Add {
        name: String,
        #[command(flatten)]
        admin: AdminArgs,
    },
    /// Remove a local category nobody holds (an administrator)
    Remove {
        name: String,
        #[command(flatten)]
        admin: AdminArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Print the working days, holidays and make-up working days of YYYY or YYYY-MM
    Show {
        /// A year (2026) or a month (2026-10)
        period: String,
    },
    /// Add a newly published year from a file of `date,kind` lines (see README)
    Import {
        file: PathBuf,
        /// Replace a year already on file
        #[arg(long)]
        replace: bool,
        #[command(flatten)]
        admin: AdminArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the audit trail's hash chain: exit 0 when whole, 1 naming the first broken record
    Verify {
        /// Also check that a backup's recorded chain head (its FILE.sha256, or the backup
        /// FILE itself) is still in the trail: a trail cut back or rewritten since shows
        #[arg(long, value_name = "FILE")]
        against: Option<std::path::PathBuf>,
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
    /// Make an account an administrator or an officer
    Role(UserRoleArgs),
    /// Show or set the lockout rule: failed logins before an account locks, and for how long
    Lockout(LockoutArgs),
}

#[derive(Debug, Args)]
pub struct UserRoleArgs {
    /// The user name
    pub username: String,
    /// admin or officer
    #[arg(long, value_parser = ["admin", "officer"])]
    pub role: String,
    #[command(flatten)]
    pub admin: AdminArgs,
}

#[derive(Debug, Args)]
pub struct LockoutArgs {
    /// Failed logins in a row before the account locks (3 to 10)
    #[arg(long)]
    pub attempts: Option<u32>,
    /// Minutes a locked account stays locked (1 to 1440)
    #[arg(long)]
    pub minutes: Option<u32>,
    #[command(flatten)]
    pub admin: AdminArgs,
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
    /// Read the password from standard input (after the administrator's, with --admin)
    #[arg(long)]
    pub password_stdin: bool,
    /// The administrator allowing this (required once the database has accounts)
    #[arg(long, value_name = "USER")]
    pub admin: Option<String>,
}

#[derive(Debug, Args)]
pub struct UserNameArg {
    /// The user name
    pub username: String,
    #[command(flatten)]
    pub admin: AdminArgs,
}

#[derive(Debug, Args)]
pub struct UserPasswdArgs {
    /// The user name
    pub username: String,
    /// Read the new password from standard input (after the administrator's, with --admin)
    #[arg(long)]
    pub password_stdin: bool,
    /// The administrator allowing this (required once the database has accounts)
    #[arg(long, value_name = "USER")]
    pub admin: Option<String>,
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
    /// Several processes saving walk-ins at once on one new database in a temporary
    /// folder: how long each save waits its turn, and whether any fails
    Writes {
        /// How many processes write at once
        #[arg(long, default_value_t = 16)]
        writers: u32,
        /// For how long
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// Where the temporary database is made (default: the system's temporary folder);
        /// the disk matters, since every save is synced
        #[arg(long, value_name = "DIR")]
        dir: Option<std::path::PathBuf>,
    },
    /// Several desks (processes) on one database, each saving a walk-in every couple of
    /// seconds and looking people up all the while: save times, and how soon a person put
    /// on file at one desk is found at the others. With --db, on that (practice) database;
    /// otherwise on a new one of --people demo people in a temporary folder
    Desks {
        /// How many desks at once
        #[arg(long, default_value_t = 16)]
        desks: u32,
        /// For how long they save
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// People of the new database (default 20000; not with --db)
        #[arg(long)]
        people: Option<usize>,
    },
}
