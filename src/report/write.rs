//! Writing output files safely: a run holds its folder (created, locked,
//! checked writable) before its work; each file goes to a temporary name in
//! the folder it belongs to, and the result is switched into place only
//! when every file has been written ([`super::switch`]), so the folder
//! holds the earlier result or the new one, whole; an existing file is
//! never replaced unless asked.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use super::interrupt;
use super::lock::{FolderLock, LockError};
use super::switch::{self, Switch};

/// Why output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A file exists and overwriting was not asked for.
    #[error("{0} already exists; choose another --out folder or pass --force to replace it")]
    Exists(PathBuf),
    /// A file name would leave the folder (`..`, an absolute path) or is
    /// empty.
    #[error("refusing to write `{0}`: a report file must stay inside its folder")]
    UnsafeName(String),
    /// Another run holds the folder, or it cannot be locked.
    #[error(transparent)]
    Lock(#[from] LockError),
    /// The folder cannot be written (checked before the work).
    #[error("cannot write into {0}: {1}; choose another --out folder")]
    NotWritable(PathBuf, std::io::Error),
    /// The file system refused.
    #[error("cannot write {0}: {1}")]
    Io(PathBuf, std::io::Error),
}

/// Whether `name` is a relative path of plain names (`plots/queue.svg`):
/// no `..`, `.`, root, drive or empty part, and no backslash.
fn safe_name(name: &str) -> bool {
    let path = Path::new(name);
    !name.is_empty()
        && !name.contains('\\')
        && path.components().all(|c| matches!(c, Component::Normal(_)))
        && name.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
}

/// An output folder held for one run: created if missing, locked against
/// other runs, cleared of what killed runs left, and known to be writable,
/// all before the run's work. Dropped without a result written, it removes
/// the folders it created (when empty).
#[derive(Debug)]
pub struct Folder {
    dir: PathBuf,
    /// Folders created for it, outermost first.
    made: Vec<PathBuf>,
    _lock: FolderLock,
}

impl Folder {
    /// Opens `dir` for writing: creates it and its missing parents, takes
    /// its lock (another run holding it is an error, at once), finishes a
    /// switch a killed run committed and removes its temporary files, and
    /// checks that a file can be created there.
    pub fn open(dir: &Path) -> Result<Self, WriteError> {
        let made = interrupt::create_dirs(dir).map_err(|e| WriteError::NotWritable(dir.to_path_buf(), e))?;
        Self::hold(dir, made, false)
    }

    /// [`Folder::open`], waiting for another run that holds the folder
    /// instead of refusing: for a write of a moment (one file).
    pub fn open_waiting(dir: &Path) -> Result<Self, WriteError> {
        let made = interrupt::create_dirs(dir).map_err(|e| WriteError::NotWritable(dir.to_path_buf(), e))?;
        Self::hold(dir, made, true)
    }

