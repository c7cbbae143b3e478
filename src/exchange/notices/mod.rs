//! Issuing a petitioner's notice: composed from the case as the database has it, laid out as
//! .docx, written atomically into the station's documents folder and recorded in the audit
//! trail in the same transaction (a notice is reported issued only when it is whole and
//! recorded). The audit records are the case's list of notices (see `store::notices`).
pub mod docx;

use crate::domain::petition::PetitionCase;
use crate::domain::petition::notice::{NoticeContext, NoticeKind, compose};
use crate::i18n::{Lang, Msg, t};
use crate::store::backup::{AuditNote, PublishError, Replace};
use crate::store::{Store, StoreError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The audit action of an issued notice; its summary is `CODE FILE-NAME`.
pub const NOTICE_ACTION: &str = "notice";
/// The setting naming the body that reviews the station's replies (上一级机关), printed in
/// the reply's review-rights sentence when set.
pub const REVIEW_BODY_SETTING: &str = "review_body";

/// Why a notice was not issued.
#[derive(Debug)]
pub enum NoticeError {
    /// The case has no step the notice reports, or another rule refused it.
    Refused(Msg),
    /// An in-memory database has no folder to put documents in.
    NoFolder,
    Io(io::Error),
    Store(StoreError),
}

impl NoticeError {
    /// The reason in words, in the screen's language.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            NoticeError::Refused(m) => m.render(lang),
            NoticeError::NoFolder => t(lang, "record_notices.no_dir"),
            NoticeError::Io(e) => e.to_string(),
            NoticeError::Store(e) => e.msg().render(lang),
        }
    }
}

impl From<StoreError> for NoticeError {
    fn from(e: StoreError) -> Self {
        NoticeError::Store(e)
    }
}

/// A notice written and recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    pub kind: NoticeKind,
    pub path: PathBuf,
}

impl Issued {
    /// The path as the status line shows it: `documents/NAME.docx` for the documents
    /// folder, the file's name otherwise.
    pub fn shown(&self) -> String {
        let name = crate::exchange::display_name(&self.path);
        match self.path.parent().and_then(Path::file_name) {
            Some(dir) if dir == DOCUMENTS => format!("{DOCUMENTS}/{name}"),
            _ => name,
        }
    }
}

const DOCUMENTS: &str = "documents";

/// The station's documents folder for the database at `db`: `documents/` beside it; `None`
/// for an in-memory database.
pub fn documents_dir(db: &Path) -> Option<PathBuf> {
    if db.as_os_str().is_empty() || db == Path::new(":memory:") {
        return None;
    }
    let dir = match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Some(dir.join(DOCUMENTS))
}

/// The first free name for the notice in `dir`: `2026-0001-信访事项受理告知书.docx`, then
/// `…-2.docx` and so on, so that a notice issued again never replaces the one on file.
fn free_path(dir: &Path, case_no: &str, kind: NoticeKind) -> io::Result<PathBuf> {
    let safe = !case_no.is_empty()
        && case_no
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !safe {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the case number cannot name a file",
        ));
    }
    let stem = format!("{case_no}-{}", kind.title());
    (1..10_000)
        .map(|n| match n {
            1 => dir.join(format!("{stem}.docx")),
            n => dir.join(format!("{stem}-{n}.docx")),
        })
        .find(|p| !p.exists())
        .ok_or_else(|| io::Error::new(io::ErrorKind::AlreadyExists, stem))
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// The handling officer's name as printed: the account's display name, or the recorded
/// name itself when no account has it (a database without accounts).
fn officer_name(store: &Store, handler: &str) -> Result<String, StoreError> {
    Ok(store
        .officer(handler)?
        .map(|o| o.display_name)
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| handler.to_string()))
}

/// The station's name as printed: the `station_name` setting, else the program's own name
/// in Chinese.
pub fn station_name(store: &Store) -> String {
    store
        .setting("station_name")
        .ok()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| t(Lang::Zh, "tui.app.name"))
}

/// Composes, writes and records the notice of `kind` for `case`: into `out` when given,
/// else into the documents folder under a free name.
pub fn issue(
    store: &Store,
    case: &PetitionCase,
    kind: NoticeKind,
    out: Option<&Path>,
) -> Result<Issued, NoticeError> {
    // A voided step is passed over by `compose`: a notice reports only the steps that stand.
    let steps = store.steps(case.id)?;
    let calendar = store.calendar()?;
    let officer = officer_name(store, &case.petition.handler)?;
    let station = station_name(store);
    let review_body = store.setting(REVIEW_BODY_SETTING)?;
    let cx = NoticeContext {
        calendar: &calendar,
        station: &station,
        officer: &officer,
        today: store.clock().now().date(),
        review_body: review_body.as_deref(),
    };
    let notice = compose(kind, case, &steps, &cx).map_err(NoticeError::Refused)?;
    let bytes = docx::notice_docx(&notice).map_err(NoticeError::Io)?;
    let (path, replace) = match out {
        Some(p) => (p.to_path_buf(), Replace::Allowed),
        None => {
            let dir = documents_dir(&store.files_anchor()).ok_or(NoticeError::NoFolder)?;
            create_private_dir(&dir).map_err(NoticeError::Io)?;
            let path = free_path(&dir, &case.case_no, kind).map_err(NoticeError::Io)?;
            (path, Replace::Never)
        }
    };
    let pending =
        super::atomic::prepare(&path, |w| w.write_all(&bytes)).map_err(NoticeError::Io)?;
    let summary = format!("{} {}", kind.code(), crate::exchange::display_name(&path));
    let id = case.id.to_string();
    let note = AuditNote {
        action: NOTICE_ACTION,
        entity: "petition",
        entity_id: &id,
        summary: &summary,
    };
    store
        .publish_audited(vec![(pending, replace)], &note, &[])
        .map_err(|e| match e {
            PublishError::File { error, .. } => NoticeError::Io(error),
            PublishError::Store(e) => NoticeError::Store(e),
        })?;
    Ok(Issued { kind, path })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_never_replace_a_notice_on_file_nor_leave_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let first = free_path(tmp.path(), "2026-0001", NoticeKind::Accepted).unwrap();
        assert_eq!(first, tmp.path().join("2026-0001-信访事项受理告知书.docx"));
        std::fs::write(&first, b"x").unwrap();
        let second = free_path(tmp.path(), "2026-0001", NoticeKind::Accepted).unwrap();
        assert_eq!(
            second,
            tmp.path().join("2026-0001-信访事项受理告知书-2.docx")
        );
        assert!(free_path(tmp.path(), "../x", NoticeKind::Accepted).is_err());
        assert_eq!(documents_dir(Path::new(":memory:")), None);
        assert_eq!(
            documents_dir(&tmp.path().join("desk.db")),
            Some(tmp.path().join("documents"))
        );
    }
}
