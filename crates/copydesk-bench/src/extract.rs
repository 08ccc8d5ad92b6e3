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

/// Timed passes over the pages; each speed is the best pass.
const PASSES: usize = 3;

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
    let mut preds = BTreeMap::new();
    let opts = copydesk::Options::default();
    let mut json_bytes = 0usize;
    let mut empty = Vec::new();
    // Speeds are the best of PASSES passes (this machine is shared and
    // noisy); the predictions come from the first.
    let mut secs = f64::MAX;
    for pass in 0..PASSES {
        let start = Instant::now();
        for (id, gz) in &pages {
            // End to end: gunzip, decode, parse, extract, serialise.
            let doc = match copydesk::extract(gz, &opts) {
                Ok(d) => d,
                Err(e) => {
                    if pass == 0 {
                        eprintln!("{prefix}: {id}: {e}");
                    }
                    copydesk::Document::default()
                }
            };
            let json = serde_json::to_string(&doc).map(|s| s.len()).unwrap_or(0);
            if pass == 0 {
                json_bytes += json;
                if doc.is_empty() {
                    empty.push(id.clone());
                }
                preds.insert(id.clone(), serde_json::json!({ "articleBody": doc.text }));
            }
        }
        secs = secs.min(start.elapsed().as_secs_f64());
    }
    let html: Vec<Vec<u8>> = pages
        .iter()
        .map(|(_, gz)| {
            copydesk::decode::gunzip(gz, 1 << 30)
                .map(|(b, _)| b)
                .unwrap_or_default()
        })
        .collect();
    let raw_bytes: usize = html.iter().map(Vec::len).sum();
    // The same with the HTML already in memory, as a library caller (the
    // Python package, a crawler) hands it over: decode, parse, extract,
    // serialise.
    let mut in_memory_secs = f64::MAX;
    for _ in 0..PASSES {
        let start = Instant::now();
        for bytes in &html {
            let doc = copydesk::extract(bytes, &opts).unwrap_or_default();
            std::hint::black_box(serde_json::to_string(&doc).map(|s| s.len()).unwrap_or(0));
        }
        in_memory_secs = in_memory_secs.min(start.elapsed().as_secs_f64());
    }
    // End to end from `.html` files, as the issue measures it (read,
    // decode, parse, extract, serialise): the gzip of ../shared is how the
    // benchmark stores its pages, not part of the work. Every page is
    // gunzipped once into a temporary directory, then read back with
    // `std::fs::read` inside the timed loop.
    let files_secs = time_from_files(&html, &opts)?;
    // Stage shares on the same pages: gunzip, decode, parse, extract,
    // metadata (each stage's best pass).
    let mut stage = [f64::MAX; 5];
    for _ in 0..PASSES {
        let mut pass = [0f64; 5];
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
                if let Some(s) = pass.get_mut(i) {
                    *s += (*b - *a).as_secs_f64();
                }
            }
        }
        for (best, this) in stage.iter_mut().zip(pass) {
            *best = best.min(this);
        }
    }
    // The html5ever tokenizer path, kept as the parser's reference.
    let mut reference_parse = 0f64;
    for bytes in &html {
        let text = copydesk::decode::decode(bytes, None).text;
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
    let n = pages.len() as f64;
    let mb = raw_bytes as f64 / 1e6;
    eprintln!(
        "{prefix}: {} pages, {:.1} MB of HTML, {} KB JSON, one core, best of {PASSES}:\n\
         {prefix}:   end to end from .html files (read, decode, parse, extract, JSON): {:.0} pages/s, {:.1} MB/s\n\
         {prefix}:   end to end from .html.gz files (read, gunzip, decode, parse, extract, JSON): {:.0} pages/s, {:.1} MB/s ({:.2}s)\n\
         {prefix}:   HTML already in memory (decode, parse, extract, JSON): {:.0} pages/s, {:.1} MB/s\n\
         {prefix}: empty: {:?}",
        pages.len(),
        mb,
        json_bytes / 1000,
        n / files_secs,
        mb / files_secs,
        n / secs,
        mb / secs,
        secs,
        n / in_memory_secs,
        mb / in_memory_secs,
        empty
    );
    eprintln!("{prefix}: predictions in {}", pred_path.display());
    Ok(pick(
        &scores,
        prefix,
        &["f1", "precision", "recall", "accuracy"],
    ))
}

/// Writes every page to `std::env::temp_dir()/copydesk-bench-<pid>` as a
/// plain `.html` file, then times (best of [`PASSES`]) reading each one with
/// `std::fs::read`, extracting and serialising it to JSON. The directory is
/// removed afterwards, whatever the outcome.
fn time_from_files(html: &[Vec<u8>], opts: &copydesk::Options) -> Result<f64> {
    let dir = std::env::temp_dir().join(format!("copydesk-bench-{}", std::process::id()));
    let result = write_and_time(&dir, html, opts);
    let removed = std::fs::remove_dir_all(&dir);
    let secs = result?;
    removed.with_context(|| format!("removing {}", dir.display()))?;
    Ok(secs)
}

fn write_and_time(dir: &Path, html: &[Vec<u8>], opts: &copydesk::Options) -> Result<f64> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut paths = Vec::with_capacity(html.len());
    for (i, bytes) in html.iter().enumerate() {
        let path = dir.join(format!("{i:04}.html"));
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        paths.push(path);
    }
    let mut best = f64::MAX;
    for _ in 0..PASSES {
        let start = Instant::now();
        for path in &paths {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            let doc = copydesk::extract(&bytes, opts).unwrap_or_default();
            std::hint::black_box(serde_json::to_string(&doc).map(|s| s.len()).unwrap_or(0));
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    Ok(best)
}

pub fn run(shared: &Path, out: &Path) -> Result<Vec<Metric>> {
    let mut all = Vec::new();
    for (prefix, folder) in DATASETS {
        all.extend(run_dataset(shared, out, prefix, folder)?);
    }
    Ok(all)
}
