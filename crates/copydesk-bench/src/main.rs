//! Benchmark commands. Each writes predictions in its scorer's format under
//! `--out`, runs the reference scorer from `--shared`/bench, and prints the
//! scores and the throughput.

mod extract;
mod floor;
mod meta;
mod quotes;
mod scorer;
mod text;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "copydesk-bench",
    about = "copydesk benchmarks (scores and speed)"
)]
struct Args {
    /// The shared folder holding `bench/`.
    #[arg(long, default_value = "../shared", global = true)]
    shared: PathBuf,
    /// Where predictions are written.
    #[arg(long, default_value = "bench-out", global = true)]
    out: PathBuf,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Article bodies from HTML on scrapinghub and the WCEB dev sets.
    Extract,
    /// The plain-text path on bench/textdumps.
    Text,
    /// Quotes and speakers on bench/quotes/dev.jsonl.
    Quotes,
    /// Metadata on bench/readability-pages and publication days on bench/dates.
    Meta,
    /// Every benchmark above; with --check, fail when a score falls below the floor.
    All {
        /// The quality-floor file to check against.
        #[arg(long)]
        check: Option<PathBuf>,
        /// Write the measured scores as the new floor.
        #[arg(long)]
        write_floor: Option<PathBuf>,
    },
}

fn main() -> Result<()> {
    let args = Args::parse();
    std::fs::create_dir_all(&args.out)?;
    let metrics = match args.cmd {
        Cmd::Extract => extract::run(&args.shared, &args.out)?,
        Cmd::Text => text::run(&args.shared, &args.out)?,
        Cmd::Quotes => quotes::run(&args.shared, &args.out)?,
        Cmd::Meta => meta::run(&args.shared, &args.out)?,
        Cmd::All { check, write_floor } => {
            let mut all = Vec::new();
            all.extend(extract::run(&args.shared, &args.out)?);
            all.extend(text::run(&args.shared, &args.out)?);
            all.extend(meta::run(&args.shared, &args.out)?);
            all.extend(quotes::run(&args.shared, &args.out)?);
            for (name, value) in &all {
                println!("{name} = {value:.4}");
            }
            if let Some(path) = write_floor {
                floor::write(&path, &all)?;
            }
            if let Some(path) = check {
                floor::check(&floor::load(&path)?, &all)?;
            }
            return Ok(());
        }
    };
    for (name, value) in metrics {
        println!("{name} = {value:.4}");
    }
    Ok(())
}
