//! `copydesk serve`: the HTTP API and the viewer page. The work is in
//! `copydesk-server`; this module parses flags and sets up logging.

use anyhow::{Context, Result};
use clap::Args;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Largest request body in bytes (bigger: 413).
    #[arg(long, default_value_t = 10 << 20, value_name = "BYTES")]
    pub max_body_bytes: usize,
    /// Whole-request timeout in seconds (over: 504).
    #[arg(long, default_value_t = 30.0, value_name = "SECS")]
    pub timeout: f64,
    /// Extractions running at once (default: twice the number of cores).
    #[arg(long)]
    pub max_concurrency: Option<usize>,
    /// Seconds a request waits for a free worker before a 503.
    #[arg(long, default_value_t = 10.0, value_name = "SECS")]
    pub queue_timeout: f64,
}

pub fn run(a: ServeArgs) -> Result<ExitCode> {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .compact()
        .init();
    let mut config = copydesk_server::Config {
        max_body_bytes: a.max_body_bytes,
        timeout: seconds(a.timeout, "--timeout")?,
        queue_timeout: seconds(a.queue_timeout, "--queue-timeout")?,
        ..copydesk_server::Config::default()
    };
    if let Some(n) = a.max_concurrency {
        config.max_concurrency = n.max(1);
    }
    copydesk_server::serve_blocking(&a.addr, config)
        .with_context(|| format!("serving on {}", a.addr))?;
    Ok(ExitCode::SUCCESS)
}

fn seconds(s: f64, flag: &str) -> Result<Duration> {
    Duration::try_from_secs_f64(s).with_context(|| format!("{flag}: not a duration in seconds"))
}
