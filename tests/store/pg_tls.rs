//! The desks' connection to the county server over the network is TLS (rustls), and the
//! server's certificate is checked: against the county's own certificate authority named by
//! PGSSLROOTCERT, as for PostgreSQL's own tools; a server whose certificate nobody vouches
//! for is refused, in the user's words.
use std::process::Command;

#[test]
fn the_connection_is_encrypted_and_the_certificate_checked() {
    if crate::common::pg::on_server() {
        return; // ran in the SQLite pass
    }
    let Some((url, ca)) = crate::common::pg::tls_server() else {
        return;
    };
    let tls = stationdesk::store::pg::tls::connector_trusting(Some(ca.into())).unwrap();
    let mut client = postgres::Client::connect(&url, tls).unwrap();
    let row = client
        .query_one(
            "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap();
    assert!(row.get::<_, bool>(0), "the connection is TLS");
    let version: String = row.get(1);
    assert!(version.starts_with("TLSv1."), "{version}");
}

#[test]
fn a_desk_command_runs_over_tls_and_an_unknown_certificate_is_refused() {
    if crate::common::pg::on_server() {
        return;
    }
    let Some((url, ca)) = crate::common::pg::tls_server() else {
        return;
    };
    let Some(db) = crate::common::pg::fresh_db("tls") else {
        return;
    };
    let tls_url = crate::common::pg::url_with_db(&url, &db.name);
    let home = tempfile::tempdir().unwrap();
    let run = |root: Option<&str>, args: &[&str]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_stationdesk"));
        c.env("HOME", home.path())
            .env("STATIONDESK_CONFIG_DIR", home.path().join("config"))
            .env_remove("PGSSLROOTCERT")
            .args(["--lang", "en", "--db", &tls_url])
            .args(args);
        if let Some(root) = root {
            c.env("PGSSLROOTCERT", root);
        }
        c.output().unwrap()
    };
    let made = run(Some(&ca), &["demo", "--people", "20"]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let found = run(Some(&ca), &["find", "--json", "张"]);
    assert!(
        found.status.success(),
        "{}",
        String::from_utf8_lossy(&found.stderr)
    );
    // The system's authorities do not vouch for the county's own certificate.
    let refused = run(None, &["find", "张"]);
    let err = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot be trusted"), "{err}");
    assert!(err.contains("PGSSLROOTCERT"), "{err}");
}
