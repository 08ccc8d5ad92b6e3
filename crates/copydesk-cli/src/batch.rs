//! `copydesk batch`: many pages, WARC or JSONL in, JSONL out. The work is in
//! `copydesk-corpus`; this module parses flags, draws progress and prints
//! the summary.

use anyhow::{bail, Context, Result};
use clap::Args;
use copydesk_corpus::{pipeline, Config, Inputs, Output, Resume};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufReader, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[derive(Args)]
pub struct BatchArgs {
    /// Folders (walked for .html/.htm/.html.gz/.txt/.warc[.gz]/.jsonl), WARC
    /// or WARC.gz files, JSONL files of {"id","html"|"text","url"?} lines.
    pub inputs: Vec<PathBuf>,
    /// Read input paths, one a line, from this file (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// Output JSONL file (standard output when absent).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Extraction threads (default: the number of cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Append to the output, skipping records whose ids are already there.
    #[arg(long)]
    pub resume: bool,
    /// Records larger than this many bytes become `too-large` error entries.
    #[arg(long, default_value_t = 50 << 20, value_name = "BYTES")]
    pub max_record_bytes: usize,
    /// Jaccard similarity (word 5-grams) at which an article is a near duplicate.
    #[arg(long, default_value_t = copydesk_corpus::dedup::DEFAULT_THRESHOLD)]
    pub near_dup_threshold: f64,
    /// Do not look for duplicates (`duplicate_of` is then always null).
    #[arg(long)]
    pub no_dedup: bool,
    /// Keep only articles in these languages (e.g. `en,de`); the others get
    /// a `"skipped": "language"` line.
    #[arg(long, value_delimiter = ',')]
    pub lang: Option<Vec<String>>,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Records per write to the output (and per progress update).
    #[arg(long, default_value_t = 256, hide = true)]
    pub chunk: usize,
}

pub fn run(args: BatchArgs) -> Result<ExitCode> {
    if args.inputs.is_empty() && args.files_from.is_none() {
        bail!("give input paths or --files-from");
    }
    if !(0.0..=1.0).contains(&args.near_dup_threshold) {
        bail!("--near-dup-threshold must be between 0 and 1");
    }
    let mut cfg = Config {
        max_record_bytes: args.max_record_bytes,
        dedup: !args.no_dedup,
        near_dup_threshold: args.near_dup_threshold,
        languages: args.lang.map(|l| {
            l.into_iter()
                .map(|s| s.trim().to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect()
        }),
        chunk_records: args.chunk.max(1),
        ..Config::default()
    };
    if let Some(j) = args.jobs {
        cfg.jobs = j.max(1);
    }

    let (output, resume) = match (&args.output, args.resume) {
        (Some(p), true) => copydesk_corpus::open_resume(p, cfg.dedup)?,
        (Some(p), false) => (Output::create(p)?, Resume::default()),
        (None, true) => bail!("--resume needs --output"),
        (None, false) => (
            Output::Writer(Box::new(std::io::stdout())),
            Resume::default(),
        ),
    };

    let inputs = match &args.files_from {
        None => Inputs::Paths(args.inputs.clone()),
        Some(list) => {
            let reader: Box<dyn std::io::BufRead + Send> = if list.as_os_str() == "-" {
                Box::new(BufReader::new(std::io::stdin()))
            } else {
                let f = std::fs::File::open(list)
                    .with_context(|| format!("cannot read {}", list.display()))?;
                Box::new(BufReader::new(f))
            };
            let given = args.inputs.clone().into_iter();
            Inputs::List(Box::new(
                given.chain(copydesk_corpus::sources::path_lines(reader)),
            ))
        }
    };

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        // Second Ctrl-C: the default behaviour is gone, so exit at once.
        let _ = ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    }

    let bar = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let b = ProgressBar::new_spinner();
        b.set_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        b.enable_steady_tick(std::time::Duration::from_millis(200));
        b
    };
    let bar2 = bar.clone();
    let mut progress = move |s: &copydesk_corpus::Summary| {
        bar2.set_message(format!(
            "{} records, {} articles, {} errors, {} duplicates, {:.0} pages/s, {:.1} MB/s",
            s.records,
            s.articles,
            s.error_count(),
            s.duplicates(),
            s.pages_per_sec(),
            s.mb_per_sec()
        ));
    };
    let result = pipeline::run(inputs, output, &cfg, resume, &stop, &mut progress);
    bar.finish_and_clear();
    let summary = result?;
    eprintln!("{}", summary.report());
    Ok(if summary.interrupted {
        ExitCode::from(130)
    } else {
        ExitCode::SUCCESS
    })
}
