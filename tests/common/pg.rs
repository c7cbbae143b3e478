//! A fresh PostgreSQL database per test, on the server `STATIONDESK_TEST_PG` names (a
//! maintenance database URL; `.ci/pg-cluster start` prints one). Without it a test says so in
//! one line and passes, unless `STATIONDESK_REQUIRE_PG=1` (as `.ci/run` sets): then it fails,
//! so CI never skips the server silently.
use std::sync::atomic::{AtomicU32, Ordering};

pub const SKIPPED: &str = "skipped: no PostgreSQL (set STATIONDESK_TEST_PG)";

/// A database made for one test and dropped after it.
pub struct PgDb {
    /// The URL of this test's database.
    pub url: String,
    admin: String,
    pub name: String,
}

/// `url` with its database replaced by `db`.
pub fn url_with_db(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let base = match base[after_scheme..].find('/') {
        Some(slash) => &base[..after_scheme + slash],
        None => base,
    };
    format!("{base}/{db}{query}")
}

/// A fresh, empty database, or `None` (after saying so) when no server is configured.
pub fn fresh_db(test: &str) -> Option<PgDb> {
    let Ok(admin) = std::env::var("STATIONDESK_TEST_PG") else {
        assert!(
            std::env::var("STATIONDESK_REQUIRE_PG").as_deref() != Ok("1"),
            "STATIONDESK_REQUIRE_PG=1 but STATIONDESK_TEST_PG is not set: the server tests cannot run"
        );
        println!("{SKIPPED}");
        return None;
    };
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "sd_{}_{}_{}",
        test.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .take(30)
            .collect::<String>(),
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
    .to_ascii_lowercase();
    let mut client = postgres::Client::connect(&admin, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot connect to STATIONDESK_TEST_PG: {e}"));
    // One statement a call: neither may run inside the transaction a batch makes.
    client
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .unwrap();
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    Some(PgDb {
        url: url_with_db(&admin, &name),
        admin,
        name,
    })
}

impl PgDb {
    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).unwrap()
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// The TLS server of `.ci/pg-cluster` and its certificate authority, or `None` (after
/// saying so) when the cluster has none.
pub fn tls_server() -> Option<(String, String)> {
    match (
        std::env::var("STATIONDESK_TEST_PG_TLS"),
        std::env::var("STATIONDESK_TEST_PG_CA"),
    ) {
        (Ok(url), Ok(ca)) => Some((url, ca)),
        _ => {
            assert!(
                std::env::var("STATIONDESK_REQUIRE_PG").as_deref() != Ok("1"),
                "STATIONDESK_REQUIRE_PG=1 but the cluster has no TLS (STATIONDESK_TEST_PG_TLS)"
            );
            println!(
                "skipped: no TLS server (set STATIONDESK_TEST_PG_TLS and STATIONDESK_TEST_PG_CA)"
            );
            None
        }
    }
}

/// Whether the store tests run on the server (`STATIONDESK_TEST_BACKEND=pg`, as `.ci/run`
/// runs them a second time) rather than on SQLite files.
pub fn on_server() -> bool {
    std::env::var("STATIONDESK_TEST_BACKEND").as_deref() == Ok("pg")
}

/// For a test about the database file itself (its bytes, modes, backup and restore):
/// `true` on the server run, after saying in one line that it does not apply there.
pub fn file_only(test: &str) -> bool {
    if on_server() {
        println!("{test}: about the SQLite file; not run on the server");
        return true;
    }
    false
}

/// The database a test names by `path`: the path itself, or on the server run a database
/// of its own for that path (the same one each time the test opens that path, as two desks
/// open one file).
pub fn db(path: impl AsRef<std::path::Path>) -> std::path::PathBuf {
    use std::collections::HashMap;
    use std::sync::Mutex;
    let path = path.as_ref();
    if !on_server() || path.to_string_lossy().starts_with("postgres://") {
        return path.to_path_buf();
    }
    static MADE: Mutex<Option<HashMap<std::path::PathBuf, String>>> = Mutex::new(None);
    let mut made = MADE.lock().unwrap_or_else(|p| p.into_inner());
    let made = made.get_or_insert_with(HashMap::new);
    if let Some(url) = made.get(path) {
        return url.into();
    }
    let admin = std::env::var("STATIONDESK_TEST_PG")
        .expect("STATIONDESK_TEST_BACKEND=pg needs STATIONDESK_TEST_PG");
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "sdt_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    // An empty database: the store makes the new station in it with the test's own clock,
    // as it makes a new file.
    let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
    let mut tries = 0;
    loop {
        match client.batch_execute(&format!("CREATE DATABASE {name}")) {
            Ok(()) => break,
            Err(e) if tries < 50 => {
                tries += 1;
                let _ = e;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(e) => panic!("cannot create the test database {name}: {e}"),
        }
    }
    let url = url_with_db(&admin, &name);
    made.insert(path.to_path_buf(), url.clone());
    url.into()
}

/// A connection of the test's own to the database `path` names (see [`db`]), behind the
/// program's back: to look at rows, or to try what the program would never do.
pub enum Raw {
    Lite(rusqlite::Connection),
    Pg(postgres::Client),
}

pub fn raw(path: impl AsRef<std::path::Path>) -> Raw {
    let db = db(path);
    let text = db.to_string_lossy().to_string();
    if text.starts_with("postgres://") {
        Raw::Pg(postgres::Client::connect(&text, postgres::NoTls).unwrap())
    } else {
        Raw::Lite(rusqlite::Connection::open(&db).unwrap())
    }
}

impl Raw {
    /// Runs statements; the error's text when they fail.
    pub fn execute(&mut self, sql: &str) -> Result<(), String> {
        match self {
            Raw::Lite(c) => c.execute_batch(sql).map_err(|e| e.to_string()),
            Raw::Pg(c) => c.batch_execute(sql).map_err(|e| match e.as_db_error() {
                Some(db) => db.message().to_string(),
                None => e.to_string(),
            }),
        }
    }

    /// The first column of every row, as text.
    pub fn texts(&mut self, sql: &str) -> Vec<String> {
        match self {
            Raw::Lite(c) => {
                let mut stmt = c.prepare(sql).unwrap();
                stmt.query_map([], |r| r.get::<_, String>(0))
                    .unwrap()
                    .map(|r| r.unwrap())
                    .collect()
            }
            Raw::Pg(c) => c
                .query(sql, &[])
                .unwrap()
                .iter()
                .map(|r| r.get::<_, String>(0))
                .collect(),
        }
    }

    /// One number.
    pub fn count(&mut self, sql: &str) -> i64 {
        match self {
            Raw::Lite(c) => c.query_row(sql, [], |r| r.get(0)).unwrap(),
            Raw::Pg(c) => c.query_one(sql, &[]).unwrap().get(0),
        }
    }
}
