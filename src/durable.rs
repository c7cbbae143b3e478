//! Files that appear under their name whole or not at all.
//!
//! A file is first written to a hidden temporary beside its target (the same folder, so the
//! rename is atomic), synced, and only then renamed into place. While a temporary is being
//! written its creator holds an exclusive `flock` on it: a later run tells the leftover of a
//! killed process (nobody holds its lock) from one still being written, and removes it.
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Distinguishes temporary files of concurrent writes within one process.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// What sits between a temporary's target name and its process id.
const TEMP_TAG: &str = ".stationdesk-";

/// A file written under a temporary name, not yet visible under its own.
///
/// Dropping it without [`PendingFile::publish`] removes the temporary.
#[derive(Debug)]
pub struct PendingFile {
    target: PathBuf,
    temp: PathBuf,
    dir: PathBuf,
    /// Open for the whole life of the temporary: it holds the lock that marks it in use.
    file: File,
    published: bool,
}

/// The folder a path lives in (`.` for a bare name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

impl PendingFile {
    /// Creates an empty private (0600) temporary beside `target`, locked as in use.
    pub fn create(target: &Path) -> io::Result<PendingFile> {
        let Some(name) = target.file_name() else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the path does not name a file",
            ));
        };
        let dir = folder_of(target);
        let mut attempts = 0;
        loop {
            let mut temp_name = OsString::from(".");
            temp_name.push(name);
            temp_name.push(format!(
                "{TEMP_TAG}{}-{}.tmp",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::Relaxed)
            ));
            let temp = dir.join(temp_name);
            match OpenOptions::new()
                .read(true)
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&temp)
            {
                Ok(file) => {
                    file.lock()?;
                    return Ok(PendingFile {
                        target: target.to_path_buf(),
                        temp,
                        dir,
                        file,
                        published: false,
                    });
                }
                // A leftover with a recycled pid: try the next name.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempts < 100 => {
                    attempts += 1
                }
                Err(e) => return Err(e),
            }
        }
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// The temporary, open for writing.
    pub fn file(&self) -> &File {
        &self.file
    }

    /// Makes what was written durable before it can become visible.
    pub fn sync(&self) -> io::Result<()> {
        self.file.sync_all()
    }

    /// Renames the temporary to its target, replacing any file there, and syncs the folder.
    pub fn publish(mut self) -> io::Result<Published> {
        fs::rename(&self.temp, &self.target)?;
        self.published = true;
        sync_dir(&self.dir);
        Ok(Published {
            target: self.target.clone(),
        })
    }

    /// Like [`PendingFile::publish`], but an existing target is left alone and the answer
    /// is an `AlreadyExists` error. A hard link refuses to replace atomically; a file system
    /// without links (a FAT memory stick) gets a check just before the rename.
    pub fn publish_new(mut self) -> io::Result<Published> {
        match fs::hard_link(&self.temp, &self.target) {
            Ok(()) => {
                let _ = fs::remove_file(&self.temp);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
            Err(_) => {
                if fs::symlink_metadata(&self.target).is_ok() {
                    return Err(io::Error::from(io::ErrorKind::AlreadyExists));
                }
                fs::rename(&self.temp, &self.target)?;
            }
        }
        self.published = true;
        sync_dir(&self.dir);
        Ok(Published {
            target: self.target.clone(),
        })
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        if !self.published {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// A file made visible; [`Published::retract`] takes it back when what it depends on
/// (its audit record) could not be committed after all.
#[derive(Debug)]
pub struct Published {
    target: PathBuf,
}

impl Published {
    pub fn path(&self) -> &Path {
        &self.target
    }

    pub fn retract(self) {
        let _ = fs::remove_file(&self.target);
        sync_dir(&folder_of(&self.target));
    }
}

/// Persists renames in `dir`. Failing here loses nothing already acknowledged, so it is not
/// an error.
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The target name of one of our temporaries (`.NAME.stationdesk-PID-N.tmp`, or the
/// `.NAME.PID.tmp` of backups before this scheme), with SQLite's `-journal`, `-wal` and
/// `-shm` companions recognised too: `(target, is_companion)`.
fn temp_target(file_name: &str) -> Option<(&str, bool)> {
    let rest = file_name.strip_prefix('.')?;
    let (rest, companion) = match ["-journal", "-wal", "-shm"]
        .iter()
        .find_map(|s| rest.strip_suffix(s))
    {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let rest = rest.strip_suffix(".tmp")?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(at) = rest.rfind(TEMP_TAG) {
        let (target, tail) = (&rest[..at], &rest[at + TEMP_TAG.len()..]);
        let (pid, n) = tail.split_once('-')?;
        return (digits(pid) && digits(n) && !target.is_empty()).then_some((target, companion));
    }
    let (target, pid) = rest.rsplit_once('.')?;
    (digits(pid) && target.ends_with(".db")).then_some((target, companion))
}

/// Removes, in `dir`, the temporaries of killed runs whose target name `owns` accepts;
/// a temporary still being written (its lock is held) is left alone. Returns how many
/// files were removed.
pub fn remove_stale_temps(dir: &Path, owns: impl Fn(&str) -> bool) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut temps = Vec::new();
    let mut companions = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        match temp_target(&name) {
            Some((target, false)) if owns(target) => temps.push(entry.path()),
            Some((target, true)) if owns(target) => companions.push(entry.path()),
            _ => {}
        }
    }
    let mut removed = 0;
    for temp in temps {
        let Ok(file) = File::open(&temp) else {
            continue;
        };
        if file.try_lock().is_ok() && fs::remove_file(&temp).is_ok() {
            removed += 1;
        }
    }
    // A companion outlives its temporary only when the temporary's writer was killed.
    for companion in companions {
        let name = companion.to_string_lossy();
        let main = ["-journal", "-wal", "-shm"]
            .iter()
            .find_map(|s| name.strip_suffix(s))
            .map(PathBuf::from);
        if main.is_some_and(|m| !m.exists()) && fs::remove_file(&companion).is_ok() {
            removed += 1;
        }
    }
    if removed > 0 {
        sync_dir(dir);
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_published_file_is_whole_private_and_no_temporary_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        let pending = PendingFile::create(&target).unwrap();
        pending.file().write_all(b"hello").unwrap();
        pending.sync().unwrap();
        assert!(!target.exists(), "invisible until published");
        pending.publish().unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"hello");
        let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn publish_new_never_replaces_and_a_dropped_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("b.db");
        fs::write(&target, b"old").unwrap();
        let pending = PendingFile::create(&target).unwrap();
        pending.file().write_all(b"new").unwrap();
        let err = pending.publish_new().unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&target).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn stale_temporaries_go_and_live_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("desk-2026-11-25.db");
        let live = PendingFile::create(&target).unwrap();
        let stale = dir
            .path()
            .join(".desk-2026-11-24.db.stationdesk-99999999-0.tmp");
        let stale_journal = dir
            .path()
            .join(".desk-2026-11-24.db.stationdesk-99999999-0.tmp-journal");
        let old_style = dir.path().join(".desk-2026-11-20.db.4242.tmp");
        let foreign = dir.path().join(".notes.txt.4242.tmp");
        for f in [&stale, &stale_journal, &old_style, &foreign] {
            fs::write(f, b"x").unwrap();
        }
        assert_eq!(remove_stale_temps(dir.path(), |_| true), 3);
        assert!(live.temp_path().exists(), "a temporary in use stays");
        assert!(!stale.exists() && !stale_journal.exists() && !old_style.exists());
        assert!(foreign.exists(), "not one of ours");
        assert_eq!(
            temp_target(".a.csv.stationdesk-12-3.tmp"),
            Some(("a.csv", false))
        );
        assert_eq!(temp_target(".a.csv.stationdesk-x-3.tmp"), None);
    }
}
