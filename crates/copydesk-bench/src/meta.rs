//! `copydesk-bench meta`: article metadata on the Readability test pages and
//! publication days on the htmldate pages, scored with `score_meta.py`, and
//! the share of extraction time spent on metadata.
//!
//! Metrics are fractions (0..1): `meta.<field>` is the scorer's exact-match
//! accuracy over pages with a gold value, `.cover` the share of those where
//! something was returned, `.fp` false positives over pages whose gold is null.

use crate::scorer::{run_python_scorer, Metric};
use anyhow::{Context, Result};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// Loads `<dir>/<id>/source.html.gz` as (id, gzipped bytes), sorted by id.
fn load_pages(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let src = path.join("source.html.gz");
        if !src.is_file() {
            continue;
        }
        let id = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        pages.push((id, std::fs::read(&src)?));
    }
    pages.sort();
    Ok(pages)
}

/// Time spent in each stage, summed over pages.
#[derive(Default)]
struct Timing {
    parse: Duration,
    article: Duration,
    meta: Duration,
}

/// Times each stage of a page is run; the fastest run of each counts. One
/// run's wall-clock time on a shared machine also holds whatever else ran
/// meanwhile (one pass put `meta.time_share` anywhere in .13-.18 from run to
/// run); the fastest of three is much nearer the stage's own cost.
const TIMING_RUNS: usize = 3;

/// Extracts one page stage by stage (the same calls as `extract_html`),
/// timing each ([`TIMING_RUNS`] times, the fastest counted).
fn extract_timed(gz: &[u8], url: Option<&str>, t: &mut Timing) -> copydesk::Document {
    let bytes = match copydesk::decode::gunzip(gz, 1 << 30) {
        Ok((b, _)) => b,
        Err(_) => gz.to_vec(),
    };
    let decoded = copydesk::decode::decode(&bytes, None);
    let opts = copydesk::Options {
        url: url.map(str::to_string),
        ..copydesk::Options::default()
    };
    let mut best = [Duration::MAX; 3];
    let mut out = copydesk::Document::default();
    for _ in 0..TIMING_RUNS {
        let t0 = Instant::now();
        let dom = copydesk::html::parse(&decoded.text);
        let t1 = Instant::now();
        let mut doc = copydesk::extract::article(&dom, &opts);
        let t2 = Instant::now();
        copydesk::metadata::fill(&dom, &mut doc, opts.url.as_deref());
        let t3 = Instant::now();
        for (b, d) in best.iter_mut().zip([t1 - t0, t2 - t1, t3 - t2]) {
            *b = (*b).min(d);
        }
        out = doc;
    }
    let [parse, article, meta] = best;
    t.parse += parse;
    t.article += article;
    t.meta += meta;
    out
}

fn field_metrics(scores: &Value, prefix: &str, field: &str, name: &str) -> Vec<Metric> {
    let Some(f) = scores.get("fields").and_then(|f| f.get(field)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(acc) = f.get("acc").and_then(Value::as_f64) {
        out.push((format!("{prefix}.{name}"), acc));
    }
    if let Some(c) = f.get("cover").and_then(Value::as_f64) {
        out.push((format!("{prefix}.{name}.cover"), c));
    }
    let fp = f.get("fp").and_then(Value::as_f64);
    let null = f.get("null").and_then(Value::as_f64);
    if let (Some(fp), Some(null)) = (fp, null) {
        if null > 0.0 {
            out.push((format!("{prefix}.{name}.fp"), fp / null));
        }
    }
    out
}

pub fn run(shared: &Path, out: &Path) -> Result<Vec<Metric>> {
    let bench = shared.join("bench");
    let mut metrics = Vec::new();
    let mut timing = Timing::default();
    let mut n_pages = 0usize;

    // Readability pages: every metadata field. They are parsed against the
    // address the upstream tests use (the gold's `url`).
    let dir = bench.join("readability-pages");
    let truth: Value = serde_json::from_slice(&std::fs::read(dir.join("ground-truth.json"))?)?;
    let mut preds = BTreeMap::new();
    for (id, gz) in load_pages(&dir)? {
        let url = truth
            .get(&id)
            .and_then(|g| g.get("url"))
            .and_then(Value::as_str);
        let doc = extract_timed(&gz, url, &mut timing);
        n_pages += 1;
        preds.insert(
            id,
            json!({
                "title": doc.title,
                "byline": doc.authors,
                "publishedTime": doc.published,
                "siteName": doc.site_name,
                "lang": doc.language,
                "excerpt": doc.description,
            }),
        );
    }
    let pred_path = out.join("meta-readability.json");
    std::fs::write(&pred_path, serde_json::to_vec_pretty(&preds)?)?;
    let fields = "title,byline,publishedTime,siteName,lang,excerpt";
    let scores = run_scorer(&bench, &dir.join("ground-truth.json"), &pred_path, fields)?;
    for (field, name) in [
        ("title", "title"),
        ("byline", "byline"),
        ("siteName", "site_name"),
        ("lang", "lang"),
        ("publishedTime", "readability_published_day"),
        ("excerpt", "excerpt"),
    ] {
        metrics.extend(field_metrics(&scores, "meta", field, name));
    }
    eprintln!("meta: readability predictions in {}", pred_path.display());

    // Dates: publication day, without the URL (as upstream compares).
    let dir = bench.join("dates");
    let mut preds = BTreeMap::new();
    for (id, gz) in load_pages(&dir)? {
        let doc = extract_timed(&gz, None, &mut timing);
        n_pages += 1;
        preds.insert(
            id,
            json!({ "publishedTime": doc.published, "modifiedTime": doc.modified }),
        );
    }
    let pred_path = out.join("meta-dates.json");
    std::fs::write(&pred_path, serde_json::to_vec_pretty(&preds)?)?;
    let scores = run_scorer(
        &bench,
        &dir.join("ground-truth.json"),
        &pred_path,
        "publishedTime",
    )?;
    metrics.extend(field_metrics(
        &scores,
        "meta",
        "publishedTime",
        "published_day",
    ));
    eprintln!("meta: dates predictions in {}", pred_path.display());

    let total = timing.parse + timing.article + timing.meta;
    let share = |d: Duration| 100.0 * d.as_secs_f64() / total.as_secs_f64().max(1e-9);
    eprintln!(
        "meta: {n_pages} pages, fastest of {TIMING_RUNS} runs a stage; parse {:.2}s ({:.1}%), article {:.2}s ({:.1}%), metadata {:.2}s ({:.1}%) of {:.2}s (decode and gunzip excluded)",
        timing.parse.as_secs_f64(),
        share(timing.parse),
        timing.article.as_secs_f64(),
        share(timing.article),
        timing.meta.as_secs_f64(),
        share(timing.meta),
        total.as_secs_f64()
    );
    metrics.push(("meta.time_share".to_string(), share(timing.meta) / 100.0));
    Ok(metrics)
}

fn run_scorer(bench: &Path, truth: &Path, pred: &Path, fields: &str) -> Result<Value> {
    // score_meta.py takes --fields; run_python_scorer adds --json.
    let fields_arg = std::path::PathBuf::from(format!("--fields={fields}"));
    run_python_scorer(&bench.join("score_meta.py"), &[truth, pred, &fields_arg])
}
