//! Writes predictions for a PolNeAR-style JSONL file in the format of
//! `bench/score_quotes.py` (the same as `copydesk-bench quotes`), and prints
//! the speed. Handy while the bench crate does not build.
//!
//! ```text
//! cargo run --release -p copydesk-analyze --example predict_quotes -- GOLD.jsonl PRED.jsonl
//! python3 /work/shared/bench/score_quotes.py GOLD.jsonl PRED.jsonl
//! ```
use serde_json::{json, Value};
use std::io::{BufRead, Write};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let gold = args.next().ok_or("usage: predict_quotes GOLD PRED")?;
    let pred = args.next().ok_or("usage: predict_quotes GOLD PRED")?;
    let mut arts = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(gold)?).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line)?;
        arts.push((
            v["id"].as_str().unwrap_or("").to_string(),
            v["text"].as_str().unwrap_or("").to_string(),
        ));
    }
    let opts = copydesk_analyze::AnalyzeOptions::default();
    let bytes: usize = arts.iter().map(|a| a.1.len()).sum();
    let t0 = Instant::now();
    let res: Vec<_> = arts
        .iter()
        .map(|(_, t)| copydesk_analyze::analyze(t, &opts))
        .collect();
    let secs = t0.elapsed().as_secs_f64().max(1e-9);
    let mut w = std::io::BufWriter::new(std::fs::File::create(pred)?);
    for ((id, _), a) in arts.iter().zip(&res) {
        let qs: Vec<Value> = a
            .quotes
            .iter()
            .map(|q| {
                json!({"content": {"start": q.start, "end": q.end},
                       "speaker": q.speaker_mention.as_ref().map(|m| json!({"start": m.start, "end": m.end, "text": m.text})),
                       "name": q.speaker, "cue_text": q.cue})
            })
            .collect();
        writeln!(w, "{}", json!({"id": id, "quotes": qs}))?;
    }
    eprintln!(
        "{} articles, {:.2} MB, {:.3}s: {:.1} MB/s, {:.0} articles/s",
        arts.len(),
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs,
        arts.len() as f64 / secs
    );
    Ok(())
}
