//! People on file: write with their search keys, read back as domain types.
use super::audit::append;
use super::{Result, Store, StoreError};
use crate::domain::category::DisabilityNature;
use crate::domain::id_number::Gender;
use crate::domain::person::{FamilyLink, Person};
use crate::domain::phone::digits_of;
use crate::search::IndexRow;
use crate::search::keys::name_keys;
use crate::store::db::{Connection, OptionalExtension, Row, params};
use crate::work::Unwatched;
use chrono::{NaiveDate, NaiveDateTime};

mod bulk;
mod import;
pub use import::{ImportRow, PendingImport};

const COLUMNS: &str = "id, name, gender, ethnicity, birth_date, id_number, phone, hukou, town, village, address, \
     categories, political_status, enlist_date, discharge_date, branch, unit, rank, disability_grade, awards, \
     employment, hardship, key_person, notes, created_at, updated_at, version, disability_nature";

/// How an import went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpsertCounts {
    pub inserted: usize,
    pub updated: usize,
}

fn gender_code(g: Option<Gender>) -> Option<&'static str> {
    g.map(|g| match g {
        Gender::Male => "M",
        Gender::Female => "F",
    })
}

fn parse_ts(text: Option<String>) -> Option<NaiveDateTime> {
    text.and_then(|t| NaiveDateTime::parse_from_str(&t, "%Y-%m-%d %H:%M:%S").ok())
}

fn from_row(r: &Row) -> crate::store::db::Result<Person> {
    let gender: Option<String> = r.get(2)?;
    let birth: Option<String> = r.get(4)?;
    let id_number: Option<String> = r.get(5)?;
    let categories: String = r.get(11)?;
    let nature: String = r.get(27)?;
    let grade: Option<i64> = r.get(18)?;
    Ok(Person {
        id: Some(r.get(0)?),
        name: r.get(1)?,
        gender: match gender.as_deref() {
            Some("M") => Some(Gender::Male),
            Some("F") => Some(Gender::Female),
            _ => None,
        },
        ethnicity: r.get(3)?,
        birth_date: birth.and_then(|b| NaiveDate::parse_from_str(&b, "%Y-%m-%d").ok()),
        id_number: id_number.unwrap_or_default(),
        phone: r.get(6)?,
        hukou: r.get(7)?,
        town: r.get(8)?,
        village: r.get(9)?,
        address: r.get(10)?,
        categories: categories
            .split('、')
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect(),
        political_status: r.get(12)?,
        enlist_date: r.get(13)?,
        discharge_date: r.get(14)?,
        branch: r.get(15)?,
        unit: r.get(16)?,
        rank: r.get(17)?,
        disability_grade: grade.and_then(|g| u8::try_from(g).ok()),
        disability_nature: DisabilityNature::parse(&nature),
        awards: r.get(19)?,
        employment: r.get(20)?,
        hardship: r.get(21)?,
        key_person: r.get(22)?,
        notes: r.get(23)?,
        created_at: parse_ts(r.get(24)?),
        updated_at: parse_ts(r.get(25)?),
        version: r.get(26)?,
    })
}

