//! `FILE.sha256` beside every backup, in `sha256sum` format so that `sha256sum -c` checks
//! it by hand; `# key: value` lines after the sum (which `sha256sum` skips as comments)
//! say what the backup holds.
use super::RestoreRefusal;
use crate::durable::PendingFile;
use sha2::{Digest, Sha256};
use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// `FILE.sha256`: the checksum file of `file`.
pub fn checksum_path(file: &Path) -> PathBuf {
    let mut name = file
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| OsString::from("backup"));
    name.push(".sha256");
    file.with_file_name(name)
}

/// The SHA-256 of what `reader` yields, in lower-case hex.
pub(super) fn sha256_of(mut reader: impl Read) -> io::Result<String> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(format!("{:x}", hasher.finalize()))
}

/// The SHA-256 of a file, in lower-case hex.
pub fn sha256_file(path: &Path) -> io::Result<String> {
    sha256_of(std::fs::File::open(path)?)
}

/// The text of a checksum file: `HEX  NAME` (with `sha256sum`'s escaping of a name holding
/// a backslash or a newline), then one `# key: value` line per note.
pub(super) fn checksum_text(digest: &str, file_name: &str, notes: &[(String, String)]) -> String {
    let escaped = file_name.contains(['\\', '\n']);
    let name = file_name.replace('\\', "\\\\").replace('\n', "\\n");
    let mut text = format!("{}{digest}  {name}\n", if escaped { "\\" } else { "" });
    for (key, value) in notes {
        let one_line = |s: &str| s.replace(['\n', '\r'], " ");
        text.push_str(&format!("# {}: {}\n", one_line(key), one_line(value)));
    }
    text
}

/// Writes `checksum_path(target)` for `digest` as a pending file (not yet visible).
pub fn write_checksum(
    target: &Path,
    digest: &str,
    notes: &[(String, String)],
) -> io::Result<PendingFile> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let pending = PendingFile::create(&checksum_path(target))?;
    pending
        .file()
        .write_all(checksum_text(digest, &name, notes).as_bytes())?;
    pending.sync()?;
    Ok(pending)
}

/// The sum recorded for `file`, if it has a checksum file.
pub(super) fn recorded_sum(file: &Path) -> Result<Option<String>, RestoreRefusal> {
    let path = checksum_path(file);
    let text = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(_) => return Err(RestoreRefusal::ChecksumUnreadable),
    };
    let text = String::from_utf8_lossy(&text);
    let line = text
        .lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .ok_or(RestoreRefusal::ChecksumUnreadable)?;
    let line = line.strip_prefix('\\').unwrap_or(line);
    let hex: String = line.chars().take(64).collect();
    let valid = hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit());
    let rest = &line[hex.len()..];
    if !valid || !(rest.starts_with("  ") || rest.starts_with(" *")) {
        return Err(RestoreRefusal::ChecksumUnreadable);
    }
    Ok(Some(hex.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_is_sha256sums() {
        let notes = vec![("schema".to_string(), "5".to_string())];
        let text = checksum_text(&"ab".repeat(32), "desk-2026-11-25.db", &notes);
        assert_eq!(
            text,
            format!("{}  desk-2026-11-25.db\n# schema: 5\n", "ab".repeat(32))
        );
        assert!(checksum_text("00", "a\\b", &[]).starts_with("\\00  a\\\\b"));
        assert_eq!(sha256_of(&b"abc"[..]).unwrap()[..8], *"ba7816bf");
    }

    #[test]
    fn a_recorded_sum_is_read_back_and_junk_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b.db");
        assert_eq!(recorded_sum(&file), Ok(None));
        let sum = "0f".repeat(32);
        std::fs::write(checksum_path(&file), checksum_text(&sum, "b.db", &[])).unwrap();
        assert_eq!(recorded_sum(&file), Ok(Some(sum)));
        std::fs::write(checksum_path(&file), "# only a comment\n").unwrap();
        assert_eq!(recorded_sum(&file), Err(RestoreRefusal::ChecksumUnreadable));
    }
}
