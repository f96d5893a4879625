//! The `pwflow` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser as _;
use pwflow::app;
use pwflow::cli::Cli;
use pwflow::model::ExitStatus;

/// glibc gives memory at the top of its heap back to the kernel as soon as more than 128 KiB
/// is free there, and asks for it again on the next large allocation. Compiling a tree-sitter
/// query and parsing a file allocate and free megabytes at a time, so each compile paid page
/// faults again, and with two threads each fault on a shared page flushed the other core's
/// TLB. Keeping 4 MiB of slack took a 20-file pre-commit run from 56 to 39 ms (system time
/// 34 to 18 ms); 16 MiB was no faster and made peak memory on the benchmark corpus vary more
/// from run to run (36-40 MiB); with 4 MiB it stays within 37-38 MiB on the corpus and twice it.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[expect(unsafe_code, reason = "mallopt is an FFI call: the one unsafe block of the crate")]
fn keep_heap_slack() {
    // SAFETY: `mallopt` only sets an allocator parameter; nothing else runs yet.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 4 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_heap_slack() {}

fn main() -> ExitCode {
    keep_heap_slack();
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
            #[expect(clippy::print_stderr, reason = "main is where errors are reported")]
            {
                eprintln!("pwflow: error: {err:#}");
            }
            ExitCode::from(2)
        }
    }
}
