//! `copydesk-bench text`: the plain-text path on `bench/textdumps`.
//!
//! For each input kind (`page-text`, `boilerpipe`, `recall`) runs
//! [`copydesk_text::extract_text`] over `input.json`, writes
//! `OUT/text-<kind>.json` (id -> {"articleBody"}), scores it with
//! `bench/score.py` and reports P/R/F1 plus pages/s and MB/s on stderr.
use crate::scorer::{pick, run_python_scorer, Metric};
use anyhow::{Context, Result};
use serde_json::{json, Map, Value};
use std::path::Path;
use std::time::Instant;

const KINDS: [&str; 3] = ["page-text", "boilerpipe", "recall"];

pub fn run(shared: &Path, out: &Path) -> Result<Vec<Metric>> {
    let bench = shared.join("bench");
    let base = bench.join("textdumps").join("scrapinghub");
    let truth = base.join("ground-truth.json");
    let script = bench.join("score.py");
    let opts = copydesk_text::TextOptions::default();
    let mut metrics = Vec::new();
    for kind in KINDS {
        let path = base.join(kind).join("input.json");
        let raw = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let input: Value =
            serde_json::from_str(&raw).with_context(|| format!("parsing {}", path.display()))?;
        let pages = input
            .as_object()
            .with_context(|| format!("{} is not an object", path.display()))?;
        let mut pred = Map::new();
        let mut bytes = 0usize;
        let start = Instant::now();
        for (id, page) in pages {
            let text = page.get("text").and_then(Value::as_str).unwrap_or("");
            bytes += text.len();
            let doc = copydesk_text::extract_text(text, &opts);
            pred.insert(id.clone(), json!({ "articleBody": doc.text }));
        }
        let secs = start.elapsed().as_secs_f64().max(1e-9);
        eprintln!(
            "text {kind}: {} pages, {:.1} MB in {:.3}s: {:.0} pages/s, {:.1} MB/s",
            pred.len(),
            bytes as f64 / 1e6,
            secs,
            pred.len() as f64 / secs,
            bytes as f64 / 1e6 / secs
        );
        let pred_path = out.join(format!("text-{kind}.json"));
        std::fs::write(&pred_path, serde_json::to_string(&Value::Object(pred))?)
            .with_context(|| format!("writing {}", pred_path.display()))?;
        let scores = run_python_scorer(&script, &[&truth, &pred_path])?;
        let m = pick(
            &scores,
            &format!("text.{kind}"),
            &["f1", "precision", "recall"],
        );
        for (name, value) in &m {
            eprintln!("  {name} = {value:.4}");
        }
        metrics.extend(m);
    }
    Ok(metrics)
}
