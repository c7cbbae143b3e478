//! A commit whose answer is lost with the connection: the server committed the save, the
//! desk never heard so. The store finds out from the audit record the save left (every
//! write leaves one), so the save is reported done, and the form's retry can never register
//! the walk-in a second time.
use crate::common;
use stationdesk::domain::visit::VisitInput;
use stationdesk::store::Store;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The frontend's COMMIT as the client sends it: a simple query message.
const COMMIT: &[u8] = b"Q\0\0\0\x0bCOMMIT\0";

/// A relay to the server at `upstream` that, once `armed`, forwards the next COMMIT and
/// cuts the connection before the server's answer gets back. Returns its port.
fn relay(upstream: String, armed: Arc<AtomicBool>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(client) = client else { return };
            let server = TcpStream::connect(&upstream).unwrap();
            let cutting = Arc::new(AtomicBool::new(false));
            let (mut from_server, mut to_client) =
                (server.try_clone().unwrap(), client.try_clone().unwrap());
            let cut = cutting.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 65536];
                while let Ok(n) = from_server.read(&mut buf) {
                    if n == 0
                        || cut.load(Ordering::SeqCst)
                        || to_client.write_all(&buf[..n]).is_err()
                    {
                        break;
                    }
                }
                let _ = to_client.shutdown(Shutdown::Both);
            });
            let armed = armed.clone();
            let (mut from_client, mut to_server) = (client, server);
            std::thread::spawn(move || {
                let mut buf = [0u8; 65536];
                while let Ok(n) = from_client.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    let chunk = &buf[..n];
                    let is_commit = chunk.windows(COMMIT.len()).any(|w| w == COMMIT);
                    if is_commit && armed.swap(false, Ordering::SeqCst) {
                        cutting.store(true, Ordering::SeqCst);
                        let _ = to_server.write_all(chunk);
                        // The server commits; its answer goes nowhere.
                        std::thread::sleep(std::time::Duration::from_millis(300));
                        let _ = from_client.shutdown(Shutdown::Both);
                        let _ = to_server.shutdown(Shutdown::Both);
                        return;
                    }
                    if to_server.write_all(chunk).is_err() {
                        break;
                    }
                }
                let _ = to_server.shutdown(Shutdown::Both);
            });
        }
    });
    port
}

#[test]
fn a_save_whose_commit_answer_is_lost_is_known_saved_and_saved_once() {
    if common::pg::on_server() {
        return; // ran in the SQLite pass
    }
    // The cluster's TCP listener (the one with TLS), reached here without TLS.
    let (Some((tls_url, _)), Some(db)) = (
        common::pg::tls_server(),
        common::pg::fresh_db("commit_lost"),
    ) else {
        return;
    };
    // host:port of the server's TCP listener, from postgres://user@HOST:PORT/…
    let host_port = tls_url
        .split('@')
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .to_string();
    let armed = Arc::new(AtomicBool::new(false));
    let port = relay(host_port, armed.clone());
    let url = format!(
        "postgres://postgres@127.0.0.1:{port}/{}?sslmode=disable",
        db.name
    );
    let mut store = Store::open_with_clock(std::path::Path::new(&url), common::clock()).unwrap();
    let visit = VisitInput {
        visitor_name: "欧阳新".into(),
        visitor_phone: "13900001111".into(),
        purpose: Some(0),
        summary: "断线时保存".into(),
        outcome: "done".into(),
        handler: "wang".into(),
        ..Default::default()
    }
    .validate(common::now())
    .unwrap();

    armed.store(true, Ordering::SeqCst);
    let saved = store.save_visit(&visit);
    assert!(
        !armed.load(Ordering::SeqCst),
        "the relay cut the COMMIT's answer"
    );
    let id = saved.expect("the commit landed, and the store found out that it did");
    let today = common::now().date();
    let visits = store.visits_between(today, today).unwrap();
    assert_eq!(visits.len(), 1, "on file once");
    assert_eq!(visits[0].id, Some(id));
}
