//! The `peakplan` command: parses the command line, runs the subcommand and
//! maps errors to exit codes (2 for bad input, 1 for anything else, 130 when
//! interrupted by Ctrl-C or SIGTERM, after removing the unfinished output).

use clap::Parser;
mod cli;

use cli::{Cli, Failure};

fn main() {
    let cli = Cli::parse();
    // Ctrl-C, SIGTERM or SIGHUP: remove the temporary files and the folders
    // of the unfinished output; earlier results are never touched.
    let _ = ctrlc::set_handler(|| {
        peakplan::report::interrupt::clean_up();
        eprintln!("interrupted: no output was left half-written");
        std::process::exit(130);
    });
    if let Err(failure) = cli.exec() {
        eprintln!("error: {failure}");
        std::process::exit(match failure {
            Failure::Input(_) => 2,
            Failure::Runtime(_) => 1,
        });
    }
}
