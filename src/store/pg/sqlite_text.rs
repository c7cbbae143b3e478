//! What PRAGMA does not tell about a schema, read from the SQL text SQLite keeps of it:
//! CHECK constraints, the WHERE of a partial index, and the triggers that make a table
//! append-only.

/// `sql` without `--` comments (outside quoted text).
fn without_comments(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
                out.push(c);
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '-' && chars.peek() == Some(&'-') => {
                for skipped in chars.by_ref() {
                    if skipped == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            None => out.push(c),
        }
    }
    out
}

/// The text inside the parenthesis that opens at byte `open` of `text`, and where it ends.
fn balanced(text: &str, open: usize) -> Option<(String, usize)> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in text[open..].char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '\'' | '"' => quote = Some(c),
                '(' => depth += 1,
                ')' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some((text[open + 1..open + i].trim().to_string(), open + i));
                    }
                }
                _ => {}
            },
        }
    }
    None
}

/// Whether the word `CHECK` starts at byte `at` (not part of a longer name).
fn word_at(upper: &str, at: usize, word: &str) -> bool {
    let before = upper[..at].chars().next_back();
    let after = upper[at + word.len()..].chars().next();
    let edge = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
    edge(before) && edge(after)
}

/// The expressions of every CHECK constraint of a `CREATE TABLE` statement, in order.
pub fn checks_of(create_table: &str) -> Vec<String> {
    let sql = without_comments(create_table);
    let upper = sql.to_ascii_uppercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = upper[from..].find("CHECK") {
        let at = from + found;
        from = at + 5;
        if !word_at(&upper, at, "CHECK") {
            continue;
        }
        let Some(open) = upper[from..].find('(').map(|o| from + o) else {
            break;
        };
        if !upper[from..open].trim().is_empty() {
            continue;
        }
        if let Some((expr, end)) = balanced(&sql, open) {
            out.push(expr);
            from = end;
        }
    }
    out
}

/// The condition of a partial index's `CREATE INDEX … WHERE condition`.
pub fn index_where(create_index: &str) -> Option<String> {
    let sql = without_comments(create_index);
    let upper = sql.to_ascii_uppercase();
    let at = upper.rfind("WHERE")?;
    Some(
        sql[at + 5..]
            .trim()
            .trim_end_matches(';')
            .trim()
            .to_string(),
    )
}

/// A `BEFORE UPDATE` or `BEFORE DELETE` trigger whose body raises: its table is append-only.
pub fn is_append_only_trigger(create_trigger: &str) -> bool {
    let upper = without_comments(create_trigger).to_ascii_uppercase();
    let upper: String = upper.split_whitespace().collect::<Vec<_>>().join(" ");
    (upper.contains("BEFORE UPDATE ON") || upper.contains("BEFORE DELETE ON"))
        && upper.contains("RAISE(ABORT")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_are_found_in_order_and_comments_skipped() {
        let sql = "CREATE TABLE t (\n a TEXT CHECK (a IN ('x', 'y)')), -- CHECK (no)\n \
                   b INTEGER NOT NULL CHECK(b >= 0),\n rechecked INTEGER\n)";
        assert_eq!(checks_of(sql), vec!["a IN ('x', 'y)')", "b >= 0"]);
    }

    #[test]
    fn a_partial_index_condition_is_read() {
        let sql = "CREATE UNIQUE INDEX people_id_number ON people(id_number) WHERE id_number <> ''";
        assert_eq!(index_where(sql).as_deref(), Some("id_number <> ''"));
    }

    #[test]
    fn raising_triggers_mark_append_only_tables() {
        assert!(is_append_only_trigger(
            "CREATE TRIGGER a BEFORE UPDATE ON audit\nBEGIN SELECT RAISE(ABORT, 'no'); END"
        ));
        assert!(!is_append_only_trigger(
            "CREATE TRIGGER a AFTER INSERT ON audit BEGIN SELECT 1; END"
        ));
    }
}
