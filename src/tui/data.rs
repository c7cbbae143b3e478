//! Plain data the screens render: built by the workers from the store and the index,
//! handed to the UI thread inside an [`Action::Loaded`](crate::tui::action::Loaded).
use crate::domain::id_number::Gender;
use crate::domain::mask::{mask_id, mask_phone};
use crate::domain::person::Person;
use crate::domain::petition::{PetitionCase, Step};
use crate::i18n::Msg;
use crate::store::petitions::LedgerRow;
use chrono::NaiveDate;

/// The numbers on the home screen. The dashboard job fills every field; an `Option` is
/// `None` only in data made without it (a test's), and is drawn as a dash, not as zero.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DashboardData {
    pub people_on_file: u64,
    pub walkins_today: Option<u64>,
    pub followups_due: Option<u64>,
    pub followups_overdue: Option<u64>,
    pub petitions_near_deadline: Option<u64>,
    pub petitions_overdue: Option<u64>,
    pub checklist: Option<ChecklistState>,
    pub petitions_high_risk: Option<u64>,
    /// Open high-risk cases with no report upward on record.
    pub petitions_high_risk_unreported: Option<u64>,
    /// Past working days of the last 30 never signed off, oldest first.
    pub checklist_missed: Option<Vec<NaiveDate>>,
    /// Walk-ins per day over the last 14 days, oldest first.
    pub fortnight: Vec<(NaiveDate, u64)>,
    /// This month's checklist compliance, for the small chart.
    pub checklist_month: Option<crate::domain::report::ChecklistFigures>,
    /// The signed-in officer's unsaved form drafts, newest first: each says how to get back
    /// to it.
    pub drafts: Vec<Msg>,
    /// For an administrator: the audit trail failed its check (first in the to-do list).
    pub audit_problem: Option<Msg>,
}

/// Today's checklist, as the dashboard shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChecklistState {
    pub done: u32,
    pub total: u32,
    pub signed_off: bool,
    /// A weekday not marked as a holiday: only those have a checklist to sign.
    pub working_day: bool,
}

/// One line of lookup results: only what the list shows, the numbers already masked.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    pub id: i64,
    pub name: String,
    pub gender: Option<Gender>,
    pub birth_date: Option<NaiveDate>,
    pub id_masked: String,
    pub phone_masked: String,
    /// Every category, main first.
    pub categories: Vec<String>,
    pub town: String,
}

impl ResultRow {
    pub fn from_person(p: &Person) -> Option<ResultRow> {
        Some(ResultRow {
            id: p.id?,
            name: p.name.clone(),
            gender: p.gender,
            birth_date: p.birth_date,
            id_masked: mask_id(&p.id_number),
            phone_masked: mask_phone(&p.phone),
            categories: p.categories.clone(),
            town: p.town.clone(),
        })
    }
}

/// The answer to one query. `generation` tells the lookup screen whether it is still
/// the answer to what is in the box.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResult {
    pub generation: u64,
    pub query: String,
    pub rows: Vec<ResultRow>,
    /// The screen that asked, when not the lookup (the petition form's suggestions).
    pub owner: Option<crate::tui::screens::ScreenId>,
}

/// One line in a profile's history (a walk-in, a petition, a follow-up), newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryItem {
    pub date: NaiveDate,
    pub kind: String,
    pub summary: String,
}

/// Everything a profile shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileData {
    pub person: Person,
    /// The family links, said from this person's side (a link made from the relative's
    /// side is shown inverted).
    pub family: Vec<crate::store::family::FamilyView>,
    pub walkins: Vec<HistoryItem>,
    pub petitions: Vec<HistoryItem>,
}

/// The ledger's rows for the filter asked with `generation`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LedgerResult {
    pub generation: u64,
    pub rows: Vec<LedgerRow>,
}

/// A case as the case view shows it: content, state and every step.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseData {
    pub case: PetitionCase,
    pub steps: Vec<Step>,
    /// The working calendar the case's deadlines are counted on.
    pub calendar: crate::domain::calendar::Calendar,
    /// The case's reports upward (上报), oldest first.
    pub risk_reports: Vec<crate::domain::petition::RiskReport>,
    /// The notices issued for the case, oldest first.
    pub notices: Vec<crate::store::notices::IssuedNotice>,
}

/// A registered petition: its case number and where the receipt went (or why it did not).
#[derive(Debug, Clone, PartialEq)]
pub struct PetitionSaved {
    pub id: i64,
    pub case_no: String,
    /// The receipt's path, or the reason it was not written, in the user's language.
    pub receipt: Result<String, String>,
}
