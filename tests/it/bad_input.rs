//! The bad-input suite: every file in `tests/bad_input/<suite>/` is a
//! malformed input, run through the real binary by each of its suite's
//! commands. Each must exit with code 2, print an error naming the file, the
//! expected fragments (field path, reason, line) and no panic, and write
//! nothing.
//!
//! A case states what is wrong and what the error must say on its first
//! line: `# <what is wrong> => <fragment>; <fragment>; @<line>`, where
//! `@N` means the error points at line N of the file (`<file>:N:`). A case
//! whose bytes cannot hold that line (an empty file, a directory, a file
//! that does not exist) has it in `<case>.expect` beside it; an `.expect`
//! with no case beside it is a file that does not exist. A case named
//! `unreadable_*` is made unreadable (mode 000) before it runs; that case is
//! skipped where permissions do not apply (running as root), with a note.
//!
//! A new kind of input (say CSV exports) adds a folder and a [`Suite`] with
//! its own commands; the runner is the same.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// One folder of cases and the commands each case is run through.
struct Suite {
    /// Folder under `tests/bad_input/`.
    folder: &'static str,
    /// Command lines; `{file}` is replaced by the case's file name. Each
    /// runs in a fresh temporary folder holding only the case.
    commands: &'static [&'static [&'static str]],
    /// Fewest cases the folder must hold.
    min_cases: usize,
}

/// Malformed scenario files, through `scenario check` and `simulate` (to
/// the default report folder and to `--out`).
const SCENARIOS: Suite = Suite {
    folder: "scenarios",
    commands: &[
        &["scenario", "check", "{file}"],
        &["simulate", "-n", "2", "--quiet", "{file}"],
        &["simulate", "-n", "2", "--quiet", "--no-plots", "{file}", "--out", "out"],
    ],
    min_cases: 60,
};

/// Malformed inquiries exports (`docs/actuals-format.md`), through `actuals
/// fit` (to a scenario file) and `actuals compare` (to a report folder),
/// against the built-in default scenario's window. A CSV's first line is its
/// header, so every case states its expectation in `<case>.expect`.
const CSV_EXPORTS: Suite = Suite {
    folder: "csv",
    commands: &[
        &["actuals", "fit", "--quiet", "--inquiries", "{file}", "--out", "calibrated.toml"],
        &["actuals", "compare", "-n", "2", "--quiet", "--no-plots", "--inquiries", "{file}", "--out", "out"],
    ],
    min_cases: 20,
};

/// The longest error a case may print: a value of megabytes is cut, not
/// echoed whole.
const MAX_ERROR_BYTES: usize = 2000;

/// What a case expects: the description and the fragments of the error.
struct Expect {
    what: String,
    fragments: Vec<String>,
}

fn parse_expect(case: &str, first_line: &str) -> Expect {
    let body =
        first_line.trim().strip_prefix('#').unwrap_or_else(|| panic!("{case}: first line must be `# ... => ...`"));
    let (what, fragments) = body.split_once("=>").unwrap_or_else(|| panic!("{case}: no `=>` in {first_line:?}"));
    let fragments: Vec<String> = fragments.split(';').map(|f| f.trim().to_string()).filter(|f| !f.is_empty()).collect();
    assert!(!fragments.is_empty(), "{case}: no expected fragment");
    Expect { what: what.trim().to_string(), fragments }
}

/// A case's name, its path in the source tree (`None`: a file that does not
/// exist) and its expectation.
fn cases(dir: &Path) -> Vec<(String, Option<PathBuf>, Expect)> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .map(|n| n.strip_suffix(".expect").map_or(n.clone(), str::to_string))
        .collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            let path = dir.join(&name);
            let sidecar = dir.join(format!("{name}.expect"));
            let first_line = if sidecar.exists() {
                std::fs::read_to_string(&sidecar).unwrap()
            } else {
                let bytes = std::fs::read(&path).unwrap();
                let end = bytes.iter().position(|&b| b == b'\n').unwrap_or(bytes.len());
                String::from_utf8_lossy(&bytes[..end]).into_owned()
            };
            let expect = parse_expect(&name, &first_line);
            (name, path.exists().then_some(path), expect)
        })
        .collect()
}

