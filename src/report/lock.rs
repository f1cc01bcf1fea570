//! One run at a time in an output folder: a run holds an exclusive lock on
//! the folder from before its work until its files are in place, and a
//! second run into the same folder is refused at once instead of silently
//! replacing the first one's files. The lock is the operating system's
//! (`flock` on the folder itself, on Unix), so a run that dies, even by
//! `kill -9`, releases it and leaves no lock file behind.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// The lock file in a folder, where a folder cannot itself be locked (not
/// on Unix).
pub const LOCK_FILE: &str = ".peakplan.lock";

/// Why a folder could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another run holds the folder.
    #[error(
        "{0} is in use by another peakplan run; wait for it to finish or choose another --out folder (nothing was \
         written)"
    )]
    Busy(PathBuf),
    /// The folder could not be opened or locked.
    #[error("cannot lock {0}: {1}")]
    Io(PathBuf, io::Error),
}

/// An exclusive lock on a folder, released when dropped (or when the
/// process ends, however it ends).
#[derive(Debug)]
pub struct FolderLock {
    /// The open folder (or lock file) the lock is held on.
    _handle: File,
}

/// The handle the lock is taken on: the folder itself.
#[cfg(unix)]
fn handle(dir: &Path) -> io::Result<File> {
    File::open(dir)
}

/// The handle the lock is taken on: a `.peakplan.lock` file in the folder
/// (a folder cannot be opened as a file here).
#[cfg(not(unix))]
fn handle(dir: &Path) -> io::Result<File> {
    std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(LOCK_FILE))
}

impl FolderLock {
    /// Takes the lock on the existing folder `dir`, or says it is busy
    /// without waiting.
    pub fn try_acquire(dir: &Path) -> Result<Self, LockError> {
        Self::acquire(dir, false)
    }

    /// Takes the lock on the existing folder `dir`; if another run holds
    /// it, waits for it when `wait` (for a short write, such as one file
    /// among the shards of a run), or else says it is busy.
    pub fn acquire(dir: &Path, wait: bool) -> Result<Self, LockError> {
        let file = handle(dir).map_err(|e| LockError::Io(dir.to_path_buf(), e))?;
        if wait {
            return match fs4::FileExt::lock(&file) {
                Ok(()) => Ok(Self { _handle: file }),
                Err(e) => Err(LockError::Io(dir.to_path_buf(), e)),
            };
        }
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => Ok(Self { _handle: file }),
            Err(fs4::TryLockError::WouldBlock) => Err(LockError::Busy(dir.to_path_buf())),
            Err(fs4::TryLockError::Error(e)) => Err(LockError::Io(dir.to_path_buf(), e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_a_folder_is_refused_until_the_first_is_dropped() {
        let root = tempfile::tempdir().unwrap();
        let first = FolderLock::try_acquire(root.path()).unwrap();
        let second = FolderLock::try_acquire(root.path());
        assert!(matches!(second, Err(LockError::Busy(_))), "{second:?}");
        drop(first);
        FolderLock::try_acquire(root.path()).unwrap();
        let missing = FolderLock::try_acquire(&root.path().join("missing"));
        assert!(matches!(missing, Err(LockError::Io(..))));
    }
}
