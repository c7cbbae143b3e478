//! The schema of a file compared with what this program itself creates at that version:
//! every table, column, index, trigger and view, so that nothing foreign (a trigger that
//! promotes an officer, a view in place of a table) comes in with a restore.
use crate::i18n::{Lang, t, tf};
use crate::store::migrations::MIGRATIONS;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// One way a schema differs from the expected one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaDiff {
    Extra {
        kind: String,
        name: String,
    },
    Missing {
        kind: String,
        name: String,
    },
    /// The name is there, as another kind of object (a view for a table).
    WrongKind {
        name: String,
        found: String,
        expected: String,
    },
    MissingColumn {
        table: String,
        column: String,
    },
    ExtraColumn {
        table: String,
        column: String,
    },
    /// Same name and kind, other definition.
    Differs {
        kind: String,
        name: String,
    },
}

fn kind_word(kind: &str, lang: Lang) -> String {
    match kind {
        "table" | "index" | "trigger" | "view" => t(lang, &format!("record_backup.kind_{kind}")),
        other => other.to_string(),
    }
}

impl SchemaDiff {
    pub fn render(&self, lang: Lang) -> String {
        let k = |kind: &str| kind_word(kind, lang);
        match self {
            SchemaDiff::Extra { kind, name } => tf(
                lang,
                "record_backup.diff_extra",
                &[("kind", &k(kind)), ("name", name)],
            ),
            SchemaDiff::Missing { kind, name } => tf(
                lang,
                "record_backup.diff_missing",
                &[("kind", &k(kind)), ("name", name)],
            ),
            SchemaDiff::WrongKind {
                name,
                found,
                expected,
            } => tf(
                lang,
                "record_backup.diff_wrong_kind",
                &[
                    ("name", name),
                    ("found", &k(found)),
                    ("expected", &k(expected)),
                ],
            ),
            SchemaDiff::MissingColumn { table, column } => tf(
                lang,
                "record_backup.diff_missing_column",
                &[("table", table), ("column", column)],
            ),
            SchemaDiff::ExtraColumn { table, column } => tf(
                lang,
                "record_backup.diff_extra_column",
                &[("table", table), ("column", column)],
            ),
            SchemaDiff::Differs { kind, name } => tf(
                lang,
                "record_backup.diff_differs",
                &[("kind", &k(kind)), ("name", name)],
            ),
        }
    }

    /// The first `shown` differences in words, and how many more there are.
    pub fn list(diffs: &[SchemaDiff], shown: usize, lang: Lang) -> String {
        let mut parts: Vec<String> = diffs.iter().take(shown).map(|d| d.render(lang)).collect();
        if diffs.len() > shown {
            parts.push(tf(
                lang,
                "record_backup.diff_more",
                &[("count", &(diffs.len() - shown))],
            ));
        }
        parts.join(&t(lang, "record_backup.diff_join"))
    }
}

/// What `sqlite_master` says of one object.
#[derive(Debug, PartialEq, Eq)]
struct Object {
    kind: String,
    sql: Option<String>,
}

/// Whitespace runs as one space: the text SQLite keeps is the statement as it was run.
fn normalized(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every object of the schema by name. The planner's statistics tables are left out:
/// they hold no record and change nothing but speed.
fn objects(conn: &Connection) -> rusqlite::Result<BTreeMap<String, Object>> {
    let mut stmt = conn.prepare("SELECT type, name, sql FROM sqlite_master")?;
    let rows = stmt.query_map([], |r| {
        let sql: Option<String> = r.get(2)?;
        Ok((
            r.get::<_, String>(1)?,
            Object {
                kind: r.get(0)?,
                sql: sql.as_deref().map(normalized),
            },
        ))
    })?;
    rows.filter(|r| !matches!(r, Ok((name, _)) if name.starts_with("sqlite_stat")))
        .collect()
}

/// `(name, type, not null, default, primary key)` of each column of `table`.
type Column = (String, String, bool, Option<String>, i64);

fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<Column>> {
    let mut stmt =
        conn.prepare("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1)")?;
    let rows = stmt.query_map([table], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })?;
    rows.collect()
}

