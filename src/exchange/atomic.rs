//! Writing a file so that readers see either the old file or the whole new one.
use crate::durable::{PendingFile, folder_of, remove_stale_temps};
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Writes the whole file under a temporary name beside `path` and syncs it, without
/// making it visible: the caller publishes it (after recording it, for an export).
///
/// The temporary has mode 0600 because exports and rejects hold ID numbers and phones;
/// it lives in the target's folder so that the rename stays on one file system and is
/// atomic. On any failure the temporary is removed and the target is left as it was: a
/// full disk never leaves a half-written export behind. Leftovers of a killed earlier
/// write of the same file are removed first.
pub(crate) fn prepare(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&std::fs::File>) -> io::Result<()>,
) -> io::Result<PendingFile> {
    if let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) {
        remove_stale_temps(&folder_of(path), |target| target == name);
    }
    let pending = PendingFile::create(path)?;
    {
        let mut out = BufWriter::new(pending.file());
        write(&mut out)?;
        out.flush()?;
    }
    // Durable before it becomes visible: a crash after the rename must not expose an
    // empty or truncated file under the real name.
    pending.sync()?;
    Ok(pending)
}

/// Writes `path` through a temporary file beside it, then renames it into place.
pub(crate) fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&std::fs::File>) -> io::Result<()>,
) -> io::Result<()> {
    prepare(path, write)?.publish().map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn writes_whole_file_with_private_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_atomic(&path, |w| w.write_all(b"hello")).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"hello");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        fs::write(&path, b"old").unwrap();
        let err = write_atomic(&path, |w| {
            w.write_all(b"partial")?;
            Err(io::Error::other("disk full"))
        });
        assert!(err.is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_killed_write_of_the_same_file_is_cleaned_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let left = dir.path().join(".out.csv.stationdesk-99999999-0.tmp");
        fs::write(&left, b"half").unwrap();
        write_atomic(&path, |w| w.write_all(b"whole")).unwrap();
        assert!(!left.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
