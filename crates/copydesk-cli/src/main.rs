//! The `copydesk` command line: a thin front end over the library.

mod args;
mod batch;
mod serve;

use args::{Cli, Command};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => args::run_extract(a),
        Command::Batch(a) => batch::run(a),
        Command::Analyze(a) => args::run_analyze(a),
        Command::Serve(a) => serve::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("copydesk: {e:#}");
            ExitCode::from(2)
        }
    }
}
