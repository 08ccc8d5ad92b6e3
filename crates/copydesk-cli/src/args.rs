//! Flags, and the commands they drive.

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use copydesk::{InputKind, Options};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "copydesk",
    version,
    about = "Raw web news in, clean structured articles out"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Extract the article from HTML or plain-text files (`-` reads stdin).
    Extract(ExtractArgs),
    /// Extract a corpus (folders, WARC, JSONL) into one JSON line per record.
    Batch(crate::batch::BatchArgs),
    /// Find quotes, speakers, entities and dates in plain text taken as it is
    /// (no cleaning; offsets refer to this exact input).
    Analyze(AnalyzeArgs),
    /// Serve the HTTP API (`/v1/extract`, `/v1/analyze`) and the viewer page at `/`.
    Serve(crate::serve::ServeArgs),
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Input {
    Auto,
    Html,
    Text,
}

#[derive(Args)]
pub struct ExtractArgs {
    /// Input files (.html, .html.gz, .txt); `-` for standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    #[arg(long, short, value_enum, default_value = "markdown")]
    pub format: Format,
    /// The page's URL, when the page does not declare one.
    #[arg(long)]
    pub url: Option<String>,
    /// Treat the input as HTML or as plain text instead of detecting it.
    #[arg(long, value_enum, default_value = "auto")]
    pub input: Input,
    /// List what was dropped or moved out of the body, and why.
    #[arg(long)]
    pub explain: bool,
    /// Also find quotes, speakers, entities and dates (JSON output).
    #[arg(long)]
    pub analyze: bool,
    /// Publication day (YYYY-MM-DD) for relative dates, when the page states none.
    #[arg(long)]
    pub published: Option<String>,
}

#[derive(Args)]
pub struct AnalyzeArgs {
    /// A UTF-8 text file; `-` for standard input.
    pub input: PathBuf,
    #[arg(long, short, value_enum, default_value = "json")]
    pub format: AnalyzeFormat,
    /// Publication day (YYYY-MM-DD): resolves "Friday", "next week".
    #[arg(long)]
    pub published: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum AnalyzeFormat {
    Json,
    Text,
}

pub fn run_analyze(a: AnalyzeArgs) -> Result<ExitCode> {
    let bytes = read_input(&a.input)?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "copydesk: {}: invalid UTF-8; malformed bytes replaced with U+FFFD",
                a.input.display()
            );
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let analysis = copydesk::analyze(&text, a.published.as_deref());
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match a.format {
        AnalyzeFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&analysis)?)?,
        AnalyzeFormat::Text => {
            for q in &analysis.quotes {
                writeln!(
                    out,
                    "{} — {}",
                    q.text,
                    q.speaker.as_deref().unwrap_or("(unattributed)")
                )?;
            }
        }
    }
    Ok(
        if analysis.quotes.is_empty() && analysis.entities.is_empty() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}

pub fn run_extract(a: ExtractArgs) -> Result<ExitCode> {
    let opts = Options {
        url: a.url.clone(),
        input: match a.input {
            Input::Auto => InputKind::Auto,
            Input::Html => InputKind::Html,
            Input::Text => InputKind::Text,
        },
        explain: a.explain,
        analyze: a.analyze,
        published: a.published.clone(),
        ..Options::default()
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut any_empty = false;
    let mut any_error = false;
    let several = a.inputs.len() > 1;
    for path in &a.inputs {
        let bytes = match read_input(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("copydesk: {}: {e:#}", path.display());
                any_error = true;
                continue;
            }
        };
        let doc = match copydesk::extract(&bytes, &opts) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("copydesk: {}: {e}", path.display());
                any_error = true;
                continue;
            }
        };
        any_empty |= doc.is_empty();
        let rendered = match a.format {
            Format::Json if several => serde_json::to_string(&doc)?,
            Format::Json => serde_json::to_string_pretty(&doc)?,
            Format::Text => copydesk::render::text(&doc),
            Format::Markdown => copydesk::render::markdown(&doc),
            Format::Html => copydesk::render::html(&doc),
        };
        writeln!(out, "{rendered}").context("writing output")?;
        if a.explain && !matches!(a.format, Format::Json) {
            for r in &doc.removed {
                eprintln!("[{:?} {}] {}", r.action, r.reason, r.text);
            }
        }
    }
    Ok(if any_error {
        ExitCode::from(2)
    } else if any_empty {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn read_input(path: &PathBuf) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("reading standard input")?;
        return Ok(buf);
    }
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}
