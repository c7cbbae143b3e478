//! The dashboard's check of the audit trail for an administrator.
//!
//! Walking the whole chain reads every audit record, so it is done once per database per
//! running program, on the database worker, the first time an administrator's dashboard
//! loads; `stationdesk audit verify` checks it on demand.
use crate::domain::audit_chain::ChainBreak;
use crate::domain::officer::Role;
use crate::i18n::Msg;
use crate::store::{Store, StoreError};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// Results already found, by database path.
fn checked() -> &'static Mutex<HashMap<PathBuf, Option<Msg>>> {
    static CHECKED: OnceLock<Mutex<HashMap<PathBuf, Option<Msg>>>> = OnceLock::new();
    CHECKED.get_or_init(|| Mutex::new(HashMap::new()))
}

/// `Some(warning)` when the store's officer is an administrator and the chain is broken.
pub fn for_administrator(store: &Store) -> Result<Option<Msg>, StoreError> {
    let is_admin = store
        .officer(store.actor())?
        .is_some_and(|o| o.active && o.role == Role::Admin);
    if !is_admin {
        return Ok(None);
    }
    let key = store.path().to_path_buf();
    if let Ok(map) = checked().lock()
        && let Some(found) = map.get(&key)
    {
        return Ok(found.clone());
    }
    let found = problem(store)?;
    if let Ok(mut map) = checked().lock() {
        map.insert(key, found.clone());
    }
    Ok(found)
}

/// The warning for a broken chain, naming the first broken record.
pub fn problem(store: &Store) -> Result<Option<Msg>, StoreError> {
    let report = store.verify_audit_chain()?;
    Ok(match report.first_break {
        None => None,
        Some(ChainBreak::Altered { id }) => Some(Msg::new("audit_warning.altered").arg("id", id)),
        Some(ChainBreak::Missing { after, id }) if id - after == 2 => {
            Some(Msg::new("audit_warning.missing_one").arg("from", after + 1))
        }
        Some(ChainBreak::Missing { after, id }) => Some(
            Msg::new("audit_warning.missing")
                .arg("from", after + 1)
                .arg("to", id - 1),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::officer::{HashCost, HashedPassword};
    use crate::tui::data::DashboardData;
    use crate::tui::screens::home::attention;

    fn station(dir: &std::path::Path) -> Store {
        let mut store = Store::open(&dir.join("t.db")).expect("open");
        let hash =
            HashedPassword::with_cost("a long pass phrase", HashCost::TESTING).expect("hash");
        store
            .add_officer("boss", "", Role::Admin, &hash)
            .expect("admin");
        store
            .add_officer("clerk", "", Role::Officer, &hash)
            .expect("officer");
        store.audit("login", "officer", "clerk", "").expect("audit");
        store
    }

    #[test]
    fn an_administrator_is_warned_of_a_deleted_record_first() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = station(dir.path());
        store
            .conn()
            .execute_batch("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 2;")
            .expect("tamper");
        store.set_actor("clerk");
        assert_eq!(for_administrator(&store).expect("check"), None);
        store.set_actor("boss");
        let warning = for_administrator(&store)
            .expect("check")
            .expect("a warning");
        assert_eq!(warning.key, "audit_warning.missing_one");
        let data = DashboardData {
            audit_problem: Some(warning.clone()),
            petitions_overdue: Some(3),
            ..DashboardData::default()
        };
        assert_eq!(attention(&data).first(), Some(&warning));
    }

    #[test]
    fn a_whole_trail_gives_no_warning() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = station(dir.path());
        store.set_actor("boss");
        assert_eq!(problem(&store).expect("check"), None);
        assert_eq!(for_administrator(&store).expect("check"), None);
    }
}
