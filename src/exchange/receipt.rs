//! The registration receipt (登记回执) as a file: `receipts/CASE_NO.html` in the database's
//! directory, written atomically with mode 0600 (it names the petitioners).
use super::atomic::write_atomic;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The directory receipts go to for the database at `db`; `None` for an in-memory
/// database, which has no directory to be beside.
pub fn receipts_dir(db: &Path) -> Option<PathBuf> {
    if db.as_os_str().is_empty() || db == Path::new(":memory:") {
        return None;
    }
    let dir = match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Some(dir.join("receipts"))
}

/// Writes `html` as the receipt of `case_no` into `dir` and returns the file's path. The
/// case number becomes the file name, so anything but digits, letters and `-` is refused
/// rather than allowed to reach another directory.
pub fn write_receipt(dir: &Path, case_no: &str, html: &str) -> io::Result<PathBuf> {
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
    create_private_dir(dir)?;
    let path = dir.join(format!("{case_no}.html"));
    write_atomic(&path, |out| out.write_all(html.as_bytes()))?;
    Ok(path)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn writes_privately_and_refuses_odd_names() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("desk.db");
        let dir = receipts_dir(&db).unwrap();
        let path = write_receipt(&dir, "2026-0001", "<p>x</p>").unwrap();
        assert_eq!(path, tmp.path().join("receipts/2026-0001.html"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "<p>x</p>");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(write_receipt(&dir, "../x", "").is_err());
        assert!(write_receipt(&dir, "", "").is_err());
        assert_eq!(receipts_dir(Path::new(":memory:")), None);
        // Written twice, the second wins and no temporary file is left behind.
        write_receipt(&dir, "2026-0001", "<p>y</p>").unwrap();
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    }
}
