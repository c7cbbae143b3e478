//! The checklist tables' rows: read into domain types, written from them.
use super::*;

pub(super) const RULE_COLUMNS: &str =
    "id, title_zh, title_en, frequency, required, live_check, position, created_at, retired_at";

pub(super) fn rule_from_row(r: &Row) -> crate::store::db::Result<Rule> {
    let frequency: String = r.get(3)?;
    let check: Option<String> = r.get(5)?;
    Ok(Rule {
        id: r.get(0)?,
        title_zh: r.get(1)?,
        title_en: r.get(2)?,
        // Only this module writes the column; an unreadable value (a hand-edited database)
        // falls back to every working day, which shows the item rather than hiding it.
        frequency: Frequency::parse_code(&frequency).unwrap_or(Frequency::Workdays),
        required: r.get(4)?,
        check: check.as_deref().and_then(LiveCheck::parse),
        position: r.get(6)?,
        created_at: parse_ts(r.get(7)?),
        retired_at: parse_ts(r.get(8)?),
    })
}

pub(super) fn item_from_row(r: &Row) -> crate::store::db::Result<Item> {
    let check: Option<String> = r.get(4)?;
    let state: String = r.get(6)?;
    Ok(Item {
        rule_id: r.get(0)?,
        title_zh: r.get(1)?,
        title_en: r.get(2)?,
        required: r.get(3)?,
        check: check.as_deref().and_then(LiveCheck::parse),
        position: r.get(5)?,
        // The schema's CHECK allows only the four codes.
        state: ItemState::parse(&state).unwrap_or(ItemState::Open),
        note: r.get(7)?,
        officer: r.get(8)?,
        at: parse_ts(r.get(9)?),
    })
}

pub(super) fn load_rules(
    conn: &Connection,
    include_retired: bool,
) -> crate::store::db::Result<Vec<Rule>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RULE_COLUMNS} FROM checklist_rules WHERE ?1 OR retired_at IS NULL ORDER BY position, id"
    ))?;
    let rows = stmt.query_map([include_retired], rule_from_row)?;
    rows.collect()
}

pub(super) fn load_items(conn: &Connection, date: &str) -> crate::store::db::Result<Vec<Item>> {
    let mut stmt = conn.prepare_cached(
        "SELECT rule_id, title_zh, title_en, required, live_check, position, state, note, officer, at
         FROM checklist_items WHERE date = ?1 ORDER BY position, rule_id",
    )?;
    let rows = stmt.query_map([date], item_from_row)?;
    rows.collect()
}

/// A day's row without its items; `None` for a date that does not read (only this module
/// writes the column, so that is a hand-edited database: leave the row out rather than guess).
pub(super) fn day_head(r: &Row, cal: &Calendar) -> crate::store::db::Result<Option<Day>> {
    let date: String = r.get(0)?;
    let Ok(date) = NaiveDate::parse_from_str(&date, DATE) else {
        return Ok(None);
    };
    let (off, on): (bool, bool) = (r.get(1)?, r.get(5)?);
    Ok(Some(Day {
        date,
        items: Vec::new(),
        opened_at: parse_ts(r.get(2)?),
        signed_by: r.get(3)?,
        signed_at: parse_ts(r.get(4)?),
        calendar_working: cal.is_working_day(date),
        marked: if on { Some(true) } else { off.then_some(false) },
        mark_reason: r.get(6)?,
    }))
}

/// Days between two dates (inclusive), with their items, their working status on `cal`.
pub(super) fn load_days(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    cal: &Calendar,
) -> crate::store::db::Result<Vec<Day>> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, non_working, opened_at, signed_by, signed_at, marked_working, mark_reason
         FROM checklist_days WHERE date >= ?1 AND date <= ?2 ORDER BY date",
    )?;
    let mut days: Vec<Day> = stmt
        .query_map(params![date_text(from), date_text(to)], |r| {
            day_head(r, cal)
        })?
        .filter_map(|row| row.transpose())
        .collect::<crate::store::db::Result<_>>()?;
    for day in &mut days {
        day.items = load_items(conn, &date_text(day.date))?;
    }
    Ok(days)
}

pub(super) fn load_day(
    conn: &Connection,
    date: NaiveDate,
) -> crate::store::db::Result<Option<Day>> {
    let cal = crate::store::calendar::load_calendar(conn)?;
    Ok(load_days(conn, date, date, &cal)?.into_iter().next())
}

pub(super) fn insert_rule(
    conn: &Connection,
    input: &RuleInput,
    position: i64,
    now: &str,
) -> crate::store::db::Result<i64> {
    let id: i64 = conn.insert_id(
        "INSERT INTO checklist_rules(title_zh, title_en, frequency, required, live_check, position, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            input.title_zh,
            input.title_en,
            input.frequency.code(),
            input.required,
            input.check.map(LiveCheck::code),
            position,
            now
        ],
        )?;
    Ok(id)
}

/// Writes a day's head and, for a day being opened, its items.
pub(super) fn insert_day(conn: &Connection, day: &Day) -> crate::store::db::Result<()> {
    let date = date_text(day.date);
    conn.execute(
        "INSERT INTO checklist_days(date, non_working, marked_working, mark_reason, opened_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(date) DO UPDATE SET opened_at = excluded.opened_at",
        params![
            date,
            day.marked == Some(false),
            day.marked == Some(true),
            day.mark_reason,
            day.opened_at.map(|t| t.format(TS).to_string())
        ],
    )?;
    for item in &day.items {
        conn.execute(
            "INSERT INTO checklist_items(date, rule_id, title_zh, title_en, required, live_check, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                date,
                item.rule_id,
                item.title_zh,
                item.title_en,
                item.required,
                item.check.map(LiveCheck::code),
                item.position
            ],
        )?;
    }
    Ok(())
}
