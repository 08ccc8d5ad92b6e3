//! `copydesk-bench quotes`: quote attribution on `bench/quotes/dev.jsonl`.
//!
//! Runs [`copydesk_analyze::analyze`] on every dev article, writes
//! `OUT/quotes-dev.jsonl` in the scorer's prediction format (content span,
//! speaker = the speaker as written at the quote, cue span), runs
//! `bench/score_quotes.py` and returns overlap-matching scores for both tracks.
use crate::scorer::{run_python_scorer, Metric};
use anyhow::Context;
use serde_json::{json, Value};
use std::io::{BufRead, Write};
use std::path::Path;
use std::time::Instant;

pub fn run(shared: &Path, out: &Path) -> anyhow::Result<Vec<Metric>> {
    let gold = shared.join("bench/quotes/dev.jsonl");
    let script = shared.join("bench/score_quotes.py");
    let file = std::fs::File::open(&gold).with_context(|| format!("opening {}", gold.display()))?;
    let mut articles: Vec<(String, String)> = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line)?;
        let id = v["id"].as_str().unwrap_or_default().to_string();
        let text = v["text"].as_str().unwrap_or_default().to_string();
        articles.push((id, text));
    }
    let pred_path = out.join("quotes-dev.jsonl");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&pred_path)?);
    let opts = copydesk_analyze::AnalyzeOptions::default();
    let bytes: usize = articles.iter().map(|(_, t)| t.len()).sum();
    // Several passes for a stable figure on a shared machine; the CPU time of
    // this thread (Linux schedstat) is reported next to the wall time.
    const PASSES: usize = 5;
    let mut results = Vec::new();
    let cpu0 = thread_cpu_ns();
    let t0 = Instant::now();
    for _ in 0..PASSES {
        results = articles
            .iter()
            .map(|(_, text)| copydesk_analyze::analyze(text, &opts))
            .collect();
    }
    let secs = t0.elapsed().as_secs_f64().max(1e-9) / PASSES as f64;
    let cpu_secs = match (cpu0, thread_cpu_ns()) {
        (Some(a), Some(b)) if b > a => Some((b - a) as f64 / 1e9 / PASSES as f64),
        _ => None,
    };
    for ((id, _), a) in articles.iter().zip(&results) {
        let quotes: Vec<Value> = a
            .quotes
            .iter()
            .map(|q| {
                json!({
                    "content": {"start": q.start, "end": q.end},
                    "speaker": q.speaker_mention.as_ref().map(|m| json!({
                        "start": m.start, "end": m.end, "text": m.text})),
                    "cue": Value::Null,
                })
            })
            .collect();
        writeln!(w, "{}", json!({"id": id, "quotes": quotes}))?;
    }
    w.flush()?;
    drop(w);
    eprintln!(
        "quotes: {} articles, {:.2} MB in {:.3}s wall: {:.1} MB/s, {:.0} articles/s",
        articles.len(),
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs,
        articles.len() as f64 / secs
    );
    if let Some(c) = cpu_secs {
        eprintln!(
            "quotes: CPU time {:.3}s: {:.1} MB/s, {:.0} articles/s (one core)",
            c,
            bytes as f64 / 1e6 / c.max(1e-9),
            articles.len() as f64 / c.max(1e-9)
        );
    }
    let v = run_python_scorer(&script, &[&gold, &pred_path])?;
    let mut metrics = Vec::new();
    for track in ["direct", "all"] {
        for mode in ["overlap", "exact"] {
            for (key, name) in [
                ("precision", "p"),
                ("recall", "r"),
                ("f1", "f1"),
                ("speaker_acc", "speaker_acc"),
                ("e2e_precision", "e2e.p"),
                ("e2e_recall", "e2e.r"),
                ("e2e_f1", "e2e.f1"),
            ] {
                if let Some(x) = v[track][mode][key].as_f64() {
                    metrics.push((format!("quotes.{track}.{mode}.{name}"), x));
                }
            }
        }
    }
    Ok(metrics)
}

/// CPU time of the current thread in nanoseconds (Linux), if available.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
