//! The intake facts kept on a petition beside its content (anonymity, source, assigner and
//! its deadline, type), the channel kept with a refusal, and the station's level, which
//! decides the procedure a new case follows.
use super::Result;
use crate::domain::petition::{
    Intake, Petition, PetitionType, Redirect, Source, StationLevel, Step,
};
use crate::store::db::{Connection, OptionalExtension, params};
use chrono::NaiveDate;

const DAY: &str = "%Y-%m-%d";

fn bad(text: &str, what: &str) -> crate::store::db::Error {
    crate::store::db::Error::Conversion(format!("{what}: {text}"))
}

/// The station's level as set at first run (`station_level`).
pub(crate) fn station_level(conn: &Connection) -> crate::store::db::Result<StationLevel> {
    let v: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'station_level'",
            (),
            |r| r.get(0),
        )
        .optional()?;
    Ok(StationLevel::from_setting(v.as_deref()))
}

/// Writes the intake facts of a petition just inserted.
pub(crate) fn write_intake(
    conn: &Connection,
    id: i64,
    p: &Petition,
) -> crate::store::db::Result<()> {
    conn.execute(
        "UPDATE petitions SET anonymous = ?1, source = ?2, assigner = ?3, assigner_due = ?4,
         kind = ?5 WHERE id = ?6",
        params![
            p.anonymous,
            p.source.code(),
            p.assigner,
            p.assigner_due.map(|d| d.format(DAY).to_string()),
            p.kind.map(PetitionType::code),
            id
        ],
    )?;
    Ok(())
}

/// Reads the intake facts back into a petition read from its row.
pub(crate) fn read_intake(
    conn: &Connection,
    id: i64,
    p: &mut Petition,
) -> crate::store::db::Result<()> {
    let (anonymous, source, assigner, due, kind): (
        bool,
        String,
        String,
        Option<String>,
        Option<String>,
    ) = conn.query_row(
        "SELECT anonymous, source, assigner, assigner_due, kind FROM petitions WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    p.anonymous = anonymous;
    p.source = Source::parse(&source).ok_or_else(|| bad(&source, "source"))?;
    p.assigner = assigner;
    p.assigner_due = due
        .as_deref()
        .map(|d| NaiveDate::parse_from_str(d, DAY).map_err(|_| bad(d, "assigner due")))
        .transpose()?;
    p.kind = kind
        .as_deref()
        .map(|k| PetitionType::parse(k).ok_or_else(|| bad(k, "kind")))
        .transpose()?;
    Ok(())
}

/// The facts of a stored case its deadlines depend on, on this station.
pub(crate) fn load_intake(conn: &Connection, id: i64) -> Result<Intake> {
    let row: Option<(bool, String, Option<String>)> = conn
        .query_row(
            "SELECT anonymous, source, assigner_due FROM petitions WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((anonymous, source, due)) = row else {
        return Ok(Intake::default());
    };
    let report_due = match Source::parse(&source) {
        Some(Source::Assigned) => due
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, DAY).ok()),
        _ => None,
    };
    Ok(Intake {
        anonymous,
        report_due,
        passes_up: !station_level(conn)?.accepts(),
    })
}

/// Keeps the channel a refused petitioner is told to use, beside the step just inserted.
pub(crate) fn keep_redirect(
    conn: &Connection,
    step_id: i64,
    step: &Step,
) -> crate::store::db::Result<()> {
    if let Some(r) = &step.redirect {
        let text = match r {
            Redirect::Other(t) => t.as_str(),
            _ => "",
        };
        conn.execute(
            "INSERT INTO petition_step_redirects(step_id, channel, text) VALUES (?1, ?2, ?3)",
            params![step_id, r.code(), text],
        )?;
    }
    Ok(())
}

/// Attaches to a case's steps (oldest first, as loaded) the channels kept with refusals.
pub(crate) fn attach_redirects(conn: &Connection, id: i64, steps: &mut [Step]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT (SELECT count(*) FROM petition_steps e WHERE e.petition_id = s.petition_id
                 AND e.id < s.id), r.channel, r.text
         FROM petition_step_redirects r JOIN petition_steps s ON s.id = r.step_id
         WHERE s.petition_id = ?1",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (index, code, text) = row?;
        if let Some(step) = usize::try_from(index).ok().and_then(|i| steps.get_mut(i)) {
            step.redirect = Redirect::from_code(&code, &text);
        }
    }
    Ok(())
}