    /// Holds `dir`, which exists; `made` are the folders created for it;
    /// `wait` for another run that holds it, or refuse.
    pub fn hold(dir: &Path, made: Vec<PathBuf>, wait: bool) -> Result<Self, WriteError> {
        let lock = match FolderLock::acquire(dir, wait) {
            Ok(lock) => lock,
            Err(e) => {
                // A run that holds the folder owns it now, even one that
                // found it made by this run: it is not this run's to remove.
                match e {
                    LockError::Busy(_) => interrupt::keep_dirs(dir),
                    _ => interrupt::remove_dirs(&made),
                }
                return Err(e.into());
            }
        };
        let folder = Self { dir: dir.to_path_buf(), made, _lock: lock };
        switch::recover(dir).map_err(|e| WriteError::NotWritable(dir.to_path_buf(), e))?;
        let probe = dir.join(switch::temp_name("peakplan-probe"));
        interrupt::create_temp(&probe).map_err(|e| WriteError::NotWritable(dir.to_path_buf(), e))?;
        let _ = fs::remove_file(&probe);
        interrupt::untrack_temps(&[probe]);
        Ok(folder)
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes every `(relative path, contents)` into the folder (creating
    /// the subfolders named, `plots/queue.svg`) and removes the files named
    /// in `stale` (an earlier result's files the new one does not have), as
    /// one switch: until it is committed the earlier files are untouched,
    /// after it the folder holds the new result whole (see [`switch`]).
    /// With `force` false nothing is written if any of the files exists. A
    /// name that would leave the folder is refused before anything is
    /// written.
    pub fn write<N: AsRef<str>, C: AsRef<[u8]>>(
        mut self,
        files: &[(N, C)],
        stale: &[String],
        force: bool,
    ) -> Result<Vec<PathBuf>, WriteError> {
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_ref()).collect();
        if let Some(bad) = names.iter().copied().chain(stale.iter().map(String::as_str)).find(|n| !safe_name(n)) {
            return Err(WriteError::UnsafeName(bad.to_string()));
        }
        let targets: Vec<PathBuf> = names.iter().map(|n| self.dir.join(n)).collect();
        if !force {
            if let Some(existing) = targets.iter().find(|p| p.exists()) {
                return Err(WriteError::Exists(existing.clone()));
            }
        }
        let mut plan = Switch { rename: Vec::new(), remove: stale.to_vec() };
        let mut temps = Vec::new();
        let written = self.write_temps(files, &mut plan, &mut temps);
        let switched = written.and_then(|()| {
            interrupt::commit(|| switch::switch(&self.dir, &plan)).map_err(|e| WriteError::Io(self.dir.clone(), e))
        });
        if let Err(e) = switched {
            if !self.dir.join(switch::JOURNAL).exists() {
                temps.iter().for_each(|t| drop(fs::remove_file(t)));
            }
            interrupt::untrack_temps(&temps);
            return Err(e);
        }
        interrupt::untrack_temps(&temps);
        interrupt::keep_dirs(&self.dir);
        self.made.clear();
        Ok(targets)
    }

    /// Writes each file's contents to its temporary name, recording the
    /// renames in `plan` and the temporary files in `temps`.
    fn write_temps<N: AsRef<str>, C: AsRef<[u8]>>(
        &mut self,
        files: &[(N, C)],
        plan: &mut Switch,
        temps: &mut Vec<PathBuf>,
    ) -> Result<(), WriteError> {
        for (name, contents) in files {
            let name = name.as_ref();
            let (folder, file_name) = name.rsplit_once('/').map_or(("", name), |(f, n)| (f, n));
            let tmp_rel = if folder.is_empty() {
                switch::temp_name(file_name)
            } else {
                format!("{folder}/{}", switch::temp_name(file_name))
            };
            let target = self.dir.join(name);
            let made = interrupt::create_dirs(&self.dir.join(folder)).map_err(|e| WriteError::Io(target.clone(), e))?;
            self.made.extend(made);
            let tmp = self.dir.join(&tmp_rel);
            let mut f = interrupt::create_temp(&tmp).map_err(|e| WriteError::Io(target.clone(), e))?;
            temps.push(tmp);
            f.write_all(contents.as_ref()).and_then(|()| f.sync_all()).map_err(|e| WriteError::Io(target, e))?;
            plan.rename.push((tmp_rel, name.to_string()));
        }
        Ok(())
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        interrupt::remove_dirs(&self.made);
    }
}

/// Writes every `(relative path, contents)` into `dir`
/// ([`Folder::open_waiting`], then [`Folder::write`]): `dir` and the
/// subfolders named in the paths are created if needed; with `force` false,
/// nothing is written if any of the files exists already. An interruption
/// or a failure leaves all the files or none.
pub fn write_all<N: AsRef<str>, C: AsRef<[u8]>>(
    dir: &Path,
    files: &[(N, C)],
    force: bool,
) -> Result<Vec<PathBuf>, WriteError> {
    if let Some((bad, _)) = files.iter().find(|(name, _)| !safe_name(name.as_ref())) {
        return Err(WriteError::UnsafeName(bad.as_ref().to_string()));
    }
    Folder::open_waiting(dir)?.write(files, &[], force)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_text_and_bytes_into_subfolders_and_refuses_to_overwrite() {
        let dir = std::env::temp_dir().join(format!("peakplan-write-test-{}", std::process::id()));
        let files: Vec<(&str, Vec<u8>)> = vec![("a.txt", b"text".to_vec()), ("plots/b.png", vec![0, 159, 255])];
        let written = write_all(&dir, &files, false).unwrap();
        assert_eq!(fs::read(&written[1]).unwrap(), vec![0, 159, 255]);
        assert!(matches!(write_all(&dir, &files, false), Err(WriteError::Exists(_))));
        write_all(&dir, &[("a.txt", "new")], true).unwrap();
        assert_eq!(fs::read_to_string(dir.join("a.txt")).unwrap(), "new");
        let leftovers = fs::read_dir(dir.join("plots")).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn names_that_would_leave_the_folder_are_refused_before_writing() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        for bad in ["../escape.txt", "/etc/x", "a/../../b", "plots/../../x", "", ".", "a//b", "C:\\x", "..\\x"] {
            let files = [("ok.txt", "fine"), (bad, "bad")];
            assert!(matches!(write_all(&dir, &files, true), Err(WriteError::UnsafeName(_))), "{bad:?}");
        }
        assert!(!dir.exists(), "nothing written");
        assert_eq!(fs::read_dir(root.path()).unwrap().count(), 0);
    }
}
