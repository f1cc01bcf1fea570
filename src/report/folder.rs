//! Where a run's files go by default: `reports/<scenario>/<run>/`, a new
//! folder for every run. The scenario name is reduced to characters safe in
//! a path, and a run folder that exists already is never reused: the run
//! takes `<run>-2`, `<run>-3`, ... instead. Claiming a folder is one
//! `create_dir`, so two runs started at once never share one.

use std::io;
use std::path::{Path, PathBuf};

/// The default parent of all report folders, relative to the working folder.
pub const REPORTS_DIR: &str = "reports";

/// Longest folder name kept from a scenario name [characters].
const MAX_NAME: usize = 64;

/// Most `-N` suffixes tried before giving up.
const MAX_SUFFIX: u32 = 10_000;

/// `name` as a single safe path segment: only `A-Z a-z 0-9 . _ -`, every
/// run of other characters replaced by one `_`, never two dots in a row nor
/// a leading or trailing dot (so neither `.` nor `..` nor a hidden folder),
/// at most 64 characters, and `scenario` when nothing is left.
pub fn sanitize(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c == '.' {
            if !out.is_empty() && !out.ends_with('.') {
                out.push('.');
            }
        } else if c.is_ascii_alphanumeric() || matches!(c, '_' | '-') {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let out: String = out.chars().take(MAX_NAME).collect();
    let out = out.trim_end_matches('.');
    if out.trim_matches('_').is_empty() {
        "scenario".into()
    } else {
        out.to_string()
    }
}

/// The run folder name of a `simulate` run: `seed<seed>-n<replications>`.
pub fn run_id(seed: u64, replications: u64) -> String {
    format!("seed{seed}-n{replications}")
}

/// Creates and returns a new folder `<parent>/<scenario>/<id>` (scenario
/// sanitised), or `<id>-2`, `<id>-3`, ... when taken; never an existing one.
pub fn claim_run_folder(parent: &Path, scenario: &str, id: &str) -> io::Result<PathBuf> {
    let base = parent.join(sanitize(scenario));
    super::interrupt::create_dirs(&base)?;
    let id = sanitize(id);
    for k in 1..=MAX_SUFFIX {
        let dir = if k == 1 { base.join(&id) } else { base.join(format!("{id}-{k}")) };
        match std::fs::create_dir(&dir) {
            Ok(()) => {
                // Removed again if the run is interrupted before its files
                // are in place.
                super::interrupt::track_dir(&dir);
                return Ok(dir);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{} holds {MAX_SUFFIX} runs named {id}; remove some or pass --out", base.display()),
    ))
}

/// Refuses an explicit output folder that exists and is not empty, unless
/// `force`: a folder that holds anything may hold an earlier result. Also
/// refuses a path that is a file. Checked before a run starts, so that no
/// run is wasted on a refused folder.
pub fn check_out(dir: &Path, force: bool) -> Result<(), String> {
    if dir.exists() && !dir.is_dir() {
        return Err(format!("{} is a file, not a folder; choose another --out folder", dir.display()));
    }
    // What killed runs left (temporary files, a journal) is not a result:
    // the next run into the folder clears it.
    let used = std::fs::read_dir(dir)
        .map(|d| d.flatten().any(|e| !super::switch::is_own(&e.file_name().to_string_lossy())))
        .unwrap_or(false);
    if used && !force {
        return Err(format!(
            "{} already exists and is not empty; choose another --out folder, or pass --force to replace the \
             files this run writes there",
            dir.display()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_safe_path_segments() {
        assert_eq!(sanitize("double11-default"), "double11-default");
        assert_eq!(sanitize("../../etc/passwd"), "_._etc_passwd");
        assert_eq!(sanitize(".."), "scenario");
        assert_eq!(sanitize("."), "scenario");
        assert_eq!(sanitize(""), "scenario");
        assert_eq!(sanitize("双十一"), "scenario");
        assert_eq!(sanitize("店铺 A/B 双十一"), "_A_B_");
        assert_eq!(sanitize(".hidden"), "hidden");
        assert_eq!(sanitize("<script>alert(1)</script>"), "_script_alert_1_script_");
        assert_eq!(sanitize(&"x".repeat(100)).len(), 64);
        for s in ["a/../b", "..\\..", "a\0b", "C:\\x", "a....b.", "a/b", "../../etc", "...", "/", "店铺/../../x"] {
            let out = sanitize(s);
            assert!(!out.contains(['/', '\\', '\0']) && !out.contains("..") && !out.starts_with('.'), "{s:?} -> {out}");
        }
    }

    #[test]
    fn a_taken_run_folder_is_never_reused() {
        let parent = std::env::temp_dir().join(format!("peakplan-folder-test-{}", std::process::id()));
        let a = claim_run_folder(&parent, "my shop", "seed1-n5").unwrap();
        let b = claim_run_folder(&parent, "my shop", "seed1-n5").unwrap();
        let c = claim_run_folder(&parent, "my shop", "seed1-n5").unwrap();
        for name in ["../../etc", "a/b", "C:\\x", "", "..", &"长".repeat(300), "/abs"] {
            let d = claim_run_folder(&parent, name, "seed1-n5").unwrap();
            assert_eq!(d.parent().unwrap().parent().unwrap(), parent, "{name:?} -> {}", d.display());
        }
        assert_eq!(a, parent.join("my_shop/seed1-n5"));
        assert_eq!(b, parent.join("my_shop/seed1-n5-2"));
        assert_eq!(c, parent.join("my_shop/seed1-n5-3"));
        std::fs::remove_dir_all(&parent).unwrap();
    }
}
