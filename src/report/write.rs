//! Writing output files safely: each file goes to a temporary name in the
//! same folder and is renamed into place, so a file is complete or absent;
//! an existing file is never replaced unless asked.

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

/// Writes every `(file name, contents)` into `dir` (created if needed). With
/// `force` false, nothing is written if any of the files exists already.
pub fn write_all(dir: &Path, files: &[(&str, String)], force: bool) -> Result<Vec<PathBuf>, WriteError> {
    let targets: Vec<PathBuf> = files.iter().map(|(name, _)| dir.join(name)).collect();
    if !force {
        if let Some(existing) = targets.iter().find(|p| p.exists()) {
            return Err(WriteError::Exists(existing.clone()));
        }
    }
    fs::create_dir_all(dir).map_err(|e| WriteError::Io(dir.to_path_buf(), e))?;
    let mut temps = Vec::new();
    for ((name, contents), target) in files.iter().zip(&targets) {
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let written = fs::File::create(&tmp).and_then(|mut f| {
            f.write_all(contents.as_bytes())?;
            f.sync_all()
        });
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            temps.iter().for_each(|(t, _): &(PathBuf, &PathBuf)| drop(fs::remove_file(t)));
            return Err(WriteError::Io(target.clone(), e));
        }
        temps.push((tmp, target));
    }
    for (tmp, target) in &temps {
        fs::rename(tmp, target).map_err(|e| WriteError::Io((*target).clone(), e))?;
    }
    Ok(targets)
}
