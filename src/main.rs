//! The `peakplan` command: parses the command line, runs the subcommand and
//! maps errors to exit codes (2 for bad input, 1 for anything else, 130 when
//! interrupted by Ctrl-C or SIGTERM, after removing the unfinished output,
//! 141 when the reader of standard output closed it).

use clap::Parser;
mod cli;

use cli::{Cli, Failure};

fn main() {
    let cli = Cli::parse();
    // Ctrl-C, SIGTERM or SIGHUP: remove the temporary files and the folders
    // of the unfinished output; earlier results are never touched.
    let _ = ctrlc::set_handler(|| {
        eprintln!("interrupted: no output was left half-written");
        peakplan::report::interrupt::clean_up_and_exit(130);
    });
    match cli.exec() {
        Ok(()) => {}
        Err(Failure::Closed) => std::process::exit(141),
        Err(failure) => {
            eprintln!("error: {failure}");
            std::process::exit(match failure {
                Failure::Input(_) => 2,
                Failure::Runtime(_) | Failure::Closed => 1,
            });
        }
    }
}
