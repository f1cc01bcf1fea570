//! What an interrupted run (Ctrl-C, `kill`) must undo: the temporary files
//! being written and the folders this run created that hold no finished
//! result yet. Writers record them here as they go; [`clean_up`] removes
//! them. Renaming the finished files into place happens inside [`commit`],
//! which [`clean_up`] waits for, so an interruption leaves either every file
//! of a result or none of it, never a mix, and never touches earlier
//! results.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Paths an interruption must remove.
#[derive(Default)]
struct Pending {
    /// Temporary files being written.
    temps: Vec<PathBuf>,
    /// Folders created by this run, outermost first.
    dirs: Vec<PathBuf>,
}

impl Pending {
    fn create_dirs(&mut self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        let mut missing = Vec::new();
        let mut at = Some(dir);
        while let Some(d) = at.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
            missing.push(d.to_path_buf());
            at = d.parent();
        }
        let mut made = Vec::new();
        for d in missing.into_iter().rev() {
            match std::fs::create_dir(&d) {
                Ok(()) => {
                    self.dirs.push(d.clone());
                    made.push(d);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && d.is_dir() => {}
                Err(e) => return Err(e),
            }
        }
        Ok(made)
    }

    fn clean_up(&mut self) {
        for t in self.temps.drain(..) {
            let _ = std::fs::remove_file(t);
        }
        for d in self.dirs.drain(..).rev() {
            // Only an empty folder goes: a folder with anything else in it
            // is not this run's alone.
            let _ = std::fs::remove_dir(d);
        }
    }
}

static PENDING: Mutex<Pending> = Mutex::new(Pending { temps: Vec::new(), dirs: Vec::new() });

fn pending() -> MutexGuard<'static, Pending> {
    // A writer that panicked left the lists intact: keep using them.
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Creates (or truncates) the temporary file `path` and records it, in one
/// step: an interruption either removes it or comes before it exists.
pub fn create_temp(path: &Path) -> std::io::Result<std::fs::File> {
    let mut p = pending();
    let file = std::fs::File::create(path)?;
    p.temps.push(path.to_path_buf());
    Ok(file)
}

/// Forgets temporary files (renamed into place or removed).
pub fn untrack_temps(paths: &[PathBuf]) {
    pending().temps.retain(|t| !paths.contains(t));
}

/// Creates `dir` and any missing parents, recording each folder it creates
/// (not those that existed) for removal if the run is interrupted; returns
/// them, outermost first.
pub fn create_dirs(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    pending().create_dirs(dir)
}

/// Records a folder this run created.
pub fn track_dir(dir: &Path) {
    pending().dirs.push(dir.to_path_buf());
}

/// Removes the folders in `dirs` (made by this run, outermost first) that
/// are empty, innermost first, and forgets them: a write that failed.
pub fn remove_dirs(dirs: &[PathBuf]) {
    for d in dirs.iter().rev() {
        let _ = std::fs::remove_dir(d);
    }
    pending().dirs.retain(|d| !dirs.contains(d));
}

/// Forgets the recorded folders at or inside `dir` and the folders that
/// hold it: they now hold a finished result.
pub fn keep_dirs(dir: &Path) {
    pending().dirs.retain(|d| !(d.starts_with(dir) || dir.starts_with(d)));
}

/// Runs `rename` (moving finished files into place) so that [`clean_up`]
/// cannot run in the middle of it.
pub fn commit<T>(rename: impl FnOnce() -> T) -> T {
    let _hold = pending();
    rename()
}

/// Removes every recorded temporary file, then every recorded folder that
/// is left empty (innermost first), and forgets them: for a run that is
/// interrupted.
pub fn clean_up() {
    pending().clean_up();
}

/// [`clean_up`], then ends the process with `code`, still holding the
/// record: the run's other threads can neither create a temporary file nor
/// rename one into place after the clean-up.
pub fn clean_up_and_exit(code: i32) -> ! {
    let mut held = pending();
    held.clean_up();
    std::process::exit(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_up_removes_temps_and_the_folders_made_but_nothing_else() {
        let root = tempfile::tempdir().unwrap();
        let old = root.path().join("old");
        std::fs::create_dir(&old).unwrap();
        std::fs::write(old.join("report.json"), "earlier").unwrap();
        let mut p = Pending::default();
        let new = root.path().join("new/run");
        assert_eq!(p.create_dirs(&new).unwrap(), vec![root.path().join("new"), new.clone()]);
        for tmp in [new.join(".report.json.tmp"), old.join(".x.tmp")] {
            p.temps.push(tmp.clone());
            std::fs::write(&tmp, "half").unwrap();
        }
        p.clean_up();
        assert!(!root.path().join("new").exists(), "folders made by the run are removed");
        assert!(!old.join(".x.tmp").exists());
        assert_eq!(std::fs::read_to_string(old.join("report.json")).unwrap(), "earlier");
        assert!(p.temps.is_empty() && p.dirs.is_empty());
    }
}