/// A private in-memory database with the schema this program creates at `version`.
pub(super) fn expected_at(version: u32) -> rusqlite::Result<Connection> {
    let conn = Connection::open_in_memory()?;
    for (_, sql) in MIGRATIONS.iter().filter(|(v, _)| *v <= version) {
        conn.execute_batch(sql)?;
    }
    Ok(conn)
}

/// How the schema of `found` differs from `expected`; empty when they are the same.
pub(super) fn differences(
    found: &Connection,
    expected: &Connection,
) -> rusqlite::Result<Vec<SchemaDiff>> {
    let have = objects(found)?;
    let want = objects(expected)?;
    let mut diffs = Vec::new();
    for (name, w) in &want {
        let Some(h) = have.get(name) else {
            diffs.push(SchemaDiff::Missing {
                kind: w.kind.clone(),
                name: name.clone(),
            });
            continue;
        };
        if h.kind != w.kind {
            diffs.push(SchemaDiff::WrongKind {
                name: name.clone(),
                found: h.kind.clone(),
                expected: w.kind.clone(),
            });
        } else if h.sql != w.sql {
            let before = diffs.len();
            if w.kind == "table" {
                column_differences(found, expected, name, &mut diffs)?;
            }
            if diffs.len() == before {
                diffs.push(SchemaDiff::Differs {
                    kind: w.kind.clone(),
                    name: name.clone(),
                });
            }
        }
    }
    for (name, h) in have.iter().filter(|(n, _)| !want.contains_key(*n)) {
        diffs.push(SchemaDiff::Extra {
            kind: h.kind.clone(),
            name: name.clone(),
        });
    }
    Ok(diffs)
}

/// Columns missing or extra in `table`; a column whose definition changed makes the table
/// differ as a whole, which the caller says when nothing more precise was found.
fn column_differences(
    found: &Connection,
    expected: &Connection,
    table: &str,
    diffs: &mut Vec<SchemaDiff>,
) -> rusqlite::Result<()> {
    let have = columns(found, table)?;
    let want = columns(expected, table)?;
    let has = |cols: &[Column], name: &str| cols.iter().any(|c| c.0 == name);
    for c in want.iter().filter(|c| !has(&have, &c.0)) {
        diffs.push(SchemaDiff::MissingColumn {
            table: table.to_string(),
            column: c.0.clone(),
        });
    }
    for c in have.iter().filter(|c| !has(&want, &c.0)) {
        diffs.push(SchemaDiff::ExtraColumn {
            table: table.to_string(),
            column: c.0.clone(),
        });
    }
    Ok(())
}

/// The ordinary tables of the expected schema, whose rows are the record.
pub(super) fn tables(expected: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = expected.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::migrations::latest;

    #[test]
    fn the_program_s_own_schema_has_no_difference() {
        let a = expected_at(latest()).unwrap();
        let b = expected_at(latest()).unwrap();
        assert_eq!(differences(&a, &b).unwrap(), vec![]);
        assert!(tables(&a).unwrap().contains(&"people".to_string()));
    }

    #[test]
    fn each_kind_of_difference_is_named() {
        let want = expected_at(latest()).unwrap();
        let have = expected_at(latest()).unwrap();
        have.execute_batch(
            "CREATE TRIGGER promote AFTER INSERT ON audit BEGIN SELECT 1; END;
             DROP INDEX people_name;
             ALTER TABLE officers ADD COLUMN note TEXT;
             DROP TRIGGER audit_no_delete;
             CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT 1; END;",
        )
        .unwrap();
        let diffs = differences(&have, &want).unwrap();
        let words = SchemaDiff::list(&diffs, 10, Lang::En);
        assert!(words.contains("extra trigger promote"), "{words}");
        assert!(words.contains("missing index people_name"), "{words}");
        assert!(words.contains("extra column officers.note"), "{words}");
        assert!(words.contains("trigger audit_no_delete differs"), "{words}");
        assert_eq!(diffs.len(), 4);
        assert!(SchemaDiff::list(&diffs, 1, Lang::En).contains("3 more"));
    }
}
