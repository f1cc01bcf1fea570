//! The output flags every command that writes results shares, declared
//! once: where the files go (`--out`, `--force`), what goes to standard
//! output (`--format`, `--quiet`), and for the commands that draw,
//! `--no-plots` and `--lang`. The output folder is held (created, locked
//! against a second run, cleared of what a killed run left, checked
//! writable) here, before the work, and the result is switched into it
//! here, after.

use super::{Failure, OrFailure};
use peakplan::report::folder::{check_out, claim_run_folder, REPORTS_DIR};
use peakplan::report::i18n::Lang;
use peakplan::report::write::Folder;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Format of standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A readable summary.
    Text,
    /// The full result as JSON.
    Json,
    /// The command's main table as CSV (the same as its CSV file).
    Csv,
}

/// Where the result goes and what standard output shows.
#[derive(Debug, clap::Args)]
pub struct OutputArgs {
    /// Folder for the result files (listed in the command's description);
    /// a run holds it alone: a second run into the same folder at the same
    /// time is refused.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write into an --out folder that is not empty, replacing the files
    /// this command writes (others are kept).
    #[arg(long)]
    pub force: bool,
    /// Format of standard output.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// No progress bar and no notes on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// The charts of a command that draws them.
#[derive(Debug, clap::Args)]
pub struct ChartArgs {
    /// Skip the charts (plots/*.svg and plots/*.png), for speed; the other
    /// files are still written.
    #[arg(long)]
    pub no_plots: bool,
}

/// The charts and the language of a command that writes an HTML page.
#[derive(Debug, clap::Args)]
pub struct PageArgs {
    /// The charts.
    #[command(flatten)]
    pub charts: ChartArgs,
    /// Language of the HTML page: `en` or `zh` (中文).
    #[arg(long, default_value = "en", value_parser = clap::builder::ValueParser::new(|s: &str| s.parse::<Lang>()))]
    pub lang: Lang,
}

/// A new run folder `reports/<scenario>/<id>` for a command that writes one
/// when no --out is given.
#[derive(Debug, Clone, Copy)]
pub struct DefaultFolder<'a> {
    /// The scenario's name (sanitised into a path segment).
    pub scenario: &'a str,
    /// The run's id, e.g. `seed1-n400`.
    pub id: &'a str,
}

impl OutputArgs {
    /// Holds the output folder before the work: the --out folder (refused
    /// if it is a file, or not empty without --force, or held by another
    /// run, or not writable), or else a new `reports/<scenario>/<id>`
    /// folder when `default` is given; `None` when nothing is written.
    pub fn prepare(&self, default: Option<DefaultFolder>) -> Result<Option<Folder>, Failure> {
        match (&self.out, default) {
            (Some(dir), _) => {
                check_out(dir, self.force).map_err(Failure::Input)?;
                Folder::open(dir).input().map(Some)
            }
            (None, Some(d)) => {
                let dir = claim_run_folder(Path::new(REPORTS_DIR), d.scenario, d.id).map_err(|e| {
                    Failure::Input(format!(
                        "cannot create a report folder under {REPORTS_DIR}/: {e}; choose one with --out"
                    ))
                })?;
                Folder::hold(&dir, vec![dir.clone()], false).input().map(Some)
            }
            (None, None) => Ok(None),
        }
    }

    /// Switches the result `files` into the held `folder`, removing the
    /// earlier result's files named in `stale`, and notes it unless
    /// --quiet; returns the folder.
    pub fn write(&self, folder: Folder, files: &[(String, Vec<u8>)], stale: &[String]) -> Result<PathBuf, Failure> {
        let dir = folder.path().to_path_buf();
        let written = folder.write(files, stale, self.force).input()?;
        if !self.quiet {
            eprintln!("wrote {} files to {}", written.len(), dir.display());
        }
        Ok(dir)
    }

    /// Prints the text, JSON or CSV form of the result on standard output,
    /// as --format asks.
    pub fn print(&self, text: &str, json: &str, csv: &str) -> Result<(), Failure> {
        print(match self.format {
            Format::Text => text,
            Format::Json => json,
            Format::Csv => csv,
        })
    }
}

/// Writes `text` to standard output. A reader that closed the pipe (as
/// `head` does) ends the command quietly with [`Failure::Closed`]; any
/// other write error (a full disk, a closed descriptor) is a clear error.
/// Never a panic.
pub fn print(text: &str) -> Result<(), Failure> {
    print_bytes(text.as_bytes())
}

/// [`print`] for bytes.
pub fn print_bytes(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).and_then(|()| out.flush()).map_err(stdout_failure)
}

/// The failure of a write to standard output.
fn stdout_failure(e: std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Failure::Closed
    } else {
        Failure::Runtime(format!("cannot write to standard output: {e}"))
    }
}
