//! Flags, and the commands they drive.

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use copydesk::{InputKind, Options};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "copydesk", version, about = "Raw web news in, clean structured articles out")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Extract the article from HTML or plain-text files (`-` reads stdin).
    Extract(ExtractArgs),
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
