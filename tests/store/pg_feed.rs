//! The server's change feed: a change committed on one connection reaches a desk that
//! listens within a second; a rolled-back one never does.
use crate::common::pg::fresh_db;
use stationdesk::store::ChangeFeed;
use stationdesk::store::pg::PgChangeFeed;
use stationdesk::store::pg::ddl::ensure;
use stationdesk::store::pg::schema::Schema;
use std::time::{Duration, Instant};

const INSERT: &str = "INSERT INTO changes (at, actor, entity, entity_id, op) \
                      VALUES ('2026-11-25 09:30:00', 'desk-2', 'person', 42, 'update')";

#[test]
fn a_committed_change_reaches_a_listening_desk_within_a_second() {
    if crate::common::pg::on_server() {
        return; // the server tests ran in the SQLite pass
    }
    let Some(db) = fresh_db("change_feed") else {
        return;
    };
    let mut writer = db.client();
    ensure(&mut writer, &Schema::current().unwrap()).unwrap();
    let feed = PgChangeFeed::connect(&db.url).unwrap();
    assert_eq!(feed.change_seq().unwrap(), 0);

    // Rolled back: nobody hears of it.
    let mut tx = writer.transaction().unwrap();
    tx.execute(INSERT, &[]).unwrap();
    tx.rollback().unwrap();
    assert_eq!(feed.wait(Duration::from_millis(300)).unwrap(), None);

    let mut tx = writer.transaction().unwrap();
    tx.execute(INSERT, &[]).unwrap();
    let sent = Instant::now();
    tx.commit().unwrap();
    let seq = feed.wait(Duration::from_secs(1)).unwrap();
    let waited = sent.elapsed();
    assert!(seq.is_some(), "no notification within 1 s");
    assert!(waited < Duration::from_secs(1), "{waited:?}");
    let changes = feed.changes_since(0, 10).unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(Some(changes[0].seq), seq);
    assert_eq!(
        (changes[0].entity.as_str(), changes[0].entity_id),
        ("person", 42)
    );
    assert_eq!(changes[0].actor, "desk-2");
    assert_eq!(feed.change_seq().unwrap(), changes[0].seq);
    assert_eq!(feed.oldest_seq().unwrap(), changes[0].seq);
}
