//! Version 12 moves every person's single category index into the list of categories.
use crate::store::Store;

/// The twelve names of the old fixed list, by index, and what each becomes.
const OLD: [(&str, &str); 12] = [
    ("退役士兵", "退役士兵"),
    ("军队转业干部", "军队转业干部"),
    ("复员干部", "复员干部"),
    ("退休军人", "军队退休干部"),
    ("残疾军人", "残疾军人"),
    ("烈士遗属", "烈士遗属"),
    ("因公牺牲军人遗属", "因公牺牲军人遗属"),
    ("病故军人遗属", "病故军人遗属"),
    ("带病回乡退伍军人", "带病回乡退伍军人"),
    ("参战参试退役军人", "参战参试退役军人"),
    ("现役军人家属", "现役军人家属"),
    ("其他优抚对象", "其他优抚对象"),
];

#[test]
fn every_person_keeps_their_category() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.db");
    {
        // A database as the version before 12 left it, one person in each old category,
        // and one with an index past the list's end (shown as the last).
        let c = crate::store::db::Connection::open(&path).expect("open");
        for (v, sql) in super::MIGRATIONS.iter().filter(|(v, _)| *v < 12) {
            c.execute_batch(sql).expect("old schema");
            c.execute_batch(&format!("PRAGMA user_version = {v}"))
                .expect("version");
        }
        c.execute_batch(&format!(
            "PRAGMA application_id = {};",
            crate::store::APPLICATION_ID
        ))
        .expect("id");
        for i in 0..=OLD.len() {
            c.execute(
                "INSERT INTO people (name, id_number, category, disability_grade, created_at, \
                 updated_at) VALUES (?1, NULL, ?2, ?3, '', '')",
                crate::store::db::params![format!("人{i}"), i as i64, (i == 4).then_some(3)],
            )
            .expect("old row");
        }
    }
    let s = Store::open(&path).expect("upgrade");
    let count: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM people", (), |r| r.get(0))
        .expect("count");
    assert_eq!(count, OLD.len() as i64 + 1);
    for (i, (_, now)) in OLD.iter().enumerate() {
        let id: i64 = s
            .conn()
            .query_row(
                "SELECT id FROM people WHERE name = ?1",
                [format!("人{i}")],
                |r| r.get(0),
            )
            .expect("row");
        let p = s.person(id).expect("read").expect("there");
        assert_eq!(p.categories, [*now], "old index {i}");
    }
    let past_end = s
        .conn()
        .query_row(
            "SELECT categories FROM people WHERE name = '人12'",
            (),
            |r| r.get::<_, String>(0),
        )
        .expect("row");
    assert_eq!(past_end, "其他优抚对象");
    let disabled = s
        .conn()
        .query_row(
            "SELECT disability_grade FROM people WHERE name = '人4'",
            (),
            |r| r.get::<_, i64>(0),
        )
        .expect("row");
    assert_eq!(disabled, 3);
}
