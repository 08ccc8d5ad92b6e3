//! Retrains the cue lexicon `src/cues.tsv` from a PolNeAR-style JSONL file.
//!
//! ```text
//! cargo run --release -p copydesk-analyze --example train_cues -- /work/shared/bench/quotes/train.jsonl
//! ```
//! For every word (lowercased, as the analyser tokenises it) it counts how many
//! times it lies inside a gold cue span and how many times it occurs at all, and
//! keeps words seen at least twice inside a cue. Only the train split is read.
use std::collections::HashMap;
use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/shared/bench/quotes/train.jsonl".to_string());
    let out = std::env::args()
        .nth(2)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/src/cues.tsv").to_string());
    let file = std::io::BufReader::new(std::fs::File::open(&path)?);
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    let mut articles = 0;
    for line in file.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)?;
        let text = v["text"].as_str().unwrap_or("");
        let mut frags = Vec::new();
        for a in v["attributions"].as_array().into_iter().flatten() {
            for f in a["cue"]["fragments"].as_array().into_iter().flatten() {
                if let (Some(s), Some(e)) = (f[0].as_u64(), f[1].as_u64()) {
                    frags.push((s as usize, e as usize));
                }
            }
        }
        for (word, inside) in copydesk_analyze::train::word_cue_flags(text, &frags) {
            let c = counts.entry(word).or_default();
            c.1 += 1;
            if inside {
                c.0 += 1;
            }
        }
        articles += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().filter(|(_, c)| c.0 >= 2).collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    let mut f = std::io::BufWriter::new(std::fs::File::create(&out)?);
    for (w, (a, b)) in &rows {
        writeln!(f, "{w}\t{a}\t{b}")?;
    }
    eprintln!("{articles} articles, {} cue words -> {out}", rows.len());
    Ok(())
}
