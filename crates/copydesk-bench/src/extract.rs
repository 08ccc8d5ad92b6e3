//! `copydesk-bench extract`: article bodies from HTML on the article-extraction
//! benchmarks (scrapinghub and the WCEB dev subsets), with speed.

use crate::scorer::{pick, run_python_scorer, Metric};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

/// The datasets this command knows: (metric prefix, folder under bench/).
pub const DATASETS: &[(&str, &str)] = &[
    ("scrapinghub", "scrapinghub"),
    ("wceb-readability", "wceb-dev/readability"),
    ("wceb-cleanportaleval", "wceb-dev/cleanportaleval"),
];

/// Loads `<dir>/html/*.html.gz` as (id, gzipped bytes), sorted by id.
pub fn load_pages(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut pages = Vec::new();
    let html = dir.join("html");
    for entry in std::fs::read_dir(&html).with_context(|| format!("reading {}", html.display()))? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let Some(id) = name.strip_suffix(".html.gz") else {
            continue;
        };
        pages.push((id.to_string(), std::fs::read(&path)?));
    }
    pages.sort();
    Ok(pages)
}

/// Runs the extractor over one dataset; returns metrics and pages/s.
pub fn run_dataset(shared: &Path, out: &Path, prefix: &str, folder: &str) -> Result<Vec<Metric>> {
    let dir = shared.join("bench").join(folder);
    let pages = load_pages(&dir)?;
    let mut raw_bytes = 0usize;
    let mut preds = BTreeMap::new();
    let opts = copydesk::Options::default();
    let start = Instant::now();
    let mut json_bytes = 0usize;
    let mut empty = Vec::new();
    for (id, gz) in &pages {
        // End to end: gunzip, decode, parse, extract, serialise.
        let doc = match copydesk::extract(gz, &opts) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{prefix}: {id}: {e}");
                copydesk::Document::default()
            }
        };
        json_bytes += serde_json::to_string(&doc).map(|s| s.len()).unwrap_or(0);
        if doc.is_empty() {
            empty.push(id.clone());
        }
        preds.insert(id.clone(), serde_json::json!({ "articleBody": doc.text }));
    }
    let secs = start.elapsed().as_secs_f64();
    for (_, gz) in &pages {
        raw_bytes += copydesk::decode::gunzip(gz, 1 << 30)
            .map(|(b, _)| b.len())
            .unwrap_or(0);
    }
    // Stage shares on the same pages: gunzip, decode, parse, extract, metadata.
    let mut stage = [0f64; 5];
    for (_, gz) in &pages {
        let t = Instant::now();
        let html = copydesk::decode::gunzip(gz, 1 << 30)
            .map(|(b, _)| b)
            .unwrap_or_default();
        let t1 = Instant::now();
        let text = copydesk::decode::decode(&html, None).text;
        let t2 = Instant::now();
        let dom = copydesk::html::parse(&text);
        let t3 = Instant::now();
        let mut doc = copydesk::extract::article(&dom, &opts);
        let t4 = Instant::now();
        copydesk::metadata::fill(&dom, &mut doc, None);
        let t5 = Instant::now();
        for (i, (a, b)) in [(t, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5)]
            .iter()
            .enumerate()
        {
            if let Some(s) = stage.get_mut(i) {
                *s += (*b - *a).as_secs_f64();
            }
        }
    }
    // The html5ever tokenizer path, kept as the parser's reference.
    let mut reference_parse = 0f64;
    for (_, gz) in &pages {
        let html = copydesk::decode::gunzip(gz, 1 << 30)
            .map(|(b, _)| b)
            .unwrap_or_default();
        let text = copydesk::decode::decode(&html, None).text;
        let t = Instant::now();
        let dom = copydesk::html::parse_html5ever(&text);
        reference_parse += t.elapsed().as_secs_f64();
        drop(dom);
    }
    let total: f64 = stage.iter().sum();
    let names = ["gunzip", "decode", "parse", "extract", "metadata"];
    let shares: Vec<String> = names
        .iter()
        .zip(stage.iter())
        .map(|(n, t)| {
            format!(
                "{n} {:.0}% ({:.0} MB/s)",
                100.0 * t / total.max(1e-9),
                raw_bytes as f64 / t.max(1e-9) / 1e6
            )
        })
        .collect();
    eprintln!(
        "{prefix}: stages: {}; parse floor {:.0} pages/s ({:.1} MB/s; html5ever tokenizer path {:.0} pages/s, {:.1} MB/s)",
        shares.join(", "),
        pages.len() as f64 / stage[2].max(1e-9),
        raw_bytes as f64 / stage[2].max(1e-9) / 1e6,
        pages.len() as f64 / reference_parse.max(1e-9),
        raw_bytes as f64 / reference_parse.max(1e-9) / 1e6
    );
    let pred_path = out.join(format!("extract-{prefix}.json"));
    std::fs::write(&pred_path, serde_json::to_vec_pretty(&preds)?)?;
    let scores = run_python_scorer(
        &shared.join("bench/score.py"),
        &[&dir.join("ground-truth.json"), &pred_path],
    )?;
    eprintln!(
        "{prefix}: {} pages in {:.2}s: {:.0} pages/s, {:.1} MB/s of HTML (one core, end to end; {} KB JSON); empty: {:?}",
        pages.len(),
        secs,
        pages.len() as f64 / secs,
        raw_bytes as f64 / secs / 1e6,
        json_bytes / 1000,
        empty
    );
    eprintln!("{prefix}: predictions in {}", pred_path.display());
    Ok(pick(
        &scores,
        prefix,
        &["f1", "precision", "recall", "accuracy"],
    ))
}

pub fn run(shared: &Path, out: &Path) -> Result<Vec<Metric>> {
    let mut all = Vec::new();
    for (prefix, folder) in DATASETS {
        all.extend(run_dataset(shared, out, prefix, folder)?);
    }
    Ok(all)
}
