//! Golden outputs: for a fixed seed, the JSON, CSV, text and HTML output of
//! `simulate` (every shipped scenario), `size` (few replications),
//! `compare` (three scenarios, and a sweep) and `actuals compare` (the
//! shipped `examples/actuals` export) are compared byte for byte with the
//! files kept under `tests/golden/<case>/`: standard output as `stdout.txt`,
//! every file the command writes into its `--out` folder under its own name.
//!
//! The binary runs in the project folder with relative input paths, so that
//! the paths the outputs quote are the same on every machine. The only part
//! normalised is the temporary `--out` folder, written `<OUT>` wherever it
//! appears (no output quotes it today); nothing else in these outputs
//! depends on the clock or the machine (charts are skipped with `--no-plots`,
//! and results do not depend on the thread count).
//!
//! A change that alters these outputs on purpose regenerates them in the
//! same commit and says why in its message:
//!
//! ```sh
//! PEAKPLAN_BLESS=1 cargo test --test it golden
//! ```

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// One command whose output is kept.
struct Case {
    /// Folder under `tests/golden/`.
    name: &'static str,
    /// Arguments after `peakplan`; `--out <temporary folder>` is appended.
    args: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "simulate-double11",
        args: &["simulate", "scenarios/double11.toml", "-n", "3", "--seed", "7", "--no-plots"],
    },
    Case {
        name: "simulate-double11-json",
        args: &["simulate", "-n", "3", "--seed", "11", "--no-plots", "--format", "json", "--lang", "zh"],
    },
    Case {
        name: "simulate-double11-lean",
        args: &["simulate", "scenarios/double11-lean.toml", "-n", "3", "--seed", "7", "--no-plots"],
    },
    Case {
        name: "simulate-double11-temps",
        args: &["simulate", "scenarios/double11-temps.toml", "-n", "3", "--seed", "7", "--no-plots"],
    },
    Case {
        name: "simulate-large-brand",
        args: &["simulate", "scenarios/large-brand.toml", "-n", "2", "--seed", "7", "--no-plots"],
    },
    Case {
        name: "size-double11",
        args: &[
            "size",
            "scenarios/double11.toml",
            "--seed",
            "7",
            "--search-replications",
            "10",
            "--verify-replications",
            "10",
            "--sensitivity-replications",
            "10",
            "--no-plots",
        ],
    },
    Case {
        name: "compare-three",
        args: &[
            "compare",
            "scenarios/double11.toml",
            "scenarios/double11-lean.toml",
            "scenarios/double11-temps.toml",
            "-n",
            "3",
            "--seed",
            "7",
            "--no-plots",
        ],
    },
    Case {
        name: "compare-three-csv",
        args: &[
            "compare",
            "scenarios/double11.toml",
            "scenarios/double11-temps.toml",
            "-n",
            "3",
            "--seed",
            "5",
            "--no-plots",
            "--format",
            "csv",
        ],
    },
    Case {
        name: "compare-sweep",
        args: &[
            "compare",
            "scenarios/double11.toml",
            "--sweep",
            "0.9:1.1:0.1",
            "-n",
            "3",
            "--seed",
            "7",
            "--no-plots",
            "--format",
            "json",
        ],
    },
    Case {
        name: "actuals-compare",
        args: &[
            "actuals",
            "compare",
            "--inquiries",
            "examples/actuals/inquiries.csv",
            "--orders",
            "examples/actuals/orders.csv",
            "--shipments",
            "examples/actuals/shipments.csv",
            "--scenario",
            "scenarios/double11.toml",
            "-n",
            "3",
            "--seed",
            "7",
            "--no-plots",
        ],
    },
    Case {
        name: "actuals-compare-json",
        args: &[
            "actuals",
            "compare",
            "--inquiries",
            "examples/actuals/inquiries.csv",
            "-n",
            "3",
            "--seed",
            "7",
            "--no-plots",
            "--format",
            "json",
        ],
    },
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `case` and returns its outputs: `stdout.txt` and the files of its
/// `--out` folder, by name, the temporary folder written `<OUT>`.
fn outputs(case: &Case) -> Vec<(String, Vec<u8>)> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = Command::cargo_bin("peakplan")
        .unwrap()
        .current_dir(root())
        .args(case.args)
        .args(["--threads", "2", "--quiet", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}: {}", case.name, String::from_utf8_lossy(&run.stderr));
    let normalise = |bytes: Vec<u8>| -> Vec<u8> {
        match String::from_utf8(bytes) {
            Ok(text) => without_font(&text.replace(out.to_str().unwrap(), "<OUT>")).into_bytes(),
            Err(e) => e.into_bytes(),
        }
    };
    let mut files = vec![("stdout.txt".to_string(), normalise(run.stdout))];
    let mut names: Vec<PathBuf> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for path in names {
        assert!(path.is_file(), "{}: unexpected folder {}", case.name, path.display());
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        // The long form repeats kpis.csv and per_period.csv cell by cell
        // (checked by report::long_csv_holds_the_wide_values): not kept.
        if name == "kpis_long.csv" {
            continue;
        }
        files.push((name, normalise(std::fs::read(&path).unwrap())));
    }
    files
}

