//! The `peakplan` command: parses the command line, runs the subcommand and
//! maps errors to exit codes (2 for bad input, 1 for anything else).

use clap::Parser;
mod cli;

use cli::{Cli, Failure};

fn main() {
    let cli = Cli::parse();
    if let Err(failure) = cli.exec() {
        eprintln!("error: {failure}");
        std::process::exit(match failure {
            Failure::Input(_) => 2,
            Failure::Runtime(_) => 1,
        });
    }
}