/// Writes a person (insert when `id` is `None`, else update) with fresh search keys.
fn write(conn: &Connection, p: &Person, now: &str) -> Result<i64> {
    let keys = name_keys(&p.name);
    let id_number = (!p.id_number.is_empty()).then_some(p.id_number.as_str());
    let birth = p.birth_date.map(|d| d.format("%Y-%m-%d").to_string());
    let values = params![
        p.name,
        gender_code(p.gender),
        p.ethnicity,
        birth,
        id_number,
        p.phone,
        digits_of(&p.phone),
        p.hukou,
        p.town,
        p.village,
        p.address,
        p.categories_cell(),
        p.political_status,
        p.enlist_date,
        p.discharge_date,
        p.branch,
        p.unit,
        p.rank,
        p.disability_grade,
        p.awards,
        p.employment,
        p.hardship,
        p.key_person,
        p.notes,
        keys.full.join(" "),
        keys.initials.join(" "),
        now,
        p.disability_nature.map(|n| n.zh()).unwrap_or(""),
    ];
    match p.id {
        None => {
            Ok(conn.insert_id(
                "INSERT INTO people(name, gender, ethnicity, birth_date, id_number, phone, phone_digits, hukou, town, \
                 village, address, categories, political_status, enlist_date, discharge_date, branch, unit, rank, \
                 disability_grade, awards, employment, hardship, key_person, notes, py_full, py_initials, \
                 created_at, updated_at, disability_nature) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, \
                 ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?27, ?28)",
                values,
            )?)
        }
        Some(id) => {
            let mut stmt = conn.prepare_cached(
                "UPDATE people SET name=?1, gender=?2, ethnicity=?3, birth_date=?4, id_number=?5, phone=?6, \
                 phone_digits=?7, hukou=?8, town=?9, village=?10, address=?11, categories=?12, political_status=?13, \
                 enlist_date=?14, discharge_date=?15, branch=?16, unit=?17, rank=?18, disability_grade=?19, \
                 awards=?20, employment=?21, hardship=?22, key_person=?23, notes=?24, py_full=?25, \
                 py_initials=?26, updated_at=?27, disability_nature=?28, version = version + 1 \
                 WHERE id=?29 AND (?30 = 0 OR version = ?30)",
            )?;
            let mut all: Vec<&dyn crate::store::db::ToSql> = values.to_vec();
            all.push(&id);
            all.push(&p.version);
            let changed = stmt.execute(all.as_slice())?;
            if changed == 0 {
                return Err(changed_meanwhile(conn, id)?);
            }
            Ok(id)
        }
    }
}

/// Why an update of person `id` changed no row: gone, or changed by another desk since it
/// was read (who and when from the change log).
fn changed_meanwhile(conn: &crate::store::db::Connection, id: i64) -> Result<StoreError> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM people WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(StoreError::NotFound(format!("person {id}")));
    }
    let last = super::changes::last_change(conn, super::changes::PERSON, id)?;
    Ok(StoreError::ChangedMeanwhile {
        actor: last.as_ref().map(|c| c.actor.clone()).unwrap_or_default(),
        at: last.map(|c| c.at).unwrap_or_default(),
    })
}

fn duplicate_as_id(e: StoreError, id_number: &str) -> StoreError {
    match e {
        StoreError::Duplicate(_) => StoreError::Duplicate(id_number.to_string()),
        other => other,
    }
}

impl Store {
    /// Saves a new person or the changes to one; returns the row id. The write and its audit
    /// record commit together.
    pub fn save_person(&mut self, p: &Person) -> Result<i64> {
        self.save_person_clearing_draft(p, None)
    }