/// `text` with the font a Chinese page embeds (two megabytes of base64,
/// the bundled font file itself) written `<FONT>`.
fn without_font(text: &str) -> String {
    const START: &str = "url(data:font/otf;base64,";
    match text.find(START) {
        Some(i) => {
            let from = i + START.len();
            let end = text[from..].find(')').map_or(text.len(), |j| from + j);
            format!("{}<FONT>{}", &text[..from], &text[end..])
        }
        None => text.to_string(),
    }
}

/// Writes `files` as the golden outputs of `case`, replacing the old ones.
fn bless(case: &Case, files: &[(String, Vec<u8>)]) {
    let dir = root().join("tests/golden").join(case.name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// The first line where `got` and `want` differ, for the failure message.
fn first_difference(got: &[u8], want: &[u8]) -> String {
    let (got, want) = (String::from_utf8_lossy(got), String::from_utf8_lossy(want));
    let mut lines = got.lines().zip(want.lines()).enumerate();
    match lines.find(|(_, (g, w))| g != w) {
        Some((i, (g, w))) => format!("line {}:\n  got:  {g}\n  want: {w}", i + 1),
        None => format!("lengths differ: {} lines got, {} lines kept", got.lines().count(), want.lines().count()),
    }
}

/// The differences between `case`'s outputs and its kept files, empty when
/// identical.
fn check(case: &Case, files: &[(String, Vec<u8>)]) -> Vec<String> {
    let dir = root().join("tests/golden").join(case.name);
    let mut problems = Vec::new();
    let mut kept: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    kept.sort();
    let written: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    let mut sorted = written.clone();
    sorted.sort();
    if sorted != kept {
        problems.push(format!("{}: files written {sorted:?}, kept {kept:?}", case.name));
    }
    for (name, bytes) in files {
        if let Ok(want) = std::fs::read(dir.join(name)) {
            if &want != bytes {
                problems.push(format!("{}/{name} differs at {}", case.name, first_difference(bytes, &want)));
            }
        }
    }
    problems
}

#[test]
fn golden_outputs_are_unchanged() {
    let blessing = std::env::var_os("PEAKPLAN_BLESS").is_some_and(|v| v == "1");
    let mut problems = Vec::new();
    for case in CASES {
        let files = outputs(case);
        if blessing {
            bless(case, &files);
        } else {
            problems.extend(check(case, &files));
        }
    }
    assert!(
        problems.is_empty(),
        "outputs differ from tests/golden/ (if on purpose: PEAKPLAN_BLESS=1 cargo test --test it golden, \
         and say why in the commit):\n{}",
        problems.join("\n")
    );
}