/// Places the case in a fresh folder as `name`; `false` when it cannot be
/// set up here (an unreadable file when permissions do not apply).
fn place(work: &Path, name: &str, source: Option<&Path>) -> bool {
    let dest = work.join(name);
    match source {
        None => {}
        Some(s) if s.is_dir() => std::fs::create_dir(&dest).unwrap(),
        Some(s) => {
            std::fs::copy(s, &dest).unwrap();
        }
    }
    if name.starts_with("unreadable") {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dest, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::File::open(&dest).is_ok() {
            eprintln!("{name}: skipped: permissions do not apply to this user (root), so the file stays readable");
            return false;
        }
    }
    true
}

/// What the folder holds, but the case itself.
fn written(work: &Path, name: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(work)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != name)
        .collect();
    out.sort();
    out
}

/// Runs every case of `suite` and returns how many ran; panics listing
/// every failure.
fn run_suite(suite: &Suite) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input").join(suite.folder);
    let all = cases(&dir);
    assert!(
        all.len() >= suite.min_cases,
        "{}: {} cases, expected at least {}",
        suite.folder,
        all.len(),
        suite.min_cases
    );
    let mut failures = Vec::new();
    let mut skipped = 0;
    for (name, source, expect) in &all {
        for command in suite.commands {
            let work = tempfile::tempdir().unwrap();
            if !place(work.path(), name, source.as_deref()) {
                skipped += 1;
                break;
            }
            let args: Vec<&str> = command.iter().map(|a| if *a == "{file}" { name.as_str() } else { a }).collect();
            let out = Command::cargo_bin("peakplan").unwrap().current_dir(work.path()).args(&args).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            let mut wrong = Vec::new();
            if out.status.code() != Some(2) {
                wrong.push(format!("exit code {:?}, not 2", out.status.code()));
            }
            if !err.contains(name.as_str()) {
                wrong.push("the error does not name the file".to_string());
            }
            if err.len() > MAX_ERROR_BYTES {
                wrong.push(format!("an error of {} bytes: long values must be cut", err.len()));
            }
            if err.contains("panicked") {
                wrong.push("it panicked".to_string());
            }
            for f in &expect.fragments {
                let needle = match f.strip_prefix('@') {
                    Some(line) => format!("{name}:{line}:"),
                    None => f.clone(),
                };
                if !err.contains(&needle) {
                    wrong.push(format!("no {needle:?} in the error"));
                }
            }
            let left = written(work.path(), name);
            if !left.is_empty() {
                wrong.push(format!("wrote {left:?}"));
            }
            if !wrong.is_empty() {
                failures.push(format!(
                    "{}/{name} ({}), `peakplan {}`: {}\n    stderr: {}",
                    suite.folder,
                    expect.what,
                    args.join(" "),
                    wrong.join("; "),
                    err.trim()
                ));
            }
        }
    }
    let ran = all.len() - skipped;
    assert!(failures.is_empty(), "{} of the bad-input runs failed:\n{}", failures.len(), failures.join("\n"));
    eprintln!(
        "{}: {ran} bad-input cases passed, each through {} commands; {skipped} skipped",
        suite.folder,
        suite.commands.len()
    );
    ran
}

#[test]
fn malformed_scenarios_exit_2_naming_file_place_and_reason_and_write_nothing() {
    run_suite(&SCENARIOS);
}

#[test]
fn malformed_csv_exports_exit_2_naming_file_line_column_and_reason_and_write_nothing() {
    run_suite(&CSV_EXPORTS);
}

#[test]
fn the_suites_hold_at_least_forty_cases_together() {
    let count = |s: &Suite| cases(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input").join(s.folder)).len();
    assert!(count(&SCENARIOS) + count(&CSV_EXPORTS) >= 40);
}
