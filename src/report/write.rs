//! Writing output files safely: each file goes to a temporary name in the
//! folder it belongs to and is renamed into place only when every file has
//! been written, so a file is complete or absent; an existing file is never
//! replaced unless asked.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use super::interrupt;

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

/// Writes every `(relative path, contents)` into `dir`; `dir` and the
/// subfolders named in the paths (`plots/queue.svg`) are created if needed.
/// With `force` false, nothing is written if any of the files exists
/// already. A name that would leave `dir` is refused before anything is
/// written. The renames into place run inside [`interrupt::commit`], so an
/// interruption leaves all the files or none; a failure removes the
/// temporary files and the folders this call created.
pub fn write_all<N: AsRef<str>, C: AsRef<[u8]>>(
    dir: &Path,
    files: &[(N, C)],
    force: bool,
) -> Result<Vec<PathBuf>, WriteError> {
    if let Some((bad, _)) = files.iter().find(|(name, _)| !safe_name(name.as_ref())) {
        return Err(WriteError::UnsafeName(bad.as_ref().to_string()));
    }
    let targets: Vec<PathBuf> = files.iter().map(|(name, _)| dir.join(name.as_ref())).collect();
    if !force {
        if let Some(existing) = targets.iter().find(|p| p.exists()) {
            return Err(WriteError::Exists(existing.clone()));
        }
    }
    let mut made: Vec<PathBuf> = Vec::new();
    let mut temps: Vec<PathBuf> = Vec::new();
    let fail = |made: &[PathBuf], temps: &[PathBuf], target: &Path, e: std::io::Error| {
        temps.iter().for_each(|t| drop(fs::remove_file(t)));
        interrupt::untrack_temps(temps);
        interrupt::remove_dirs(made);
        WriteError::Io(target.to_path_buf(), e)
    };
    for ((_, contents), target) in files.iter().zip(&targets) {
        let folder = target.parent().unwrap_or(dir);
        let file_name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = folder.join(format!(".{file_name}.tmp-{}", std::process::id()));
        match interrupt::create_dirs(folder) {
            Ok(m) => made.extend(m),
            Err(e) => return Err(fail(&made, &temps, target, e)),
        }
        interrupt::track_temp(&tmp);
        temps.push(tmp.clone());
        let written = fs::File::create(&tmp).and_then(|mut f| {
            f.write_all(contents.as_ref())?;
            f.sync_all()
        });
        if let Err(e) = written {
            return Err(fail(&made, &temps, target, e));
        }
    }
    let renamed = interrupt::commit(|| {
        for (i, (tmp, target)) in temps.iter().zip(&targets).enumerate() {
            fs::rename(tmp, target).map_err(|e| (i, e))?;
        }
        Ok(())
    });
    if let Err((i, e)) = renamed {
        return Err(fail(&made, &temps[i..], &targets[i], e));
    }
    interrupt::untrack_temps(&temps);
    interrupt::keep_dirs(dir);
    Ok(targets)
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
