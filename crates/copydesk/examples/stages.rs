//! Profiling aid: content extraction and metadata timed apart, over pages
//! parsed beforehand (reading, gunzip, decoding and parsing are untimed).
//!
//! `cargo run --release --example stages -- DIR [REPS] [extract|meta|both]`
//!
//! DIR holds `.html` or `.html.gz` pages (e.g. `../shared/bench/scrapinghub/html`).
//! Under `valgrind --tool=callgrind --toggle-collect=...` pass `extract` or
//! `meta` to run one stage only (the other stage still runs once per page
//! when it is needed as input: metadata reads the extracted text).
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: stages DIR [REPS] [extract|meta|both]");
        return;
    };
    let reps: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let which = args.next().unwrap_or_else(|| "both".to_string());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    let mut doms = Vec::new();
    let mut bytes_total = 0usize;
    for p in &paths {
        let Ok(raw) = std::fs::read(p) else { continue };
        let raw = if copydesk::decode::is_gzip(&raw) {
            match copydesk::decode::gunzip(&raw, 50 << 20) {
                Ok((data, _)) => data,
                Err(_) => continue,
            }
        } else {
            raw
        };
        bytes_total += raw.len();
        let text = copydesk::decode::decode(&raw, None).text.into_owned();
        doms.push(copydesk::html::parse(&text));
    }
    let opts = copydesk::Options::default();
    let (mut t_extract, mut t_meta) = (Duration::ZERO, Duration::ZERO);
    let mut checksum = 0usize;
    for _ in 0..reps {
        for dom in &doms {
            let t0 = Instant::now();
            let mut doc = if which == "meta" {
                std::hint::black_box(copydesk::extract::article(dom, &opts))
            } else {
                extract_stage(dom, &opts)
            };
            let t1 = Instant::now();
            if which != "extract" {
                meta_stage(dom, &mut doc);
            }
            let t2 = Instant::now();
            t_extract += t1 - t0;
            t_meta += t2 - t1;
            checksum = checksum
                .wrapping_add(doc.text.len())
                .wrapping_add(doc.title.as_deref().map_or(0, str::len))
                .wrapping_add(doc.language.as_deref().map_or(0, str::len));
        }
    }
    let mb = (bytes_total * reps) as f64 / 1e6;
    let pages = (doms.len() * reps) as f64;
    println!(
        "{} pages x {reps}, {:.1} MB each pass, checksum {checksum}",
        doms.len(),
        bytes_total as f64 / 1e6
    );
    for (name, t) in [("extract", t_extract), ("metadata", t_meta)] {
        let s = t.as_secs_f64();
        println!(
            "{name:<9} {:>8.3} s  {:>8.1} MB/s  {:>8.1} pages/s",
            s,
            mb / s.max(1e-9),
            pages / s.max(1e-9)
        );
    }
    let share = t_meta.as_secs_f64() / (t_extract + t_meta).as_secs_f64().max(1e-9);
    println!("metadata share of extract+metadata: {:.1}%", share * 100.0);
}

/// Content extraction (a separate function so callgrind can toggle on it).
#[inline(never)]
fn extract_stage(dom: &copydesk::html::Dom, opts: &copydesk::Options) -> copydesk::Document {
    copydesk::extract::article(dom, opts)
}

/// Metadata (a separate function so callgrind can toggle on it).
#[inline(never)]
fn meta_stage(dom: &copydesk::html::Dom, doc: &mut copydesk::Document) {
    copydesk::metadata::fill(dom, doc, None);
}
