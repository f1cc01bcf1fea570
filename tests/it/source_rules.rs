//! Rules on the source itself: figure names are written only in the
//! catalogue (`src/figures.rs`).

use peakplan::figures::ALL;
use std::path::{Path, PathBuf};

/// Strings equal to a figure's name that are not figures: column names of
/// the actuals exports, keys of the scenario file and of `peakplan erlang`'s
/// output, words in error messages. `(file under src/, the string)`.
const NOT_FIGURES: &[(&str, &str)] = &[
    ("actuals/inquiries.rs", "deflected"),
    ("actuals/inquiries.rs", "abandoned"),
    ("cli/actuals/export_csv.rs", "deflected"),
    ("cli/actuals/export_csv.rs", "abandoned"),
    ("cli/erlang.rs", "service_level"),
    ("cli/erlang.rs", "abandon_share"),
    ("cli/erlang.rs", "occupancy"),
    ("scenario/validate.rs", "service_level"),
    ("scenario/validate_classes.rs", "service_level"),
    ("scenario/validate_dispatch.rs", "pickups"),
    ("scenario/validate_limits.rs", "inquiries"),
    ("scenario/validate_plan.rs", "prepack_material_cny"),
];

/// Every `.rs` file under `dir`.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The contents of the plain string literals `"..."` of Rust source
/// `text`, with their line numbers; comments, character literals and raw
/// strings are skipped.
fn string_literals(text: &str) -> Vec<(usize, String)> {
    let (mut out, mut line) = (Vec::new(), 1);
    let mut chars = text.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                        break;
                    }
                }
            }
            // A character literal ('"', '\'') or a lifetime ('a).
            '\'' => {
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with('\\') {
                    chars.nth(2);
                } else if rest.chars().nth(1) == Some('\'') {
                    chars.nth(1);
                }
            }
            // A raw string: skipped to its end (`"` or `"#`).
            '"' if prev == 'r' || prev == '#' => {
                let hashes = prev == '#';
                while let Some(c) = chars.next() {
                    line += usize::from(c == '\n');
                    if c == '"' && (!hashes || chars.peek() == Some(&'#')) {
                        break;
                    }
                }
            }
            '"' => {
                let (mut s, start) = (String::new(), line);
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                            s.push('\\');
                        }
                        '"' => break,
                        '\n' => {
                            line += 1;
                            s.push(c);
                        }
                        _ => s.push(c),
                    }
                }
                out.push((start, s));
            }
            _ => {}
        }
        prev = c;
    }
    out
}

#[test]
fn the_literal_scanner_sees_strings_not_comments() {
    let text = "let a = \"x\"; // \"y\"\nlet c = '\"'; let b = \"q\\\"z\"; fn f<'a>() {}\nlet r = r\"raw\";";
    let got: Vec<(usize, String)> = string_literals(text);
    assert_eq!(got, vec![(1, "x".to_string()), (2, "q\\z".to_string())]);
}

#[test]
fn figure_names_are_written_only_in_the_catalogue() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for path in rust_files(&src) {
        let rel = path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        if rel == "figures.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (line, s) in string_literals(&text) {
            let allowed = NOT_FIGURES.contains(&(rel.as_str(), s.as_str()));
            if !allowed && (ALL.iter().any(|f| f.name == s) || s.contains("dispatched_via_")) {
                found.push(format!("src/{rel}:{line}: \"{s}\""));
            }
        }
    }
    assert!(found.is_empty(), "figure names as string literals outside src/figures.rs:\n{}", found.join("\n"));
}

/// The top-level modules of `src/` that the code (not the comments) of
/// each top-level module names as `crate::<module>`.
fn module_imports(src: &Path) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut graph = std::collections::BTreeMap::<String, std::collections::BTreeSet<String>>::new();
    for path in rust_files(src) {
        let rel = path.strip_prefix(src).unwrap().to_string_lossy().replace('\\', "/");
        let module = rel.split(['/', '.']).next().unwrap().to_string();
        if module == "main" || module == "lib" || module == "cli" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines().map(|l| l.split("//").next().unwrap_or("")) {
            for part in line.split("crate::").skip(1) {
                let to: String = part.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if to != module && !to.is_empty() {
                    graph.entry(module.clone()).or_default().insert(to);
                }
            }
        }
    }
    graph
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = module_imports(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    // Depth-first search for a path from each module back to itself.
    for start in graph.keys() {
        let mut stack: Vec<Vec<&String>> = vec![vec![start]];
        let mut seen = std::collections::BTreeSet::new();
        while let Some(path) = stack.pop() {
            for next in graph.get(*path.last().unwrap()).into_iter().flatten() {
                assert!(
                    next != start,
                    "import cycle: {} -> {next}",
                    path.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" -> ")
                );
                if seen.insert(next) {
                    let mut longer = path.clone();
                    longer.push(next);
                    stack.push(longer);
                }
            }
        }
    }
}

/// Longest function allowed in `src/` [lines, signature to closing brace].
const MAX_FN_LINES: usize = 100;

/// Functions still over the limit, each in a module another change is
/// rewriting at the same time; split with that change. `(file, fn name)`.
const LONG_FNS_PENDING: &[(&str, &str)] = &[];

/// `(name, first line, length in lines)` of every function with a body in
/// Rust source `text`, found by matching braces from its `fn` line (braces
/// in strings and comments are rare enough in this code not to matter).
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let Some(at) = t.find("fn ") else { continue };
        let before = &t[..at];
        let is_fn = before
            .split_whitespace()
            .all(|w| ["pub", "pub(crate)", "pub(super)", "const", "async", "unsafe", "extern"].contains(&w));
        if !is_fn || t.starts_with("//") {
            continue;
        }
        let name: String = t[at + 3..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let (mut depth, mut opened) = (0i32, false);
        for (j, l) in lines.iter().enumerate().skip(i) {
            let code = l.split("//").next().unwrap_or("");
            for c in code.chars() {
                match c {
                    '{' => (depth, opened) = (depth + 1, true),
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if !opened && code.trim_end().ends_with(';') {
                break;
            }
            if opened && depth <= 0 {
                out.push((name.clone(), i + 1, j - i + 1));
                break;
            }
        }
    }
    out
}

#[test]
fn no_function_in_src_is_over_the_limit() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut long = Vec::new();
    let mut pending_seen = Vec::new();
    for path in rust_files(&src) {
        let rel = path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        for (name, line, len) in functions(&std::fs::read_to_string(&path).unwrap()) {
            if len <= MAX_FN_LINES {
                continue;
            }
            if LONG_FNS_PENDING.contains(&(rel.as_str(), name.as_str())) {
                pending_seen.push((rel.clone(), name));
            } else {
                long.push(format!("src/{rel}:{line}: fn {name} is {len} lines"));
            }
        }
    }
    assert!(long.is_empty(), "functions over {MAX_FN_LINES} lines:\n{}", long.join("\n"));
    for (file, name) in LONG_FNS_PENDING {
        assert!(
            pending_seen.iter().any(|(f, n)| f == file && n == name),
            "src/{file}: fn {name} is no longer over the limit: take it off LONG_FNS_PENDING"
        );
    }
}

#[test]
fn the_function_scanner_measures_bodies() {
    let text = "fn a() {\n    let x = { 1 };\n}\npub(crate) fn b(\n    y: u8,\n) -> u8 {\n    y\n}\nfn c();\n";
    assert_eq!(functions(text), vec![("a".into(), 1, 3), ("b".into(), 4, 5)]);
}
