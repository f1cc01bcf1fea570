//! Switching a folder from one result to the next as one step. The new
//! files are written beside the old ones under temporary names; then a
//! journal naming every rename (and every old file to remove) is put in
//! place by one rename: that is the moment the new result is committed.
//! The renames follow and the journal is removed. A run killed before the
//! journal is in place leaves the old result whole (and temporary files);
//! one killed after it leaves the journal, and the next run into the folder
//! finishes the switch from it before anything else. Either way the
//! temporary files a killed run left are removed by the next run, under the
//! folder's lock (so they cannot be another live run's).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The journal's name in the folder.
pub const JOURNAL: &str = ".peakplan-switch";

/// What one switch does, by paths relative to the folder (`/`-separated).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Switch {
    /// `(temporary file, final name)` pairs, renamed in order.
    pub rename: Vec<(String, String)>,
    /// Files of the earlier result that the new one does not have.
    pub remove: Vec<String>,
}

/// The temporary name of `file_name` written by this process:
/// `.<file_name>.tmp-<pid>`.
pub fn temp_name(file_name: &str) -> String {
    format!(".{file_name}.tmp-{}", std::process::id())
}

/// Whether `name` is a temporary file name of a peakplan run
/// (`.<name>.tmp-<pid>`).
pub fn is_temp(name: &str) -> bool {
    name.starts_with('.')
        && name.rsplit_once(".tmp-").is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether `name` is one of the files peakplan keeps in a folder for its
/// own use (a journal or a temporary file), not a result.
pub fn is_own(name: &str) -> bool {
    name == JOURNAL || name == super::lock::LOCK_FILE || is_temp(name)
}

/// Flushes the folder's entries (the renames) to disk, where the system
/// allows it.
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Carries out `s` in `dir`: journal first, then the renames and removals,
/// then the journal is removed. A missing temporary file is one renamed
/// already (by an earlier attempt), an old file missing one removed.
fn apply(dir: &Path, s: &Switch) -> io::Result<()> {
    for (tmp, target) in &s.rename {
        match fs::rename(dir.join(tmp), dir.join(target)) {
            Err(e) if e.kind() == io::ErrorKind::NotFound && dir.join(target).exists() => {}
            other => other?,
        }
    }
    for old in &s.remove {
        match fs::remove_file(dir.join(old)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    sync_dir(dir);
    fs::remove_file(dir.join(JOURNAL))?;
    sync_dir(dir);
    Ok(())
}

/// Switches `dir` to the new result: writes the journal (by one rename),
/// then applies it. An error after the journal is in place leaves it for
/// [`recover`].
pub fn switch(dir: &Path, s: &Switch) -> io::Result<()> {
    let text = serde_json::to_vec(s).map_err(io::Error::other)?;
    let tmp = dir.join(temp_name(JOURNAL));
    let mut f = fs::File::create(&tmp)?;
    io::Write::write_all(&mut f, &text)?;
    f.sync_all()?;
    fs::rename(&tmp, dir.join(JOURNAL))?;
    apply(dir, s)
}

/// Whether a journal's path is a plain relative one (a journal that names
/// `..` or an absolute path is not followed).
fn inside(name: &str) -> bool {
    let p = Path::new(name);
    !name.is_empty() && p.components().all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// What [`recover`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recovered {
    /// A switch a killed run had committed was finished.
    pub finished_switch: bool,
    /// Temporary files removed.
    pub removed_temps: Vec<PathBuf>,
}

/// Finishes the switch a killed run left in `dir` (its journal), then
/// removes the temporary files left in `dir` and its sub-folders. Only
/// while holding the folder's lock: no live run is writing there then.
pub fn recover(dir: &Path) -> io::Result<Recovered> {
    let mut done = Recovered::default();
    let journal = dir.join(JOURNAL);
    if journal.is_file() {
        let s: Switch = serde_json::from_slice(&fs::read(&journal)?).map_err(|e| {
            io::Error::new(io::ErrorKind::InvalidData, format!("{}: not a peakplan journal: {e}", journal.display()))
        })?;
        let names = s.rename.iter().flat_map(|(a, b)| [a, b]).chain(&s.remove);
        if names.into_iter().all(|n| inside(n)) {
            apply(dir, &s)?;
            done.finished_switch = true;
        }
    }
    for folder in std::iter::once(dir.to_path_buf()).chain(sub_folders(dir)) {
        for entry in fs::read_dir(&folder)?.flatten() {
            if is_temp(&entry.file_name().to_string_lossy()) && entry.path().is_file() {
                fs::remove_file(entry.path())?;
                done.removed_temps.push(entry.path());
            }
        }
    }
    Ok(done)
}

/// The folders directly inside `dir` (where results keep `plots/`).
fn sub_folders(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    entries.flatten().map(|e| e.path()).filter(|p| p.is_dir() && !p.is_symlink()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised() {
        assert!(is_temp(&temp_name("kpis.csv")));
        assert!(is_temp(".queue.svg.tmp-12") && is_own(JOURNAL));
        for not in ["kpis.csv", ".tmp-", "x.tmp-12", ".a.tmp-", ".a.tmp-1x", ".hidden"] {
            assert!(!is_temp(not), "{not}");
        }
    }

    #[test]
    fn a_switch_killed_after_its_journal_is_finished_by_recover() {
        let root = tempfile::tempdir().unwrap();
        let d = root.path();
        fs::create_dir(d.join("plots")).unwrap();
        for (name, text) in [("a.csv", "old a"), ("b.csv", "old b"), ("plots/q.svg", "old q"), ("notes.txt", "mine")] {
            fs::write(d.join(name), text).unwrap();
        }
        // The new a.csv is in place, b.csv not yet; q.svg is to go.
        fs::write(d.join("a.csv"), "new a").unwrap();
        fs::write(d.join(".b.csv.tmp-77"), "new b").unwrap();
        fs::write(d.join("plots/.stale.svg.tmp-78"), "half").unwrap();
        let s = Switch {
            rename: vec![(".a.csv.tmp-77".into(), "a.csv".into()), (".b.csv.tmp-77".into(), "b.csv".into())],
            remove: vec!["plots/q.svg".into()],
        };
        fs::write(d.join(JOURNAL), serde_json::to_vec(&s).unwrap()).unwrap();
        let done = recover(d).unwrap();
        assert!(done.finished_switch);
        assert_eq!(done.removed_temps, vec![d.join("plots/.stale.svg.tmp-78")]);
        assert_eq!(fs::read_to_string(d.join("a.csv")).unwrap(), "new a");
        assert_eq!(fs::read_to_string(d.join("b.csv")).unwrap(), "new b");
        assert_eq!(fs::read_to_string(d.join("notes.txt")).unwrap(), "mine");
        assert!(!d.join("plots/q.svg").exists() && !d.join(JOURNAL).exists());
        assert_eq!(recover(d).unwrap(), Recovered::default(), "nothing left to do");
    }
}
