//! The `pwflow` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser as _;
use pwflow::app::{self, ExitStatus};
use pwflow::cli::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout and usage errors to stderr.
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match app::run(cli.command) {
        Ok(ExitStatus::Clean) => ExitCode::SUCCESS,
        Ok(ExitStatus::Findings) => ExitCode::from(1),
        Err(err) => {
            #[allow(clippy::print_stderr)] // reason: main is where errors are reported
            {
                eprintln!("pwflow: error: {err:#}");
            }
            ExitCode::from(2)
        }
    }
}
