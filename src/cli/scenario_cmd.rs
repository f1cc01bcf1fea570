//! `peakplan scenario init|check`: write the commented default scenario, or
//! check a scenario file and summarise it.

use super::{load_scenario, Failure};
use crate::cli::OrFailure;
use peakplan::report::write::write_all;
use peakplan::scenario::DEFAULT_TOML;
use std::path::PathBuf;

/// The scenario subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ScenarioCmd {
    /// Write the commented default Double 11 scenario to a file (or `-` for
    /// standard output).
    Init {
        /// Where to write it.
        #[arg(default_value = "double11.toml")]
        path: PathBuf,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Check a scenario file; exit code 2 and the place of the error if bad.
    Check {
        /// The scenario file.
        path: PathBuf,
    },
}

/// Runs a scenario subcommand.
pub fn exec(c: &ScenarioCmd) -> Result<(), Failure> {
    match c {
        ScenarioCmd::Init { path, force } if path.as_os_str() == "-" => {
            let _ = force;
            super::output::print(DEFAULT_TOML)
        }
        ScenarioCmd::Init { path, force } => {
            let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or_else(|| Failure::Input(format!("{} is not a file name", path.display())))?;
            write_all(dir, &[(name, DEFAULT_TOML.to_string())], *force).input()?;
            eprintln!("wrote {}", path.display());
            Ok(())
        }
        ScenarioCmd::Check { path } => {
            let s = load_scenario(Some(path))?;
            let m = &s.model;
            let agent_hours: f64 = m.chat.shifts.iter().map(|sh| sh.hours() * f64::from(sh.total())).sum();
            let mut text = format!("{}: ok\n", path.display());
            text += &format!("  scenario   {} — {}\n", s.name, s.description);
            text += &format!(
                "  window     {} {} for {} h\n",
                s.window.start_local(),
                s.window.time_zone.name(),
                s.window.length_s / 3600.0
            );
            text += &format!(
                "  inquiries  {:.0} expected ({:.0}% deflected)\n",
                m.inquiry_rate.expected_total(),
                m.chat.deflection_share * 100.0
            );
            text += &format!(
                "  agents     {} groups, {} shifts, {agent_hours:.0} agent-hours\n",
                m.chat.groups.len(),
                m.chat.shifts.len()
            );
            super::output::print(&text)
        }
    }
}
