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
