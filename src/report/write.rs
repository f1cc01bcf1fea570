//! Writing output files safely: each file goes to a temporary name in the
//! folder it belongs to and is renamed into place only when every file has
//! been written, so a file is complete or absent; an existing file is never
//! replaced unless asked.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A file exists and overwriting was not asked for.
    #[error("{0} already exists; choose another --out folder or pass --force to replace it")]
    Exists(PathBuf),
    /// The file system refused.
    #[error("cannot write {0}: {1}")]
    Io(PathBuf, std::io::Error),
}

/// Writes every `(relative path, contents)` into `dir`; `dir` and the
/// subfolders named in the paths (`plots/queue.svg`) are created if needed.
/// With `force` false, nothing is written if any of the files exists already.
pub fn write_all<N: AsRef<str>, C: AsRef<[u8]>>(
    dir: &Path,
    files: &[(N, C)],
    force: bool,
) -> Result<Vec<PathBuf>, WriteError> {
    let targets: Vec<PathBuf> = files.iter().map(|(name, _)| dir.join(name.as_ref())).collect();
    if !force {
        if let Some(existing) = targets.iter().find(|p| p.exists()) {
            return Err(WriteError::Exists(existing.clone()));
        }
    }
    let mut temps: Vec<(PathBuf, &PathBuf)> = Vec::new();
    let remove_temps = |temps: &[(PathBuf, &PathBuf)]| temps.iter().for_each(|(t, _)| drop(fs::remove_file(t)));
    for ((_, contents), target) in files.iter().zip(&targets) {
        let folder = target.parent().unwrap_or(dir);
        let file_name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = folder.join(format!(".{file_name}.tmp-{}", std::process::id()));
        let written = fs::create_dir_all(folder).and_then(|()| {
            let mut f = fs::File::create(&tmp)?;
            f.write_all(contents.as_ref())?;
            f.sync_all()
        });
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            remove_temps(&temps);
            return Err(WriteError::Io(target.clone(), e));
        }
        temps.push((tmp, target));
    }
    for (i, (tmp, target)) in temps.iter().enumerate() {
        if let Err(e) = fs::rename(tmp, target) {
            remove_temps(&temps[i..]);
            return Err(WriteError::Io((*target).clone(), e));
        }
    }
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
}