    /// [`Store::save_person`], removing the form's draft in the same transaction.
    pub fn save_person_clearing_draft(
        &mut self,
        p: &Person,
        draft: Option<super::drafts::DraftKey<'_>>,
    ) -> Result<i64> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        let before = match p.id {
            Some(id) => tx
                .query_row(
                    &format!("SELECT {COLUMNS} FROM people WHERE id = ?1"),
                    [id],
                    from_row,
                )
                .optional()?,
            None => None,
        };
        let id = write(&tx, p, &now).map_err(|e| duplicate_as_id(e, &p.id_number))?;
        let (action, summary) = match &before {
            None => ("create", p.name.clone()),
            Some(b) => ("update", change_summary(b, p)),
        };
        append(
            &tx,
            &now,
            &actor,
            action,
            "person",
            &id.to_string(),
            &summary,
        )?;
        super::drafts::clear_in(&tx, draft)?;
        tx.commit()?;
        Ok(id)
    }

    /// One person by row id.
    pub fn person(&self, id: i64) -> Result<Option<Person>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM people WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?)
    }

    /// Several people by row id, in the order asked.
    pub fn people_by_ids(&self, ids: &[i64]) -> Result<Vec<Person>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("SELECT {COLUMNS} FROM people WHERE id = ?1"))?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(p) = stmt.query_row([id], from_row).optional()? {
                out.push(p);
            }
        }
        Ok(out)
    }

    /// The person with this (normalised) ID number.
    pub fn person_by_id_number(&self, id_number: &str) -> Result<Option<Person>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM people WHERE id_number = ?1"),
                [id_number],
                from_row,
            )
            .optional()?)
    }

    /// People with this exact name and birth date: a likely duplicate of a new record.
    pub fn people_by_name_and_birth(&self, name: &str, birth: NaiveDate) -> Result<Vec<Person>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM people WHERE name = ?1 AND birth_date = ?2"
        ))?;
        let rows = stmt.query_map(
            params![name, birth.format("%Y-%m-%d").to_string()],
            from_row,
        )?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// People created between two dates (inclusive; either end open), oldest first.
    pub fn people_created_between(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<Person>> {
        let mut people = Vec::new();
        self.each_person_created_between(from, to, |p| {
            people.push(p);
            Ok(())
        })?;
        Ok(people)
    }

    pub fn count_people(&self) -> Result<u64> {
        let n: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM people", (), |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Inserts or updates (matched by ID number) many people in one transaction: all or
    /// nothing. One audit record sums the import up.
    pub fn upsert_people(&mut self, people: &[Person], source: &str) -> Result<UpsertCounts> {
        let total = people.len() as u64;
        self.upsert_people_watched(people.iter().cloned(), total, source, &mut Unwatched)
    }

    /// Feeds every person to `f` as the search index needs them, without building a `Person`.
    pub fn scan_index_rows(&self, mut f: impl FnMut(&IndexRow)) -> Result<()> {
        let mut stmt = self.conn().prepare(
            "SELECT id, name, py_full, py_initials, coalesce(id_number, ''), phone_digits, last_contact FROM people",
        )?;
        let mut rows = stmt.query(())?;
        while let Some(r) = rows.next()? {
            let name = r.get_ref(1)?.as_str().unwrap_or("");
            let py_full = r.get_ref(2)?.as_str().unwrap_or("");
            let py_initials = r.get_ref(3)?.as_str().unwrap_or("");
            let id_number = r.get_ref(4)?.as_str().unwrap_or("");
            let phone_digits = r.get_ref(5)?.as_str().unwrap_or("");
            f(&IndexRow {
                id: r.get(0)?,
                name,
                py_full,
                py_initials,
                id_number,
                phone_digits,
                last_contact: r.get(6)?,
            });
        }
        Ok(())
    }

    /// Records that a person was in contact now (a walk-in, a petition), for ranking.
    pub fn touch_contact(&self, person_id: i64) -> Result<()> {
        let now = self.clock().now().and_utc().timestamp();
        self.write_one(
            "UPDATE people SET last_contact = max(last_contact, ?1) WHERE id = ?2",
            params![now, person_id],
        )?;
        Ok(())
    }

    /// Links two people (both directions are read by [`Store::family_of`]).
    pub fn link_family(&mut self, link: &FamilyLink) -> Result<()> {
        let now = self.now_text();
        let actor = self.actor().to_string();
        let tx = self.write_tx()?;
        tx.execute(
            "INSERT INTO family_links(person_id, relative_id, relation) VALUES (?1, ?2, ?3)
             ON CONFLICT(person_id, relative_id) DO UPDATE SET relation = excluded.relation",
            params![link.person_id, link.relative_id, link.relation],
        )?;
        append(
            &tx,
            &now,
            &actor,
            "link",
            "person",
            &link.person_id.to_string(),
            &format!(
                "{} -> {}: {}",
                link.person_id, link.relative_id, link.relation
            ),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The family links of a person: `(relation word as seen from this person, relative)`.
    pub fn family_of(&self, person_id: i64) -> Result<Vec<(String, Person)>> {
        Ok(self
            .family_links(person_id)?
            .into_iter()
            .map(|v| (v.kinship.relation.word().to_string(), v.relative))
            .collect())
    }
}

/// "field: old -> new" for the fields that changed, IDs and phones masked.
fn change_summary(before: &Person, after: &Person) -> String {
    use crate::domain::mask::{mask_id, mask_phone};
    let mut parts = Vec::new();
    let mut diff = |name: &str, a: String, b: String| {
        if a != b {
            parts.push(format!("{name}: {a} -> {b}"));
        }
    };
    diff("name", before.name.clone(), after.name.clone());
    diff(
        "id_number",
        mask_id(&before.id_number),
        mask_id(&after.id_number),
    );
    diff("phone", mask_phone(&before.phone), mask_phone(&after.phone));
    diff(
        "category",
        before.categories_cell(),
        after.categories_cell(),
    );
    diff(
        "disability_nature",
        before
            .disability_nature
            .map(|n| n.zh())
            .unwrap_or("")
            .into(),
        after.disability_nature.map(|n| n.zh()).unwrap_or("").into(),
    );
    diff("town", before.town.clone(), after.town.clone());
    diff("village", before.village.clone(), after.village.clone());
    diff("address", before.address.clone(), after.address.clone());
    if before.notes != after.notes {
        parts.push("notes changed".into());
    }
    if parts.is_empty() {
        "no visible change".into()
    } else {
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SystemClock;
    use crate::domain::person::{IdRule, PersonInput};
    use std::sync::Arc;

    fn person(name: &str, id: &str) -> Person {
        PersonInput {
            name: name.into(),
            id_number: id.into(),
            category: "退役士兵".into(),
            phone: "13800001234".into(),
            ..Default::default()
        }
        .validate(IdRule::Required)
        .unwrap()
    }

    #[test]
    fn save_read_update_with_audit() {
        let mut s = Store::open_in_memory(Arc::new(SystemClock)).unwrap();
        let mut p = person("单雄信", "11010519491231002X");
        let id = s.save_person(&p).unwrap();
        let back = s.person(id).unwrap().unwrap();
        assert_eq!(back.name, "单雄信");
        assert_eq!(back.id_number, "11010519491231002X");
        p.id = Some(id);
        p.town = "城关镇".into();
        s.save_person(&p).unwrap();
        assert_eq!(s.person(id).unwrap().unwrap().town, "城关镇");
        let audit = s.audit_entries(None, None).unwrap();
        assert_eq!(
            audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(),
            vec!["create", "update"]
        );
        assert!(audit[1].summary.contains("城关镇"));
    }

    #[test]
    fn the_same_id_number_twice_is_a_duplicate() {
        let mut s = Store::open_in_memory(Arc::new(SystemClock)).unwrap();
        s.save_person(&person("甲", "11010519491231002X")).unwrap();
        let err = s
            .save_person(&person("乙", "11010519491231002X"))
            .unwrap_err();
        assert_eq!(err, StoreError::Duplicate("11010519491231002X".into()));
        assert_eq!(s.count_people().unwrap(), 1);
    }

    #[test]
    fn upsert_updates_instead_of_duplicating() {
        let mut s = Store::open_in_memory(Arc::new(SystemClock)).unwrap();
        let a = person("甲", "11010519491231002X");
        let counts = s.upsert_people(std::slice::from_ref(&a), "r.csv").unwrap();
        assert_eq!(
            counts,
            UpsertCounts {
                inserted: 1,
                updated: 0
            }
        );
        let mut a2 = a.clone();
        a2.name = "甲乙".into();
        let counts = s.upsert_people(&[a2], "r.csv").unwrap();
        assert_eq!(
            counts,
            UpsertCounts {
                inserted: 0,
                updated: 1
            }
        );
        assert_eq!(s.count_people().unwrap(), 1);
        assert_eq!(
            s.person_by_id_number("11010519491231002X")
                .unwrap()
                .unwrap()
                .name,
            "甲乙"
        );
    }

    #[test]
    fn index_rows_carry_stored_keys() {
        let mut s = Store::open_in_memory(Arc::new(SystemClock)).unwrap();
        s.save_person(&person("张三丰", "11010519491231002X"))
            .unwrap();
        let mut seen = Vec::new();
        s.scan_index_rows(|r| {
            seen.push((
                r.name.to_string(),
                r.py_initials.to_string(),
                r.phone_digits.to_string(),
            ))
        })
        .unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].0, "张三丰");
        assert!(seen[0].1.split(' ').any(|k| k == "zsf"));
        assert_eq!(seen[0].2, "13800001234");
    }

    #[test]
    fn family_links_read_both_ways() {
        let mut s = Store::open_in_memory(Arc::new(SystemClock)).unwrap();
        let a = s.save_person(&person("甲", "11010519491231002X")).unwrap();
        let b = s.save_person(&person("乙", &compose_valid())).unwrap();
        s.link_family(&FamilyLink {
            person_id: a,
            relative_id: b,
            relation: "配偶".into(),
        })
        .unwrap();
        assert_eq!(s.family_of(a).unwrap()[0].0, "配偶");
        assert_eq!(s.family_of(b).unwrap()[0].1.name, "甲");
    }

    fn compose_valid() -> String {
        crate::domain::id_number::IdNumber::compose(
            "450102",
            NaiveDate::from_ymd_opt(1970, 1, 1).unwrap(),
            11,
        )
        .unwrap()
        .to_string()
    }
}
