//! Running the reference scorers in `../shared/bench` and reading their JSON.

use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Runs `python3 SCRIPT ARGS... --json` and returns the parsed JSON it prints.
pub fn run_python_scorer(script: &Path, args: &[&Path]) -> Result<Value> {
    let mut cmd = Command::new("python3");
    cmd.arg(script);
    for a in args {
        cmd.arg(a);
    }
    cmd.arg("--json");
    let out = cmd
        .output()
        .with_context(|| format!("running python3 {}", script.display()))?;
    if !out.status.success() {
        bail!(
            "{} failed: {}",
            script.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    serde_json::from_slice(&out.stdout)
        .with_context(|| format!("reading JSON printed by {}", script.display()))
}

/// A named score for the quality floor, e.g. `("scrapinghub.f1", 0.97)`.
pub type Metric = (String, f64);

/// Picks numeric fields out of a scorer's JSON under a prefix.
pub fn pick(v: &Value, prefix: &str, fields: &[&str]) -> Vec<Metric> {
    fields
        .iter()
        .filter_map(|f| {
            let mut cur = v;
            for part in f.split('.') {
                cur = cur.get(part)?;
            }
            cur.as_f64().map(|x| (format!("{prefix}.{f}"), x))
        })
        .collect()
}
